"""The report as HTML: the staff page's sections and a printable stand-alone file, from the
report's JSON alone."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from fairhear.core.dates import long_date
from fairhear.core.report_narrative import narrative
from fairhear.reports.render.charts import COLOUR_KEY, chart_svg, charts_for
from fairhear.reports.render.sections import DEFINITIONS, SECTIONS
from fairhear.reports.render.shown import (
    CASES_LEFT_OUT,
    cell_texts,
    figure_columns,
    row_label,
    tables_shown,
)

__all__ = ["page_context", "render_html"]


def page_context(
    report: Mapping[str, Any], *, threshold: int | None = None, case_detail: bool = True
) -> dict[str, Any]:
    """What the templates show: sections of tables (cells as people read them) with charts.
    `case_detail` shows the case lists (never in the published version, `threshold` given)."""
    tables = tables_shown(report, threshold=threshold, case_detail=case_detail)
    sections = []
    for anchor, heading, table_ids in SECTIONS:
        shown_tables = []
        left_out = any(t in report["tables"] and t not in tables for t in table_ids)
        for table_id in (t for t in table_ids if t in tables):
            found = tables[table_id]
            numeric = figure_columns(found)
            rows = []
            for row in found["rows"]:
                texts = cell_texts(table_id, row, threshold=threshold)
                rows.append(
                    {
                        "label": row_label(table_id, row),
                        "total": row["key"] == "total",
                        "cells": [
                            {"text": texts[c["key"]], "numeric": c["key"] in numeric}
                            for c in found["columns"]
                        ],
                    }
                )
            shown_tables.append(
                {
                    "id": table_id,
                    "title": found["title"],
                    "basis": found["basis"],
                    "columns": [{**c, "numeric": c["key"] in numeric} for c in found["columns"]],
                    "rows": rows,
                    "charts": [
                        {
                            "title": chart.title,
                            "svg": mark_safe(
                                chart_svg(
                                    found, chart, threshold=threshold, ident=f"chart-{chart.key}"
                                )
                            ),
                        }
                        for chart in charts_for(table_id)
                    ],
                }
            )
        if shown_tables:
            sections.append(
                {
                    "anchor": anchor,
                    "heading": heading,
                    "tables": shown_tables,
                    "cases_left_out": CASES_LEFT_OUT if left_out else "",
                }
            )
    return {
        "report": report,
        "published": threshold is not None,
        "threshold": threshold,
        "start": long_date(date.fromisoformat(report["period"]["start"])),
        "end": long_date(date.fromisoformat(report["period"]["end"])),
        "as_at": long_date(date.fromisoformat(report["as_at"])),
        "sentences": narrative(report, threshold=threshold) if threshold else report["narrative"],
        "sections": sections,
        "definitions": DEFINITIONS,
        "colour_key": COLOUR_KEY,
        "council_name": report["council"],
    }


def _stylesheet() -> str:
    """The site's compiled GOV.UK Frontend stylesheet, to embed: the file stands alone."""
    path = finders.find("build/fairhear.css")
    if not isinstance(path, str):
        raise ImproperlyConfigured("build/fairhear.css is missing: run `make setup` to build it")
    # Its url()s name images the report does not use, which a browser would look for.
    return Path(path).read_text(encoding="utf-8")


def render_html(
    report: Mapping[str, Any], *, threshold: int | None = None, case_detail: bool = True
) -> str:
    """A printable stand-alone HTML file of the report, styled as the site is."""
    context = page_context(report, threshold=threshold, case_detail=case_detail)
    context["stylesheet"] = mark_safe(_stylesheet())
    return render_to_string("reports/report_file.html", context)
