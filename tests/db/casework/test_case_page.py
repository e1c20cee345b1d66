"""The case page as a complaints officer reads it: where the case stands in one set of words,
one suggested step, the steps already done not offered again, the responsible manager near
the top, and a message after each step saying what happened."""

import re
from collections.abc import Callable
from datetime import date

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.codes import Route
from fairhear.casework.facts import case_clocks
from fairhear.casework.models import Contact
from fairhear.casework.steps import next_steps, where_it_stands
from tests.builders import triage


def _page(client: Client, contact: Contact) -> str:
    return " ".join(
        client.get(reverse("casework:case", args=[contact.reference])).content.decode().split()
    )


def test_a_new_contact_awaits_triage_in_the_tag_and_suggests_triage(
    log: Callable[..., Contact], officer: User, client: Client
) -> None:
    contact = log()
    client.force_login(officer)

    page = _page(client, contact)

    assert '<strong class="govuk-tag govuk-tag--grey">Awaiting triage</strong>' in page
    assert ">Received</strong>" not in page
    button = reverse("casework:step", args=[contact.reference, "triage"])
    assert f'<a class="govuk-button" data-module="govuk-button" href="{button}">' in page


def test_a_corporate_complaint_is_tagged_and_timed_as_its_own_procedure_not_stage_1(
    log: Callable[..., Contact], officer: User, client: Client
) -> None:
    contact = triage(log(), officer, Route.CORPORATE)
    client.force_login(officer)

    page = _page(client, contact)

    assert '<strong class="govuk-tag govuk-tag--grey">Corporate complaint</strong>' in page
    assert ">Received</strong>" not in page
    assert "Reply under the corporate procedure due" in page
    assert "Stage 1" not in page
    listed = client.get(reverse("casework:list"), {"status": ""}).content.decode()
    assert "Reply under the corporate procedure" in listed


def test_stage_one_suggests_the_reply_and_lists_the_rest_as_links(
    stage_one: Contact, officer: User
) -> None:
    menu = next_steps(stage_one, officer)

    assert menu.suggested == ("stage-1-reply", "Record the Stage 1 reply")
    others = [slug for slug, _ in menu.others]
    assert others[:2] == ["stage-1-manager", "stage-1-extension"]
    assert "stage-1-reply" not in others


def test_steps_already_done_are_not_offered_again(
    stage_one: Contact, officer: User, manager: User
) -> None:
    contact = services.assign_responsible_manager(
        stage_one, version=stage_one.version, manager=manager, by=officer
    )
    contact = services.extend_stage_one(
        contact,
        version=contact.version,
        on=date(2024, 5, 7),
        reason="The social worker is on leave.",
        complainant_told=True,
        by=officer,
    )

    others = [slug for slug, _ in next_steps(contact, officer).others]

    assert "stage-1-manager" not in others
    assert "stage-1-extension" not in others


def test_appointed_investigators_are_not_offered_again(stage_two: Contact, officer: User) -> None:
    menu = next_steps(stage_two, officer)

    assert menu.suggested == ("stage-2-report", "Record the investigation report")
    assert "stage-2-investigators" not in [slug for slug, _ in menu.others]


def test_a_replied_case_in_its_stage_two_window_says_until_when(replied: Contact) -> None:
    in_window = case_clocks(replied, today=date(2024, 5, 20))
    after = case_clocks(replied, today=date(2024, 7, 1))

    assert where_it_stands(replied, in_window) == (
        "Replied",
        "can ask for Stage 2 until 10 June 2024",
    )
    assert where_it_stands(replied, after) == ("Closed", "")


def test_the_responsible_manager_is_above_the_equality_data_and_finished_clocks_show_no_days_left(
    replied: Contact, officer: User, client: Client
) -> None:
    client.force_login(officer)

    page = _page(client, replied)

    assert page.index("Responsible manager") < page.index("Equality monitoring")
    row = page.split('<th scope="row" class="govuk-table__header">Stage 1 reply</th>')[1]
    cells = row.split("</tr>")[0].split("<td")
    assert "None: finished" in cells[3]


def test_triage_says_stage_one_started_and_when_the_reply_is_due(
    log: Callable[..., Contact], officer: User, client: Client
) -> None:
    contact = log()
    client.force_login(officer)

    response = client.post(
        reverse("casework:step", args=[contact.reference, "triage"]),
        {
            "version": contact.version,
            "route": "statutory",
            "reason": "About a child in need.",
            "on_0": "1",
            "on_1": "5",
            "on_2": "2024",
            "eligible": "yes",
        },
        follow=True,
    )

    said = [str(m) for m in response.context["messages"]]
    assert said == ["Stage 1 started; Stage 1 reply due 16 May 2024."]


def test_a_step_without_words_of_its_own_says_what_its_timeline_line_says(
    stage_one: Contact, officer: User, client: Client
) -> None:
    client.force_login(officer)

    response = client.post(
        reverse("casework:step", args=[stage_one.reference, "stage-1-extension"]),
        {
            "version": stage_one.version,
            "on_0": "7",
            "on_1": "5",
            "on_2": "2024",
            "reason": "The social worker is on leave",
            "complainant_told": "on",
        },
        follow=True,
    )

    said = [str(m) for m in response.context["messages"]]
    assert said == [
        "Stage 1 extended: The social worker is on leave; Stage 1 reply due 31 May 2024."
    ]


def test_an_overdue_clock_says_how_many_days_over_not_a_negative_number(
    log: Callable[..., Contact], officer: User, client: Client
) -> None:
    contact = triage(log(received=date(2024, 5, 1)), officer, Route.STATUTORY, on=date(2024, 5, 1))
    client.force_login(officer)

    page = _page(client, contact)

    row = page.split('<th scope="row" class="govuk-table__header">Stage 1 reply</th>')[1]
    days_left = row.split("</tr>")[0].split("<td")[3]
    assert re.search(r">\d+ over</td>", days_left), days_left
    assert ">-" not in days_left
