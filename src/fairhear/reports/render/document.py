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
from docx.shared import Cm, Pt

from fairhear.core.dates import long_date
from fairhear.core.report_narrative import narrative
from fairhear.reports.render.charts import COLOUR_KEY, charts_for, describe
from fairhear.reports.render.png import chart_png
from fairhear.reports.render.sections import DEFINITIONS, SECTIONS
from fairhear.reports.render.shown import (
    CASES_LEFT_OUT,
    cell_texts,
    figure_columns,
    row_label,
    tables_shown,
)

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
# Pages are A4 with 2 cm margins: 17 cm across a portrait page, 25.7 cm across a landscape one.
_MARGIN = Cm(2)
_PORTRAIT_WIDTH = 17.0
_LANDSCAPE_WIDTH = 25.7
# Tables are set in 9 points (8 where a landscape page is still too narrow for 9): about
# 0.22 cm a 9-point character (wide enough for Arial's bold and for the fonts LibreOffice
# puts in Arial's place), and 0.45 cm of cell padding.
_TABLE_SIZES = (9, 8)
_CHARACTER = 0.22 / 9
_PADDING = 0.45


def _one_font(document: Any) -> None:
    styles = document.styles.element
    targets = [styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))]
    targets += [style.get_or_add_rPr() for style in styles.findall(qn("w:style"))]
    for properties in (t for t in targets if t is not None):
        if properties.find(qn("w:rFonts")) is None:
            properties.insert(0, OxmlElement("w:rFonts"))
    # Every font named anywhere in the styles, table styles' first rows and columns too.
    for fonts in styles.iter(qn("w:rFonts")):
        for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{theme}"), None)
        for script in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{script}"), _FONT)


def _keep_with_next(paragraph: Any) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _page(section: Any, *, landscape: bool) -> None:
    width, height = sorted((Cm(21), Cm(29.7)), reverse=landscape)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = _MARGIN
    section.top_margin = section.bottom_margin = _MARGIN


def _table_text(
    table_id: str, found: Mapping[str, Any], threshold: int | None
) -> tuple[list[list[str]], set[int]]:
    """The table's lines of text, header first, and which of its columns hold figures."""
    columns = found["columns"]
    lines = [["", *(column["label"] for column in columns)]]
    for row in found["rows"]:
        texts = cell_texts(table_id, row, threshold=threshold)
        lines.append([row_label(table_id, row), *(texts[column["key"]] for column in columns)])
    figures = figure_columns(found)
    return lines, {n for n, column in enumerate(columns, start=1) if column["key"] in figures}


def _widths(lines: list[list[str]], width: float | None = None, size: int = 9) -> list[float]:
    """Each column's width in centimetres. First room for its longest word, so no heading
    breaks inside a word and a date (whose spaces do not break) stays whole; then, as far as
    `width` allows, room for a figure or a short answer on one line. Without `width`, the
    least each column needs."""
    least, wanted = [], []
    for n, column in enumerate(zip(*lines, strict=True)):
        # Lines break at spaces, not at the no-break spaces inside a date.
        words = max((len(word) for text in column for word in text.split(" ")), default=1)
        longest = max((len(text) for text in column[1:]), default=1)
        character = _CHARACTER * size
        least.append(words * character + _PADDING)
        wanted.append(max(words, min(longest, 18 if n == 0 else 12)) * character + _PADDING)
    if width is None:
        return least
    if sum(least) >= width:  # too wide even so: every column gives way alike
        return [w * width / sum(least) for w in least]
    spare, extra = width - sum(least), [w - m for w, m in zip(wanted, least, strict=True)]
    if sum(extra) >= spare:
        return [m + e * spare / sum(extra) for m, e in zip(least, extra, strict=True)]
    return [w * width / sum(wanted) for w in wanted]


def _table(
    document: Any, lines: list[list[str]], numeric: set[int], width: float, size: int
) -> None:
    """The table in the one table style, in `size` points, across `width` cm: a header row
    that repeats on each page, figures right-aligned, every row kept with the next so that
    a table which fits on a page is not split."""
    grid = document.add_table(rows=len(lines), cols=len(lines[0]))
    grid.style = "Table Grid"
    grid.autofit = False
    _repeat_header(grid.rows[0])
    widths = _widths(lines, width, size)
    for column, column_width in zip(grid.columns, widths, strict=True):
        column.width = Cm(column_width)
    for r, (row, texts) in enumerate(zip(grid.rows, lines, strict=True)):
        for n, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            cell.width = Cm(widths[n])
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.font.size = Pt(size)
            run.bold = r == 0 or None
            if n in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            # Every row but the last keeps with the next: the table stays whole where it can.
            paragraph.paragraph_format.keep_with_next = r < len(lines) - 1


def render_docx(
    report: Mapping[str, Any], *, threshold: int | None = None, case_detail: bool = True
) -> bytes:
    document = Document()
    _one_font(document)
    section = document.sections[0]
    _page(section, landscape=False)
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
            lines, numeric = _table_text(table_id, found, threshold)
            # A table too wide for a portrait page gets a landscape page of its own.
            wide = sum(_widths(lines)) > _PORTRAIT_WIDTH
            size = next(
                (n for n in _TABLE_SIZES if sum(_widths(lines, size=n)) <= _LANDSCAPE_WIDTH),
                _TABLE_SIZES[-1],
            )
            if wide:
                _page(document.add_section(WD_SECTION.NEW_PAGE), landscape=True)
            # The heading, its note and its table stay together; the chart follows the table.
            _keep_with_next(document.add_heading(found["title"], 2))
            _keep_with_next(document.add_paragraph(f"{report['label']}. Basis: {found['basis']}."))
            _table(document, lines, numeric, _LANDSCAPE_WIDTH if wide else _PORTRAIT_WIDTH, size)
            for chart in charts_for(table_id):
                picture = io.BytesIO(chart_png(found, chart, threshold))
                document.add_picture(picture, width=Cm(15))
                runs = document.paragraphs[-1].runs
                _alt_text(runs[-1], describe(found, chart, threshold), chart.title)
            if wide:
                _page(document.add_section(WD_SECTION.NEW_PAGE), landscape=False)
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
