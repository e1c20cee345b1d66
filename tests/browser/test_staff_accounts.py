import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from fairhear.organisation.models import ServiceArea
from tests.browser.conftest import AccessiblePage, follow, sign_in, submit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_manager_adds_a_service_manager_and_sees_them_in_the_list(
    visitor: AccessiblePage, manager: User, area_a: ServiceArea, area_b: ServiceArea
) -> None:
    sign_in(visitor, manager.username, PASSWORD)
    page = visitor.page
    follow(visitor, "Settings")
    page.get_by_role("link", name="Staff", exact=True).click()
    visitor.assert_accessible()
    follow(visitor, "Add a member of staff")

    page.get_by_label("First name").fill("Jo")
    page.get_by_label("Last name").fill("Adeyemi")
    page.get_by_label("Email address").fill("jo.adeyemi@example.gov.uk")
    page.get_by_label("Username").fill("jadeyemi")
    page.get_by_label("Service manager").check()
    page.get_by_label("Front Door").check()
    submit(visitor, "Add member of staff")

    expect(page.get_by_role("heading", level=1)).to_have_text("Account added for Jo Adeyemi")
    expect(page.locator("[data-password]")).to_have_text(re.compile(r"^\w{4}(-\w{4}){3}$"))
    visitor.screenshot("staff-account-added")
    follow(visitor, "Back to the staff list")

    row = page.get_by_role("row").filter(has_text="jadeyemi")
    expect(row).to_contain_text("Jo Adeyemi")
    expect(row).to_contain_text("Service manager")
    expect(row).to_contain_text("Front Door")
    expect(row).not_to_contain_text("Children in Care")
    visitor.screenshot("staff-list")
