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
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from fairhear.core.dates import long_date
from fairhear.core.report import shown_row
from fairhear.core.report_narrative import narrative
from fairhear.reports.render.charts import chart_png, charts_for, describe
from fairhear.reports.render.sections import DEFINITIONS, SECTIONS

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


def _table(document: Any, table_id: str, found: Mapping[str, Any], threshold: int | None) -> None:
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
    for row in found["rows"]:
        texts = shown_row(table_id, row, threshold=threshold)
        cells = grid.add_row().cells
        cells[0].text = row["label"]
        for cell, column in zip(cells[1:], columns, strict=True):
            cell.text = texts[column["key"]]


def render_docx(report: Mapping[str, Any], *, threshold: int | None = None) -> bytes:
    document = Document()
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

    tables = report["tables"]
    for _, heading, table_ids in SECTIONS:
        present = [t for t in table_ids if t in tables]
        if not present:
            continue
        document.add_heading(heading, 1)
        for table_id in present:
            found = tables[table_id]
            document.add_heading(found["title"], 2)
            for chart in charts_for(table_id):
                picture = io.BytesIO(chart_png(found, chart, threshold))
                document.add_picture(picture, width=Cm(15))
                runs = document.paragraphs[-1].runs
                _alt_text(runs[-1], describe(found, chart, threshold), chart.title)
            _table(document, table_id, found, threshold)
            document.add_paragraph(f"Basis: {found['basis']}.")

    document.add_heading("Definitions", 1)
    for term, meaning in DEFINITIONS:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{term}: ").bold = True
        paragraph.add_run(meaning)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
