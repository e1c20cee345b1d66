"""Who sees which case: decided in casework.selectors, and nowhere else."""

from collections.abc import Callable
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.http import Http404

from fairhear.casework import services
from fairhear.casework.models import Contact, Practitioner, Stage
from fairhear.casework.selectors import cases_visible_to, get_case_for, likely_duplicates
from fairhear.organisation import services as organisation
from fairhear.organisation.models import ServiceArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_a(log: Callable[..., Contact], area_a: ServiceArea) -> Contact:
    return log(service_area=area_a)


@pytest.fixture
def case_b(log: Callable[..., Contact], area_b: ServiceArea) -> Contact:
    return log(service_area=area_b)


def _visible(user: User) -> set[str]:
    return set(cases_visible_to(user).values_list("reference", flat=True))


@pytest.mark.parametrize("role", ["manager", "officer"])
def test_the_complaints_team_sees_every_case(
    request: pytest.FixtureRequest, role: str, case_a: Contact, case_b: Contact
) -> None:
    assert _visible(request.getfixturevalue(role)) == {case_a.reference, case_b.reference}


def test_a_service_manager_sees_only_their_own_service_areas_cases(
    service_manager_a: User, service_manager_b: User, case_a: Contact, case_b: Contact
) -> None:
    assert _visible(service_manager_a) == {case_a.reference}
    assert _visible(service_manager_b) == {case_b.reference}


def test_a_service_manager_fetching_another_teams_case_is_told_it_does_not_exist(
    service_manager_a: User, case_b: Contact
) -> None:
    with pytest.raises(Http404):
        get_case_for(service_manager_a, case_b.reference)


def test_a_service_manager_sees_the_cases_of_an_area_merged_into_theirs(
    manager: User,
    service_manager_a: User,
    area_a: ServiceArea,
    area_b: ServiceArea,
    case_b: Contact,
) -> None:
    last_day = date(2024, 6, 30)
    organisation.merge(
        list(area_b.teams.all()), into=area_a.teams.get(), last_day=last_day, by=manager
    )
    organisation.merge([area_b], into=area_a, last_day=last_day, by=manager)

    assert case_b.reference in _visible(service_manager_a)


def test_a_service_manager_sees_a_case_they_answer_in_another_area(
    service_manager_a: User, case_b: Contact
) -> None:
    services.triage_contact(
        case_b,
        version=case_b.version,
        route="statutory",
        reason="Eligible parent.",
        eligible=True,
        on=case_b.received,
        by=service_manager_a,
    )
    Stage.objects.filter(contact=case_b).update(responsible_manager=service_manager_a)

    assert case_b.reference in _visible(service_manager_a)


def test_an_investigator_sees_only_the_cases_they_work_on(
    investigator: User, practitioners: dict[str, Practitioner], stage_two: Contact, case_b: Contact
) -> None:
    assert _visible(investigator) == set()

    Practitioner.objects.filter(pk=practitioners["ivan"].pk).update(user=investigator)

    # A new request reads the user afresh (the scope is kept for one request only).
    assert _visible(User.objects.get(pk=investigator.pk)) == {stage_two.reference}


def test_an_investigator_sees_a_case_assigned_to_them(
    investigator: User, manager: User, case_b: Contact
) -> None:
    services.assign_case(
        case_b, user=investigator, on=date(2024, 5, 2), reason="Mediation.", by=manager
    )

    assert _visible(investigator) == {case_b.reference}
    assert cases_visible_to(investigator).count() == 1


def test_a_panel_member_with_a_sign_in_sees_the_case(
    investigator: User,
    officer: User,
    practitioners: dict[str, Practitioner],
    stage_three_accepted: Contact,
) -> None:
    pat = practitioners["pat"]
    pat.user = investigator
    pat.save()
    services.convene_panel(
        stage_three_accepted,
        version=stage_three_accepted.version,
        members=[pat, practitioners["paula"], practitioners["piers"]],
        chair=pat,
        by=officer,
    )

    assert _visible(investigator) == {stage_three_accepted.reference}


@pytest.mark.parametrize("role", ["report_viewer", "no_role"])
def test_roles_without_case_access_see_no_case(
    request: pytest.FixtureRequest, role: str, case_a: Contact
) -> None:
    user = request.getfixturevalue(role)
    assert _visible(user) == set()
    with pytest.raises(Http404):
        get_case_for(user, case_a.reference)


def test_likely_duplicates_match_name_email_or_phone_ignoring_case_and_spaces(
    officer: User,
) -> None:
    jo = services.record_person(
        name="Jo Bloggs", email="Jo@Example.org", phone="07700 900123", by=officer
    )
    services.record_person(name="Sam Other", by=officer)

    assert list(likely_duplicates(name="jo bloggs")) == [jo]
    assert list(likely_duplicates(email="jo@example.org ")) == [jo]
    assert list(likely_duplicates(phone="07700900123")) == [jo]
    assert not likely_duplicates(name="Jo Smith").exists()
    assert not likely_duplicates().exists()
