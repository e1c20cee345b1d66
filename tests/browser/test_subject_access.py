"""A subject access request in a real browser, with axe on every page: the complaints manager
logs it, sees it on the dashboard, finds the person's case, downloads the bundle and records
that the answer was sent."""

import zipfile
from datetime import date

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from fairhear.casework import services
from fairhear.dataprotection.models import SubjectAccessBundle, SubjectAccessRequest
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
