"""A telephone complaint through every stage to the Ombudsman, in a real browser with axe on
every page; and a service manager refused another service's case."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from fairhear.casework import services
from fairhear.casework.codes import Channel
from fairhear.casework.models import Contact, Practitioner
from fairhear.organisation.models import ServiceArea
from tests.browser.conftest import AccessiblePage, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _date(page: Page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _step(visitor: AccessiblePage, link: str, *, role: str = "link") -> Page:
    visitor.page.get_by_role(role, name=link).click()  # type: ignore[arg-type]
    visitor.assert_accessible()
    return visitor.page


def _submit(visitor: AccessiblePage, button: str) -> None:
    visitor.page.get_by_role("button", name=button).click()
    visitor.assert_accessible()
    expect(visitor.page.locator(".govuk-error-summary")).to_have_count(0)


def test_a_telephone_complaint_goes_through_every_stage_to_the_ombudsman(
    visitor: AccessiblePage, officer: User, area_a: ServiceArea
) -> None:
    for name in (
        "Ivan Investigates",
        "Iris Independent",
        "Pat Panel",
        "Paula Panel",
        "Piers Panel",
    ):
        Practitioner.objects.create(name=name)
    sign_in(visitor, officer.username, PASSWORD)
    page = visitor.page

    _step(visitor, "Log a contact", role="button")
    _date(page, "Date received", date(2024, 5, 1))
    page.get_by_label("Telephone").check()
    page.get_by_label("Complainant's name").fill("Jo Bloggs")
    page.get_by_label("Team complained about").select_option(label="Fostering Service")
    _submit(visitor, "Log the contact")
    expect(page.get_by_role("heading", level=1)).to_have_text("Case C-2024-0001")

    _step(visitor, "Triage the contact")
    page.get_by_label("Statutory complaint").check()
    page.get_by_label("Reason for this route").fill("A parent complains about contact visits.")
    _date(page, "Date of the triage decision", date(2024, 5, 1))
    page.get_by_role("group", name="Is the complainant eligible").get_by_label("Yes").check()
    _submit(visitor, "Save the triage")

    _step(visitor, "Record the Stage 1 reply")
    _date(page, "Date the reply was sent", date(2024, 5, 10))
    page.get_by_label("Not upheld", exact=True).check()
    _submit(visitor, "Record the reply")

    _step(visitor, "Record a request for Stage 2")
    _date(page, "Date requested", date(2024, 5, 20))
    _submit(visitor, "Record the request")
    _step(visitor, "Decide on the Stage 2 request")
    page.get_by_label("Accept").check()
    _date(page, "Date of the decision", date(2024, 5, 21))
    _submit(visitor, "Record the decision")
    _step(visitor, "Appoint the investigating officer and independent person")
    page.get_by_label("Investigating officer").select_option(label="Ivan Investigates")
    page.get_by_label("Independent person").select_option(label="Iris Independent")
    _submit(visitor, "Appoint")
    _step(visitor, "Record the statement of complaint")
    _date(page, "Date the statement of complaint was agreed", date(2024, 5, 28))
    _submit(visitor, "Record the statement")
    _step(visitor, "Record the adjudication")
    _date(page, "Date the reply was sent", date(2024, 6, 20))
    page.get_by_label("Partly upheld").check()
    _submit(visitor, "Record the adjudication")

    _step(visitor, "Record a request for Stage 3")
    _date(page, "Date requested", date(2024, 7, 1))
    _submit(visitor, "Record the request")
    _step(visitor, "Decide on the Stage 3 request")
    page.get_by_label("Accept").check()
    _date(page, "Date of the decision", date(2024, 7, 2))
    _submit(visitor, "Record the decision")
    _step(visitor, "Choose the review panel")
    for name in ("Pat Panel", "Paula Panel", "Piers Panel"):
        page.get_by_label(name).check()
    page.get_by_label("Chair").select_option(label="Paula Panel")
    _submit(visitor, "Save the panel")
    _step(visitor, "Record the review panel meeting")
    _date(page, "Date the review panel met", date(2024, 7, 30))
    _submit(visitor, "Record the panel")
    _step(visitor, "Record the chair's report")
    _date(page, "Date of the chair's report", date(2024, 8, 5))
    _submit(visitor, "Record the report")
    _step(visitor, "Record the authority's response")
    _date(page, "Date the reply was sent", date(2024, 8, 20))
    page.get_by_label("Upheld", exact=True).check()
    _submit(visitor, "Record the response")

    _step(visitor, "Record an Ombudsman enquiry")
    page.get_by_label("Ombudsman's reference").fill("24 001 234")
    _date(page, "Date the enquiry arrived", date(2024, 9, 2))
    _submit(visitor, "Record the enquiry")
    _step(visitor, "record the decision")
    _date(page, "Date of the decision", date(2024, 11, 4))
    page.get_by_label("Not upheld", exact=True).check()
    _submit(visitor, "Record the decision")

    timeline = page.locator("ol.govuk-list")
    expect(timeline).to_contain_text("The Ombudsman decided on 4 November 2024")
    expect(timeline).to_contain_text("Review panel: Pat Panel, Paula Panel, Piers Panel")
    expect(page.get_by_text("Closed", exact=True)).to_be_visible()
    visitor.screenshot("case-through-every-stage")


def test_a_service_manager_is_told_another_services_case_does_not_exist(
    visitor: AccessiblePage, officer: User, service_manager_b: User, area_a: ServiceArea
) -> None:
    contact: Contact = services.log_contact(
        received=date(2024, 5, 1), channel=Channel.EMAIL, service_area=area_a, by=officer
    )
    sign_in(visitor, service_manager_b.username, PASSWORD)

    response = visitor.page.goto(f"{visitor.base_url}/staff/cases/{contact.reference}/")
    visitor.assert_accessible()

    assert response is not None
    assert response.status == 404
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text("Page not found")
