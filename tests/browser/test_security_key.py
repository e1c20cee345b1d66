"""A security key as the second factor, in Chromium with its virtual authenticator (WebAuthn
through the DevTools protocol): added, used to sign in after the password, removed."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.browser.conftest import AccessiblePage, follow, sign_in, submit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _plug_in_a_key(visitor: AccessiblePage) -> None:
    """A USB key with a PIN already given, which answers as if touched."""
    devtools = visitor.page.context.new_cdp_session(visitor.page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def _with_the_key(visitor: AccessiblePage, button: str) -> None:
    """Press a button that asks the key first: the page goes on once the key has answered."""
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("button", name=button).click()
    visitor.assert_accessible()


def test_an_officer_adds_a_security_key_signs_in_with_it_and_removes_it(
    visitor: AccessiblePage, officer: User
) -> None:
    page = visitor.page
    # WebAuthn needs a secure context and a relying party that is a name, not an address.
    assert visitor.base_url.startswith("http://localhost:")
    _plug_in_a_key(visitor)
    sign_in(visitor, officer.username, PASSWORD)
    visitor.goto("/staff/account/second-factor/")
    follow(visitor, "Add a security key")
    page.get_by_label("Your password").fill(PASSWORD)
    submit(visitor, "Continue")

    expect(page.get_by_role("heading", level=1)).to_have_text("Add a security key")
    visitor.screenshot("security-key-add")
    page.get_by_label("Name of the key").fill("Blue key")
    _with_the_key(visitor, "Add security key")
    # The first second factor comes with recovery codes.
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    follow(visitor, "Continue")
    follow(visitor, "Sign out")
    submit(visitor, "Sign out")

    sign_in(visitor, officer.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Use your security key")
    visitor.screenshot("security-key-sign-in")
    _with_the_key(visitor, "Use your security key")
    expect(page.get_by_role("navigation", name="Staff menu")).to_contain_text("Cases")

    visitor.goto("/staff/account/second-factor/")
    follow(visitor, "Change security keys")
    follow(visitor, "Remove Blue key")
    # Asked again before the change, the key answers for the password.
    follow(visitor, "Use your security key instead")
    _with_the_key(visitor, "Use your security key")
    submit(visitor, "Remove security key")
    expect(page.get_by_role("main")).to_contain_text("You have no security keys")
    assert not Authenticator.objects.filter(user=officer).exists()
