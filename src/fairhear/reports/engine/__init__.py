"""The report engine: every table of the annual report (spec: report.md) computed from the
case data with database aggregation, in the JSON form every rendering reads.

Each section of the report has its module here (received, stage_1, stages_2_3, ombudsman,
learning, compliments, context), which registers its tables by id in the registry
(registry.py); the engine builds a report by walking the registry in the report's order.
What the tables share (the periods, the base querysets, grouped counts, service area and team
names, the statutory timescales, the helpers that shape rows) is in base.py.

Counting happens in SQL (grouped, conditional counts over the periods a table compares);
Python only maps service areas and teams through restructures (once per report), counts
working days over the few date columns that need them (numpy, through the calendar), and
lays the figures out as tables with fairhear.core.report.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fairhear.core.calendar import WorkingDayCalendar, england_calendar
from fairhear.core.report import Period

# Importing the sections registers their tables.
from fairhear.reports.engine import (  # noqa: F401
    compliments,
    context,
    learning,
    ombudsman,
    received,
    stage_1,
    stages_2_3,
)
from fairhear.reports.engine.base import Report
from fairhear.reports.engine.registry import ANNUAL_ONLY_TABLES, TABLE_IDS

__all__ = ["ANNUAL_ONLY_TABLES", "TABLE_IDS", "build_report"]


def build_report(
    period: Period,
    *,
    as_at: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> dict[str, Any]:
    """The report for `period` as the case data stood on `as_at` (default: today), in the
    JSON form of report.md. Earlier periods are the same dates one and two years before."""
    return Report(period, as_at or date.today(), calendar or england_calendar()).build()
