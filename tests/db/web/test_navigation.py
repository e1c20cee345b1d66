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
