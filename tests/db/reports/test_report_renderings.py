"""The renderings read the JSON and hold its figures: Word, Excel, HTML, and the command."""

import copy
import io
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from openpyxl import load_workbook

from fairhear.core.report import NOT_KNOWN, Period
from fairhear.reports.engine import build_report
from fairhear.reports.output import render
from fairhear.reports.render import png
from fairhear.reports.render.charts import CHARTS, chart_svg, charts_for
from tests.builders import complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def report() -> dict[str, Any]:
    for day in (date(2019, 5, 1), date(2019, 6, 3), date(2019, 6, 4)):
        complaint(day, categories=("Delay",), replied=date(2019, 6, 20), outcome="upheld")
    for _ in range(7):
        complaint(date(2019, 7, 1), complainant_role="parent", channel="email")
    complaint(date(2018, 7, 1))
    return build_report(Period.financial_year(2019), as_at=date(2020, 6, 30))


def docx_tables(content: bytes) -> list[list[list[str]]]:
    document = Document(io.BytesIO(content))
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def test_the_word_tables_hold_the_json_figures(report: dict[str, Any]) -> None:
    tables = docx_tables(render(report, "docx"))

    volumes = next(t for t in tables if len(t) > 1 and t[1][0] == "Statutory complaint")
    assert volumes[0] == ["", "2018/19", "2019/20", "Change"]
    assert volumes[1] == ["Statutory complaint", "1", "10", "+9"]
    timeliness = next(t for t in tables if len(t) > 1 and t[1][0] == "11 to 20 working days")
    assert timeliness[1][1:] == ["0", "2"]


def test_the_word_document_repeats_header_rows_and_describes_its_charts(
    report: dict[str, Any],
) -> None:
    document = Document(io.BytesIO(render(report, "docx")))

    first_row = document.tables[0].rows[0]._tr
    assert first_row.xpath("./w:trPr/w:tblHeader")
    pictures = document.inline_shapes
    assert len(pictures) >= 8
    assert all(p._inline.docPr.get("descr") for p in pictures)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Introduction", "Summary", "Complaints received"]
    assert "PAGE" in document.sections[0].footer._element.xml


def test_the_published_word_document_shows_small_counts_as_fewer_than_5(
    report: dict[str, Any],
) -> None:
    tables = docx_tables(render(report, "docx", published=True))

    volumes = next(t for t in tables if len(t) > 1 and t[1][0] == "Statutory complaint")
    assert volumes[1] == ["Statutory complaint", "fewer than 5", "10", NOT_KNOWN]
    roles = next(t for t in tables if len(t) > 1 and t[1][0] == "Parent")
    assert roles[1] == ["Parent", "0", "7"]


def test_a_published_chart_describes_a_small_count_as_fewer_than_5_not_as_none(
    report: dict[str, Any],
) -> None:
    document = Document(io.BytesIO(render(report, "docx", published=True)))

    alt_texts = [p._inline.docPr.get("descr") for p in document.inline_shapes]
    volumes = next(text for text in alt_texts if "Statutory complaint" in text)
    assert "Statutory complaint fewer than 5" in volumes
    assert "Statutory complaint 0" not in volumes


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)
def test_libreoffice_opens_the_word_document(report: dict[str, Any], tmp_path: Path) -> None:
    source = tmp_path / "report.docx"
    source.write_bytes(render(report, "docx"))
    office = shutil.which("soffice") or shutil.which("libreoffice")

    done = subprocess.run(
        [
            str(office),
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert (tmp_path / "report.pdf").stat().st_size > 10_000


def test_the_workbook_has_a_sheet_per_table_and_definitions(report: dict[str, Any]) -> None:
    book = load_workbook(io.BytesIO(render(report, "xlsx")), read_only=True)

    assert book.sheetnames == [*report["tables"], "definitions"]
    rows = list(book["volumes"].iter_rows(values_only=True))
    assert rows[2] == (None, "2018/19", "2019/20", "Change")
    assert rows[3] == ("Statutory complaint", 1, 10, 9)


def test_the_html_shows_each_chart_as_an_accessible_svg_beside_its_table(
    report: dict[str, Any],
) -> None:
    html = render(report, "html").decode()

    assert len(re.findall(r'<svg [^>]*role="img"', html)) == 8
    assert '<title id="chart-volumes-title">Contacts received, by route</title>' in html
    assert ' style="' not in html.split("<main")[1]  # the site's CSP forbids style attributes
    assert '<th scope="row" class="govuk-table__header">Statutory complaint</th>' in html
    assert report["narrative"][0] in html


def test_the_command_writes_the_json_for_a_quarter(tmp_path: Path) -> None:
    complaint(date(2019, 10, 2))
    output = tmp_path / "q3.json"

    call_command("report", "--quarter", "2019Q3", "--as-at", "2020-01-31", "--output", str(output))

    written = json.loads(output.read_text())
    assert (written["label"], written["as_at"]) == ("2019/20 Q3", "2020-01-31")
    assert written["period"] == {"start": "2019-10-01", "end": "2019-12-31"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--year", "2019/20"], "is not a financial year"),
        (["--quarter", "2019Q5"], "is not a quarter"),
        (["--from", "2019-04-01"], "--from needs --to"),
        (["--from", "2019-04-01", "--to", "1 May"], "is not a date"),
        (["--from", "2019-04-01", "--to", "2019-03-01"], "before it starts"),
        (["--year", "2019", "--as-at", "30/06/2020"], "is not a date"),
        (["--year", "2019", "--format", "docx"], "give --output FILE"),
    ],
)
def test_the_command_says_what_is_wrong_with_its_arguments(
    arguments: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("report", *arguments)


def test_the_suppression_threshold_is_configurable(report: dict[str, Any], settings: Any) -> None:
    settings.FAIRHEAR_REPORT_SUPPRESSION_THRESHOLD = 11

    tables = docx_tables(render(report, "docx", published=True))

    volumes = next(t for t in tables if len(t) > 1 and t[1][0] == "Statutory complaint")
    assert volumes[1][1:3] == ["fewer than 11", "fewer than 11"]


def test_the_word_document_is_set_in_one_sans_serif_font(report: dict[str, Any]) -> None:
    document = Document(io.BytesIO(render(report, "docx")))

    styles = document.styles.element
    fonts = styles.findall(f".//{qn('w:rFonts')}")
    assert fonts
    assert {f.get(qn("w:ascii")) for f in fonts} == {"Arial"}
    assert not [f for f in fonts if f.get(qn("w:asciiTheme"))]  # a theme font would win


def test_word_tables_right_align_figures_and_keep_with_their_headings(
    report: dict[str, Any],
) -> None:
    document = Document(io.BytesIO(render(report, "docx")))

    volumes = next(t for t in document.tables if t.rows[1].cells[0].text == "Statutory complaint")
    figure = volumes.rows[1].cells[1].paragraphs[0]
    assert figure.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert volumes.rows[1].cells[0].paragraphs[0].alignment is None  # labels stay left
    assert figure.paragraph_format.keep_with_next
    assert not volumes.rows[-1].cells[1].paragraphs[0].paragraph_format.keep_with_next
    headings = [p for p in document.paragraphs if p.style.name == "Heading 2"]
    assert all(h.paragraph_format.keep_with_next for h in headings)


def test_a_wide_word_table_has_a_landscape_page_wide_enough_for_its_words(
    report: dict[str, Any],
) -> None:
    document = Document(io.BytesIO(render(report, "docx")))

    orientations = [s.orientation for s in document.sections]
    assert orientations[0] == WD_ORIENT.PORTRAIT
    assert WD_ORIENT.LANDSCAPE in orientations
    young = next(t for t in document.tables if "Telephone" in [c.text for c in t.rows[0].cells])
    # The young people table sits in a landscape section: the next section break after it.
    following = young._tbl.xpath("following::w:sectPr")[0]
    assert following.xpath("./w:pgSz/@w:orient") == ["landscape"]
    telephone = next(c for c in young.rows[0].cells if c.text == "Telephone")
    assert telephone.width.cm >= len("Telephone") * 0.2


def _fills(svg: str) -> set[str]:
    return set(re.findall(r'fill="(#[0-9a-f]{6})"', svg))


def test_a_colour_means_one_thing_in_every_chart(report: dict[str, Any]) -> None:
    tables = report["tables"]
    by_route = chart_svg(tables["volumes"], CHARTS[0], ident="a")
    by_role = chart_svg(tables["complainant_role"], charts_for("complainant_role")[0], ident="b")
    by_quarter = chart_svg(
        tables["stage1_timeliness_by_quarter"],
        charts_for("stage1_timeliness_by_quarter")[0],
        ident="c",
    )

    years = {"#1d70b8", "#505a5f"}  # this year blue, last year grey
    assert years <= _fills(by_route)
    assert years <= _fills(by_role)
    assert not years & _fills(by_quarter)  # in timescale has colours of its own...
    assert "green dots those made in timescale" in render(report, "html").decode()  # ...explained


def test_a_word_chart_is_drawn_once_for_the_same_figures(
    report: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[str] = []
    draw = png._figure
    monkeypatch.setattr(
        png,
        "_figure",
        lambda found, chart, threshold: drawn.append(chart.key) or draw(found, chart, threshold),
    )
    cache.clear()

    render(report, "docx")
    render(report, "docx")
    changed = copy.deepcopy(report)
    changed["tables"]["volumes"]["rows"][0]["cells"]["current"] += 1
    render(changed, "docx")

    assert drawn.count("outcomes") == 1
    assert drawn.count("volumes") == 2  # its figures changed: drawn again
