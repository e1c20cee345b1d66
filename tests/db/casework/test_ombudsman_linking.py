"""Linking an Ombudsman case to the case it is about (or correcting the link), the view log
of Ombudsman case pages and the history of an unlinked one, and the list of replies due."""

from collections.abc import Callable
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.models import CaseEvent, Contact, OmbudsmanCase
from fairhear.organisation.models import ServiceArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_team(log: Callable[..., Contact], area_a: ServiceArea) -> Contact:
    """A case in area A's team (the `log` fixture's cases name only the service area)."""
    return log(team=area_a.teams.get())


@pytest.fixture
def other(log: Callable[..., Contact], area_b: ServiceArea) -> Contact:
    return log(service_area=area_b)


def _link_url(case: OmbudsmanCase) -> str:
    return reverse("casework:ombudsman-step", args=[case.pk, "link"])


def _page(case: OmbudsmanCase) -> str:
    return reverse("casework:ombudsman-case", args=[case.lgsco_reference])


def _history(case: OmbudsmanCase) -> str:
    return reverse("casework:ombudsman-history", args=[case.lgsco_reference])


def _snapshot(case: OmbudsmanCase) -> tuple[object, ...]:
    fresh = OmbudsmanCase.objects.get(pk=case.pk)
    return (fresh.contact_id, fresh.service_area_id, fresh.team_id)


def _audit_count(case: OmbudsmanCase) -> int:
    return LogEntry.objects.get_for_object(case).count()


# ------------------------------------------------------------------------------ the service


def test_linking_sets_the_case_copies_its_service_and_team_and_goes_on_its_timeline(
    officer: User, unlinked: OmbudsmanCase, with_team: Contact, area_a: ServiceArea
) -> None:
    linked = services.link_ombudsman_case(unlinked, contact=with_team, by=officer)

    fresh = OmbudsmanCase.objects.get(pk=unlinked.pk)
    assert fresh.contact == with_team == linked.contact
    assert (fresh.service_area, fresh.team) == (area_a, area_a.teams.get())
    event = CaseEvent.objects.get(action="fairhear.ombudsman.linked")
    assert (event.contact, event.by) == (with_team, officer)
    assert event.description == "Ombudsman case 23 000 123 linked to this case."
    entry = LogEntry.objects.get_for_object(unlinked).order_by("-pk").first()
    assert entry is not None
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor == officer
    assert entry.changes_dict["contact"] == ["None", str(with_team.pk)]
    assert "service_area" in entry.changes_dict
    assert "team" in entry.changes_dict


def test_a_service_and_team_of_its_own_are_kept(
    officer: User, with_team: Contact, area_a: ServiceArea, area_b: ServiceArea
) -> None:
    case = services.record_ombudsman_case(
        lgsco_reference="23 000 124",
        received=date(2024, 6, 3),
        team=area_b.teams.get(),
        by=officer,
    )

    services.link_ombudsman_case(case, contact=with_team, by=officer)

    fresh = OmbudsmanCase.objects.get(pk=case.pk)
    assert (fresh.service_area, fresh.team) == (area_b, area_b.teams.get())


def test_a_team_outside_the_ombudsman_cases_own_service_area_is_not_copied(
    officer: User, with_team: Contact, area_b: ServiceArea
) -> None:
    case = services.record_ombudsman_case(
        lgsco_reference="23 000 125", received=date(2024, 6, 3), service_area=area_b, by=officer
    )

    services.link_ombudsman_case(case, contact=with_team, by=officer)

    fresh = OmbudsmanCase.objects.get(pk=case.pk)
    assert (fresh.service_area, fresh.team) == (area_b, None)


def test_relinking_corrects_the_link_and_tells_both_cases(
    officer: User, unlinked: OmbudsmanCase, stage_one: Contact, other: Contact
) -> None:
    services.link_ombudsman_case(unlinked, contact=stage_one, by=officer)

    services.link_ombudsman_case(unlinked, contact=other, by=officer)

    assert OmbudsmanCase.objects.get(pk=unlinked.pk).contact == other
    assert list(
        CaseEvent.objects.filter(action__startswith="fairhear.ombudsman.").values_list(
            "contact", "action", "description"
        )
    ) == [
        (
            stage_one.pk,
            "fairhear.ombudsman.linked",
            "Ombudsman case 23 000 123 linked to this case.",
        ),
        (
            other.pk,
            "fairhear.ombudsman.linked",
            f"Ombudsman case 23 000 123 linked to this case (it was linked to case "
            f"{stage_one.reference}).",
        ),
        (
            stage_one.pk,
            "fairhear.ombudsman.unlinked",
            f"Ombudsman case 23 000 123 unlinked from this case: it is about case "
            f"{other.reference}.",
        ),
    ]
    changes = [
        e.changes_dict["contact"]
        for e in LogEntry.objects.get_for_object(unlinked).order_by("pk")
        if e.action == LogEntry.Action.UPDATE and "contact" in e.changes_dict
    ]
    assert changes == [["None", str(stage_one.pk)], [str(stage_one.pk), str(other.pk)]]


def test_the_same_case_again_is_refused_and_nothing_changes(
    officer: User, unlinked: OmbudsmanCase, stage_one: Contact
) -> None:
    services.link_ombudsman_case(unlinked, contact=stage_one, by=officer)
    before, audited, events = _snapshot(unlinked), _audit_count(unlinked), CaseEvent.objects.count()

    with pytest.raises(services.CaseworkError) as refused:
        services.link_ombudsman_case(unlinked, contact=stage_one, by=officer)

    assert str(refused.value) == (
        f"Ombudsman case 23 000 123 is already linked to case {stage_one.reference}."
    )
    assert _snapshot(unlinked) == before
    assert _audit_count(unlinked) == audited
    assert CaseEvent.objects.count() == events


def test_an_enquiry_that_arrived_before_the_complaint_is_refused_as_when_recorded_on_it(
    officer: User, stage_one: Contact
) -> None:
    early = services.record_ombudsman_case(
        lgsco_reference="22 000 001", received=date(2024, 4, 2), by=officer
    )
    before, audited, events = _snapshot(early), _audit_count(early), CaseEvent.objects.count()

    with pytest.raises(services.CaseworkError) as refused:
        services.link_ombudsman_case(early, contact=stage_one, by=officer)
    with pytest.raises(services.CaseworkError) as on_recording:
        services.record_ombudsman_case(
            lgsco_reference="22 000 002",
            received=date(2024, 4, 2),
            contact=stage_one,
            version=stage_one.version,
            by=officer,
        )

    assert str(refused.value) == str(on_recording.value)
    assert "before the complaint was received on 1 May 2024" in str(refused.value)
    assert _snapshot(early) == before
    assert _audit_count(early) == audited
    assert CaseEvent.objects.count() == events


def test_a_correction_refused_by_the_rules_leaves_the_first_link(
    officer: User, unlinked: OmbudsmanCase, stage_one: Contact, log: Callable[..., Contact]
) -> None:
    services.link_ombudsman_case(unlinked, contact=stage_one, by=officer)
    later = log(received=date(2024, 7, 1))
    before, events = _snapshot(unlinked), CaseEvent.objects.count()

    with pytest.raises(services.CaseworkError):
        services.link_ombudsman_case(unlinked, contact=later, by=officer)

    assert _snapshot(unlinked) == before
    assert CaseEvent.objects.count() == events


# ------------------------------------------------------------------------------ the page


def test_the_link_step_is_offered_on_an_unlinked_case_page_and_links_it(
    client: Client, officer: User, unlinked: OmbudsmanCase, stage_one: Contact
) -> None:
    client.force_login(officer)
    assert _link_url(unlinked) in client.get(_page(unlinked)).content.decode()

    # Typed in small letters with spaces around it: the same reference.
    response = client.post(_link_url(unlinked), {"reference": f" {stage_one.reference.lower()} "})

    case_page = reverse("casework:case", args=[stage_one.reference])
    assert response.status_code == 302
    assert response["Location"] == case_page
    assert OmbudsmanCase.objects.get(pk=unlinked.pk).contact == stage_one
    assert stage_one.events.filter(action="fairhear.ombudsman.linked").exists()
    assert _page(unlinked) in client.get(case_page).content.decode()
    shown = client.get(_page(unlinked)).content.decode()
    assert f"About case {stage_one.reference}" in shown
    assert "Link to a case</a>" not in shown


def test_a_correction_through_the_page_goes_to_the_case_it_is_now_about(
    client: Client, officer: User, unlinked: OmbudsmanCase, stage_one: Contact, other: Contact
) -> None:
    services.link_ombudsman_case(unlinked, contact=stage_one, by=officer)
    client.force_login(officer)
    assert _link_url(unlinked) in client.get(_page(unlinked)).content.decode()
    form = client.get(_link_url(unlinked)).content.decode()
    assert f"Linked to {stage_one.reference} now." in form

    response = client.post(_link_url(unlinked), {"reference": other.reference})

    assert response["Location"] == reverse("casework:case", args=[other.reference])
    assert OmbudsmanCase.objects.get(pk=unlinked.pk).contact == other
    assert stage_one.events.filter(action="fairhear.ombudsman.unlinked").exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the reference of the case"),
        ("C-2019-9999", "There is no case C-2019-9999: check the reference, like C-2024-0001."),
    ],
)
def test_a_missing_or_unknown_reference_is_refused_on_the_form_and_nothing_is_stored(
    client: Client, officer: User, unlinked: OmbudsmanCase, typed: str, message: str
) -> None:
    client.force_login(officer)
    before, audited, events = _snapshot(unlinked), _audit_count(unlinked), CaseEvent.objects.count()

    response = client.post(_link_url(unlinked), {"reference": typed})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert _snapshot(unlinked) == before
    assert _audit_count(unlinked) == audited
    assert CaseEvent.objects.count() == events


def test_the_case_it_is_already_linked_to_is_refused_on_the_form(
    client: Client, officer: User, unlinked: OmbudsmanCase, stage_one: Contact
) -> None:
    services.link_ombudsman_case(unlinked, contact=stage_one, by=officer)
    client.force_login(officer)
    events = CaseEvent.objects.count()

    response = client.post(_link_url(unlinked), {"reference": stage_one.reference})

    assert response.status_code == 200
    assert "is already linked to case" in response.content.decode()
    assert CaseEvent.objects.count() == events


def test_a_case_received_after_the_enquiry_is_refused_on_the_form(
    client: Client, officer: User, unlinked: OmbudsmanCase, log: Callable[..., Contact]
) -> None:
    later = log(received=date(2024, 7, 1))
    client.force_login(officer)

    response = client.post(_link_url(unlinked), {"reference": later.reference})

    assert response.status_code == 200
    assert "before the complaint was received on 1 July 2024" in response.content.decode()
    assert OmbudsmanCase.objects.get(pk=unlinked.pk).contact is None


def test_a_service_manager_cannot_link_and_is_not_offered_the_step(
    client: Client, service_manager_a: User, officer: User, stage_one: Contact, other: Contact
) -> None:
    case = services.record_ombudsman_case(
        lgsco_reference="24 000 777",
        received=date(2024, 6, 3),
        contact=stage_one,
        version=stage_one.version,
        by=officer,
    )
    client.force_login(service_manager_a)

    shown = client.get(_page(case)).content.decode()
    response = client.post(_link_url(case), {"reference": other.reference})

    assert _link_url(case) not in shown
    assert response.status_code == 403
    assert OmbudsmanCase.objects.get(pk=case.pk).contact == stage_one


def test_an_ombudsman_case_or_step_that_does_not_exist_is_not_found(
    client: Client, manager: User, unlinked: OmbudsmanCase
) -> None:
    client.force_login(manager)
    assert client.get(reverse("casework:ombudsman-history", args=["99 999 999"])).status_code == 404
    assert (
        client.get(reverse("casework:ombudsman-step", args=[unlinked.pk + 1, "link"])).status_code
        == 404
    )


def test_the_history_of_a_linked_case_is_its_cases_history(
    client: Client, manager: User, officer: User, unlinked: OmbudsmanCase, stage_one: Contact
) -> None:
    services.link_ombudsman_case(unlinked, contact=stage_one, by=officer)
    client.force_login(manager)
    history = reverse("casework:history", args=[stage_one.reference])

    response = client.get(_history(unlinked))

    assert response.status_code == 302
    assert response["Location"] == history
    assert f'href="{history}"' in client.get(_page(unlinked)).content.decode()


def test_only_the_complaints_manager_is_offered_the_history_of_an_unlinked_case(
    client: Client, manager: User, officer: User, unlinked: OmbudsmanCase
) -> None:
    client.force_login(manager)
    assert _history(unlinked) in client.get(_page(unlinked)).content.decode()
    client.force_login(officer)
    assert _history(unlinked) not in client.get(_page(unlinked)).content.decode()


# ------------------------------------------------------------------------------ the view log


def _views_of(case: OmbudsmanCase) -> list[User | None]:
    entries = LogEntry.objects.get_for_object(case).filter(action=LogEntry.Action.ACCESS)
    return [entry.actor for entry in entries]


def test_opening_an_unlinked_case_is_logged_and_shown_on_its_history(
    client: Client, manager: User, officer: User, unlinked: OmbudsmanCase
) -> None:
    client.force_login(officer)
    client.get(_page(unlinked))
    assert _views_of(unlinked) == [officer]

    client.force_login(manager)
    response = client.get(_history(unlinked))

    assert [entry.actor for entry in response.context["views"]] == [officer]
    shown = response.content.decode()
    assert "Who viewed this Ombudsman case" in shown
    assert officer.get_username() in shown
    # Its creation, with the values recorded, is among its changes; the view is not.
    assert [entry.action for entry in response.context["changes"]] == [LogEntry.Action.CREATE]
    assert "23 000 123" in shown


def test_the_changes_on_an_unlinked_cases_history_show_old_and_new_values(
    client: Client, manager: User, officer: User, unlinked: OmbudsmanCase
) -> None:
    services.record_ombudsman_reply(unlinked, on=date(2024, 6, 20), by=officer)
    client.force_login(manager)

    shown = client.get(_history(unlinked)).content.decode()

    assert "Council replied: none → 20 Jun 2024" in shown


def test_views_of_a_linked_ombudsman_case_are_shown_on_its_cases_history(
    client: Client, manager: User, officer: User, unlinked: OmbudsmanCase, stage_one: Contact
) -> None:
    services.link_ombudsman_case(unlinked, contact=stage_one, by=officer)
    client.force_login(officer)
    client.get(_page(unlinked))
    assert _views_of(unlinked) == [officer]

    client.force_login(manager)
    response = client.get(reverse("casework:history", args=[stage_one.reference]))

    assert [e.actor for e in response.context["ombudsman_views"]] == [officer]
    assert [e.actor for e in response.context["views"]] == []
    shown = response.content.decode()
    assert "Who viewed its Ombudsman cases" in shown
    assert "23 000 123" in shown


# ------------------------------------------------------------------------------ replies due


def test_the_replies_due_list_shows_only_unanswered_undecided_enquiries_soonest_first(
    client: Client, officer: User, unlinked: OmbudsmanCase
) -> None:
    sooner = services.record_ombudsman_case(
        lgsco_reference="23 000 200",
        received=date(2024, 6, 1),
        enquiry_due=date(2024, 6, 10),
        by=officer,
    )
    replied = services.record_ombudsman_case(
        lgsco_reference="23 000 300", received=date(2024, 5, 1), by=officer
    )
    services.record_ombudsman_reply(replied, on=date(2024, 5, 20), by=officer)
    decided = services.record_ombudsman_case(
        lgsco_reference="23 000 400", received=date(2024, 5, 2), by=officer
    )
    services.record_ombudsman_decision(
        decided, on=date(2024, 5, 30), decision="not_upheld", by=officer
    )
    OmbudsmanCase.objects.create(lgsco_reference="23 000 500")  # arrival not known
    client.force_login(officer)

    due = client.get(reverse("casework:ombudsman"), {"show": "replies_due"})
    every = client.get(reverse("casework:ombudsman"))

    assert [c.lgsco_reference for c in due.context["cases"]] == ["23 000 200", "23 000 123"]
    assert len(every.context["cases"]) == 5
    due_page, every_page = due.content.decode(), every.content.decode()
    assert '<h1 class="govuk-heading-xl">Ombudsman replies due</h1>' in due_page
    assert "soonest due first" in due_page
    assert f'href="{reverse("casework:ombudsman")}"' in due_page
    assert '<h1 class="govuk-heading-xl">Ombudsman cases</h1>' in every_page
    assert "?show=replies_due" in every_page
    assert sooner.lgsco_reference in due_page


def test_the_replies_due_list_says_when_there_are_none(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.get(reverse("casework:ombudsman"), {"show": "replies_due"})
    assert "No replies due." in response.content.decode()
