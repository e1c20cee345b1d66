"""The second factor: an authenticator app's codes and recovery codes, optional or required."""

import re
import time
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def code_now(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # allauth remembers used codes in the cache so that none is accepted twice.
    cache.clear()


@pytest.fixture
def with_app(officer: User) -> list[str]:
    """The officer has an authenticator app; returns their recovery codes."""
    TOTP.activate(officer, SECRET)
    return RecoveryCodes.activate(officer).get_unused_codes()


def test_setting_up_an_app_shows_recovery_codes(client: Client, officer: User) -> None:
    client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD})
    # Changing how an account signs in asks for the password again first.
    again = client.get(reverse("mfa_activate_totp"))
    assert again["Location"].startswith(reverse("account_reauthenticate"))
    client.post(again["Location"], {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp")).content.decode()
    secret = re.search(r"data-totp-secret>([A-Z2-7]+)<", page)
    assert secret, page

    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert "The code is not right" in wrong.content.decode()
    assert not Authenticator.objects.filter(user=officer).exists()

    response = client.post(reverse("mfa_activate_totp"), {"code": code_now(secret[1])})

    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes = client.get(response["Location"]).content.decode()
    assert "Your recovery codes" in codes
    assert len(re.findall(r"<li><code>\d{8}</code></li>", codes)) == 10
    assert Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).exists()


def test_with_an_app_the_password_alone_does_not_sign_in(
    client: Client, officer: User, with_app: list[str]
) -> None:
    response = client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD})

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("staff-home")).status_code == 302


def test_signing_in_with_the_apps_code(client: Client, officer: User, with_app: list[str]):
    client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD})
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Enter your code" in page

    wrong = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert "The code is not right" in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": code_now(SECRET)})

    assert response["Location"] == reverse("accounts:landing")
    assert client.get(reverse("staff-home")).status_code == 200


def test_a_recovery_code_signs_in_once(client: Client, officer: User, with_app: list[str]):
    client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": with_app[0]})
    assert client.get(reverse("staff-home")).status_code == 200
    client.logout()

    client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD})
    again = client.post(reverse("mfa_authenticate"), {"code": with_app[0]})

    assert "The code is not right" in again.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_passwords_still_lock_out_an_account_with_an_app(
    client: Client, officer: User, with_app: list[str]
) -> None:
    for _ in range(5):
        client.post(SIGN_IN, {"username": officer.username, "password": "wrong"})

    response = client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_when_required_staff_without_an_app_are_sent_to_set_one_up(
    client: Client, officer: User, settings: Any
) -> None:
    settings.FAIRHEAR_MFA_REQUIRED = True
    client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD})

    for page in ("staff-home", "casework:list", "accounts:change-password"):
        assert client.get(reverse(page))["Location"] == reverse("mfa_index")
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    assert client.get(reverse("accounts:sign-out-confirm")).status_code == 200


def test_when_required_staff_with_an_app_go_on(
    client: Client, officer: User, with_app: list[str], settings: Any
) -> None:
    settings.FAIRHEAR_MFA_REQUIRED = True
    client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code_now(SECRET)})

    assert client.get(reverse("staff-home")).status_code == 200


def test_when_not_required_staff_without_an_app_go_on(client: Client, officer: User) -> None:
    client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD})
    assert client.get(reverse("staff-home")).status_code == 200
