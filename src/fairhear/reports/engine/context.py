"""Context and comparison with other councils: demand for children's social care beside the
complaints it brought, and other councils' published figures beside ours (yearly reports
only)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings

from fairhear.core.report import change_percent, percent, table
from fairhear.reports.engine.base import TOTAL, Report, Row, figure
from fairhear.reports.engine.registry import Section
from fairhear.reports.models import Benchmark, ContextFigure

section = Section("context")


@section.table("context")
def context(r: Report) -> dict[str, Any]:
    year = r.period.year
    figures = ContextFigure.objects.filter(year__in=(year - 1, year)).values_list(
        "year", "measure", "value"
    )
    measures: dict[str, dict[str, Any]] = defaultdict(lambda: {"previous": None, "current": None})
    for fy, measure, value in figures:
        measures[measure]["current" if fy == year else "previous"] = figure(value)
    received = r.statutory_received
    per_100 = {
        key: (
            None
            if not isinstance(measures.get("referrals", {}).get(key), int | float)
            else percent(received[key], measures["referrals"][key])
        )
        for key in ("previous", "current")
    }
    rows: list[Row] = [(m, m.replace("_", " ").capitalize(), measures[m]) for m in sorted(measures)]
    rows.append(("complaints_per_100_referrals", "Statutory complaints per 100 referrals", per_100))
    for _, _, cells in rows:
        cells["change_percent"] = change_percent(cells["current"], cells["previous"])
    return table(
        "Demand for children's social care",
        "per year",
        [*r.columns("previous", "current"), ("change_percent", "Change (%)")],
        rows,
    )


@section.table("benchmarking")
def benchmarking(r: Report) -> dict[str, Any]:
    rows: list[Row] = []
    for b in Benchmark.objects.filter(year=r.period.year).order_by("council"):
        rows.append(
            (
                b.council,
                b.council,
                {
                    "complaints_received": b.complaints_received,
                    "percent_upheld": figure(b.percent_upheld),
                    "percent_in_timescale": figure(b.percent_in_timescale),
                },
            )
        )
    by_category = r.table("stage1_outcomes_by_category")
    timeliness = {row["key"]: row["cells"] for row in r.table("stage1_timeliness")["rows"]}
    council = settings.FAIRHEAR_COUNCIL_NAME
    rows = [row for row in rows if row[0] != council]
    rows.append(
        (
            council,
            council,
            {
                "complaints_received": r.statutory_received["current"],
                "percent_upheld": by_category["rows"][-1]["cells"]["percent_upheld"],
                "percent_in_timescale": percent(
                    timeliness.get("in_timescale", {}).get("current", 0),
                    timeliness[TOTAL]["current"],
                ),
            },
        )
    )
    return table(
        f"How we compare with other councils in {r.label('current')}",
        "per year",
        [
            ("complaints_received", "Complaints received"),
            ("percent_upheld", "Upheld (%)"),
            ("percent_in_timescale", "Stage 1 in timescale (%)"),
        ],
        rows,
        keep_empty=True,
    )
