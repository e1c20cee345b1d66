from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.organisation import services
from fairhear.organisation.models import ServiceArea, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client: Client, manager: User) -> Client:
    client.force_login(manager)
    return client


def test_the_list_shows_running_units_and_hides_ended_ones_until_asked(
    signed_in: Client, area_a: ServiceArea
) -> None:
    Team.objects.create(service_area=area_a, name="Closed Team", ended=date(2020, 3, 31))

    page = signed_in.get(reverse("organisation:list")).content.decode()
    everything = signed_in.get(reverse("organisation:list") + "?show=all").content.decode()

    assert "Fostering Service" in page
    assert "Closed Team" not in page
    assert "Closed Team" in everything


def test_the_list_runs_a_fixed_number_of_queries_however_many_teams(
    signed_in: Client, area_a: ServiceArea, django_assert_max_num_queries: object
) -> None:
    for n in range(30):
        area = ServiceArea.objects.create(name=f"Area {n}")
        Team.objects.create(service_area=area, name=f"Team {n}")
    # The 9th: the idle timeout notes the first request of a sign-in in the session.
    with django_assert_max_num_queries(9):  # type: ignore[operator]
        assert signed_in.get(reverse("organisation:list")).status_code == 200


def test_adding_a_team_with_a_date(signed_in: Client, area_a: ServiceArea) -> None:
    response = signed_in.post(
        reverse("organisation:add-team"),
        {
            "service_area": area_a.pk,
            "name": "Kinship Team",
            "started_0": "1",
            "started_1": "4",
            "started_2": "2024",
        },
    )

    team = Team.objects.get(name="Kinship Team")
    assert response["Location"] == reverse("organisation:detail", args=["teams", team.pk])
    assert (team.service_area, team.started) == (area_a, date(2024, 4, 1))


def test_a_missing_name_and_an_impossible_date_show_the_error_summary(
    signed_in: Client, area_a: ServiceArea
) -> None:
    response = signed_in.post(
        reverse("organisation:add-service-area"),
        {"name": "", "started_0": "31", "started_1": "2", "started_2": "2024"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Enter the name" in html
    assert "The start date must be a real date" in html
    assert "<title>Error: " in html
    assert ServiceArea.objects.count() == 1


def test_a_duplicate_name_is_explained_on_the_name_field(
    signed_in: Client, area_a: ServiceArea
) -> None:
    response = signed_in.post(
        reverse("organisation:add-service-area"), {"name": "Children in care"}
    )

    assert "There is already a service area called" in response.content.decode()
    assert ServiceArea.objects.count() == 1


def test_renaming_in_a_restructure_through_the_page(signed_in: Client, area_a: ServiceArea) -> None:
    team = area_a.teams.get()

    response = signed_in.post(
        reverse("organisation:rename", args=["teams", team.pk]),
        {
            "name": "Fostering and Kinship",
            "from_day_0": "1",
            "from_day_1": "4",
            "from_day_2": "2023",
        },
    )

    new = Team.objects.get(name="Fostering and Kinship")
    assert response["Location"] == reverse("organisation:detail", args=["teams", new.pk])
    detail = signed_in.get(response["Location"]).content.decode()
    assert "Took over the work of" in detail
    assert "Fostering Service" in detail


def test_a_refused_change_is_shown_in_the_error_summary_and_nothing_changes(
    signed_in: Client, area_a: ServiceArea
) -> None:
    response = signed_in.post(
        reverse("organisation:end", args=["service-areas", area_a.pk]),
        {"last_day_0": "31", "last_day_1": "3", "last_day_2": "2023"},
    )

    assert "still has teams running" in response.content.decode()
    area_a.refresh_from_db()
    assert area_a.ended is None


def test_merging_teams_through_the_page(signed_in: Client, area_a: ServiceArea) -> None:
    north = Team.objects.create(service_area=area_a, name="North")
    south = Team.objects.create(service_area=area_a, name="South")
    into = area_a.teams.get(name="Fostering Service")

    response = signed_in.post(
        reverse("organisation:merge", args=["teams"]),
        {
            "units": [north.pk, south.pk],
            "into": into.pk,
            "last_day_0": "31",
            "last_day_1": "3",
            "last_day_2": "2023",
        },
    )

    assert response.status_code == 302
    assert set(into.predecessors.values_list("name", flat=True)) == {"North", "South"}


def test_merging_a_team_into_itself_is_refused(signed_in: Client, area_a: ServiceArea) -> None:
    team = area_a.teams.get()

    response = signed_in.post(
        reverse("organisation:merge", args=["teams"]),
        {
            "units": [team.pk],
            "into": team.pk,
            "last_day_0": "31",
            "last_day_1": "3",
            "last_day_2": "2023",
        },
    )

    assert "Do not tick the one they merge into" in response.content.decode()


def test_the_manager_sees_who_changed_what_in_the_history(
    signed_in: Client, area_a: ServiceArea
) -> None:
    signed_in.post(
        reverse("organisation:correct-name", args=["service-areas", area_a.pk]),
        {"name": "Children Looked After"},
    )

    detail = signed_in.get(reverse("organisation:detail", args=["service-areas", area_a.pk]))

    html = detail.content.decode()
    assert "History of changes" in html
    assert "morgan" in html
    assert "Children in Care → Children Looked After" in html


def test_other_roles_do_not_see_the_history(
    client: Client, officer: User, area_a: ServiceArea
) -> None:
    client.force_login(officer)
    html = client.get(reverse("organisation:detail", args=["service-areas", area_a.pk])).content
    assert b"History of changes" not in html
    assert b"Rename it in a restructure" not in html


def test_a_unit_that_does_not_exist_is_not_found(signed_in: Client) -> None:
    assert signed_in.get(reverse("organisation:detail", args=["teams", 999999])).status_code == 404
    assert signed_in.get(reverse("organisation:detail", args=["divisions", 1])).status_code == 404


def test_correcting_a_name_someone_else_corrected_meanwhile_is_refused(
    signed_in: Client, manager: User, area_a: ServiceArea
) -> None:
    page = reverse("organisation:correct-name", args=["service-areas", area_a.pk])
    version = signed_in.get(page).context["form"]["version"].value()
    services.correct_name(area_a, name="Children Looked After", by=manager)

    response = signed_in.post(page, {"name": "Children in Our Care", "version": version})

    assert response.status_code == 200
    assert "Someone else changed this service area while you were editing it" in (
        response.content.decode()
    )
    area_a.refresh_from_db()
    assert area_a.name == "Children Looked After"
