"""Signing in as staff do: through the council's provider, and with an authenticator app."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from playwright.sync_api import expect

from tests.browser.conftest import AccessiblePage, follow, sign_in, submit
from tests.conftest import PASSWORD
from tests.db.accounts.test_second_factor import code_now
from tests.oidc_provider import Person, TestProvider, running_provider, sso_settings

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def provider(settings: Any) -> Iterator[TestProvider]:
    with running_provider() as provider:
        sso_settings(settings, provider)
        yield provider


def _person(*groups: str) -> Person:
    return Person(
        sub="entra-oid-7",
        preferred_username="sam.okafor@example.gov.uk",
        email="sam.okafor@example.gov.uk",
        given_name="Sam",
        family_name="Okafor",
        groups=list(groups),
    )


def test_a_complaints_officer_signs_in_through_the_councils_provider(
    visitor: AccessiblePage, provider: TestProvider
) -> None:
    provider.person = _person("grp-complaints-officers")
    visitor.goto("/staff/account/sign-in/")
    visitor.screenshot("sign-in-with-provider")

    follow(visitor, "Sign in with your council account", role="button")

    page = visitor.page
    expect(page.get_by_role("navigation", name="Staff menu")).to_contain_text("Cases")
    assert (
        User.objects.get(email="sam.okafor@example.gov.uk")
        .groups.filter(name="Complaints officer")
        .exists()
    )


def test_someone_outside_fairhears_groups_is_told_why(
    visitor: AccessiblePage, provider: TestProvider
) -> None:
    provider.person = _person("grp-everyone")
    visitor.goto("/staff/account/sign-in/")

    follow(visitor, "Sign in with your council account", role="button")

    page = visitor.page
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot sign in to Fairhear")
    expect(page.get_by_role("main")).to_contain_text("not in any of the groups")
    visitor.screenshot("sign-in-refused")


def _sign_out(visitor: AccessiblePage) -> None:
    follow(visitor, "Sign out")
    submit(visitor, "Sign out")


def test_an_officer_sets_up_an_app_then_signs_in_with_a_code_and_a_recovery_code(
    visitor: AccessiblePage, officer: User
) -> None:
    page = visitor.page
    sign_in(visitor, officer.username, PASSWORD)
    visitor.goto("/staff/account/second-factor/")
    follow(visitor, "Set up an authenticator app")
    # Asked for the password again before changing how the account signs in.
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    page.get_by_label("Your password").fill(PASSWORD)
    submit(visitor, "Continue")

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    visitor.screenshot("second-factor-set-up")
    secret = page.locator("[data-totp-secret]").inner_text()
    page.get_by_label("Code from your authenticator app").fill(code_now(secret))
    submit(visitor, "Turn on")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    codes = page.locator("[data-recovery-codes] code").all_inner_texts()
    assert len(codes) == 10
    assert all(re.fullmatch(r"\d{8}", code) for code in codes)
    follow(visitor, "Continue")
    _sign_out(visitor)
    cache.clear()  # the code used to turn the app on may not be used again within its 30 s

    sign_in(visitor, officer.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    visitor.assert_accessible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right")
    visitor.screenshot("second-factor-wrong-code")
    page.get_by_label("Code").fill(code_now(secret))
    submit(visitor, "Continue")
    expect(page.get_by_role("navigation", name="Staff menu")).to_contain_text("Cases")
    _sign_out(visitor)

    sign_in(visitor, officer.username, PASSWORD)
    page.get_by_label("Code").fill(codes[0])
    submit(visitor, "Continue")
    expect(page.get_by_role("navigation", name="Staff menu")).to_contain_text("Cases")
