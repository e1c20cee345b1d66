"""The report as HTML: the staff page's sections and a printable stand-alone file, from the
report's JSON alone."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from fairhear.core.dates import long_date
from fairhear.core.report import shown_row
from fairhear.core.report_narrative import narrative
from fairhear.reports.render.charts import chart_svg, charts_for
from fairhear.reports.render.sections import DEFINITIONS, SECTIONS

__all__ = ["page_context", "render_html"]

_NUMERIC = {"percent", "money", "number", "count", "change"}


def page_context(report: Mapping[str, Any], *, threshold: int | None = None) -> dict[str, Any]:
    """What the templates show: sections of tables (cells as people read them) with charts."""
    tables = report["tables"]
    sections = []
    for anchor, heading, table_ids in SECTIONS:
        shown_tables = []
        for table_id in (t for t in table_ids if t in tables):
            found = tables[table_id]
            rows = []
            for row in found["rows"]:
                texts = shown_row(table_id, row, threshold=threshold)
                rows.append(
                    {
                        "label": row["label"],
                        "total": row["key"] == "total",
                        "cells": [
                            {
                                "text": texts[c["key"]],
                                "numeric": isinstance(row["cells"].get(c["key"]), int | float)
                                and not isinstance(row["cells"].get(c["key"]), bool),
                            }
                            for c in found["columns"]
                        ],
                    }
                )
            shown_tables.append(
                {
                    "id": table_id,
                    "title": found["title"],
                    "basis": found["basis"],
                    "columns": found["columns"],
                    "rows": rows,
                    "charts": [
                        mark_safe(
                            chart_svg(found, chart, threshold=threshold, ident=f"chart-{chart.key}")
                        )
                        for chart in charts_for(table_id)
                    ],
                }
            )
        if shown_tables:
            sections.append({"anchor": anchor, "heading": heading, "tables": shown_tables})
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
    }


def render_html(report: Mapping[str, Any], *, threshold: int | None = None) -> str:
    """A printable stand-alone HTML file of the report."""
    return render_to_string("reports/report_file.html", page_context(report, threshold=threshold))
