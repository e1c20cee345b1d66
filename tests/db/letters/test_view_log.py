"""A case's letters are its personal data: opening its letters page, drafting a letter and
downloading a kept one are logged as views, and the view log names the letter's case."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from fairhear.casework.models import Contact
from fairhear.letters import services
from fairhear.letters.kinds import Audience, LetterKind
from fairhear.letters.models import Letter
from tests.db.letters.conftest import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(replied: Contact, officer: User) -> Letter:
    return services.record_letter_for_post(
        replied,
        version=fresh(replied).version,
        kind=LetterKind.STAGE_1_RESPONSE,
        audience=Audience.STANDARD,
        subject="Our response",
        body="Dear Jo Bloggs\n",
        by=officer,
    )


def _viewers(record: Model) -> list[User | None]:
    entries = LogEntry.objects.get_for_object(record).filter(action=LogEntry.Action.ACCESS)
    return [entry.actor for entry in entries.order_by("pk")]


def test_opening_a_cases_letters_page_or_drafting_a_letter_is_a_view_of_the_case(
    client: Client, officer: User, replied: Contact
) -> None:
    client.force_login(officer)

    client.get(reverse("letters:case", args=[replied.reference]))
    client.get(reverse("letters:write", args=[replied.reference]))

    assert _viewers(replied) == [officer, officer]


@pytest.mark.parametrize("download", ["letters:word", "letters:pdf"])
def test_downloading_a_letter_is_logged_with_its_case_on_the_view_log(
    client: Client, officer: User, manager: User, letter: Letter, download: str
) -> None:
    client.force_login(officer)

    response = client.get(reverse(download, args=[letter.contact.reference, letter.pk]))

    assert response.status_code == 200
    assert _viewers(letter) == [officer]
    client.force_login(manager)
    shown = client.get(reverse("casework:view-log"))
    entry = shown.context["page"].object_list[0]
    assert (entry.actor, entry.object_repr, entry.case_reference) == (
        officer,
        str(letter),
        letter.contact.reference,
    )
    page = shown.content.decode()
    assert f"Letter {letter} of case" in page
    history = client.get(reverse("casework:history", args=[letter.contact.reference]))
    assert [entry.actor for entry in history.context["other_views"]] == [officer]


def test_a_refused_or_posted_letters_request_is_not_logged(
    client: Client, officer: User, service_manager_b: User, replied: Contact, letter: Letter
) -> None:
    reference = replied.reference
    client.force_login(service_manager_b)  # another area's case: not found
    refused = [
        client.get(reverse("letters:case", args=[reference])).status_code,
        client.get(reverse("letters:word", args=[reference, letter.pk])).status_code,
        client.get(reverse("letters:pdf", args=[reference, letter.pk])).status_code,
    ]
    client.force_login(officer)
    posted = [
        client.post(reverse("letters:case", args=[reference])).status_code,
        client.post(reverse("letters:word", args=[reference, letter.pk])).status_code,
        client.post(reverse("letters:write", args=[reference]), {}).status_code,
    ]

    assert refused == [404, 404, 404]
    assert posted == [405, 405, 200]
    assert _viewers(replied) == []
    assert _viewers(letter) == []
