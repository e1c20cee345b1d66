"""The staff service navigation marks the part of the service the page belongs to."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.web.navigation import staff_navigation

pytestmark = pytest.mark.django_db


def _active(user: User, path: str) -> list[str]:
    return [item["text"] for item in staff_navigation(user, path) if item["active"]]


def test_the_deepest_section_a_page_sits_under_is_the_active_one(officer: User) -> None:
    assert _active(officer, reverse("casework:actions")) == ["Actions"]
    assert _active(officer, reverse("casework:compliments")) == ["Compliments"]
    assert _active(officer, reverse("casework:list")) == ["Cases"]
    assert _active(officer, reverse("casework:case", args=["C-2024-0001"])) == ["Cases"]
    assert _active(officer, reverse("staff-home")) == ["Home"]


def test_a_list_filter_puts_no_security_token_in_the_address(client: Client, manager: User) -> None:
    client.force_login(manager)

    for page in ("casework:list", "casework:compliments", "casework:view-log"):
        html = client.get(reverse(page)).content.decode()
        assert 'method="get"' in html, page
        assert "csrfmiddlewaretoken" not in html, page


def test_the_menu_fits_one_row_and_groups_the_councils_setup_under_settings(
    client: Client, manager: User, service_manager_a: User, investigator: User
) -> None:
    menu = [item["text"] for item in staff_navigation(manager, reverse("staff-home"))]
    assert menu == [
        "Home",
        "Cases",
        "Actions",
        "Ombudsman",
        "Compliments",
        "Costs",
        "Reports",
        "Settings",
    ]
    assert _active(manager, reverse("casework:lists")) == ["Settings"]
    assert _active(manager, reverse("accounts:staff")) == ["Settings"]
    client.force_login(manager)
    setup = client.get(reverse("staff-settings")).content.decode()
    for page in ("Categories and people", "Service areas and teams", "Case file", "Staff"):
        assert f">{page}</a>" in setup
    client.force_login(service_manager_a)
    setup = client.get(reverse("staff-settings")).content.decode()
    assert "Service areas and teams" in setup
    assert "Categories and people" not in setup
    assert "Settings" not in [i["text"] for i in staff_navigation(investigator, "/staff/")]


def test_signed_in_staff_sign_out_from_the_header_and_are_not_offered_staff_sign_in(
    client: Client, officer: User
) -> None:
    signed_out = client.get(reverse("web:accessibility")).content.decode()
    client.force_login(officer)
    home = client.get(reverse("staff-home")).content.decode()

    assert "Staff sign in" in signed_out
    assert "Sign out" not in signed_out
    assert "Staff sign in" not in home
    header = home[home.index("<header") : home.index("</header>")]
    menu = header[header.index('aria-label="Staff menu"') :]
    assert "Sign out" in header
    assert "Sign out" not in menu
