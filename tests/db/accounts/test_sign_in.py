import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("manager", "staff-home"),
        ("officer", "staff-home"),
        ("service_manager_a", "staff-home"),
        ("investigator", "staff-home"),
        ("report_viewer", "reports:report"),
        ("no_role", "staff-home"),
    ],
)
def test_signing_in_lands_each_role_on_its_first_page(
    request: pytest.FixtureRequest, client: Client, role: str, landing: str
) -> None:
    user: User = request.getfixturevalue(role)

    response = client.post(SIGN_IN, {"username": user.username, "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == reverse(landing)
    assert response.status_code == 200


def test_signing_in_returns_to_the_page_asked_for(client: Client, manager: User) -> None:
    target = reverse("organisation:list")
    response = client.post(SIGN_IN, {"username": "morgan", "password": PASSWORD, "next": target})
    assert response["Location"] == target


def test_a_wrong_password_shows_the_error_summary(client: Client, manager: User) -> None:
    response = client.post(SIGN_IN, {"username": "morgan", "password": "wrong"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in html
    assert "Enter a correct username and password" in html
    assert "<title>Error: Sign in" in html


def test_empty_fields_are_named_in_the_error_summary(client: Client, db: None) -> None:
    html = client.post(SIGN_IN, {"username": "", "password": ""}).content.decode()
    assert "Enter your username" in html
    assert "Enter your password" in html


def test_repeated_wrong_passwords_lock_the_account_out_even_with_the_right_one(
    client: Client, manager: User, settings: object
) -> None:
    for _ in range(5):
        client.post(SIGN_IN, {"username": "morgan", "password": "wrong"})

    response = client.post(SIGN_IN, {"username": "morgan", "password": PASSWORD})

    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert AccessAttempt.objects.filter(username="morgan").exists()
    assert "_auth_user_id" not in client.session


def test_signing_out_needs_a_post_and_then_signs_out(client: Client, manager: User) -> None:
    client.force_login(manager)

    confirm = client.get(reverse("accounts:sign-out-confirm"))
    assert confirm.status_code == 200
    assert client.get(reverse("accounts:sign-out")).status_code == 405

    response = client.post(reverse("accounts:sign-out"))

    assert response["Location"] == reverse("accounts:signed-out")
    assert client.get(reverse("staff-home")).status_code == 302
