from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from fairhear.organisation import services
from fairhear.organisation.models import ServiceArea, Team
from fairhear.organisation.selectors import lineage, unit_on

pytestmark = pytest.mark.django_db


def test_adding_a_service_area_is_recorded_in_the_audit_log_with_who_did_it(manager: User) -> None:
    area = services.add_service_area(name="  Early   Help ", started=None, by=manager)

    assert area.name == "Early Help"
    entry = LogEntry.objects.get_for_object(area).get()
    assert entry.actor == manager
    assert entry.action == LogEntry.Action.CREATE


def test_it_refuses_a_second_unit_with_the_same_name_whatever_the_case(
    manager: User, area_a: ServiceArea
) -> None:
    with pytest.raises(services.OrganisationError, match="already a service area called"):
        services.add_service_area(name="children in care", started=None, by=manager)
    assert ServiceArea.objects.count() == 1


def test_the_database_refuses_duplicate_names_too(area_a: ServiceArea) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceArea.objects.create(name="CHILDREN IN CARE")


def test_the_database_refuses_a_unit_that_ends_before_it_starts(area_a: ServiceArea) -> None:
    area_a.ended = date(2014, 1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        area_a.save()


def test_renaming_a_team_ends_the_old_name_and_keeps_it_for_history(
    manager: User, area_a: ServiceArea
) -> None:
    old = Team.objects.get(name="Fostering Service")

    new = services.rename(old, name="Fostering and Kinship", from_day=date(2023, 4, 1), by=manager)

    old.refresh_from_db()
    assert (old.ended, old.successor) == (date(2023, 3, 31), new)
    assert (new.started, new.service_area) == (date(2023, 4, 1), area_a)
    assert unit_on(old, date(2024, 3, 31)) == new
    assert unit_on(old, date(2023, 3, 31)) == old, "a restructure after the day is not applied"


def test_renaming_a_service_area_moves_its_running_teams_to_the_new_name(
    manager: User, area_a: ServiceArea
) -> None:
    ended_team = Team.objects.create(
        service_area=area_a, name="Old Team", started=date(2015, 4, 1), ended=date(2019, 3, 31)
    )

    new = services.rename(
        area_a, name="Children Looked After", from_day=date(2023, 4, 1), by=manager
    )

    assert list(new.teams.values_list("name", flat=True)) == ["Fostering Service"]
    ended_team.refresh_from_db()
    assert ended_team.service_area == area_a


def test_correcting_a_name_changes_it_for_every_year_and_audits_old_and_new(
    manager: User, area_a: ServiceArea
) -> None:
    services.correct_name(area_a, name="Children in Care Service", by=manager)

    entry = LogEntry.objects.get_for_object(area_a).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes_dict["name"] == ["Children in Care", "Children in Care Service"]
    assert area_a.ended is None


def test_merging_teams_ends_each_and_names_the_merged_team_as_successor(
    manager: User, area_a: ServiceArea
) -> None:
    north = Team.objects.create(service_area=area_a, name="North", started=date(2015, 4, 1))
    south = Team.objects.create(service_area=area_a, name="South", started=date(2015, 4, 1))
    merged = services.add_team(
        service_area=area_a, name="Locality", started=date(2023, 4, 1), by=manager
    )

    services.merge([north, south], into=merged, last_day=date(2023, 3, 31), by=manager)

    for team in (north, south):
        team.refresh_from_db()
        assert (team.ended, team.successor) == (date(2023, 3, 31), merged)
    before, after = lineage(merged)
    assert {t.name for t in before} == {"North", "South"}
    assert after == []


def test_a_merge_that_fails_for_one_team_changes_none_of_them(
    manager: User, area_a: ServiceArea
) -> None:
    north = Team.objects.create(service_area=area_a, name="North", started=date(2015, 4, 1))
    late = Team.objects.create(service_area=area_a, name="Late", started=date(2024, 1, 1))
    into = Team.objects.get(name="Fostering Service")

    with pytest.raises(services.OrganisationError, match="started on 1 January 2024"):
        services.merge([north, late], into=into, last_day=date(2023, 3, 31), by=manager)

    north.refresh_from_db()
    assert north.ended is None


def test_it_refuses_a_successor_that_is_not_running_the_day_after(
    manager: User, area_a: ServiceArea
) -> None:
    team = Team.objects.get(name="Fostering Service")
    later = Team.objects.create(service_area=area_a, name="Later", started=date(2024, 4, 1))

    with pytest.raises(services.OrganisationError, match="is not running on 1 April 2023"):
        services.end(team, last_day=date(2023, 3, 31), successor=later, by=manager)


def test_it_refuses_a_restructure_that_goes_round_in_a_circle(
    manager: User, area_a: ServiceArea
) -> None:
    first = Team.objects.get(name="Fostering Service")
    second = Team.objects.create(service_area=area_a, name="Second", started=date(2015, 4, 1))
    services.end(second, last_day=date(2023, 3, 31), successor=first, by=manager)

    with pytest.raises(services.OrganisationError, match="cannot go round in a circle"):
        services.end(first, last_day=date(2022, 3, 31), successor=second, by=manager)


def test_it_refuses_to_end_a_service_area_that_still_has_running_teams(
    manager: User, area_a: ServiceArea
) -> None:
    with pytest.raises(
        services.OrganisationError, match=r"still has teams running.*Fostering Service"
    ):
        services.end(area_a, last_day=date(2023, 3, 31), successor=None, by=manager)


def test_it_refuses_to_end_a_unit_twice(manager: User, area_a: ServiceArea) -> None:
    team = Team.objects.get(name="Fostering Service")
    services.end(team, last_day=date(2023, 3, 31), successor=None, by=manager)

    with pytest.raises(services.OrganisationError, match="already ended on 31 March 2023"):
        services.end(team, last_day=date(2024, 3, 31), successor=None, by=manager)


def test_a_unit_ended_without_a_successor_counts_under_its_own_name(area_a: ServiceArea) -> None:
    area_a.ended = date(2020, 3, 31)
    area_a.save()
    assert unit_on(area_a, date(2025, 1, 1)) == area_a


def test_unit_on_follows_a_chain_of_successors_to_its_end(
    manager: User, area_a: ServiceArea
) -> None:
    first = Team.objects.get(name="Fostering Service")
    second = services.rename(first, name="Fostering 2", from_day=date(2020, 4, 1), by=manager)
    third = services.rename(second, name="Fostering 3", from_day=date(2022, 4, 1), by=manager)

    assert unit_on(first, date(2023, 3, 31)) == third
    assert unit_on(first, date(2021, 3, 31)) == second
    assert lineage(third) == ([second, first], [])
    assert lineage(first) == ([], [second, third])
