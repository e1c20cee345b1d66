"""The public forms filled in with the keyboard alone, with axe on every page.

No mouse: Tab moves focus, arrows and Space choose, typing fills in, Enter presses a button.
Each question is first sent wrong, to see its error, then put right.
"""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect

from fairhear.casework.models import Compliment, Contact
from fairhear.core.clocks import stage_one_reply_clock, stage_two_request_window
from fairhear.core.dates import long_date
from fairhear.organisation.models import ServiceArea
from tests.browser.conftest import AccessiblePage, fill_date, follow, sign_in, submit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

TAB_LIMIT = 80


@pytest.fixture(autouse=True)
def media_in_tmp(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


def _control_for(page: Page, label: str) -> dict[str, str]:
    control = page.evaluate(
        """(text) => {
            const label = [...document.querySelectorAll('label')]
                .find(l => l.textContent.trim().replace(/\\s+/g, ' ') === text);
            const el = label && document.getElementById(label.htmlFor);
            return el ? {id: el.id, name: el.name, type: el.type || el.tagName} : null;
        }""",
        label,
    )
    assert control, f"no field labelled {label!r} on {page.url}"
    return control  # type: ignore[no-any-return]


def _active(page: Page) -> dict[str, str]:
    return page.evaluate(  # type: ignore[no-any-return]
        """() => {
            const el = document.activeElement;
            return {id: el.id, name: el.name || '', text: el.textContent.trim(),
                    tag: el.tagName, checked: !!el.checked};
        }"""
    )


def _tab_until(page: Page, found: object) -> None:
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if found(_active(page)):  # type: ignore[operator]
            return
    raise AssertionError(f"Tab never reached the element on {page.url}")


def fill(page: Page, label: str, text: str) -> None:
    control = _control_for(page, label)
    _tab_until(page, lambda a: a["id"] == control["id"])
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def choose(page: Page, label: str) -> None:
    """Pick a radio button (Tab into the group, arrows to the one) or tick a checkbox."""
    control = _control_for(page, label)
    if control["type"] == "checkbox":
        _tab_until(page, lambda a: a["id"] == control["id"])
        page.keyboard.press("Space")
        return
    _tab_until(page, lambda a: a["name"] == control["name"])
    for _ in range(30):
        active = _active(page)
        if active["id"] == control["id"]:
            if not active["checked"]:
                page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the arrows never reached {label!r}")


def press(visitor: AccessiblePage, button: str) -> None:
    """Tab to a button (or a link styled as one) and press Enter; check the new page."""
    page = visitor.page
    _tab_until(page, lambda a: a["tag"] in ("BUTTON", "A") and a["text"].startswith(button))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visitor.assert_accessible()


def expect_error(visitor: AccessiblePage, message: str) -> None:
    summary = visitor.page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(message)
    expect(visitor.page.locator(".govuk-error-message")).to_contain_text(message)


def heading(visitor: AccessiblePage) -> str:
    return visitor.page.locator("h1").inner_text().strip()


def test_a_complaint_by_keyboard_alone_from_the_home_page_to_the_status_page(
    visitor: AccessiblePage, tmp_path: Path, officer: User
) -> None:
    ServiceArea.objects.create(name="Children in Care")
    page = visitor.page
    visitor.goto("/")
    press(visitor, "Start a complaint")
    assert heading(visitor) == "What is your full name?"

    press(visitor, "Continue")
    expect_error(visitor, "Enter your full name")
    fill(page, "What is your full name?", "Sam Jones")
    press(visitor, "Continue")

    fill(page, "Email address", "sam-at-example")
    press(visitor, "Continue")
    expect_error(visitor, "Enter an email address in the correct format")
    fill(page, "Email address", "")
    press(visitor, "Continue")
    expect_error(visitor, "Enter an email address, a phone number or a postal address")
    visitor.screenshot("public-question-with-error")
    fill(page, "Phone number", "phone me")
    press(visitor, "Continue")
    expect_error(visitor, "Enter a phone number, like 01632 960 001")
    fill(page, "Phone number", "07700 900 982")
    fill(page, "Email address", "sam@example.com")
    press(visitor, "Continue")

    choose(page, "Letter")
    press(visitor, "Continue")
    expect_error(visitor, "You have not given us an address")
    choose(page, "Email")
    press(visitor, "Continue")

    press(visitor, "Continue")
    expect_error(visitor, "Choose your relationship to the child or young person")
    choose(page, "I am their foster carer")
    press(visitor, "Continue")

    assert heading(visitor) == "About the child or young person"
    fill(page, "Their full name (optional)", "Alex")
    choose(page, "Child in care")
    press(visitor, "Continue")

    press(visitor, "Continue")
    expect_error(visitor, "Choose the service, or choose I am not sure")
    choose(page, "Children in Care")
    press(visitor, "Continue")

    press(visitor, "Continue")
    expect_error(visitor, "Tell us what happened")
    fill(page, "What happened?", "Nobody came to the review meeting.")
    press(visitor, "Continue")

    press(visitor, "Continue")
    expect_error(visitor, "Tell us what you would like to happen")
    fill(page, "What would you like to happen?", "A new meeting.")
    press(visitor, "Continue")

    press(visitor, "Continue")
    expect_error(visitor, "Choose whether the child or young person would like an advocate")
    choose(page, "Yes, please arrange an advocate")
    press(visitor, "Continue")

    assert heading(visitor) == "Upload documents or photos (optional)"
    # A file is chosen with the file chooser, which no keyboard test can drive: set it directly.
    bad = tmp_path / "notes.exe"
    bad.write_bytes(b"MZ")
    page.locator("input[type=file]").set_input_files(str(bad))
    press(visitor, "Upload file")
    expect_error(visitor, "The selected file must be a PDF, JPG, PNG, DOCX, ODT or TXT")
    good = tmp_path / "letter.txt"
    good.write_text("Dear council")
    page.locator("input[type=file]").set_input_files(str(good))
    press(visitor, "Upload file")
    expect(page.locator(".govuk-summary-list")).to_contain_text("letter.txt")
    press(visitor, "Continue")

    assert heading(visitor) == "Equality monitoring (optional)"
    choose(page, "10 to 15")
    choose(page, "Non-binary")  # the council's list, not free text
    fill(page, "Their ethnic group (optional)", "Indian")  # typed into the list: picks it
    press(visitor, "Continue")

    assert heading(visitor) == "Check your answers before sending your complaint"
    expect(page.get_by_role("heading", name="About you")).to_be_visible()
    expect(page.locator("main")).to_contain_text("I am their foster carer")
    visitor.screenshot("public-check-answers")
    press(visitor, "Send complaint")

    contact = Contact.objects.get()
    assert (contact.gender, contact.ethnicity) == ("Non-binary", "Asian or Asian British: Indian")
    expect(page.locator("#reference")).to_have_text(contact.reference)
    due = stage_one_reply_clock(timezone.localdate()).due
    expect(page.locator("main")).to_contain_text(long_date(due))
    press(visitor, page.locator("#status-link").inner_text())

    expect(page.locator("#stage")).to_have_text("Received: we are deciding how to handle it")
    expect(page.locator("#reply-due")).to_have_text(long_date(due))

    status_url = page.url

    # The complaints team sees it on their dashboard, triages it and records the Stage 1 reply.
    today = timezone.localdate()
    sign_in(visitor, officer.username, PASSWORD)
    new_online = page.get_by_role("region", name="New online contacts to triage")
    new_online.get_by_role("link", name=contact.reference).click()
    visitor.assert_accessible()
    follow(visitor, "Triage the contact")
    page.get_by_label("Statutory complaint").check()
    page.get_by_label("Reason for this route").fill("A foster carer complains about contact.")
    fill_date(page, "Date of the triage decision", today)
    page.get_by_role("group", name="Is the complainant eligible").get_by_label("Yes").check()
    submit(visitor, "Save the triage")
    follow(visitor, "Record the Stage 1 reply")
    fill_date(page, "Date the reply was sent", today)
    page.get_by_label("Partly upheld").check()
    submit(visitor, "Record the reply")

    page.goto(status_url)
    visitor.assert_accessible()
    expect(page.locator("#stage")).to_have_text("Stage 1: reply sent")
    window = stage_two_request_window(today).due
    expect(page.locator("#next")).to_contain_text(f"by {long_date(window)}")
    visitor.screenshot("public-status")


def test_a_young_person_asks_for_an_advocate_and_a_call_by_keyboard_alone(
    visitor: AccessiblePage,
) -> None:
    page = visitor.page
    visitor.goto("/")
    press(visitor, "Tell us what is wrong")

    press(visitor, "Continue")
    expect_error(visitor, "Tell us your name")
    fill(page, "What is your name?", "Jo")
    press(visitor, "Continue")

    press(visitor, "Continue")
    expect_error(visitor, "Give us a phone number or an email address")
    fill(page, "Phone number", "07700 900 123")
    press(visitor, "Continue")

    press(visitor, "Continue")
    expect_error(visitor, "Tell us what has happened")
    fill(page, "What has happened?", "My social worker keeps changing.")
    press(visitor, "Continue")

    press(visitor, "Continue")  # optional: what would make it better

    choose(page, "I want an advocate: someone on my side who helps me say what I think")
    choose(page, "I want someone to phone me")
    press(visitor, "Continue")

    assert heading(visitor) == "About you (you do not have to answer)"
    choose(page, "I would rather not say")
    press(visitor, "Continue")

    assert heading(visitor) == "Check what you told us"
    press(visitor, "Send")

    contact = Contact.objects.get()
    assert contact.complainant_role == "child"
    assert contact.call_back_requested
    assert (contact.gender, contact.ethnicity) == ("Prefer not to say", "")
    expect(page.locator("#reference")).to_have_text(contact.reference)
    expect(page.locator("main")).to_contain_text("If you asked for an advocate")
    press(visitor, page.locator("#status-link").inner_text())
    expect(page.locator("#stage")).to_have_text("Received: we are deciding how to handle it")


def test_a_compliment_by_keyboard_alone(visitor: AccessiblePage, area_a: ServiceArea) -> None:
    page = visitor.page
    visitor.goto("/")
    press(visitor, "Send a compliment")

    press(visitor, "Continue")
    expect_error(visitor, "Choose the service, or choose I am not sure")
    expect(page.locator("main")).not_to_contain_text("Fostering Service")  # a team's name
    choose(page, "Children in Care")
    fill(page, "The name of the person or team, if you know it (optional)", "Sam")
    press(visitor, "Continue")

    press(visitor, "Continue")
    expect_error(visitor, "Tell us what they did well")
    fill(page, "What did they do well?", "Sam listened and found us a placement quickly.")
    press(visitor, "Continue")

    press(visitor, "Continue")
    expect_error(visitor, "Choose yes if we may share your compliment")
    choose(page, "Yes")
    press(visitor, "Continue")

    press(visitor, "Continue")  # about you is optional
    assert heading(visitor) == "Check your compliment before sending it"
    press(visitor, "Send compliment")

    assert heading(visitor) == "Thank you for your compliment"
    compliment = Compliment.objects.get()
    assert (compliment.service_area, compliment.team) == (area_a, None)
    assert compliment.publish is True
    assert "found us a placement" in compliment.text
