"""A learning action from the Ombudsman through to done, and a general cost added and
corrected, in a real browser with axe on every page."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from fairhear.organisation.models import ServiceArea
from tests.browser.conftest import AccessiblePage, fill_date, follow, sign_in, submit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_action_not_about_a_case_gets_a_due_date_and_is_done(
    visitor: AccessiblePage, officer: User, area_a: ServiceArea
) -> None:
    sign_in(visitor, officer.username, PASSWORD)
    page = visitor.page

    page.get_by_role("link", name="Actions", exact=True).click()
    visitor.assert_accessible()
    follow(visitor, "Add a learning action")
    page.get_by_label("Kind of action").select_option(label="Policy or process change")
    page.get_by_label("The lesson and the action").fill("Review the charging policy.")
    page.get_by_label("Who owns it").select_option(label="Fostering Service (Children in Care)")
    submit(visitor, "Add the action")
    row = page.get_by_role("row").filter(has_text="Review the charging policy.")
    expect(row).to_contain_text("No due date")
    expect(row).to_contain_text("Fostering Service")

    follow(visitor, "Change the due date of the policy or process change: Review the")
    fill_date(page, "Due by", date(2024, 6, 3))
    submit(visitor, "Save the changes")
    expect(row).to_contain_text("3 June 2024")

    page.get_by_role(
        "link", name=re.compile(r"^Mark as done\W+the policy or process change")
    ).click()
    visitor.assert_accessible()
    fill_date(page, "Date completed", date(2024, 9, 1))
    page.get_by_label("Evidence that it was done").fill("Policy reissued.")
    submit(visitor, "Mark as done")
    page.get_by_role("link", name="Done", exact=True).click()
    visitor.assert_accessible()
    expect(page.get_by_role("row").filter(has_text="Policy reissued.")).to_contain_text(
        "1 September 2024"
    )


def test_a_general_cost_is_added_and_corrected_in_its_financial_year(
    visitor: AccessiblePage, manager: User
) -> None:
    sign_in(visitor, manager.username, PASSWORD)
    page = visitor.page

    follow(visitor, "Costs")
    follow(visitor, "Add a general cost")
    fill_date(page, "Date", date(2025, 2, 14))
    page.get_by_label("Publicity").check()
    page.get_by_label("Amount in pounds").fill("120.00")
    submit(visitor, "Add the cost")
    expect(page.get_by_label("Financial year")).to_have_value("2024")
    expect(page.get_by_role("row", name=re.compile("^All costs"))).to_contain_text("£120.00")

    follow(visitor, "Correct the publicity cost of £120.00 on 14 February 2025")
    page.get_by_label("Amount in pounds").fill("125.50")
    submit(visitor, "Correct the cost")
    expect(page.get_by_role("row", name=re.compile("^All costs"))).to_contain_text("£125.50")
