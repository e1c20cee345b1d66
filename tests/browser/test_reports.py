from datetime import date

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from fairhear.core.report import financial_year_of, year_label
from tests.browser.conftest import AccessiblePage, sign_in
from tests.builders import complaint
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
    expect(page.get_by_role("img", name="Statutory complaints received each month")).to_be_visible()
    statutory = page.get_by_role("row", name="Statutory complaint").first
    expect(statutory).to_contain_text("fewer than 5")
    expect(page.get_by_role("link", name="Word document (editable)")).to_have_attribute(
        "href", f"/staff/reports/{year}/report.docx?published=1"
    )
