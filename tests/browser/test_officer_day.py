"""A complaints officer's day in a real browser, with axe on every page: log a contact (page
by page, dated today), triage it (eligibility revealed under the statutory choice), extend
Stage 1 (told the latest date the law allows), reply with a learning action agreed in it, and
take Stage 2 to its appointment, adding the investigating officer and the independent person
to the council's list on the way and coming back each time."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from fairhear.casework.models import Contact, LearningAction, Practitioner
from fairhear.organisation.models import ServiceArea
from tests.browser.conftest import AccessiblePage, fill_date, follow, sign_in, submit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_runs_a_complaint_from_logging_to_the_stage_two_appointment(
    visitor: AccessiblePage, officer: User, area_a: ServiceArea
) -> None:
    sign_in(visitor, officer.username, PASSWORD)
    page = visitor.page
    banner = page.locator(".govuk-notification-banner")

    visitor.goto("/staff/cases/log/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How the contact arrived")
    page.get_by_label("Letter").check()
    submit(visitor, "Continue")
    page.get_by_label("Parent").check()
    page.get_by_label("Their name (optional)").fill("Sam Carter")
    submit(visitor, "Continue")
    page.get_by_label("Their relationship to the child").fill("Her mother")
    submit(visitor, "Continue")
    page.get_by_label("Postal address (optional)").fill("1 High Street")
    submit(visitor, "Continue")
    submit(visitor, "Continue")  # nothing known yet of the child
    page.get_by_label("Team complained about").select_option(label="Fostering Service")
    submit(visitor, "Continue")
    page.get_by_label("Ethnic group (optional)").select_option(label="Indian")
    submit(visitor, "Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before logging the contact"
    )
    follow(visitor, "Change postal address")
    page.get_by_label("Postal address (optional)").fill("1 High Street\nFairhear")
    submit(visitor, "Continue")
    address = page.locator(".govuk-summary-list__value").filter(has_text="1 High Street")
    expect(address).to_contain_text("Fairhear")
    submit(visitor, "Log the contact")
    contact = Contact.objects.get()
    assert contact.received == date.today()
    assert contact.relationship == "Her mother"
    assert contact.ethnicity == "Asian or Asian British: Indian"
    assert contact.complainant is not None
    assert contact.complainant.address.splitlines() == ["1 High Street", "Fairhear"]
    expect(page.locator(".govuk-panel")).to_contain_text(contact.reference)

    follow(visitor, "Triage the contact", role="button")
    eligible = page.get_by_role("group", name="Is the complainant eligible")
    expect(eligible).to_be_hidden()
    page.get_by_label("Statutory complaint").check()
    expect(eligible).to_be_visible()
    eligible.get_by_label("Yes").check()
    page.get_by_label("Reason for this route").fill("A parent complains about contact visits.")
    submit(visitor, "Save the triage")
    expect(banner).to_contain_text("Stage 1 started; Stage 1 reply due")

    follow(visitor, "Extend Stage 1")
    hint = page.locator("#id_new_due_hint")
    expect(hint).to_contain_text("The latest date the law allows is")
    page.get_by_label("Why more time is needed").fill("The social worker is on leave.")
    page.get_by_label("The complainant was told the new date").check()
    fill_date(page, "New date given to the complainant", date.today() + timedelta(days=60))
    page.get_by_role("button", name="Record the extension").click()
    visitor.assert_accessible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("the latest the law allows")
    page.get_by_label("The complainant agreed").check()
    submit(visitor, "Record the extension")
    expect(banner).to_contain_text("the reply will count as late")

    follow(visitor, "Record the Stage 1 reply")
    page.get_by_label("Upheld", exact=True).check()
    page.get_by_label("Apology").check()
    agreed = page.get_by_role("group", name="Was a learning action agreed")
    agreed.get_by_label("Yes").check()
    page.get_by_label("Kind of action").select_option(label="Staff training or guidance")
    page.get_by_label("The lesson and the action").fill("Train the team on planning visits.")
    page.get_by_label("Who owns it").select_option(label="Children in Care")
    fill_date(page, "Due by", date.today() + timedelta(days=30))
    submit(visitor, "Record the reply")
    expect(page.get_by_text("Replied", exact=True)).to_be_visible()
    assert LearningAction.objects.filter(completed=None).count() == 1
    assert LearningAction.objects.filter(completed=None, due=None).count() == 0

    follow(visitor, "Record a request for Stage 2")
    submit(visitor, "Record the request")
    follow(visitor, "Decide on the Stage 2 request")
    page.get_by_label("Accept").check()
    submit(visitor, "Record the decision")
    follow(visitor, "Appoint the investigating officer and independent person")
    expect(page.locator(".govuk-inset-text").first).to_contain_text("No one is on the council")

    follow(visitor, "Add an investigating officer to the council's list")
    page.get_by_label("Full name").fill("Ivan Investigates")
    page.get_by_label("Works for the council").check()
    submit(visitor, "Save")
    expect(page.get_by_label("Investigating officer")).to_have_value(_pk("Ivan Investigates"))
    follow(visitor, "Add an independent person to the council's list")
    page.get_by_label("Full name").fill("Iris Independent")
    submit(visitor, "Save")
    expect(page.get_by_label("Independent person")).to_have_value(_pk("Iris Independent"))
    page.get_by_label("Investigating officer").select_option(label="Ivan Investigates")
    submit(visitor, "Appoint")
    expect(page.locator("a.govuk-button")).to_have_text("Record the statement of complaint")
    visitor.screenshot("officer-day-case-page")


def _pk(name: str) -> str:
    return str(Practitioner.objects.get(name=name).pk)
