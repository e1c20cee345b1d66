"""The case list: open cases soonest due by default, and a search that finds people by
surname, phone number or email."""

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.codes import Route
from fairhear.casework.models import Contact
from tests.builders import RECEIVED, triage, triage_statutory

pytestmark = pytest.mark.django_db


def _listed(client: Client, **query: str) -> list[str]:
    response = client.get(reverse("casework:list"), query)
    return [case.reference for case in response.context["page"].object_list]


def test_the_list_shows_open_cases_soonest_due_first_until_asked_for_more(
    client: Client, officer: User, log: Callable[..., Contact]
) -> None:
    later = triage_statutory(
        log(received=RECEIVED + timedelta(days=7)), officer, on=RECEIVED + timedelta(days=7)
    )
    sooner = triage_statutory(log(), officer)
    waiting = log()  # awaiting triage: on the dashboard, not among the open cases
    withdrawn = triage_statutory(log(), officer)
    services.withdraw_contact(
        withdrawn, version=withdrawn.version, on=RECEIVED, reason="Resolved.", by=officer
    )
    client.force_login(officer)

    assert _listed(client) == [sooner.reference, later.reference]
    assert _listed(client, page="1") == [sooner.reference, later.reference]
    everything = _listed(client, status="")
    assert {waiting.reference, withdrawn.reference} <= set(everything)
    assert len(everything) == 4


def test_a_complainant_is_found_by_surname_phone_number_or_email(
    client: Client, officer: User, log: Callable[..., Contact]
) -> None:
    person = services.record_person(
        name="Amara Okonkwo-Bell", email="amara@example.org", phone="07700 900 123", by=officer
    )
    theirs = log(complainant=person)
    log()  # someone else's
    client.force_login(officer)

    for search in ("okonkwo-bell", "07700900123", "07700 900123", "900 123", "AMARA@example.org"):
        assert _listed(client, q=search, status="") == [theirs.reference], search
    assert _listed(client, q="90", status="") == [], "two digits are too few to match a phone"


def test_each_case_shows_where_it_stands_as_a_tag_an_enquiry_by_its_route(
    client: Client, officer: User, log: Callable[..., Contact]
) -> None:
    stage_one = triage_statutory(log(), officer)
    enquiry = triage(log(), officer, Route.MP_ENQUIRY)
    waiting = log()
    client.force_login(officer)

    page = client.get(reverse("casework:list"), {"status": ""}).content.decode()

    for case, tag in (
        (stage_one, "Stage 1"),
        (enquiry, "MP enquiry"),
        (waiting, "Awaiting triage"),
    ):
        row = page[page.index(f">{case.reference}<") :]
        row = row[: row.index("</tr>")]
        assert re.search(rf'class="govuk-tag[^"]*">{tag}</strong>', row), case.reference
