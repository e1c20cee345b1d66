"""The letters' pages: the complaints manager's templates with a preview against a real case,
and a case's letters, written, sent, kept, downloaded and shown to the complainant."""

import io
import re
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from docx import Document
from pypdf import PdfReader

from fairhear.casework.models import Contact
from fairhear.letters import services
from fairhear.letters.kinds import Audience, LetterKind
from fairhear.letters.models import Letter, LetterTemplate
from fairhear.letters.selectors import wording_of
from fairhear.public.models import PublicSubmission
from fairhear.public.tokens import token_hash
from tests import builders
from tests.db.letters.conftest import fresh

pytestmark = pytest.mark.django_db

#: The part of the young person's Stage 1 response the officer writes.
GAP_TO_WRITE = (
    "[Write the answer here in plain words: what we looked at, what we found and what we will do.]"
)
TEMPLATE = "/staff/letters/templates/stage_1_response/standard/"


@pytest.fixture
def as_manager(client: Client, manager: User) -> Client:
    client.force_login(manager)
    return client


@pytest.fixture
def as_officer(client: Client, officer: User) -> Client:
    client.force_login(officer)
    return client


def test_the_template_list_shows_each_letter_in_both_versions(as_manager: Client) -> None:
    page = as_manager.get("/staff/letters/templates/").content.decode()

    for kind in LetterKind:
        assert page.count(f"/staff/letters/templates/{kind.value}/") == len(Audience)


def test_a_template_naming_an_unknown_field_is_refused_with_a_clear_message(
    as_manager: Client,
) -> None:
    response = as_manager.post(
        TEMPLATE, {"subject": "Our response", "body": "Dear {{ complainant }}", "save": "Save"}
    )

    assert response.status_code == 200
    assert "names a field that do not exist: {{ complainant }}" in response.content.decode()
    assert not LetterTemplate.objects.exists()


def test_the_preview_fills_in_a_real_case_without_saving(
    as_manager: Client, replied: Contact
) -> None:
    response = as_manager.post(
        TEMPLATE,
        {
            "subject": "Our response {{ reference }}",
            "body": "Ask for Stage 2 by {{ stage_2_request_by }}.",
            "preview_case": replied.reference,
            "preview": "Preview",
        },
    )

    page = response.content.decode()
    assert f"Our response {replied.reference}" in page
    assert "Ask for Stage 2 by 20 January 2027." in page
    assert not LetterTemplate.objects.exists()


def test_the_preview_refuses_a_case_the_user_cannot_see(as_manager: Client) -> None:
    response = as_manager.post(
        TEMPLATE,
        {"subject": "S", "body": "B", "preview_case": "C-1999-0001", "preview": "Preview"},
    )

    assert "There is no case C-1999-0001 that you can see." in response.content.decode()


def test_a_saved_template_is_the_one_letters_use_until_the_default_is_restored(
    as_manager: Client, manager: User
) -> None:
    response = as_manager.post(
        TEMPLATE,
        {"subject": "Our reply", "body": "Hello {{ complainant_name }}", "save": "Save"},
    )

    assert response.status_code == 302
    wording = wording_of(LetterKind.STAGE_1_RESPONSE, Audience.STANDARD)
    assert (wording.subject, wording.body, wording.saved is not None) == (
        "Our reply",
        "Hello {{ complainant_name }}\n",
        True,
    )
    as_manager.post(TEMPLATE, {"restore": "yes"})
    assert wording_of(LetterKind.STAGE_1_RESPONSE, Audience.STANDARD).is_default


def test_the_case_page_leads_to_its_letters(as_officer: Client, replied: Contact) -> None:
    page = as_officer.get(f"/staff/cases/{replied.reference}/").content.decode()

    assert f"/staff/cases/{replied.reference}/letters/" in page
    assert "The last step calls for: Stage 1 response." in page


def test_the_letters_page_suggests_the_letter_the_last_step_calls_for(
    as_officer: Client, replied: Contact
) -> None:
    page = as_officer.get(f"/staff/cases/{replied.reference}/letters/").content.decode()

    assert "last step calls for: <strong>Stage 1 response</strong>" in page
    assert re.search(r'value="stage_1_response"\s+checked', page)


def test_writing_a_letter_fills_it_in_and_sending_it_emails_and_keeps_it(
    as_officer: Client, replied: Contact, django_capture_on_commit_callbacks: Any
) -> None:
    query = "kind=stage_1_response&audience=young_person"
    url = f"/staff/cases/{replied.reference}/letters/write/?{query}"
    form = as_officer.get(url).context["form"]
    body = form.initial["body"]
    assert "Tell us by 20 January 2027." in body
    assert form.fields["channel"].initial == "email"  # they have an email address

    with django_capture_on_commit_callbacks(execute=True):
        response = as_officer.post(
            url,
            {
                "version": fresh(replied).version,
                "subject": form.initial["subject"],
                "body": body.replace(GAP_TO_WRITE, "We found the visits were cancelled."),
                "channel": "email",
            },
        )

    assert response.status_code == 302
    [sent] = mail.outbox
    assert "We found the visits were cancelled." in sent.body
    letter = Letter.objects.get()
    assert (letter.kind, letter.audience) == ("stage_1_response", "young_person")
    page = as_officer.get(response["Location"]).content.decode()
    assert "Stage 1 response" in page
    assert "We found the visits were cancelled." in page
    case_page = as_officer.get(f"/staff/cases/{replied.reference}/").content.decode()
    assert "Letter sent by email to jo@example.com: Stage 1 response." in case_page


def test_a_letter_missing_a_date_is_shown_with_its_gap_and_cannot_be_sent(
    as_officer: Client, complaint: Contact
) -> None:
    url = f"/staff/cases/{complaint.reference}/letters/write/?kind=adjudication&audience=standard"
    response = as_officer.get(url)
    page = response.content.decode()
    assert "This letter cannot be sent until the case has: The date of the adjudication" in page
    assert "[the last day to ask for a review panel (20 working days): not recorded]" in page

    response = as_officer.post(
        url,
        {
            "version": fresh(complaint).version,
            "subject": "Decision",
            "body": "Our decision.",
            "channel": "email",
        },
    )

    assert response.status_code == 200
    assert "This letter cannot be sent until the case has" in response.content.decode()
    assert not Letter.objects.exists()


def _post_letter(contact: Contact, by: User) -> Letter:
    return services.record_letter_for_post(
        contact,
        version=fresh(contact).version,
        kind=LetterKind.STAGE_1_RESPONSE,
        audience=Audience.STANDARD,
        subject="Our response",
        body="Dear Jo Bloggs\n\nYou can ask for Stage 2 by 20 January 2027.\n",
        by=by,
    )


def test_a_kept_letter_downloads_as_word_on_the_council_letterhead(
    as_officer: Client, replied: Contact, officer: User, settings: Any
) -> None:
    settings.FAIRHEAR_COUNCIL_NAME = "Exampleshire County Council"
    settings.FAIRHEAR_COUNCIL_ADDRESS = "County Hall\nExampletown\nEX1 1AA"
    letter = _post_letter(replied, officer)

    response = as_officer.get(f"/staff/cases/{replied.reference}/letters/{letter.pk}/word/")

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    header = document.sections[0].header.paragraphs[0].text
    assert header == "Exampleshire County Council\nCounty Hall\nExampletown\nEX1 1AA"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "1 High Street\nFairhear\nFH1 1AA" in text
    assert f"Our reference: {replied.reference}" in text
    assert "You can ask for Stage 2 by 20 January 2027." in text
    assert document.styles["Normal"].font.size.pt == 12


def test_the_preferences_put_post_first_and_large_print_in_the_download(
    as_officer: Client, replied: Contact, officer: User
) -> None:
    response = as_officer.post(
        f"/staff/cases/{replied.reference}/letters/preferences/",
        {
            "version": fresh(replied).version,
            "letters_by": "post",
            "formats": ["large_print", "easy_read"],
            "language": "Polish",
        },
    )
    assert response.status_code == 302
    contact = fresh(replied)
    assert (contact.letters_by, contact.large_print, contact.easy_read, contact.language) == (
        "post",
        True,
        True,
        "Polish",
    )

    page = as_officer.get(f"/staff/cases/{replied.reference}/letters/write/")
    assert page.context["form"].fields["channel"].initial == "post"
    assert page.context["audience"] is Audience.YOUNG_PERSON  # easy read: plain words
    assert "in Polish: arrange a translation" in page.content.decode()

    letter = _post_letter(replied, officer)
    download = as_officer.get(f"/staff/cases/{replied.reference}/letters/{letter.pk}/word/")
    assert Document(io.BytesIO(download.content)).styles["Normal"].font.size.pt == 16


def test_the_status_page_shows_the_letters_sent(
    client: Client, replied: Contact, officer: User
) -> None:
    PublicSubmission.objects.create(
        contact=replied, journey="complaint", status_token_hash=token_hash("my-token")
    )
    _post_letter(replied, officer)

    page = client.get("/status/my-token/").content.decode()

    assert "Letters we sent you" in page
    assert f"Stage 1 response, {date.today():%-d %B %Y}, by post" in page
    assert "You can ask for Stage 2 by 20 January 2027." in page


def test_a_letter_asked_for_on_the_online_form_is_offered_by_post_first(
    as_officer: Client, replied: Contact
) -> None:
    person = fresh(replied).complainant
    assert person is not None
    person.preferred_contact = "letter"
    person.save()

    page = as_officer.get(f"/staff/cases/{replied.reference}/letters/write/")

    assert page.context["form"].fields["channel"].initial == "post"


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_kept_letter_downloads_as_pdf_on_the_council_letterhead(
    as_officer: Client, replied: Contact, officer: User, settings: Any
) -> None:
    settings.FAIRHEAR_COUNCIL_NAME = "Exampleshire County Council"
    settings.FAIRHEAR_COUNCIL_ADDRESS = "County Hall\nExampletown\nEX1 1AA"
    letter = _post_letter(replied, officer)

    response = as_officer.get(f"/staff/cases/{replied.reference}/letters/{letter.pk}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('.pdf"')
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata is not None
    assert reader.metadata.title == "Our response"
    text = _pdf_text(response.content)
    for line in ("Exampleshire County Council", "County Hall", "EX1 1AA", "FH1 1AA"):
        assert line in text
    assert f"Our reference: {replied.reference}" in text
    assert "You can ask for Stage 2 by 20 January 2027." in text


def _size_of(content: bytes, words: str) -> float:
    """The font size, in points, of the line of the PDF that holds these words."""
    sizes: list[float] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if words in text:
            sizes.append(round(size * tm[0], 1))

    for page in PdfReader(io.BytesIO(content)).pages:
        page.extract_text(visitor_text=visit)
    [found] = sizes
    return found


def test_the_pdf_is_in_large_print_when_asked_and_keeps_names_beyond_latin_1(
    as_officer: Client, replied: Contact, officer: User
) -> None:
    ordinary = _post_letter(replied, officer)
    services.set_letter_preferences(
        replied,
        version=fresh(replied).version,
        letters_by="post",
        large_print=True,
        easy_read=False,
        language="",
        by=officer,
    )
    large = services.record_letter_for_post(
        replied,
        version=fresh(replied).version,
        kind=LetterKind.STAGE_1_RESPONSE,
        audience=Audience.STANDARD,
        subject="Our response",
        body="Dear Łukasz Wiśniewski\n\nYou can ask for Stage 2 by 20 January 2027.\n",
        by=officer,
    )

    def download(letter: Letter) -> bytes:
        url = f"/staff/cases/{replied.reference}/letters/{letter.pk}/pdf/"
        return as_officer.get(url).content

    ask = "You can ask for Stage 2"
    assert _size_of(download(ordinary), ask) == 12.0
    large_pdf = download(large)
    assert _size_of(large_pdf, ask) == 16.0
    assert "Dear Łukasz Wiśniewski" in _pdf_text(large_pdf)


def test_the_case_history_shows_the_letters_sent(
    as_manager: Client, replied: Contact, officer: User
) -> None:
    letter = _post_letter(replied, officer)

    history = as_manager.get(f"/staff/cases/{replied.reference}/history/")

    [entry] = [e for e in history.context["changes"] if e.content_type.model == "letter"]
    assert entry.object_pk == str(letter.pk)
    assert entry.actor == officer
    assert f"Letter: {letter}" in history.content.decode()


def test_another_case_history_does_not_show_them(
    as_manager: Client, replied: Contact, officer: User, area_a: Any
) -> None:
    _post_letter(replied, officer)
    other = builders.log(officer, service_area=area_a)

    history = as_manager.get(f"/staff/cases/{other.reference}/history/")

    assert not [e for e in history.context["changes"] if e.content_type.model == "letter"]
