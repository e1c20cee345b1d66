"""The officer's day in a real browser: the dashboard lists what is overdue, the case list
finds a complainant by surname and by phone number, and no staff page scrolls sideways at
320 px (400% zoom, WCAG 1.4.10). Screenshots of the dashboard and the case list go to
artifacts/screenshots; docs/screenshots keeps the demo council's, for review."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from fairhear.casework import services
from fairhear.casework.codes import Channel
from fairhear.casework.models import Contact, OmbudsmanCase
from fairhear.organisation.models import ServiceArea
from tests import builders
from tests.browser.conftest import AccessiblePage, follow, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _cases(officer: User, area: ServiceArea) -> tuple[Contact, Contact]:
    """An overdue Stage 1 complaint from a named complainant, and a new online contact
    asking for a call back."""
    person = services.record_person(
        name="Amara Okonkwo-Bell", phone="07700 900 123", email="amara@example.org", by=officer
    )
    overdue = builders.stage_one(officer, complainant=person, service_area=area)
    today = timezone.localdate()
    online = builders.log(
        officer,
        received=today,
        channel=Channel.ONLINE_FORM,
        service_area=area,
        call_back_requested=True,
        complainant=services.record_person(name="Jo Quinlan", by=officer),
    )
    services.record_ombudsman_case(
        contact=overdue,
        version=overdue.version,
        lgsco_reference="24 001 234",
        received=today - timedelta(days=3),
        by=officer,
    )
    return overdue, online


def test_the_dashboard_lists_what_is_overdue_and_the_list_finds_people(
    visitor: AccessiblePage, officer: User, area_a: ServiceArea
) -> None:
    overdue, online = _cases(officer, area_a)
    page = visitor.page
    sign_in(visitor, officer.username, PASSWORD)

    overdue_list = page.get_by_role("region", name="Overdue")
    expect(overdue_list.get_by_role("row", name=overdue.reference)).to_contain_text("Overdue")
    expect(overdue_list.locator(".govuk-tag--red")).to_have_count(1)
    requests = page.get_by_role("region", name="Call-back and advocacy requests")
    expect(requests).to_contain_text("Asked for a call back")
    expect(page.get_by_role("region", name="New online contacts to triage")).to_contain_text(
        online.reference
    )
    header = page.locator("header")
    expect(header.get_by_role("link", name="Sign out")).to_be_visible()
    expect(page.get_by_role("navigation", name="Staff menu")).not_to_contain_text("Sign out")
    expect(page.locator("footer")).not_to_contain_text("Staff sign in")
    visitor.screenshot("dashboard")

    follow(visitor, "Cases")
    # Open cases, soonest due first, by default: the new contact awaits triage, so is not one.
    expect(page.get_by_role("row", name=overdue.reference)).to_be_visible()
    expect(page.get_by_role("row", name=online.reference)).to_have_count(0)
    visitor.screenshot("case-list")
    for search in ("Okonkwo-Bell", "07700 900123"):
        page.get_by_label("Search cases").fill(search)
        page.get_by_role("button", name="Search").click()
        visitor.assert_accessible()
        expect(page.get_by_role("heading", name="1 case")).to_be_visible()
        expect(page.get_by_role("row", name=overdue.reference)).to_be_visible()


def test_no_staff_page_scrolls_sideways_at_320_px(
    visitor: AccessiblePage, manager: User, area_a: ServiceArea
) -> None:
    overdue, _ = _cases(manager, area_a)
    lgsco = OmbudsmanCase.objects.get().lgsco_reference
    sign_in(visitor, manager.username, PASSWORD)
    visitor.page.set_viewport_size({"width": 320, "height": 800})
    pages = {
        "dashboard": reverse("staff-home"),
        "case list": reverse("casework:list"),
        "case page": reverse("casework:case", args=[overdue.reference]),
        "case history": reverse("casework:history", args=[overdue.reference]),
        "learning actions": reverse("casework:actions"),
        "Ombudsman list": reverse("casework:ombudsman"),
        "Ombudsman case": reverse("casework:ombudsman-case", args=[lgsco]),
        "compliments": reverse("casework:compliments"),
        "costs": reverse("casework:costs"),
        "categories and people": reverse("casework:lists"),
        "settings": reverse("staff-settings"),
        "organisation": reverse("organisation:list"),
        "staff": reverse("accounts:staff"),
        "report": reverse("reports:report"),
    }
    too_wide = {}
    for name, path in pages.items():
        visitor.goto(path)
        width = visitor.page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[name] = width
        # Each table scrolls in its own labelled region, which the keyboard can reach.
        for area in visitor.page.locator("table").all():
            region = area.locator("xpath=..")
            expect(region).to_have_attribute("role", "region")
            expect(region).to_have_attribute("tabindex", "0")
    assert too_wide == {}, f"pages wider than 320 px: {too_wide}"
