"""A telephone complaint through every stage to the Ombudsman, in a real browser with axe on
every page; and a service manager refused another service's case."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from fairhear.casework import services
from fairhear.casework.codes import Channel
from fairhear.casework.models import Contact, Practitioner
from fairhear.organisation.models import ServiceArea
from tests.browser.conftest import AccessiblePage, fill_date, follow, sign_in, submit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


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

    follow(visitor, "Log a contact", role="button")
    fill_date(page, "Date received", date(2024, 5, 1))
    page.get_by_label("Telephone").check()
    submit(visitor, "Continue")
    page.get_by_label("Their name (optional)").fill("Jo Bloggs")
    for _ in ("who is complaining", "how to reach them", "the child"):
        submit(visitor, "Continue")
    page.get_by_label("Team complained about").select_option(label="Fostering Service")
    page.get_by_label("What the complainant would like to happen").fill("Regular contact.")
    for _ in ("what it is about", "equality monitoring"):
        submit(visitor, "Continue")
    submit(visitor, "Log the contact")
    expect(page.locator(".govuk-panel")).to_contain_text("C-2024-0001")
    follow(visitor, "Open case C-2024-0001")
    expect(page.get_by_role("heading", level=1)).to_have_text("Case C-2024-0001")

    follow(visitor, "Add a document")
    page.get_by_label("Document").set_input_files(
        files=[{"name": "letter.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n"}]
    )
    submit(visitor, "Add the document")
    expect(page.get_by_role("link", name="letter.pdf")).to_be_visible()
    follow(visitor, "Change advocacy")
    page.get_by_role("group", name="Did the child, young person").get_by_label("Yes").check()
    fill_date(page, "Date advocacy was offered", date(2024, 5, 2))
    page.get_by_role("group", name="Was the offer accepted").get_by_label("Yes").check()
    page.get_by_label("Who advocates (optional)").fill("Coram Voice")
    submit(visitor, "Save advocacy")
    advocacy = page.get_by_role("definition").filter(has_text="offered 2 May 2024, accepted")
    expect(advocacy).to_contain_text("Coram Voice")

    follow(visitor, "Triage the contact")
    page.get_by_label("Statutory complaint").check()
    page.get_by_label("Reason for this route").fill("A parent complains about contact visits.")
    fill_date(page, "Date of the triage decision", date(2024, 5, 1))
    page.get_by_role("group", name="Is the complainant eligible").get_by_label("Yes").check()
    submit(visitor, "Save the triage")

    follow(visitor, "Record the Stage 1 reply")
    fill_date(page, "Date the reply was sent", date(2024, 5, 10))
    page.get_by_label("Not upheld", exact=True).check()
    submit(visitor, "Record the reply")

    follow(visitor, "Record a request for Stage 2")
    fill_date(page, "Date requested", date(2024, 5, 20))
    submit(visitor, "Record the request")
    follow(visitor, "Decide on the Stage 2 request")
    page.get_by_label("Accept").check()
    fill_date(page, "Date of the decision", date(2024, 5, 21))
    submit(visitor, "Record the decision")
    follow(visitor, "Appoint the investigating officer and independent person")
    page.get_by_label("Investigating officer").select_option(label="Ivan Investigates")
    page.get_by_label("Independent person").select_option(label="Iris Independent")
    submit(visitor, "Appoint")
    follow(visitor, "Record the statement of complaint")
    fill_date(page, "Date the statement of complaint was agreed", date(2024, 5, 28))
    submit(visitor, "Record the statement")
    follow(visitor, "Record the adjudication")
    fill_date(page, "Date the reply was sent", date(2024, 6, 20))
    page.get_by_label("Partly upheld").check()
    submit(visitor, "Record the adjudication")

    follow(visitor, "Record a request for Stage 3")
    fill_date(page, "Date requested", date(2024, 7, 1))
    submit(visitor, "Record the request")
    follow(visitor, "Decide on the Stage 3 request")
    page.get_by_label("Accept").check()
    fill_date(page, "Date of the decision", date(2024, 7, 2))
    submit(visitor, "Record the decision")
    follow(visitor, "Choose the review panel")
    for name in ("Pat Panel", "Paula Panel", "Piers Panel"):
        page.get_by_label(name).check()
    page.get_by_label("Chair").select_option(label="Paula Panel")
    submit(visitor, "Save the panel")
    follow(visitor, "Record the review panel meeting")
    fill_date(page, "Date the review panel met", date(2024, 7, 30))
    submit(visitor, "Record the panel")
    follow(visitor, "Record the chair's report")
    fill_date(page, "Date of the chair's report", date(2024, 8, 5))
    submit(visitor, "Record the report")
    follow(visitor, "Record the authority's response")
    fill_date(page, "Date the reply was sent", date(2024, 8, 20))
    page.get_by_label("Upheld", exact=True).check()
    submit(visitor, "Record the response")

    follow(visitor, "Record an Ombudsman enquiry")
    page.get_by_label("Ombudsman's reference").fill("24 001 234")
    fill_date(page, "Date the enquiry arrived", date(2024, 9, 2))
    submit(visitor, "Record the enquiry")
    follow(visitor, "record the decision")
    fill_date(page, "Date of the decision", date(2024, 11, 4))
    page.get_by_label("Not upheld", exact=True).check()
    submit(visitor, "Record the decision")

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


def test_the_manager_records_an_ombudsman_enquiry_not_linked_to_a_case(
    visitor: AccessiblePage, manager: User
) -> None:
    sign_in(visitor, manager.username, PASSWORD)
    visitor.goto(reverse("casework:ombudsman"))
    page = follow(visitor, "Record an Ombudsman enquiry not linked to a case")

    page.get_by_label("Ombudsman's reference").fill("24 001 234")
    fill_date(page, "Date the enquiry arrived", date(2024, 9, 2))
    submit(visitor, "Record the enquiry")

    expect(page.locator("main")).to_contain_text("24 001 234")
    expect(page.locator("main")).to_contain_text("30 September 2024")  # 28 days later
