"""Subject access: a request is logged with its due date and listed until answered; the
manager finds everything about the person, ticks their cases and downloads one bundle that
holds everything about them and nothing about anyone else unmarked."""

import csv
import io
import re
import zipfile
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from fairhear.casework import services as casework
from fairhear.casework.models import CaseEvent, Contact, Practitioner
from fairhear.dataprotection import services
from fairhear.dataprotection.bundle import cases_for_bundle
from fairhear.dataprotection.models import SubjectAccessBundle, SubjectAccessRequest
from fairhear.dataprotection.subject_access import Search, find_cases
from fairhear.letters import services as letters
from fairhear.letters.kinds import Audience, LetterKind
from tests.builders import log, stage, triage_statutory

pytestmark = pytest.mark.django_db

MARK = re.compile(r"\[review for redaction: [^\]]*\]")


def _named(user: User, first: str, last: str) -> User:
    user.first_name, user.last_name = first, last
    user.save()
    return user


@pytest.fixture
def people(manager: User, officer: User) -> dict[str, Any]:
    """Jane Smith complained in 2023 (about her son Tom) and in 2024; Bob Jones in 2024."""
    officer = _named(officer, "Olive", "Officer")
    _named(manager, "Mina", "Manager")
    jane = casework.record_person(
        name="Jane Smith", email="jane@example.org", phone="07700 900123", by=officer
    )
    first = triage_statutory(
        log(
            officer,
            received=date(2023, 6, 1),
            complainant=jane,
            child_name="Tom Smith",
            summary="Jane says the social worker did not visit Tom Smith at home.",
        ),
        officer,
        on=date(2023, 6, 1),
    )
    casework.add_attachment(
        first,
        upload=SimpleUploadedFile("jane.txt", b"Jane's own account"),
        content_type="text/plain",
        description="Jane's account",
        by=officer,
    )
    first = Contact.objects.get(pk=first.pk)
    letters.send_letter_by_email(
        first,
        version=first.version,
        kind=LetterKind.ACKNOWLEDGEMENT,
        audience=Audience.STANDARD,
        subject="We have your complaint",
        body="Dear Jane Smith\n\nWe have your complaint about Tom Smith.\n\nOlive Officer",
        by=officer,
    )
    second = triage_statutory(
        log(
            officer,
            received=date(2024, 7, 1),
            complainant=jane,
            summary="Jane asks why her review was cancelled by Sam Price.",
        ),
        officer,
        on=date(2024, 7, 1),
    )
    sam = Practitioner.objects.create(name="Sam Price")
    stage(second, 2, investigating_officer=sam, what_was_done="Sam Price apologised.")
    bob = casework.record_person(name="Bob Jones", email="bob@example.org", by=officer)
    other = triage_statutory(
        log(officer, received=date(2024, 3, 1), complainant=bob, summary="Bob's heating."),
        officer,
        on=date(2024, 3, 1),
    )
    return {"jane": jane, "first": first, "second": second, "other": other}


def _bundle_texts(data: bytes) -> dict[str, str]:
    """Every file of the bundle as text: the Word summary's paragraphs and cells, the rest
    as they are."""
    texts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            raw = archive.read(name)
            if name.endswith(".docx"):
                document = Document(io.BytesIO(raw))
                lines = [p.text for p in document.paragraphs]
                for table in document.tables:
                    lines += [cell.text for row in table.rows for cell in row.cells]
                texts[name] = "\n".join(lines)
            else:
                texts[name] = raw.decode("utf-8")
    return texts


def test_logging_a_request_computes_its_due_date_and_lists_it_until_answered(
    client: Client, manager: User, officer: User
) -> None:
    client.force_login(manager)
    response = client.post(
        reverse("dataprotection:log-request"),
        {
            "requester": "Jane Smith",
            "received_0": "31",
            "received_1": "1",
            "received_2": "2025",
            "email": "jane@example.org",
        },
    )
    request = SubjectAccessRequest.objects.get()
    assert response.status_code == 302
    assert request.due == date(2025, 2, 28)
    assert "Jane Smith" in client.get(reverse("dataprotection:retention")).content.decode()

    client.force_login(officer)
    dashboard = client.get(reverse("staff-home")).content.decode()
    assert "Requests about personal data" in dashboard
    assert "28 February 2025" in dashboard

    services.record_answer_sent(
        request=request,
        version=request.version,
        sent=date(2025, 2, 20),
        today=date.today(),
        by=manager,
    )
    assert "Requests about personal data" not in client.get(reverse("staff-home")).content.decode()


def test_a_request_received_in_the_future_is_refused(client: Client, manager: User) -> None:
    client.force_login(manager)
    page = client.post(
        reverse("dataprotection:log-request"),
        {"requester": "Jane Smith", "received_0": "1", "received_1": "1", "received_2": "2999"},
    )
    assert "cannot be in the future" in page.content.decode()
    assert not SubjectAccessRequest.objects.exists()


def test_the_search_finds_the_person_as_complainant_child_or_named(
    people: dict[str, Any], officer: User
) -> None:
    tom_named = log(officer, received=date(2024, 9, 2), summary="Tom Smith's school called.")
    by_name = {m.contact.reference: m for m in find_cases(Search(name="Jane Smith"))}
    assert set(by_name) == {people["first"].reference, people["second"].reference}
    assert by_name[people["first"].reference].as_complainant
    by_phone = find_cases(Search(phone="07700900123"))
    assert {m.contact.reference for m in by_phone} == set(by_name)
    tom = {m.contact.reference: m for m in find_cases(Search(name="Tom Smith"))}
    assert tom[people["first"].reference].as_child
    assert "the case's details" in tom[tom_named.reference].named_in
    assert people["other"].reference not in tom


def test_a_bundle_holds_everything_about_the_person_and_nothing_about_anyone_else_unmarked(
    client: Client, manager: User, people: dict[str, Any]
) -> None:
    first, second, other = people["first"], people["second"], people["other"]
    request = services.log_subject_access_request(
        requester="Jane Smith", received=date(2025, 1, 6), today=date(2025, 1, 6), by=manager
    )
    client.force_login(manager)
    page = client.get(reverse("dataprotection:request", args=[request.pk])).content.decode()
    assert first.reference in page
    assert second.reference in page
    assert other.reference not in page

    response = client.post(
        reverse("dataprotection:bundle", args=[request.pk]),
        {"name": "Jane Smith", "references": [first.reference, second.reference]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    texts = _bundle_texts(response.content)

    # Everything about her: both years' cases, their details, timeline, letter, rows, file.
    summary = texts["summary.docx"]
    for wanted in (
        first.reference,
        second.reference,
        "Jane Smith",
        "jane@example.org",
        "did not visit",
        "review was cancelled",
        "We have your complaint",
        "Contact received by telephone",
    ):
        assert wanted in summary, wanted
    rows = list(csv.DictReader(io.StringIO(texts["case-file/contacts.csv"])))
    assert [row["reference"] for row in rows] == sorted([first.reference, second.reference])
    assert [row["reference"] for row in csv.DictReader(io.StringIO(texts["case-file/stages.csv"]))]
    documents = [name for name in texts if name.startswith(f"documents/{first.reference}/")]
    assert [texts[name] for name in documents] == ["Jane's own account"]
    # with the case file's index of them, her people.csv row and the cases' history
    index = list(csv.DictReader(io.StringIO(texts["case-file/documents.csv"])))
    assert [row["file"] for row in index] == documents
    assert "Jane Smith" in texts["case-file/people.csv"]
    events = list(csv.DictReader(io.StringIO(texts["case-file/events.csv"])))
    assert {row["reference"] for row in events} == {first.reference, second.reference}

    # Nothing about anyone else: Bob's case is not there at all, and every third party's
    # name is marked wherever it appears.
    everything = "\n".join(texts.values())
    for absent in (other.reference, "Bob Jones", "bob@example.org", "Bob's heating"):
        assert absent not in everything
    for name, text in texts.items():
        unmarked = MARK.sub("", text)
        for third_party in ("Tom Smith", "Sam Price", "Olive Officer"):
            if name != "redaction-review.csv":
                assert third_party not in unmarked, (name, third_party)
    assert "[review for redaction: Tom Smith]" in summary
    assert "[review for redaction: Sam Price]" in summary
    review = list(csv.DictReader(io.StringIO(texts["redaction-review.csv"])))
    assert {(r["case"], r["name"]) for r in review} >= {
        (first.reference, "Tom Smith"),
        (second.reference, "Sam Price"),
        (first.reference, "Olive Officer"),
    }

    # Audited: who, when and which cases, on the request and each case's timeline.
    bundle = SubjectAccessBundle.objects.get()
    assert bundle.by == manager
    assert set(bundle.cases.all()) == {first, second}
    assert (
        CaseEvent.objects.filter(
            contact__in=[first, second], action="fairhear.case.subject_access"
        ).count()
        == 2
    )

    answered = client.post(
        reverse("dataprotection:answered", args=[request.pk]),
        {"sent_0": "10", "sent_1": "1", "sent_2": "2025", "version": request.version},
    )
    assert answered.status_code == 302
    assert SubjectAccessRequest.objects.get().answered == date(2025, 1, 10)


def test_only_cases_the_search_found_can_go_in_a_bundle(
    client: Client, manager: User, people: dict[str, Any]
) -> None:
    request = services.log_subject_access_request(
        requester="Jane Smith", received=date(2025, 1, 6), today=date(2025, 1, 6), by=manager
    )
    client.force_login(manager)
    response = client.post(
        reverse("dataprotection:bundle", args=[request.pk]),
        {"name": "Jane Smith", "references": [people["other"].reference]},
        follow=True,
    )
    assert "Tick only cases the search found" in response.content.decode()
    assert not SubjectAccessBundle.objects.exists()
    nothing = client.post(
        reverse("dataprotection:bundle", args=[request.pk]), {"name": "Jane Smith"}, follow=True
    )
    assert "Tick at least one case" in nothing.content.decode()


def test_when_the_child_asks_the_complainant_is_the_third_party(people: dict[str, Any]) -> None:
    (case,) = cases_for_bundle(Search(name="Tom Smith"), [people["first"].reference])
    assert case.requester_is_child
    assert not case.requester_is_complainant
    names = {party.name for party in case.third_parties}
    assert "Jane Smith" in names
    assert "Tom Smith" not in names
    assert case.mark("Jane Smith rang about Tom Smith") == (
        "[review for redaction: Jane Smith] rang about Tom Smith"
    )


def test_the_answer_cannot_be_recorded_twice_or_before_the_request(manager: User) -> None:
    request = services.log_subject_access_request(
        requester="Jane Smith", received=date(2025, 1, 6), today=date(2025, 1, 6), by=manager
    )
    with pytest.raises(services.RequestError, match="before the request was received"):
        services.record_answer_sent(
            request=request, version=1, sent=date(2025, 1, 5), today=date(2025, 2, 1), by=manager
        )
    services.record_answer_sent(
        request=request, version=1, sent=date(2025, 1, 7), today=date(2025, 2, 1), by=manager
    )
    with pytest.raises(services.RequestError, match="Someone else changed"):
        services.record_answer_sent(
            request=request, version=1, sent=date(2025, 1, 7), today=date(2025, 2, 1), by=manager
        )
