"""Every staff page against every role: who may see it, who may change through it."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.organisation.models import ServiceArea, Team

pytestmark = pytest.mark.django_db

ROLES = ["manager", "officer", "service_manager_a", "investigator", "report_viewer", "no_role"]

# page name → the roles that may open it (everyone else signed in gets 403).
READ_PAGES = {
    "staff-home": set(ROLES),
    "organisation-list": {"manager", "officer", "service_manager_a", "report_viewer"},
    "service-area": {"manager", "officer", "service_manager_a", "report_viewer"},
    "team": {"manager", "officer", "service_manager_a", "report_viewer"},
}
CHANGE_PAGES = [
    "add-service-area",
    "add-team",
    "merge-teams",
    "merge-service-areas",
    "correct-name",
    "rename",
    "end",
]


def _url(page: str, area: ServiceArea, team: Team) -> str:
    return {
        "staff-home": reverse("staff-home"),
        "organisation-list": reverse("organisation:list"),
        "service-area": reverse("organisation:detail", args=["service-areas", area.pk]),
        "team": reverse("organisation:detail", args=["teams", team.pk]),
        "add-service-area": reverse("organisation:add-service-area"),
        "add-team": reverse("organisation:add-team"),
        "merge-teams": reverse("organisation:merge", args=["teams"]),
        "merge-service-areas": reverse("organisation:merge", args=["service-areas"]),
        "correct-name": reverse("organisation:correct-name", args=["teams", team.pk]),
        "rename": reverse("organisation:rename", args=["service-areas", area.pk]),
        "end": reverse("organisation:end", args=["teams", team.pk]),
    }[page]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", [*READ_PAGES, *CHANGE_PAGES])
def test_each_role_gets_exactly_the_pages_it_may_use(
    request: pytest.FixtureRequest, client: Client, area_a: ServiceArea, role: str, page: str
) -> None:
    user: User = request.getfixturevalue(role)
    client.force_login(user)
    url = _url(page, area_a, area_a.teams.get())

    response = client.get(url)

    allowed = role in READ_PAGES[page] if page in READ_PAGES else role == "manager"
    assert response.status_code == (200 if allowed else 403), url


@pytest.mark.parametrize("role", [role for role in ROLES if role != "manager"])
@pytest.mark.parametrize("page", CHANGE_PAGES)
def test_only_the_complaints_manager_can_change_the_organisation(
    request: pytest.FixtureRequest, client: Client, area_a: ServiceArea, role: str, page: str
) -> None:
    client.force_login(request.getfixturevalue(role))
    before = list(ServiceArea.objects.values_list("name", "ended")) + list(
        Team.objects.values_list("name", "ended")
    )

    response = client.post(
        _url(page, area_a, area_a.teams.get()),
        {"name": "Changed", "last_day_0": "31", "last_day_1": "3", "last_day_2": "2023"},
    )

    assert response.status_code == 403
    after = list(ServiceArea.objects.values_list("name", "ended")) + list(
        Team.objects.values_list("name", "ended")
    )
    assert after == before


@pytest.mark.parametrize("page", [*READ_PAGES, *CHANGE_PAGES])
def test_signed_out_visitors_are_sent_to_sign_in(
    client: Client, area_a: ServiceArea, page: str
) -> None:
    url = _url(page, area_a, area_a.teams.get())

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:sign-in')}?next={url}"


def test_a_unit_that_does_not_exist_is_not_found(client: Client, manager: User) -> None:
    client.force_login(manager)
    assert client.get(reverse("organisation:detail", args=["teams", 999999])).status_code == 404
    assert client.get(reverse("organisation:detail", args=["divisions", 1])).status_code == 404
