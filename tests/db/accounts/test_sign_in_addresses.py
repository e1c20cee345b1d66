"""Behind the council's proxy, sign-in lock-outs and throttles count the visitor's address."""

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory
from django.urls import reverse

from fairhear.web.http import client_address
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")
PROXY = "10.0.0.1"


def _through_proxy(client: Client, username: str, password: str, forwarded: str) -> int:
    """A sign-in attempt as the proxy passes it on: from the proxy, with the proxy's
    X-Forwarded-For (what the visitor sent, then the address the proxy saw)."""
    response = client.post(
        SIGN_IN,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    return response.status_code


def test_forged_forwarded_addresses_cannot_lock_out_the_real_user_elsewhere(
    client: Client, manager: User, settings: object
) -> None:
    settings.FAIRHEAR_PROXY_COUNT = 1  # type: ignore[attr-defined]
    for n in range(5):
        _through_proxy(Client(), "morgan", "wrong", f"198.51.100.{n}, 203.0.113.66")

    # The attacker's own address is locked out, whatever it claims to be...
    assert _through_proxy(Client(), "morgan", PASSWORD, "198.51.100.99, 203.0.113.66") == 429
    # ...and the real user, at another address, signs in.
    assert _through_proxy(client, "morgan", PASSWORD, "192.0.2.10") == 302
    assert "_auth_user_id" in client.session


def test_one_address_is_throttled_across_usernames(
    manager: User, officer: User, settings: object
) -> None:
    settings.FAIRHEAR_PROXY_COUNT = 1  # type: ignore[attr-defined]
    settings.FAIRHEAR_SIGN_IN_ADDRESS_LIMIT = 3  # type: ignore[attr-defined]
    for username in ("morgan", "priya", "nobody"):
        assert _through_proxy(Client(), username, "wrong", "203.0.113.66") == 200

    throttled = Client().post(
        SIGN_IN,
        {"username": "priya", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )

    assert throttled.status_code == 429
    assert "too many attempts to sign in from your network" in throttled.content.decode()
    assert _through_proxy(Client(), "priya", PASSWORD, "192.0.2.10") == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (0, "6.6.6.6, 203.0.113.9", PROXY),  # not behind a proxy: the header is ignored
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (1, "", PROXY),
        (2, "203.0.113.9", PROXY),  # fewer entries than proxies: not through them all
    ],
)
def test_the_address_is_the_one_the_outermost_proxy_added(
    settings: object, proxies: int, forwarded: str, address: str
) -> None:
    settings.FAIRHEAR_PROXY_COUNT = proxies  # type: ignore[attr-defined]
    request = RequestFactory().post("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == address
