"""The dashboard: what each person has to do today, overdue first, only what they can act on."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.codes import ActionKind, Channel, Route
from fairhear.casework.models import Contact, Practitioner
from fairhear.casework.selectors import TodaysWork, WorkList, todays_work
from tests.builders import RECEIVED, triage, triage_statutory

pytestmark = pytest.mark.django_db


def _page(client: Client, user: User) -> tuple[TodaysWork, str]:
    client.force_login(user)
    response = client.get(reverse("staff-home"))
    return response.context["work"], response.content.decode()


def _references(listed: WorkList | None) -> list[str]:
    assert listed is not None, "the list is shown"
    return [case.reference for case in listed.cases]


def _count(listed: WorkList | None) -> int:
    assert listed is not None, "the list is shown"
    return listed.count


def test_overdue_cases_come_first_each_listed_with_a_red_tag(
    client: Client, officer: User, log: Callable[..., Contact]
) -> None:
    # Received a day apart in 2024, so every Stage 1 reply is long overdue, in this order.
    late = [
        triage_statutory(log(received=day), officer, on=day)
        for day in (RECEIVED + timedelta(days=n) for n in range(12))
    ]

    work, page = _page(client, officer)

    assert _count(work.overdue) == 12
    assert _references(work.overdue) == [case.reference for case in late[:10]]
    assert page.index('id="overdue"') < page.index('id="due-this-week"')
    assert page.index('id="due-this-week"') < page.index('id="your-cases"')
    overdue_table = page[page.index('id="overdue"') : page.index('id="due-this-week"')]
    assert overdue_table.count("govuk-tag--red") == 10
    assert "See all 12" in overdue_table


def test_due_this_week_holds_what_falls_due_from_today_to_sunday(
    officer: User, stage_one: Contact
) -> None:
    due = stage_one.next_due
    assert due is not None
    monday = due - timedelta(days=due.weekday())

    this_week = todays_work(officer, monday)
    day_after = todays_work(officer, due + timedelta(days=1))

    assert _references(this_week.due_this_week) == [stage_one.reference]
    assert _count(this_week.overdue) == 0
    assert _references(day_after.overdue) == [stage_one.reference]
    assert _count(day_after.due_this_week) == 0


def test_call_backs_advocacy_requests_and_new_online_contacts_are_listed(
    client: Client, officer: User, log: Callable[..., Contact]
) -> None:
    call_back = log(call_back_requested=True)
    advocate = triage_statutory(log(advocacy_requested=True), officer)
    online = log(channel=Channel.ONLINE_FORM)
    log()  # a telephone contact: awaiting triage, asking for nothing

    work, page = _page(client, officer)

    assert work.requests is not None
    assert work.new_online is not None
    assert set(_references(work.requests)) == {call_back.reference, advocate.reference}
    assert _references(work.new_online) == [online.reference]
    assert "Asked for a call back" in page
    assert "Asked for an advocate" in page
    assert "All 3 contacts awaiting triage" in page


def test_a_service_manager_sees_only_the_stage_1_cases_they_can_answer(
    client: Client,
    officer: User,
    service_manager_a: User,
    log: Callable[..., Contact],
    stage_one: Contact,
) -> None:
    enquiry = triage(log(), officer, Route.MEMBER_ENQUIRY)  # an enquiry's reply is the team's
    assert enquiry.next_due is not None

    work, page = _page(client, service_manager_a)

    assert _references(work.overdue) == [stage_one.reference]
    assert work.requests is None
    assert work.new_online is None
    assert enquiry.reference not in page
    assert "Log a contact" not in page


def test_a_service_manager_of_another_area_sees_none_of_its_cases(
    client: Client, service_manager_b: User, stage_one: Contact
) -> None:
    work, page = _page(client, service_manager_b)

    assert _count(work.overdue) == _count(work.due_this_week) == 0
    assert stage_one.reference not in page


def test_an_investigator_sees_the_cases_they_are_appointed_to_as_their_own(
    client: Client,
    investigator: User,
    practitioners: dict[str, Practitioner],
    stage_two: Contact,
    log: Callable[..., Contact],
    officer: User,
) -> None:
    Practitioner.objects.filter(pk=practitioners["ivan"].pk).update(user=investigator)
    other = triage_statutory(log(), officer)

    work, page = _page(client, investigator)

    assert work.mine is not None
    assert _references(work.mine) == [stage_two.reference]
    assert work.overdue is None, "an investigator records no step: only their cases are listed"
    assert work.due_this_week is None
    assert other.reference not in page


def test_a_case_with_no_due_date_comes_after_those_due(
    client: Client, officer: User, log: Callable[..., Contact]
) -> None:
    due = triage_statutory(log(), officer)
    undated = triage_statutory(log(), officer)
    Contact.objects.filter(pk=undated.pk).update(next_due=None)
    for case in (due, undated):
        services.assign_case(case, user=officer, on=RECEIVED, reason="Cover.", by=officer)

    work, _ = _page(client, officer)

    assert work.mine is not None
    assert _references(work.mine) == [due.reference, undated.reference]


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
