"""The adjudicating officer named on the adjudication form, and the case list's manager filter,
which lists a case under the manager of the stage it has reached."""

from collections.abc import Callable
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.codes import Outcome
from fairhear.casework.models import Contact
from tests.builders import triage_statutory

pytestmark = pytest.mark.django_db


def _adjudication(contact: Contact, **extra: str) -> dict[str, object]:
    return {
        "version": contact.version,
        "on_0": "20",
        "on_1": "6",
        "on_2": "2024",
        "outcome": Outcome.PARTLY_UPHELD,
        **extra,
    }


def test_the_adjudication_form_starts_from_the_adjudicating_officer_already_named(
    client: Client, officer: User, stage_two: Contact
) -> None:
    stage_two.stages.filter(number=2).update(adjudicating_officer="Dana Reyes")
    client.force_login(officer)

    form = client.get(reverse("casework:step", args=[stage_two.reference, "stage-2-adjudication"]))

    assert form.context["form"].fields["adjudicating_officer"].initial == "Dana Reyes"
    assert 'value="Dana Reyes"' in form.content.decode()


def test_the_adjudicating_officer_is_saved_from_the_adjudication_form_and_shown(
    client: Client, officer: User, stage_two: Contact
) -> None:
    client.force_login(officer)
    case_page = reverse("casework:case", args=[stage_two.reference])

    response = client.post(
        reverse("casework:step", args=[stage_two.reference, "stage-2-adjudication"]),
        _adjudication(stage_two, adjudicating_officer=" Sam Okafor "),
    )

    assert response["Location"] == case_page
    stage = stage_two.stages.get(number=2)
    assert (stage.adjudicating_officer, stage.responded) == ("Sam Okafor", date(2024, 6, 20))
    shown = client.get(case_page).content.decode()
    assert "Adjudicating officer</dt>" in shown
    assert "Sam Okafor" in shown


def test_an_adjudication_refused_on_the_form_stores_no_adjudicating_officer(
    client: Client, officer: User, stage_two: Contact
) -> None:
    client.force_login(officer)

    response = client.post(
        reverse("casework:step", args=[stage_two.reference, "stage-2-adjudication"]),
        _adjudication(stage_two, adjudicating_officer="Sam Okafor", outcome=""),
    )

    assert response.status_code == 200
    assert "Choose the outcome" in response.content.decode()
    stage = stage_two.stages.get(number=2)
    assert (stage.adjudicating_officer, stage.responded) == ("", None)


# ------------------------------------------------------------------------------ manager filter


def _listed(client: Client, manager: User) -> list[str]:
    response = client.get(reverse("casework:list"), {"manager": str(manager.pk)})
    return [case.reference for case in response.context["page"]]


def test_a_case_is_listed_under_the_manager_of_its_latest_stage_only(
    client: Client,
    officer: User,
    manager: User,
    service_manager_a: User,
    stage_one: Contact,
    log: Callable[..., Contact],
) -> None:
    c = services.assign_responsible_manager(
        stage_one, version=stage_one.version, manager=service_manager_a, by=officer
    )
    c = services.reply_stage_one(
        c, version=c.version, on=date(2024, 5, 10), outcome=Outcome.NOT_UPHELD, by=officer
    )
    c = services.request_stage_two(c, version=c.version, on=date(2024, 5, 20), by=officer)
    c = services.accept_request(c, number=2, version=c.version, on=date(2024, 5, 21), by=officer)
    services.assign_responsible_manager(c, version=c.version, manager=manager, stage=2, by=officer)
    still_at_one = triage_statutory(log(), officer)
    services.assign_responsible_manager(
        still_at_one, version=still_at_one.version, manager=service_manager_a, by=officer
    )
    client.force_login(officer)

    assert _listed(client, manager) == [stage_one.reference]
    assert _listed(client, service_manager_a) == [still_at_one.reference]


def test_the_list_filtered_by_manager_runs_the_same_few_queries_however_many_cases_it_shows(
    client: Client, officer: User, service_manager_a: User, log: Callable[..., Contact]
) -> None:
    filters = {"manager": str(service_manager_a.pk), "sort": "due"}
    client.force_login(officer)
    client.get(reverse("casework:list"), filters)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("casework:list"), filters)
    for _ in range(30):
        contact = triage_statutory(log(), officer)
        services.assign_responsible_manager(
            contact, version=contact.version, manager=service_manager_a, by=officer
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("casework:list"), filters)

    assert response.context["page"].paginator.count == 30
    assert len(many) <= 12
    assert len(many) - len(few) <= 1, "a page of rows may add one query, never one per row"
