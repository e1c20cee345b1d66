"""The complaints team's lists beside the cases, in a real browser with axe on every page:
compliments, an Ombudsman case linked to its case later, and the view log."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from fairhear.casework import services
from fairhear.casework.codes import Channel
from fairhear.organisation.models import ServiceArea
from tests.browser.conftest import AccessiblePage, fill_date, follow, sign_in, submit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_manager_records_a_compliment_links_an_ombudsman_case_and_sees_who_viewed_it(
    visitor: AccessiblePage, manager: User, area_a: ServiceArea
) -> None:
    contact = services.log_contact(
        received=date(2024, 5, 1), channel=Channel.LETTER, service_area=area_a, by=manager
    )
    services.record_ombudsman_case(
        lgsco_reference="24 001 234", received=date(2024, 9, 2), by=manager
    )
    today = date.today()
    sign_in(visitor, manager.username, PASSWORD)

    visitor.goto(reverse("casework:add-compliment"))
    page = visitor.page
    fill_date(page, "Date received", today)
    page.get_by_label("What they said").fill("Thank you for listening to our son.")
    page.get_by_role("group", name="Did they agree to it being published?").get_by_label(
        "Yes"
    ).check()
    submit(visitor, "Record the compliment")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Compliments")
    expect(page.locator("main")).to_contain_text("Thank you for listening to our son.")

    visitor.goto(reverse("casework:ombudsman-case", args=["24 001 234"]))
    follow(visitor, "Link to a case")
    page.get_by_label("Case reference").fill(contact.reference.lower())
    submit(visitor, "Link to the case")
    expect(page.locator("main")).to_contain_text("Ombudsman case 24 001 234 linked to this case")

    visitor.goto(reverse("casework:list"))
    follow(visitor, "Who viewed which case")
    expect(page.locator("main")).to_contain_text(contact.reference)
    expect(page.locator("main")).to_contain_text("Ombudsman case 24 001 234")
