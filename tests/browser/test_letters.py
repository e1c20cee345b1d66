"""Letters in a real browser, with axe on every page: the complaints manager edits a template
and previews it against a real case; an officer writes the case's Stage 1 response, whose
date to ask for Stage 2 crosses Christmas and New Year, and sends it by email."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core import mail
from playwright.sync_api import expect

from fairhear.casework import services
from fairhear.casework.models import Contact
from fairhear.letters.models import Letter
from fairhear.letters.services import switch_step_notices
from fairhear.organisation.models import ServiceArea
from tests import builders
from tests.browser.conftest import AccessiblePage, follow, sign_in, submit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

RECEIVED = date(2026, 12, 11)
#: What the default Stage 1 response leaves for the officer to write.
GAP = (
    "[Write the response here: what you looked at, what you found for each part of the "
    "complaint, and what will be done.]"
)


@pytest.fixture
def replied(officer: User, area_a: ServiceArea) -> Contact:
    """Jo Bloggs's complaint, answered at Stage 1 on Friday 18 December 2026."""
    person = services.record_person(name="Jo Bloggs", email="jo@example.com", by=officer)
    contact = builders.log(
        officer, received=RECEIVED, today=RECEIVED, complainant=person, service_area=area_a
    )
    contact = builders.triage_statutory(contact, officer, on=RECEIVED)
    return builders.reply_stage_one(contact, officer, on=date(2026, 12, 18))


def test_the_manager_edits_a_template_with_a_preview_against_a_real_case(
    visitor: AccessiblePage, manager: User, replied: Contact
) -> None:
    sign_in(visitor, manager.username, PASSWORD)
    page = visitor.page

    follow(visitor, "Settings")
    follow(visitor, "Letters")
    follow(visitor, "Edit Stage 1 response, standard version")
    page.get_by_label("Text of the letter").fill("Ask for Stage 2 by {{ stage_2_request_by }}.")
    page.get_by_label("Preview with case (optional)").fill(replied.reference)
    submit(visitor, "Preview")
    expect(page.locator("#preview")).to_contain_text("Ask for Stage 2 by 20 January 2027.")

    page.get_by_label("Text of the letter").fill("Dear {{ complainant }}")
    page.get_by_role("button", name="Save the template").click()
    visitor.assert_accessible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("{{ complainant }}")

    page.get_by_label("Text of the letter").fill("Dear {{ complainant_name }}")
    submit(visitor, "Save the template")
    row = page.get_by_role("row").filter(has_text="Stage 1 response").first
    expect(row).to_contain_text("The council's")

    follow(visitor, "Change the notices when a case moves to a new step")
    page.get_by_label("Yes").check()
    submit(visitor, "Save")
    expect(page.get_by_text("Step notices are on.")).to_be_visible()


def test_an_officer_sends_the_stage_one_response_by_email_and_it_is_on_the_timeline(
    visitor: AccessiblePage, officer: User, replied: Contact
) -> None:
    sign_in(visitor, officer.username, PASSWORD)
    page = visitor.page
    visitor.goto(f"/staff/cases/{replied.reference}/")

    follow(visitor, "Write or read letters of case " + replied.reference)
    expect(page.get_by_role("radio", name="Stage 1 response")).to_be_checked()
    submit(visitor, "Write the letter")
    body = page.get_by_label("Text of the letter")
    expect(body).to_have_value(re.compile(r"please contact us by 20 January 2027\."))
    expect(page.get_by_role("radio", name="Email")).to_be_checked()
    body.fill(body.input_value().replace(GAP, "We found the visits were cancelled."))
    submit(visitor, "Send the letter")

    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Stage 1 response was sent by email to jo@example.com"
    )
    assert Letter.objects.get().channel == "email"
    assert "We found the visits were cancelled." in mail.outbox[0].body
    follow(visitor, f"Case {replied.reference}")
    expect(page.get_by_role("list").filter(has_text="Letter sent by email")).to_contain_text(
        "Letter sent by email to jo@example.com: Stage 1 response."
    )


def test_the_notices_of_new_steps_are_listed_with_the_letters(
    visitor: AccessiblePage, manager: User, officer: User, replied: Contact
) -> None:
    switch_step_notices(on=True, by=manager)
    # The live server's database commits each step at once, so its notice goes straight away.
    builders.accept_stage_two(
        builders.request_stage_two(replied, officer, on=date(2027, 1, 5)),
        officer,
        on=date(2027, 1, 6),
    )
    [sent] = mail.outbox
    assert "We will send you the result by 9 February 2027." in sent.body

    sign_in(visitor, officer.username, PASSWORD)
    visitor.goto(f"/staff/cases/{replied.reference}/letters/")
    visitor.assert_accessible()
    table = visitor.page.get_by_role("table", name="The short emails and texts sent")
    expect(table).to_contain_text("Stage 2 has started")
    expect(table).to_contain_text("Email to jo@example.com")
