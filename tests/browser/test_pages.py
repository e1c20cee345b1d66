import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from fairhear.casework.models import Category
from tests.browser.conftest import AccessiblePage, follow, sign_in, submit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_public_home_page_is_accessible_and_shows_the_council(visitor: AccessiblePage) -> None:
    visitor.goto("/")

    expect(visitor.page.locator(".govuk-generic-header")).to_contain_text(
        "Fairhear Borough Council"
    )
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(
        "Complaints and compliments about children's social care"
    )
    visitor.screenshot("public-home")


def test_the_skip_link_takes_keyboard_users_to_the_content(visitor: AccessiblePage) -> None:
    visitor.goto("/")
    visitor.page.keyboard.press("Tab")
    expect(visitor.page.get_by_role("link", name="Skip to main content")).to_be_focused()


@pytest.mark.parametrize(
    ("role", "heading"),
    [
        ("manager", "What to do today"),
        ("officer", "What to do today"),
        ("service_manager_a", "What to do today"),
        ("investigator", "What to do today"),
        ("report_viewer", re.compile(r"^Complaints report \d{4}/\d{2}$")),
    ],
)
def test_each_role_signs_in_and_lands_on_its_page(
    visitor: AccessiblePage,
    request: pytest.FixtureRequest,
    role: str,
    heading: str | re.Pattern[str],
) -> None:
    user: User = request.getfixturevalue(role)

    sign_in(visitor, user.username, PASSWORD)

    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(heading)
    if role == "manager":
        visitor.screenshot("staff-home")


def test_a_wrong_password_shows_the_error_summary_with_focus(
    visitor: AccessiblePage, manager: User
) -> None:
    sign_in(visitor, manager.username, "not the password")

    summary = visitor.page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a correct username and password")
    expect(summary).to_be_focused()
    expect(visitor.page).to_have_title(re.compile(r"^Error: Sign in"))


def test_the_manager_renames_a_team_in_a_restructure(
    visitor: AccessiblePage, manager: User, area_a: object
) -> None:
    sign_in(visitor, manager.username, PASSWORD)
    follow(visitor, "Settings")
    follow(visitor, "Service areas and teams")
    visitor.page.get_by_role("link", name="Fostering Service").click()
    visitor.assert_accessible()
    visitor.page.get_by_role("link", name="Rename it in a restructure").click()
    visitor.assert_accessible()

    visitor.page.get_by_label("New name").fill("Fostering and Kinship")
    visitor.page.get_by_label("Day").fill("1")
    visitor.page.get_by_label("Month").fill("4")
    visitor.page.get_by_label("Year").fill("2023")
    visitor.page.get_by_role("button", name="Rename").click()
    visitor.assert_accessible()

    expect(visitor.page.get_by_role("heading", level=1)).to_have_text("Fostering and Kinship")
    expect(visitor.page.locator(".govuk-notification-banner")).to_contain_text(
        "Fostering Service is called Fostering and Kinship from 1 April 2023"
    )


def test_the_manager_adds_a_category_and_stops_offering_another(
    visitor: AccessiblePage, manager: User
) -> None:
    Category.objects.create(name="Contact visits")
    sign_in(visitor, manager.username, PASSWORD)
    page = visitor.page

    follow(visitor, "Settings")
    follow(visitor, "Categories and people")
    follow(visitor, "Add a category")
    page.get_by_label("Category name").fill("Placement moves")
    submit(visitor, "Save the category")
    page.get_by_role("button", name="Stop offering Contact visits").click()
    visitor.assert_accessible()

    rows = page.get_by_role("row")
    expect(rows.filter(has_text="Placement moves")).to_contain_text("Yes")
    expect(rows.filter(has_text="Contact visits")).to_contain_text("No longer offered")


def test_the_manager_changes_the_equality_answers_the_forms_offer(
    visitor: AccessiblePage, manager: User
) -> None:
    sign_in(visitor, manager.username, PASSWORD)
    page = visitor.page

    follow(visitor, "Settings")
    follow(visitor, "Categories and people")
    follow(visitor, "Add a gender")
    page.get_by_label("Gender").fill("Agender")
    submit(visitor, "Save the answer")
    follow(visitor, "Rename White: Irish")
    page.get_by_label("Ethnic background").fill("Irish or Northern Irish")
    submit(visitor, "Save the answer")
    page.get_by_role("button", name="Stop offering White: Roma").click()
    visitor.assert_accessible()

    rows = page.get_by_role("row")
    expect(rows.filter(has_text="Agender")).to_contain_text("Yes")
    expect(rows.filter(has_text="Irish or Northern Irish")).to_contain_text("White")
    expect(rows.filter(has_text="Roma")).to_contain_text("No longer offered")
