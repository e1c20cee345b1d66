"""A security key (WebAuthn) as the second factor: added, used at sign-in, required."""

import re
from typing import Any

import pytest
from allauth.core import context
from allauth.mfa import app_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse

from fairhear.accounts.forms import KEY_NOT_ACCEPTED, KEY_NOT_USED
from tests.conftest import PASSWORD
from tests.security_key import SoftwareKey, options_on

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")
ADD = reverse("mfa_add_webauthn")


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()  # allauth's rate limits on second-factor attempts


def _add(client: Client, officer: User, key: SoftwareKey) -> Any:
    """Sign the officer in with their password and add the key; the answer to adding it."""
    client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD})
    again = client.get(ADD)
    assert again["Location"].startswith(reverse("account_reauthenticate"))
    client.post(again["Location"], {"password": PASSWORD})
    page = client.get(ADD).content.decode()
    # Under the Content Security Policy: script files, and the options as JSON no browser runs.
    for script in re.findall(r"<script([^>]*)>", page):
        assert "src=" in script or 'type="application/json"' in script, script
    return client.post(ADD, {"name": "Blue key", "credential": key.create(options_on(page))})


@pytest.fixture
def key(officer: User) -> SoftwareKey:
    """The officer's security key, added through the page; they are signed out again."""
    key = SoftwareKey()
    client = Client()
    _add(client, officer, key)
    assert Authenticator.objects.filter(user=officer, type=Authenticator.Type.WEBAUTHN).exists()
    return key


def _password_then_key(client: Client, officer: User, key: SoftwareKey) -> Any:
    response = client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Use your security key" in page
    return client.post(reverse("mfa_authenticate"), {"credential": key.get(options_on(page))})


def test_adding_a_key_shows_recovery_codes(client: Client, officer: User) -> None:
    response = _add(client, officer, SoftwareKey())

    assert response["Location"] == reverse("mfa_view_recovery_codes")
    added = Authenticator.objects.get(user=officer, type=Authenticator.Type.WEBAUTHN)
    assert added.wrap().name == "Blue key"
    assert Authenticator.objects.filter(user=officer, type=Authenticator.Type.RECOVERY_CODES)


def test_without_the_keys_answer_the_form_says_what_to_do(client: Client, officer: User) -> None:
    client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD})
    client.post(client.get(ADD)["Location"], {"password": PASSWORD})
    client.get(ADD)

    page = client.post(ADD, {"name": "Blue key"}).content.decode()

    assert KEY_NOT_USED.replace("'", "&#x27;") in page
    assert not Authenticator.objects.filter(user=officer).exists()


def test_the_password_then_the_key_signs_in(
    client: Client, officer: User, key: SoftwareKey
) -> None:
    response = _password_then_key(client, officer, key)

    assert response["Location"] == reverse("accounts:landing")
    assert client.get(reverse("staff-home")).status_code == 200


def test_a_keys_answer_signs_in_once(client: Client, officer: User, key: SoftwareKey) -> None:
    client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD})
    page = client.get(reverse("mfa_authenticate")).content.decode()
    answer = key.get(options_on(page))
    client.post(reverse("mfa_authenticate"), {"credential": answer})
    assert client.get(reverse("staff-home")).status_code == 200
    client.logout()

    client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD})
    client.get(reverse("mfa_authenticate"))
    again = client.post(reverse("mfa_authenticate"), {"credential": answer})

    assert KEY_NOT_ACCEPTED in again.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "stranger",
    [
        SoftwareKey(),  # never added to the account
        # The officer's own key would answer, but from a page not served over HTTPS: the
        # origin is checked (MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN stays off).
        None,
    ],
    ids=["another-key", "insecure-origin"],
)
def test_a_key_not_added_or_from_an_insecure_page_is_refused(
    client: Client, officer: User, key: SoftwareKey, stranger: SoftwareKey | None
) -> None:
    if stranger is None:
        key.origin = "http://testserver"
    response = _password_then_key(client, officer, stranger or key)

    assert response.status_code == 200
    assert KEY_NOT_ACCEPTED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_when_required_a_key_counts_as_the_second_factor(
    client: Client, officer: User, key: SoftwareKey, settings: Any
) -> None:
    settings.FAIRHEAR_MFA_REQUIRED = True
    _password_then_key(client, officer, key)

    assert client.get(reverse("staff-home")).status_code == 200


def test_when_required_staff_may_add_a_key_instead_of_an_app(
    client: Client, officer: User, settings: Any
) -> None:
    settings.FAIRHEAR_MFA_REQUIRED = True

    response = _add(client, officer, SoftwareKey())

    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert client.get(reverse("staff-home")).status_code == 200


def test_the_relying_party_is_the_host_named_for_the_council(
    rf: RequestFactory, settings: Any
) -> None:
    settings.ALLOWED_HOSTS = ["complaints.example.gov.uk"]
    request = rf.get("/", HTTP_HOST="complaints.example.gov.uk:443")
    with context.request_context(request):
        rp = get_adapter().get_public_key_credential_rp_entity()

    assert rp == {"id": "complaints.example.gov.uk", "name": settings.FAIRHEAR_COUNCIL_NAME}
    # A second factor only: no passkey signs in or signs up without the password.
    assert "webauthn" in app_settings.SUPPORTED_TYPES
    assert not app_settings.PASSKEY_LOGIN_ENABLED
    assert not app_settings.WEBAUTHN_ALLOW_INSECURE_ORIGIN
    with pytest.raises(NoReverseMatch):
        reverse("mfa_login_webauthn")
