"""The report as an editable Word document, from the report's JSON alone.

Headings sit in the outline (Word's built-in heading styles), tables are real tables whose
header row repeats on every page, charts are PNG pictures with alternative text, and the
footer numbers the pages. The council writes its introduction where the document says so.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from fairhear.core.dates import long_date
from fairhear.core.report_narrative import narrative
from fairhear.reports.render.charts import COLOUR_KEY, chart_png, charts_for, describe
from fairhear.reports.render.sections import DEFINITIONS, SECTIONS
from fairhear.reports.render.shown import CASES_LEFT_OUT, cell_texts, tables_shown

__all__ = ["render_docx"]


def _page_number_field(paragraph: Any) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _alt_text(picture_run: Any, text: str, title: str) -> None:
    doc_pr = picture_run._r.find(".//" + qn("wp:docPr"))
    doc_pr.set("descr", text)
    doc_pr.set("title", title)


# One sans-serif font for every style (headings, text and tables alike). Word's default styles
# name the theme's fonts, which LibreOffice and some Word installations read as a serif.
_FONT = "Arial"
# Tables with more columns than this go on a landscape page of their own, so their headings
# have room to wrap between words rather than inside them.
_PORTRAIT_COLUMNS = 6


def _one_font(document: Any) -> None:
    styles = document.styles.element
    targets = [styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))]
    targets += [style.get_or_add_rPr() for style in styles.findall(qn("w:style"))]
    for properties in (t for t in targets if t is not None):
        fonts = properties.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            properties.insert(0, fonts)
        for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{theme}"), None)
        for script in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{script}"), _FONT)


def _keep_with_next(paragraph: Any) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _landscape(document: Any, landscape: bool) -> None:
    """Start a new page section turned to landscape (or back to portrait)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    width, height = sorted((section.page_width, section.page_height), reverse=landscape)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height


def _table(document: Any, table_id: str, found: Mapping[str, Any], threshold: int | None) -> None:
    """The table in the one table style: a header row that repeats on each page, figures
    right-aligned, every row kept with the next so a table that fits a page is not split."""
    columns = found["columns"]
    grid = document.add_table(rows=1, cols=len(columns) + 1)
    grid.style = "Table Grid"
    head = grid.rows[0]
    _repeat_header(head)
    head.cells[0].text = ""
    for cell, column in zip(head.cells[1:], columns, strict=True):
        cell.text = column["label"]
    for cell in head.cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    numeric = set()
    for row in found["rows"]:
        texts = cell_texts(table_id, row, threshold=threshold)
        cells = grid.add_row().cells
        cells[0].text = row["label"]
        for n, (cell, column) in enumerate(zip(cells[1:], columns, strict=True), start=1):
            cell.text = texts[column["key"]]
            value = row["cells"].get(column["key"])
            if isinstance(value, int | float) and not isinstance(value, bool):
                numeric.add(n)
    for row in grid.rows:
        for n, cell in enumerate(row.cells):
            for paragraph in cell.paragraphs:
                _keep_with_next(paragraph)
                if n in numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for cell in grid.rows[-1].cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = False


def render_docx(
    report: Mapping[str, Any], *, threshold: int | None = None, case_detail: bool = True
) -> bytes:
    document = Document()
    _one_font(document)
    section = document.sections[0]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _page_number_field(footer)

    as_at = long_date(date.fromisoformat(report["as_at"]))
    start = long_date(date.fromisoformat(report["period"]["start"]))
    end = long_date(date.fromisoformat(report["period"]["end"]))
    document.add_heading(f"{report['council']}: children's social care complaints", 0)
    document.add_paragraph(
        f"Annual report {report['label']}: {start} to {end}. Figures as they stood on {as_at}."
    )
    if threshold is not None:
        document.add_paragraph(
            f"To protect people's privacy, counts from 1 to {threshold - 1} are shown as "
            f"fewer than {threshold}."
        )

    document.add_heading("Introduction", 1)
    document.add_paragraph().add_run(
        "The council's introduction goes here: replace this paragraph with it."
    ).italic = True

    document.add_heading("Summary", 1)
    for sentence in narrative(report, threshold=threshold) if threshold else report["narrative"]:
        document.add_paragraph(sentence, style="List Bullet")

    document.add_paragraph(COLOUR_KEY)

    tables = tables_shown(report, threshold=threshold, case_detail=case_detail)
    for _, heading, table_ids in SECTIONS:
        present = [t for t in table_ids if t in tables]
        if not present:
            continue
        _keep_with_next(document.add_heading(heading, 1))
        for table_id in present:
            found = tables[table_id]
            wide = len(found["columns"]) > _PORTRAIT_COLUMNS
            if wide:
                _landscape(document, True)
            # The heading, its note and its table stay together; the chart follows the table.
            _keep_with_next(document.add_heading(found["title"], 2))
            _keep_with_next(document.add_paragraph(f"{report['label']}. Basis: {found['basis']}."))
            _table(document, table_id, found, threshold)
            for chart in charts_for(table_id):
                picture = io.BytesIO(chart_png(found, chart, threshold))
                document.add_picture(picture, width=Cm(15))
                runs = document.paragraphs[-1].runs
                _alt_text(runs[-1], describe(found, chart, threshold), chart.title)
            if wide:
                _landscape(document, False)
        if any(t in report["tables"] and t not in tables for t in table_ids):
            document.add_paragraph(CASES_LEFT_OUT)

    document.add_heading("Definitions", 1)
    for term, meaning in DEFINITIONS:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{term}: ").bold = True
        paragraph.add_run(meaning)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
