from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from fairhear.core.report import financial_year_of, year_label
from fairhear.organisation.models import ServiceArea
from tests.browser.conftest import AccessiblePage, sign_in
from tests.builders import complaint, stage
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_report_viewer_reads_last_years_report_with_charts_and_tables(
    visitor: AccessiblePage, report_viewer: User
) -> None:
    year = financial_year_of(date.today()) - 1
    for month in (5, 6, 7):
        complaint(date(year, month, 2), complainant_role="parent", channel="email")
    complaint(date(year + 1, 1, 6), replied=date(year + 1, 1, 8), outcome="upheld")

    sign_in(visitor, report_viewer.username, PASSWORD)
    visitor.page.get_by_label("Published: counts under 5").check()
    visitor.page.get_by_role("button", name="Show the report").click()
    visitor.assert_accessible()

    page = visitor.page
    expect(page.get_by_role("heading", level=1)).to_contain_text(year_label(year))
    monthly = page.get_by_role("img", name="Statutory complaints received each month")
    expect(monthly).to_be_visible()
    # The charts' text is set in the site's font by the stylesheet (no inline styles).
    fonts = page.evaluate(
        "[getComputedStyle(document.querySelector('svg.fairhear-chart text')).fontFamily,"
        " getComputedStyle(document.querySelector('p.govuk-body')).fontFamily]"
    )
    assert fonts[0] == fonts[1]
    statutory = page.get_by_role("row", name="Statutory complaint").first
    expect(statutory).to_contain_text("fewer than 5")
    expect(page.get_by_role("link", name="Word document (editable)")).to_have_attribute(
        "href", f"/staff/reports/{year}/report.docx?published=1"
    )
    visitor.screenshot("report-page")


def _page_width(visitor: AccessiblePage) -> int:
    width: int = visitor.page.evaluate("document.documentElement.scrollWidth")
    return width


def test_the_report_fits_the_screen_and_its_web_page_to_publish_is_accessible(
    visitor: AccessiblePage, manager: User, tmp_path: Path
) -> None:
    year = financial_year_of(date.today()) - 1
    area = ServiceArea.objects.create(name="Children in Care and Care Leavers")
    for channel in ("letter", "email", "telephone", "online_form", "paper_form", "app"):
        complaint(date(year, 5, 2), complainant_role="child", channel=channel, area=area)
    investigated = complaint(date(year, 6, 1), area=area, replied=date(year, 6, 8))
    stage(
        investigated, 2, requested=date(year, 9, 1), responded=date(year, 11, 10), outcome="upheld"
    )

    sign_in(visitor, manager.username, PASSWORD)
    visitor.goto(f"/staff/reports/?year={year}")
    page = visitor.page
    expect(page.get_by_role("region", name="Stage 2 investigations completed")).to_contain_text(
        "10\N{NO-BREAK SPACE}November"
    )
    assert _page_width(visitor) <= 1280
    page.set_viewport_size({"width": 320, "height": 800})
    assert _page_width(visitor) <= 320
    visitor.assert_accessible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Web page to print or publish").click()
    published = tmp_path / "report.html"
    download.value.save_as(published)
    visitor.page.goto(published.as_uri())
    visitor.assert_accessible()  # the WCAG 2.2 AA rules, target-size among them
    expect(page.get_by_role("banner")).to_contain_text("Fairhear Borough Council")
    assert _page_width(visitor) <= 320
    page.set_viewport_size({"width": 1280, "height": 800})
    assert _page_width(visitor) <= 1280
