"""Learning actions: added on a case or on their own, owned by a team or a service area,
changed until done, listed by what is left to do, overdue or done."""

from datetime import date, timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from fairhear.casework import services
from fairhear.casework.codes import ActionKind, Outcome
from fairhear.casework.models import CaseEvent, Contact, LearningAction
from fairhear.casework.services import CaseworkError
from fairhear.organisation.models import ServiceArea, Team

pytestmark = pytest.mark.django_db


def _day(name: str, day: date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.fixture
def case(stage_one: Contact, area_b: ServiceArea) -> Contact:
    return stage_one  # in area A; area B exists for actions outside service manager A's scope


@pytest.fixture
def action(case: Contact, officer: User, area_a: ServiceArea) -> LearningAction:
    """An action ticked on a reply would look like this: its case's service area, no due date."""
    return services.add_learning_action(
        kind=ActionKind.PRACTICE_CHANGE,
        description="Check records weekly.",
        contact=case,
        owner_service_area=area_a,
        by=officer,
    )


@pytest.fixture
def elsewhere(area_b: ServiceArea, officer: User) -> LearningAction:
    """A general action owned by a team of area B: outside service manager A's scope."""
    return services.add_learning_action(
        kind=ActionKind.TRAINING_OR_GUIDANCE,
        description="Train the hub on thresholds.",
        owner_team=area_b.teams.get(),
        due=date(2024, 9, 30),
        by=officer,
    )


def _audited(action: LearningAction) -> dict[str, list[str]]:
    entry = LogEntry.objects.get_for_object(action).filter(action=LogEntry.Action.UPDATE).get()
    return entry.changes_dict  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------- services


def _change(action: LearningAction, by: User, **given: Any) -> LearningAction:
    fields: dict[str, Any] = {
        "kind": action.kind,
        "description": action.description,
        "owner_service_area": action.owner_service_area,
        "owner_team": action.owner_team,
        "due": action.due,
    }
    fields.update(given)
    return services.change_learning_action(action, by=by, **fields)


def test_changing_an_action_records_on_its_case_what_changed_and_is_audited(
    action: LearningAction, officer: User, area_a: ServiceArea
) -> None:
    team = area_a.teams.get()

    changed = _change(
        action, officer, owner_team=team, owner_service_area=None, due=date(2024, 6, 3)
    )

    assert (changed.owner_team, changed.owner_service_area, changed.due) == (
        team,
        None,
        date(2024, 6, 3),
    )
    event = action.contact.events.get(action="fairhear.action.changed")  # type: ignore[union-attr]
    assert event.description == (
        "Learning action changed: owner Fostering Service (was Children in Care); "
        "due 3 June 2024 (was none)."
    )
    assert event.by == officer
    entry = LogEntry.objects.get_for_object(action).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == officer
    assert entry.changes_dict["due"] == ["None", "2024-06-03"]
    assert entry.changes_dict["owner_team"] == ["None", str(team.pk)]


def test_changing_the_kind_and_description_names_both_old_and_new(
    action: LearningAction, officer: User
) -> None:
    _change(action, officer, kind=ActionKind.TRAINING_OR_GUIDANCE, description=" Train staff. ")

    event = action.contact.events.get(action="fairhear.action.changed")  # type: ignore[union-attr]
    assert event.description == (
        "Learning action changed: kind staff training or guidance (was change to practice); "
        "description “Train staff.” (was “Check records weekly.”)."
    )


def test_changing_a_general_action_is_audited_without_touching_any_case(
    elsewhere: LearningAction, officer: User
) -> None:
    events = CaseEvent.objects.count()

    _change(elsewhere, officer, due=date(2024, 10, 31))

    assert CaseEvent.objects.count() == events
    assert _audited(elsewhere)["due"] == ["2024-09-30", "2024-10-31"]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"kind": "juggling"}, "Choose what kind of action it is."),
        ({"description": "  "}, "Describe the action and the lesson behind it."),
        ({"owner_team": "TEAM"}, "An action has one owner: choose a team or a service area"),
        ({"owner_service_area": None}, "Choose who owns the action: a team or a service area."),
        ({}, "Nothing was changed."),
    ],
)
def test_a_change_that_cannot_be_made_is_refused_and_nothing_is_stored(
    action: LearningAction, officer: User, area_a: ServiceArea, given: dict[str, Any], message: str
) -> None:
    if given.get("owner_team") == "TEAM":
        given["owner_team"] = area_a.teams.get()

    with pytest.raises(CaseworkError, match=message):
        _change(action, officer, **given)

    assert not LogEntry.objects.get_for_object(action).filter(action=LogEntry.Action.UPDATE)
    assert not CaseEvent.objects.filter(action="fairhear.action.changed").exists()


def test_a_completed_action_can_no_longer_be_changed(action: LearningAction, officer: User) -> None:
    services.complete_learning_action(
        action, on=date(2024, 9, 1), evidence="Audit done.", by=officer
    )

    with pytest.raises(
        CaseworkError,
        match=r"The action was completed on 1 September 2024, so it can no longer be changed\.",
    ):
        _change(action, officer, due=date(2024, 10, 1))

    assert LearningAction.objects.get(pk=action.pk).due is None


def test_an_action_not_about_a_case_is_added_without_an_event(officer: User) -> None:
    events = CaseEvent.objects.count()

    action = services.add_learning_action(
        kind=ActionKind.POLICY_OR_PROCESS_CHANGE, description="Review the policy.", by=officer
    )

    assert action.contact is None
    assert CaseEvent.objects.count() == events


# ------------------------------------------------------------------------ the owner select


def test_the_owner_is_one_grouped_select_of_running_areas_and_teams(
    client: Client, officer: User, area_a: ServiceArea
) -> None:
    Team.objects.create(
        service_area=area_a, name="Old Team", started=date(2015, 4, 1), ended=date(2020, 3, 31)
    )
    client.force_login(officer)

    page = client.get(reverse("casework:add-action")).content.decode()

    assert '<label for="id_owner" class="govuk-label">' in page
    assert '<optgroup label="Service areas">' in page
    assert '<optgroup label="Teams">' in page
    assert f'<option value="area:{area_a.pk}">Children in Care</option>' in page
    team = area_a.teams.get(name="Fostering Service")
    assert f'<option value="team:{team.pk}">Fostering Service (Children in Care)</option>' in page
    assert "Old Team" not in page, "a team that has ended owns nothing new"


def test_changing_an_action_offers_its_own_owner_even_when_that_has_ended(
    client: Client, officer: User, area_a: ServiceArea
) -> None:
    old = Team.objects.create(
        service_area=area_a, name="Old Team", started=date(2015, 4, 1), ended=date(2020, 3, 31)
    )
    action = services.add_learning_action(
        kind=ActionKind.PRACTICE_CHANGE, description="Old.", owner_team=old, by=officer
    )
    client.force_login(officer)

    page = client.get(reverse("casework:change-action", args=[action.pk])).content.decode()

    assert f'<option value="team:{old.pk}" selected>Old Team (Children in Care)</option>' in page


# ------------------------------------------------------------------- the pages, through POST


def _change_on_page(client: Client, action: LearningAction, **given: str) -> Any:
    """Post the change page with the action as it stands but for what is given."""
    owner = (
        f"team:{action.owner_team_id}"
        if action.owner_team_id
        else f"area:{action.owner_service_area_id}"
    )
    return client.post(
        reverse("casework:change-action", args=[action.pk]),
        {"kind": action.kind, "description": action.description, "owner": owner, **given},
    )


def _add_on_case_page(client: Client, case: Contact, owner: str, **more: str) -> Any:
    return client.post(
        reverse("casework:step", args=[case.reference, "action"]),
        {
            "version": case.version,
            "kind": ActionKind.PRACTICE_CHANGE,
            "description": "Check records weekly.",
            "owner": owner,
            **more,
        },
    )


@pytest.mark.parametrize(("who", "owned_by"), [("officer", "team"), ("service_manager_a", "area")])
def test_the_case_page_action_step_adds_an_action_owned_by_a_team_or_a_service_area(
    request: pytest.FixtureRequest, client: Client, case: Contact, who: str, owned_by: str
) -> None:
    area: ServiceArea = request.getfixturevalue("area_a")
    owner = area.teams.get() if owned_by == "team" else area
    client.force_login(request.getfixturevalue(who))

    response = _add_on_case_page(
        client, case, f"{owned_by}:{owner.pk}", **_day("due", date(2024, 9, 30))
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("casework:case", args=[case.reference])
    action = case.actions.get()
    assert (action.owner_team or action.owner_service_area, action.due) == (
        owner,
        date(2024, 9, 30),
    )
    assert (action.owner_team is None) == (owned_by == "area"), "one owner, never both"


@pytest.mark.parametrize(
    ("owner", "message"),
    [
        ("", "Choose who owns the action"),
        ("team:999999", "Choose who owns the action from the list"),
        ("someone", "Choose who owns the action from the list"),
    ],
)
def test_the_case_page_action_step_refuses_a_missing_or_unknown_owner(
    client: Client, officer: User, case: Contact, owner: str, message: str
) -> None:
    client.force_login(officer)

    response = _add_on_case_page(client, case, owner)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LearningAction.objects.exists()


def _add_general(client: Client, area: ServiceArea, description: str, **more: str) -> Any:
    return client.post(
        reverse("casework:add-action"),
        {
            "kind": ActionKind.POLICY_OR_PROCESS_CHANGE,
            "description": description,
            "owner": f"area:{area.pk}",
            **more,
        },
    )


def test_an_action_not_about_a_case_is_added_through_its_page(
    client: Client, manager: User, area_a: ServiceArea
) -> None:
    client.force_login(manager)

    response = _add_general(
        client,
        area_a,
        "Ombudsman's recommendation: review the charging policy.",
        **_day("due", date(2025, 3, 31)),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("casework:actions")
    action = LearningAction.objects.get()
    assert (action.contact, action.owner_service_area, action.due) == (
        None,
        area_a,
        date(2025, 3, 31),
    )


def test_an_action_without_a_description_is_shown_again_and_not_added(
    client: Client, manager: User, area_a: ServiceArea
) -> None:
    client.force_login(manager)

    response = _add_general(client, area_a, "")

    assert response.status_code == 200
    assert "Describe the action and the lesson behind it" in response.content.decode()
    assert not LearningAction.objects.exists()


def test_the_change_page_gives_an_action_a_due_date(
    client: Client, service_manager_a: User, action: LearningAction, area_a: ServiceArea
) -> None:
    client.force_login(service_manager_a)
    form = client.get(reverse("casework:change-action", args=[action.pk])).context["form"]
    assert form.initial["owner"] == f"area:{area_a.pk}"

    response = _change_on_page(client, action, **_day("due", date(2024, 6, 3)))

    assert response.status_code == 302
    assert response["Location"] == reverse("casework:actions")
    assert LearningAction.objects.get(pk=action.pk).due == date(2024, 6, 3)
    assert CaseEvent.objects.get(action="fairhear.action.changed").description == (
        "Learning action changed: due 3 June 2024 (was none)."
    )


def test_the_change_page_shows_the_services_refusal_and_changes_nothing(
    client: Client, officer: User, action: LearningAction
) -> None:
    services.complete_learning_action(
        action, on=date(2024, 9, 1), evidence="Audit done.", by=officer
    )
    client.force_login(officer)

    response = _change_on_page(
        client, action, description="Changed.", **_day("due", date(2024, 6, 3))
    )

    assert response.status_code == 200
    assert "so it can no longer be changed" in response.content.decode()
    assert LearningAction.objects.get(pk=action.pk).description == "Check records weekly."


def test_the_change_page_refuses_an_impossible_date(
    client: Client, officer: User, action: LearningAction
) -> None:
    client.force_login(officer)

    response = _change_on_page(client, action, **_day("due", date(2024, 2, 1)) | {"due_0": "31"})

    assert response.status_code == 200
    assert "must be a real date" in response.content.decode()
    assert LearningAction.objects.get(pk=action.pk).due is None


def test_an_action_is_marked_as_done_through_its_page(
    client: Client, service_manager_a: User, action: LearningAction
) -> None:
    client.force_login(service_manager_a)

    response = client.post(
        reverse("casework:complete-action", args=[action.pk]),
        {**_day("on", date(2024, 9, 1)), "evidence": "Weekly checks in place."},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("casework:actions")
    done = LearningAction.objects.get(pk=action.pk)
    assert (done.completed, done.evidence) == (date(2024, 9, 1), "Weekly checks in place.")


def test_marking_as_done_without_evidence_is_shown_again_and_not_stored(
    client: Client, officer: User, action: LearningAction
) -> None:
    client.force_login(officer)

    response = client.post(
        reverse("casework:complete-action", args=[action.pk]),
        {**_day("on", date(2024, 9, 1)), "evidence": ""},
    )

    assert response.status_code == 200
    assert "Enter the evidence that it was done" in response.content.decode()
    assert LearningAction.objects.get(pk=action.pk).completed is None


# ------------------------------------------------------------------------ the actions list


def test_the_list_shows_what_is_not_done_with_missing_due_dates_made_plain(
    client: Client, officer: User, action: LearningAction, elsewhere: LearningAction
) -> None:
    client.force_login(officer)

    response = client.get(reverse("casework:actions"))

    page = response.content.decode()
    assert [a.pk for a in response.context["page"].object_list] == [action.pk, elsewhere.pk]
    assert "No due date" in page
    change = reverse("casework:change-action", args=[action.pk])
    assert (
        f'<a class="govuk-link" href="{change}">Change<span class="govuk-visually-hidden"> '
        f"the due date of the change to practice on {action.contact.reference}: "  # type: ignore[union-attr]
        "Check records weekly.</span></a>"
    ) in page
    assert "Mark as done<span" in page
    assert "Children in Care" in page, "each owner is shown"
    assert "Safeguarding Hub" in page
    assert ">General<" in page, "an action not about a case says so"


def test_the_list_shows_only_overdue_actions_as_the_dashboard_links_to(
    client: Client, officer: User, action: LearningAction, elsewhere: LearningAction
) -> None:
    later = services.add_learning_action(
        kind=ActionKind.POLICY_OR_PROCESS_CHANGE,
        description="Later.",
        due=date.today() + timedelta(days=30),
        by=officer,
    )
    client.force_login(officer)
    home = client.get(reverse("staff-home")).content.decode()
    assert f"{reverse('casework:actions')}?show=overdue" in home

    response = client.get(reverse("casework:actions"), {"show": "overdue"})

    shown = [a.pk for a in response.context["page"].object_list]
    assert shown == [elsewhere.pk]
    assert later.pk not in shown
    assert action.pk not in shown
    assert 'aria-current="page">Overdue</a>' in response.content.decode()


def test_the_list_shows_done_actions_newest_first_with_their_evidence(
    client: Client, officer: User, action: LearningAction, elsewhere: LearningAction
) -> None:
    services.complete_learning_action(action, on=date(2024, 9, 1), evidence="Audit.", by=officer)
    services.complete_learning_action(
        elsewhere, on=date(2024, 10, 2), evidence="Session held.", by=officer
    )
    client.force_login(officer)

    response = client.get(reverse("casework:actions"), {"show": "done"})

    page = response.content.decode()
    assert [a.pk for a in response.context["page"].object_list] == [elsewhere.pk, action.pk]
    assert "2 October 2024" in page
    assert "Session held." in page
    assert "Mark as done" not in page
    assert "Change<" not in page
    assert not client.get(reverse("casework:actions")).context["page"].object_list


def test_an_unknown_filter_shows_what_is_not_done(
    client: Client, officer: User, action: LearningAction
) -> None:
    client.force_login(officer)

    response = client.get(reverse("casework:actions"), {"show": "everything"})

    assert [a.pk for a in response.context["page"].object_list] == [action.pk]


def test_the_list_is_paginated_keeping_its_filter(client: Client, officer: User) -> None:
    for number in range(55):
        services.add_learning_action(
            kind=ActionKind.PRACTICE_CHANGE,
            description=f"Action {number}.",
            due=date(2024, 6, 1),
            by=officer,
        )
    client.force_login(officer)

    response = client.get(reverse("casework:actions"), {"show": "overdue", "page": "2"})

    assert response.context["page"].paginator.count == 55
    assert len(response.context["page"].object_list) == 5
    assert 'href="?show=overdue&amp;page=1"' in response.content.decode()


def test_the_list_runs_the_same_few_queries_however_many_actions_it_shows(
    client: Client,
    service_manager_a: User,
    case: Contact,
    area_a: ServiceArea,
    officer: User,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    def add(count: int) -> None:
        for number in range(count):
            services.add_learning_action(
                kind=ActionKind.PRACTICE_CHANGE,
                description=f"Action {number}.",
                contact=case if number % 2 else None,
                owner_team=area_a.teams.get() if number % 3 else None,
                owner_service_area=None if number % 3 else area_a,
                by=officer,
            )

    add(2)
    client.force_login(service_manager_a)
    client.get(reverse("casework:actions"))  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("casework:actions"))
    add(40)

    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("casework:actions"))

    assert response.context["page"].paginator.count == 42
    assert len(few) <= 12


def test_a_reply_refuses_an_action_still_to_do_without_its_owner_and_due_date(
    service_manager_a: User, stage_one: Contact
) -> None:
    with pytest.raises(CaseworkError, match="Staff training or guidance is still to do"):
        services.reply_stage_one(
            stage_one,
            version=stage_one.version,
            on=date(2024, 5, 10),
            outcome=Outcome.UPHELD,
            actions=[ActionKind.APOLOGY, ActionKind.TRAINING_OR_GUIDANCE],
            by=service_manager_a,
        )

    assert not LearningAction.objects.exists()
