"""The report's charts: which tables are drawn, how, and what each shows, from the report's
JSON alone.

The web page and the file to publish draw them as SVG in Python (`render.svg`); the Word
document has PNG pictures of the same charts (`render.png`, matplotlib). Both take their
colours and fills from `svg.STYLES`, so a look means one thing wherever it appears.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fairhear.core.report import suppressed
from fairhear.reports.render import svg
from fairhear.reports.render.svg import Series

__all__ = ["CHARTS", "COLOUR_KEY", "Chart", "chart_svg", "charts_for", "describe", "series"]

# The page and the document say in words what svg.STYLES draws.
COLOUR_KEY = (
    "In the charts, solid blue is the year of the report and grey stripes the year before (in "
    "the monthly chart, a solid blue line with round points and a dashed grey line with square "
    "points). In the chart of replies by quarter, solid purple is all Stage 1 replies and "
    "green dots those made in timescale."
)


@dataclass(frozen=True, slots=True)
class Chart:
    key: str
    table_id: str
    title: str
    columns: tuple[str, ...]
    kind: str = "barh"  # bars across; "bar" upright; or "line"
    leave_out: tuple[str, ...] = ("total",)


CHARTS = (
    Chart(
        "volumes",
        "volumes",
        "Contacts received, by route",
        ("previous", "current"),
        leave_out=("total", "withdrawn"),
    ),
    Chart("outcomes", "stage1_outcomes", "Stage 1 outcomes", ("previous", "current")),
    Chart(
        "timeliness",
        "stage1_timeliness_by_quarter",
        "Stage 1 replies in timescale, by quarter",
        ("responded", "in_timescale"),
        kind="bar",
    ),
    Chart(
        "categories", "stage1_outcomes_by_category", "Stage 1 complaints by category", ("received",)
    ),
    Chart(
        "service_areas",
        "stage1_by_service_area",
        "Stage 1 complaints by service area",
        ("received",),
    ),
    Chart("roles", "complainant_role", "Who made statutory complaints", ("previous", "current")),
    Chart("channels", "channel", "How statutory complaints were made", ("previous", "current")),
    Chart(
        "monthly",
        "monthly_received",
        "Statutory complaints received each month",
        ("previous", "current"),
        kind="line",
    ),
)


def charts_for(table_id: str) -> list[Chart]:
    return [c for c in CHARTS if c.table_id == table_id]


def series(
    found: Mapping[str, Any], chart: Chart, threshold: int | None
) -> tuple[list[str], list[Series]]:
    """The rows' labels and each series' counts by row; None where a published chart must
    hide a count that the tables show as "fewer than N"."""
    rows = [r for r in found["rows"] if r["key"] not in chart.leave_out]
    labels = {c["key"]: c["label"] for c in found["columns"]}
    drawn = []
    for column in chart.columns:
        values = []
        for r in rows:
            value = int(r["cells"].get(column) or 0)
            hidden = threshold is not None and suppressed(value, threshold)
            values.append(None if hidden else value)
        drawn.append(Series(column, labels[column], tuple(values)))
    return [r["label"] for r in rows], drawn


def describe(found: Mapping[str, Any], chart: Chart, threshold: int | None = None) -> str:
    """A text alternative: what the chart shows, in words (the table beside has the numbers)."""
    names, drawn = series(found, chart, threshold)
    parts = []
    for s in drawn:
        pairs = ", ".join(
            f"{n} {v}" if v is not None else f"{n} fewer than {threshold}"
            for n, v in zip(names, s.values, strict=True)
        )
        parts.append(f"{s.label}: {pairs}" if pairs else f"{s.label}: none")
    hidden = f" Counts under {threshold} are not drawn." if threshold else ""
    return f"{chart.title}. " + "; ".join(parts) + "." + hidden


def chart_svg(
    found: Mapping[str, Any], chart: Chart, *, threshold: int | None = None, ident: str
) -> str:
    """An inline <svg> element with role="img", a <title> and a <desc>."""
    names, drawn = series(found, chart, threshold)
    return svg.draw(
        chart.kind,
        names,
        drawn,
        title=chart.title,
        description=describe(found, chart, threshold),
        ident=ident,
        threshold=threshold,
    )
