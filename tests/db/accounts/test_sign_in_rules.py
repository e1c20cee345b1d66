"""Rules around signing in: strong passwords, the idle timeout, and superusers' accounts."""

import time
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.accounts import services
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

CHANGE_PASSWORD = reverse("accounts:change-password")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("aaaaaaaaaaaa", "repeats too few characters"),
        ("abcdabcdabcd", "repeats too few characters"),
        ("short pass", "too short"),
        ("password1234", "too common"),
    ],
)
def test_a_weak_new_password_is_refused(
    client: Client, officer: User, password: str, reason: str
) -> None:
    client.force_login(officer)

    response = client.post(
        CHANGE_PASSWORD,
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )

    assert response.status_code == 200
    assert reason in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_generated_passwords_pass_every_rule(db: None) -> None:
    from django.contrib.auth.password_validation import validate_password

    for _ in range(20):
        validate_password(services.generate_password())


# ------------------------------------------------------------------ idle timeout


def _idle_for(client: Client, seconds: int) -> None:
    session = client.session
    session["fairhear_last_seen"] = int(time.time()) - seconds
    session.save()


def test_a_staff_sign_in_ends_after_the_idle_minutes(
    client: Client, officer: User, settings: Any
) -> None:
    settings.FAIRHEAR_IDLE_MINUTES = 30
    client.post(reverse("accounts:sign-in"), {"username": "priya", "password": PASSWORD})
    assert client.get(reverse("staff-home")).status_code == 200

    _idle_for(client, 31 * 60)
    response = client.get(reverse("staff-home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out after 30 minutes without activity" in page


def test_activity_keeps_a_sign_in_open(client: Client, officer: User, settings: Any) -> None:
    settings.FAIRHEAR_IDLE_MINUTES = 30
    client.post(reverse("accounts:sign-in"), {"username": "priya", "password": PASSWORD})

    _idle_for(client, 29 * 60)
    assert client.get(reverse("staff-home")).status_code == 200
    _idle_for(client, 29 * 60)  # the request above counted as activity

    assert client.get(reverse("staff-home")).status_code == 200


# ------------------------------------------------------------------ superusers


@pytest.fixture
def superuser(db: None) -> User:
    return User.objects.create_superuser("root", "root@example.gov.uk", PASSWORD)


def test_a_complaints_manager_cannot_reset_a_superusers_password(
    client: Client, manager: User, superuser: User
) -> None:
    client.force_login(manager)
    url = reverse("accounts:new-password", args=[superuser.pk])

    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    superuser.refresh_from_db()
    assert superuser.check_password(PASSWORD)
    with pytest.raises(services.StaffError, match="Only a superuser"):
        services.set_new_password(superuser, by=manager)


def test_a_complaints_manager_cannot_deactivate_or_change_a_superuser(
    client: Client, manager: User, superuser: User
) -> None:
    client.force_login(manager)

    assert (
        client.post(
            reverse("accounts:set-active", args=[superuser.pk]), {"active": "no"}
        ).status_code
        == 403
    )
    assert client.get(reverse("accounts:change-staff", args=[superuser.pk])).status_code == 403
    superuser.refresh_from_db()
    assert superuser.is_active
    with pytest.raises(services.StaffError, match="Only a superuser"):
        services.set_active(superuser, active=False, by=manager)
    staff_list = client.get(reverse("accounts:staff")).content.decode()
    assert "only another superuser can change this account" in staff_list
    assert reverse("accounts:new-password", args=[superuser.pk]) not in staff_list


def test_a_superuser_can_reset_another_superusers_password(superuser: User) -> None:
    other = User.objects.create_superuser("root2", "root2@example.gov.uk", PASSWORD)

    password = services.set_new_password(other, by=superuser)

    other.refresh_from_db()
    assert other.check_password(password)
