"""The complaints dashboard: open cases by stage with their due dates."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.codes import ActionKind, Channel, Route
from fairhear.casework.models import Contact
from tests.builders import RECEIVED, triage_statutory

pytestmark = pytest.mark.django_db


def test_each_stage_shows_its_soonest_due_cases_and_links_to_all_of_them(
    client: Client, officer: User, log: Callable[..., Contact], stage_three_accepted: Contact
) -> None:
    # Received a day apart, so their Stage 1 replies fall due a working day or so apart.
    days = [RECEIVED + timedelta(days=n) for n in range(7)]
    at_stage_one = [triage_statutory(log(received=day), officer, on=day) for day in days]
    client.force_login(officer)

    response = client.get(reverse("staff-home"))

    stages = {stage["number"]: stage for stage in response.context["stages"]}
    shown = stages[1]["cases"]
    assert [case.reference for case in shown] == [c.reference for c in at_stage_one[:5]]
    assert [case.next_due for case in shown] == sorted(case.next_due for case in shown)
    assert stages[1]["count"] == 7
    assert [case.reference for case in stages[3]["cases"]] == [stage_three_accepted.reference]
    assert stages[2]["cases"] == []
    page = response.content.decode()
    assert "Stage 1: the 5 soonest due" in page
    assert "All 7 cases at Stage 1, soonest due first" in page
    assert "Stage 2: the" not in page  # no empty table for a stage with no cases
    listed = client.get(stages[1]["link"])
    assert listed.context["page"].paginator.count == 7
    assert listed.context["page"].object_list[0].reference == at_stage_one[0].reference


def test_a_service_manager_sees_only_their_own_areas_cases_due(
    client: Client, service_manager_b: User, stage_one: Contact
) -> None:
    client.force_login(service_manager_b)

    response = client.get(reverse("staff-home"))

    assert all(stage["cases"] == [] for stage in response.context["stages"])
    assert stage_one.reference not in response.content.decode()


def test_a_case_with_no_due_date_comes_after_those_due(
    client: Client, officer: User, log: Callable[..., Contact]
) -> None:
    due = triage_statutory(log(), officer)
    undated = triage_statutory(log(), officer)
    Contact.objects.filter(pk=undated.pk).update(next_due=None)
    client.force_login(officer)

    response = client.get(reverse("staff-home"))

    stage_one = response.context["stages"][0]["cases"]
    assert [case.reference for case in stage_one] == [due.reference, undated.reference]
    assert due.next_due is not None


def test_every_dashboard_number_links_to_a_list_of_the_same_records(
    client: Client,
    officer: User,
    log: Callable[..., Contact],
    stage_three_accepted: Contact,
) -> None:
    triage_statutory(log(), officer)  # Stage 1, and overdue by now
    log()  # awaiting triage
    log(channel=Channel.ONLINE_FORM)  # new from the online forms
    enquiry = log()
    services.triage_contact(
        enquiry,
        version=enquiry.version,
        route=Route.MP_ENQUIRY,
        reason="An MP writes for a constituent.",
        on=RECEIVED,
        by=officer,
    )
    services.record_ombudsman_case(
        contact=stage_three_accepted,
        version=stage_three_accepted.version,
        lgsco_reference="24 001 234",
        received=date.today(),
        by=officer,
    )
    services.add_learning_action(
        kind=ActionKind.PRACTICE_CHANGE,
        description="Train the team on recording visits.",
        due=RECEIVED,
        by=officer,
    )
    client.force_login(officer)
    home = client.get(reverse("staff-home"))
    figures, links = home.context["figures"], home.context["links"]

    def listed(name: str) -> int:
        page = client.get(links[name])
        if "page" in page.context:
            return int(page.context["page"].paginator.count)
        return len(page.context["cases"] if "cases" in page.context else page.context["actions"])

    assert set(links) == set(figures), "every number has a link"
    assert {name: listed(name) for name in figures} == figures
    assert all(figures[name] for name in ("stage_1", "stage_3", "overdue", "new_online"))
    assert figures["ombudsman_replies_due"] == figures["actions_overdue"] == 1
