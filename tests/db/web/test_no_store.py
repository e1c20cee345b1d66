import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        reverse("staff-home"),
        reverse("casework:list"),
        reverse("interchange:export", kwargs={"kind": "zip"}),
        reverse("interchange:export", kwargs={"kind": "xlsx"}),
    ],
)
def test_staff_pages_and_exports_are_never_stored(client: Client, manager: User, url: str) -> None:
    client.force_login(manager)

    response = client.get(url)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_public_home_page_may_be_cached(client: Client) -> None:
    response = client.get(reverse("web:home"))
    assert "no-store" not in response.get("Cache-Control", "")
