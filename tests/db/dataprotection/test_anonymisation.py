"""Anonymising expired cases removes who people are and what they wrote, and keeps every
figure the annual report counts."""

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fairhear.casework import services as casework
from fairhear.casework.models import Attachment, CaseEvent, Compliment, Contact, Person
from fairhear.casework.selectors.audit import case_audit_trail
from fairhear.core.report import Period
from fairhear.dataprotection.models import RetentionRun
from fairhear.dataprotection.selectors import retention_review
from fairhear.dataprotection.services import (
    RetentionError,
    anonymise_expired,
    lift_hold,
    place_hold,
)
from fairhear.demo.council import build_organisation, fill_case_data
from fairhear.letters.models import Letter
from fairhear.reports.engine import build_report
from tests.builders import RECEIVED, log, triage_statutory

pytestmark = pytest.mark.django_db

FAR_FUTURE = date(2070, 1, 1)


def _reports(years: range) -> str:
    return json.dumps(
        {
            year: build_report(Period.financial_year(year), as_at=date(2025, 3, 31))
            for year in years
        },
        sort_keys=True,
        default=str,
    )


def test_every_report_table_is_the_same_after_anonymising_a_generated_council(
    manager: User,
) -> None:
    build_organisation(by=manager)
    fill_case_data(seed=5, scale=1, years=2, until=date(2024, 9, 30), by=manager)
    years = range(2022, 2025)
    before = _reports(years)

    review = retention_review(FAR_FUTURE)
    run = anonymise_expired(as_of=FAR_FUTURE, confirmed=review.references, by=manager)

    assert run.cases == len(review.due) > 1000
    assert _reports(years) == before
    anonymised = Contact.objects.filter(anonymised__isnull=False)
    assert not anonymised.exclude(summary="").exists()
    assert not anonymised.exclude(child_name="").exists()
    assert not Person.objects.filter(contacts__in=anonymised).exclude(name="").exists()


def _case(officer: User, *, received: date = RECEIVED) -> Contact:
    """A statutory complaint at Stage 1 about an adult's case (so the years after closure
    decide), from Jo Bloggs, naming her son."""
    jo, _ = Person.objects.get_or_create(
        key="jo",
        defaults={
            "name": "Jo Bloggs",
            "email": "jo@example.com",
            "phone": "07700 900123",
            "address": "1 High Street",
        },
    )
    contact = log(
        officer,
        received=received,
        complainant=jo,
        summary="Jo Bloggs says her son Alex was not visited.",
        child_name="Alex Bloggs",
        age_band="25+",
    )
    return triage_statutory(contact, officer, on=received)


def _closed_case(officer: User) -> Contact:
    contact = _case(officer)
    return casework.reply_stage_one(
        contact,
        version=contact.version,
        on=date(2024, 6, 10),
        outcome="upheld",
        what_was_done="Apologised to Jo Bloggs",
        by=officer,
    )


def test_a_case_loses_names_text_documents_and_audited_values_but_keeps_its_codes(
    manager: User,
    officer: User,
    media_in_tmp: Path,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    contact = _closed_case(officer)
    document = casework.add_attachment(
        contact,
        upload=SimpleUploadedFile("letter.pdf", b"%PDF-1.4 Jo Bloggs"),
        content_type="application/pdf",
        description="Letter from Jo Bloggs",
        by=officer,
    )
    stored = media_in_tmp / document.file.name
    assert stored.exists()
    letter = Letter.objects.create(
        contact=contact,
        kind="stage_1_response",
        audience="standard",
        subject="Your complaint",
        body="Dear Jo Bloggs, we are sorry about Alex.",
        channel="post",
        sent_to="1 High Street",
        sent_by=officer,
    )

    client = Client()
    client.force_login(officer)
    opened = client.get(
        reverse("casework:download-attachment", args=[contact.reference, document.pk])
    )
    assert opened.status_code == 200
    assert client.get(reverse("casework:case", args=[contact.reference])).status_code == 200
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_repr="letter.pdf")

    with django_capture_on_commit_callbacks(execute=True):
        run = anonymise_expired(as_of=FAR_FUTURE, confirmed=[contact.reference], by=manager)

    contact.refresh_from_db()
    assert (contact.summary, contact.child_name) == ("", "")
    assert contact.route == "statutory"
    assert contact.received == RECEIVED
    stage = contact.stages.get(number=1)
    assert (stage.outcome, stage.responded, stage.what_was_done) == (
        "upheld",
        date(2024, 6, 10),
        "",
    )
    person = contact.complainant
    assert person is not None
    assert (person.name, person.email, person.phone, person.address) == ("", "", "", "")
    assert person.key.startswith("anonymised-")
    assert not Attachment.objects.filter(contact=contact).exists()
    letter.refresh_from_db()
    assert (letter.subject, letter.body, letter.sent_to) == ("", "", "")
    assert letter.kind == "stage_1_response"
    assert not stored.exists()
    # Nothing anyone wrote survives in the timeline or the audit trail.
    trail = list(case_audit_trail(contact).values("changes", "object_repr", "serialized_data"))
    assert len(trail) > 3
    assert "Bloggs" not in json.dumps(trail)
    # Who downloaded the document stays in the view log, but not the file's name.
    views = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    assert views.filter(object_repr="").exists()
    assert not views.filter(object_repr="letter.pdf").exists()
    assert views.filter(content_type__model="contact", object_repr=contact.reference).exists()
    assert "Bloggs" not in " ".join(contact.events.values_list("description", flat=True))
    assert contact.events.filter(action="fairhear.case.anonymised").exists()
    assert (run.by, run.cases, run.people) == (manager, 1, 1)
    assert LogEntry.objects.get_for_object(run).exists()


def test_a_case_within_its_retention_period_is_not_due(officer: User) -> None:
    contact = _closed_case(officer)
    assert retention_review(date(2030, 6, 9)).due == []
    assert [c.contact for c in retention_review(date(2030, 6, 10)).due] == [contact]


def test_an_open_case_is_never_due(officer: User) -> None:
    _case(officer)
    assert retention_review(FAR_FUTURE).due == []


def test_a_legal_hold_keeps_a_case_until_it_is_lifted(manager: User, officer: User) -> None:
    contact = _closed_case(officer)
    hold = place_hold(
        contact=contact, reason="A claim is expected.", on=date(2025, 1, 6), by=manager
    )

    review = retention_review(FAR_FUTURE)
    assert review.due == []
    assert review.held[0].held_because == "a legal hold is in force"
    # A case confirmed on a preview but held since is left as it is.
    with pytest.raises(RetentionError):
        anonymise_expired(as_of=FAR_FUTURE, confirmed=[contact.reference], by=manager)
    assert Contact.objects.get(pk=contact.pk).summary != ""

    lift_hold(hold=hold, on=date(2025, 2, 3), by=manager)
    assert [c.contact for c in retention_review(FAR_FUTURE).due] == [contact]


def test_a_person_with_a_case_still_kept_keeps_their_details(manager: User, officer: User) -> None:
    old = _closed_case(officer)
    _case(officer, received=date(2024, 9, 2))  # still open

    anonymise_expired(as_of=FAR_FUTURE, confirmed=[old.reference], by=manager)

    assert Person.objects.get(key="jo").name == "Jo Bloggs"


def test_old_compliments_lose_their_text(manager: User, officer: User) -> None:
    compliment = casework.record_compliment(
        received=date(2018, 5, 1), text="Thank you, Sam Smith", by=officer
    )
    run = anonymise_expired(as_of=date(2025, 1, 1), confirmed=[], by=manager)
    assert run.compliments == 1
    assert Compliment.objects.get(pk=compliment.pk).text == ""
    assert not CaseEvent.objects.filter(description__contains="Sam Smith").exists()


def test_nothing_due_is_refused_and_writes_nothing(manager: User) -> None:
    with pytest.raises(RetentionError, match="Nothing is due"):
        anonymise_expired(as_of=FAR_FUTURE, confirmed=[], by=manager)
    assert not RetentionRun.objects.exists()


def test_the_history_of_an_anonymised_case_says_what_was_removed(
    manager: User, officer: User, client: Client
) -> None:
    contact = _closed_case(officer)
    anonymise_expired(as_of=FAR_FUTURE, confirmed=[contact.reference], by=manager)
    client.force_login(manager)

    page = client.get(reverse("casework:history", args=[contact.reference])).content.decode()

    assert "Personal data: kept → Removed under the retention schedule" in page
    assert "Summary: Removed under the retention schedule" in page
    assert "Bloggs" not in page
