"""Requests about personal data in a real browser, with axe on every page: the complaints
manager logs a subject access request, sees it on the dashboard, finds the person's case,
downloads the bundle and records that the answer was sent; and logs an erasure request, sees
why a case is kept, records the decision and reads the answer; and corrects a child's name
after checking the old and new."""

import zipfile
from datetime import date

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from fairhear.casework import services
from fairhear.casework.models import Contact
from fairhear.dataprotection import services as dataprotection
from fairhear.dataprotection.models import (
    ErasureDecision,
    SubjectAccessBundle,
    SubjectAccessRequest,
)
from tests import builders
from tests.browser.conftest import AccessiblePage, fill_date, follow, sign_in, submit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_manager_answers_a_subject_access_request(
    visitor: AccessiblePage, manager: User, officer: User
) -> None:
    person = services.record_person(name="Jo Bloggs", email="jo@example.com", by=officer)
    contact = builders.log(
        officer, received=date(2024, 5, 1), complainant=person, child_name="Kim Bloggs"
    )
    sign_in(visitor, manager.username, PASSWORD)
    page = visitor.page

    visitor.goto("/staff/settings/")
    follow(visitor, "Retention and subject access")
    follow(visitor, "Log a subject access request")
    page.get_by_label("Name of the person asking for their data").fill("Jo Bloggs")
    fill_date(page, "Date the request was received", date.today())
    submit(visitor, "Log the request")
    expect(page.get_by_role("heading", name="Jo Bloggs", exact=True)).to_be_visible()

    expect(page.locator("#matches")).to_contain_text("1 case found")
    page.get_by_label(f"{contact.reference}, received 1 May 2024").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the bundle").click()
    with zipfile.ZipFile(download.value.path()) as bundle:
        assert "summary.docx" in bundle.namelist()
    assert SubjectAccessBundle.objects.get().references == contact.reference

    visitor.goto("/staff/")
    expect(page.locator("#data-requests")).to_contain_text("1 to answer")
    follow(visitor, "Jo Bloggs")
    follow(visitor, "Record that the answer was sent")
    fill_date(page, "Date the answer was sent", date.today())
    submit(visitor, "Record that the answer was sent")
    assert SubjectAccessRequest.objects.get().answered == date.today()


def test_the_manager_answers_an_erasure_request(
    visitor: AccessiblePage, manager: User, officer: User
) -> None:
    person = services.record_person(name="Jo Bloggs", by=officer)
    contact = builders.log(officer, received=date(2024, 5, 1), complainant=person)
    sign_in(visitor, manager.username, PASSWORD)
    page = visitor.page

    visitor.goto("/staff/settings/")
    follow(visitor, "Retention and subject access")
    follow(visitor, "Log a request to correct or erase")
    page.get_by_label("To erase their personal data").check()
    page.get_by_label("Name of the person making the request").fill("Jo Bloggs")
    fill_date(page, "Date the request was received", date.today())
    page.get_by_label("What they ask to be corrected or erased").fill("Erase my complaint.")
    submit(visitor, "Log the request")

    label = page.get_by_label(f"{contact.reference}, received 1 May 2024")
    expect(page.locator("#matches")).to_contain_text("1 case found")
    expect(page.get_by_text("Kept: the complaint is still being dealt with.")).to_be_visible()
    label.check()
    submit(visitor, "Erase what the law allows")
    decision = ErasureDecision.objects.get()
    assert (decision.outcome, decision.reason) == (
        "kept",
        "Kept: the complaint is still being dealt with",
    )

    follow(visitor, "View the answer to send")
    expect(page.get_by_text("The law lets us keep these records")).to_be_visible()


def test_the_manager_corrects_a_childs_name_after_checking_it(
    visitor: AccessiblePage, manager: User, officer: User
) -> None:
    person = services.record_person(name="Jo Bloggs", by=officer)
    contact = builders.log(
        officer, received=date(2024, 5, 1), complainant=person, child_name="Alex Bloggs"
    )
    request = dataprotection.log_rights_request(
        kind="correction",
        requester="Jo Bloggs",
        received=date.today(),
        asked_for="My son's name is Alexander.",
        today=date.today(),
        by=manager,
    )
    sign_in(visitor, manager.username, PASSWORD)
    page = visitor.page

    visitor.goto(f"/staff/retention/rights/{request.pk}/")
    follow(visitor, f"Correct details on {contact.reference}")
    page.get_by_label("The child's name").fill("Alexander Bloggs")
    submit(visitor, "Check the corrections")
    expect(page.get_by_role("row", name="The child's name")).to_contain_text("Alexander Bloggs")
    submit(visitor, "Apply the corrections")

    assert Contact.objects.get(pk=contact.pk).child_name == "Alexander Bloggs"
    expect(page.get_by_text(f"{contact.reference}: the child's name")).to_be_visible()


def test_an_old_answered_request_is_anonymised_under_the_schedule(
    visitor: AccessiblePage, manager: User
) -> None:
    logged = dataprotection.log_subject_access_request(
        requester="Robin Example", received=date(2020, 1, 6), today=date.today(), by=manager
    )
    dataprotection.record_answer_sent(
        request=logged,
        version=logged.version,
        sent=date(2020, 1, 20),
        today=date.today(),
        by=manager,
    )
    sign_in(visitor, manager.username, PASSWORD)
    page = visitor.page

    visitor.goto("/staff/retention/")
    due = page.get_by_role("table", name="Requests about personal data due for anonymisation")
    expect(due).to_contain_text("Robin Example (subject access)")
    submit(visitor, "Anonymise 0 cases, 0 compliments and 1 request")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "1 request about personal data"
    )

    visitor.goto(f"/staff/retention/subject-access/{logged.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Removed under the retention schedule"
    )
    expect(page.get_by_role("heading", name="Find everything about them")).to_have_count(0)
    assert SubjectAccessRequest.objects.get().requester == dataprotection.REMOVED
