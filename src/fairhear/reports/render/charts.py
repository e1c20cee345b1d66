"""The report's charts, drawn with matplotlib from the report's JSON alone.

SVG for the web page keeps its labels as text (svg.fonttype none), carries a <title> and
role="img", and has its inline styles turned into SVG presentation attributes, since the
site's Content Security Policy forbids style attributes. PNG for the Word document.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: charts are drawn on servers and in the command line

from django.core.cache import cache
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from fairhear.core.report import suppressed

# Drawings are kept a day: the same figures draw the same chart.
_KEEP = 24 * 60 * 60

__all__ = ["CHARTS", "COLOUR_KEY", "Chart", "chart_png", "chart_svg", "charts_for"]

# One meaning per colour across every chart (GOV.UK Frontend colours, 3:1 or more on white):
# a year is always the same colour, and the timeliness chart's own two colours say what they
# count. The page and the document say so in words (COLOUR_KEY).
_COLOURS = {
    "current": "#1d70b8",  # blue: the report's year
    "received": "#1d70b8",
    "previous": "#505a5f",  # grey: the year before
    "responded": "#4c2c92",  # purple: all Stage 1 replies
    "in_timescale": "#00703c",  # green: replies in timescale
}
COLOUR_KEY = (
    "In the charts, blue is the year of the report and grey the year before (a dashed line in "
    "the monthly chart). In the chart of replies by quarter, purple is all Stage 1 replies and "
    "green those made in timescale."
)


@dataclass(frozen=True, slots=True)
class Chart:
    key: str
    table_id: str
    title: str
    columns: tuple[str, ...]
    kind: str = "barh"  # or "line"
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


def _series(
    found: Mapping[str, Any], chart: Chart, threshold: int | None
) -> tuple[list[str], list[tuple[str, str, list[float | None]]]]:
    """Each series' values by row; None where a published chart must hide a count that the
    tables show as "fewer than N" (drawn as no bar, described as fewer than N)."""
    rows = [r for r in found["rows"] if r["key"] not in chart.leave_out]
    labels = {c["key"]: c["label"] for c in found["columns"]}
    series = []
    for column in chart.columns:
        values: list[float | None] = []
        for r in rows:
            value = r["cells"].get(column) or 0
            hidden = threshold is not None and suppressed(int(value), threshold)
            values.append(None if hidden else float(value))
        series.append((column, labels[column], values))
    return [r["label"] for r in rows], series


def describe(found: Mapping[str, Any], chart: Chart, threshold: int | None = None) -> str:
    """A text alternative: what the chart shows, in words (the table beside has the numbers)."""
    names, series = _series(found, chart, threshold)
    parts = []
    for _, label, values in series:
        pairs = ", ".join(
            f"{n} {int(v)}" if v is not None else f"{n} fewer than {threshold}"
            for n, v in zip(names, values, strict=True)
        )
        parts.append(f"{label}: {pairs}" if pairs else f"{label}: none")
    hidden = f" Bars for counts under {threshold} are not drawn." if threshold else ""
    return f"{chart.title}. " + "; ".join(parts) + "." + hidden


def _figure(found: Mapping[str, Any], chart: Chart, threshold: int | None) -> Figure:
    """The chart drawn on a figure of its own (no pyplot state: requests may draw at once).

    Margins are set from the labels' lengths rather than by `tight_layout`, which measured
    every label twice and took half the time of drawing a chart.
    """
    names, series = _series(found, chart, threshold)
    if chart.kind == "line":
        names = [name[:3] for name in names]  # months: Apr, May, ... fit side by side
    height = max(2.5, 0.35 * len(names) * (len(series) if chart.kind == "barh" else 1) + 1.2)
    height = height if chart.kind == "barh" else 3.6
    fig = Figure(figsize=(7.5, height))
    # 10-point labels are about 0.075 in a character; room for the legend above the bars.
    longest = max((len(n) for n in names), default=1)
    left = min(0.55, (0.075 * longest + 0.25) / 7.5) if chart.kind == "barh" else 0.08
    top = 1 - (0.45 if len(series) > 1 else 0.15) / height
    fig.subplots_adjust(left=left, right=0.97, top=top, bottom=0.55 / height)
    ax = fig.add_subplot()
    width = 0.8 / max(len(series), 1)
    positions = list(range(len(names)))
    for i, (column, label, shown) in enumerate(series):
        colour = _COLOURS[column]
        values = [math.nan if v is None else v for v in shown]  # NaN: no bar, no point
        if chart.kind == "line":
            style = "--" if column == "previous" else "-"
            ax.plot(positions, values, style, marker="o", label=label, color=colour)
        elif chart.kind == "bar":
            ax.bar([p + i * width for p in positions], values, width, label=label, color=colour)
        else:
            # The axis is inverted below, so the first series sits at the top of each group.
            ax.barh([p + i * width for p in positions], values, width, label=label, color=colour)
    middle = width * (len(series) - 1) / 2 if chart.kind != "line" else 0
    if chart.kind == "barh":
        ax.set_yticks([p + middle for p in positions], names)
        ax.invert_yaxis()
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        ax.set_xticks([p + middle for p in positions], names)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    if len(series) > 1:
        ax.legend(frameon=False, ncols=len(series), loc="lower left", bbox_to_anchor=(0, 1))
    return fig


def _cached(kind: str, found: Mapping[str, Any], chart: Chart, *parts: Any) -> str:
    """The cache key of a drawing: what it is drawn from, so a changed figure is redrawn."""
    content = json.dumps([kind, found, chart.key, *parts], sort_keys=True, default=str)
    return f"fairhear-report-chart:{hashlib.sha256(content.encode()).hexdigest()}"


def chart_png(found: Mapping[str, Any], chart: Chart, threshold: int | None = None) -> bytes:
    key = _cached("png", found, chart, threshold)
    png: bytes | None = cache.get(key)
    if png is None:
        out = io.BytesIO()
        _figure(found, chart, threshold).savefig(out, format="png", dpi=150)
        png = out.getvalue()
        cache.set(key, png, _KEEP)
    return png


_STYLE = re.compile(r' style="([^"]*)"')
_FONT = re.compile(
    r"^(?:(?P<style>italic|oblique) )?(?:(?P<weight>bold|normal|\d{3}) )?"
    r"(?P<size>[\d.]+)px '?(?P<family>[^']+)'?$"
)


def _as_attributes(match: re.Match[str]) -> str:
    """`style="fill: #fff; font: 10px 'DejaVu Sans'"` → `fill="#fff" font-size="10px" ...`."""
    attributes = []
    for declaration in match[1].split(";"):
        if ":" not in declaration:
            continue
        name, value = (part.strip() for part in declaration.split(":", 1))
        font = _FONT.match(value) if name == "font" else None
        if font:
            attributes.append(f'font-size="{font["size"]}px"')
            attributes.append('font-family="Arial, sans-serif"')
            if font["weight"]:
                attributes.append(f'font-weight="{font["weight"]}"')
            if font["style"]:
                attributes.append(f'font-style="{font["style"]}"')
        elif name != "font":
            attributes.append(f'{name}="{escape(value, quote=True)}"')
    return " " + " ".join(attributes) if attributes else ""


def chart_svg(
    found: Mapping[str, Any], chart: Chart, *, threshold: int | None = None, ident: str
) -> str:
    """An inline <svg> element with role="img", a <title> and a <desc>."""
    key = _cached("svg", found, chart, threshold, ident)
    svg: str | None = cache.get(key)
    if svg is None:
        svg = _svg(found, chart, threshold, ident)
        cache.set(key, svg, _KEEP)
    return svg


def _svg(found: Mapping[str, Any], chart: Chart, threshold: int | None, ident: str) -> str:
    fig = _figure(found, chart, threshold)
    out = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": chart.key}):
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)
    svg = _STYLE.sub(_as_attributes, svg)
    # Several charts share a page: keep matplotlib's ids (and references to them) unique.
    svg = svg.replace(' id="', f' id="{ident}-').replace("url(#", f"url(#{ident}-")
    svg = svg.replace('xlink:href="#', f'xlink:href="#{ident}-')
    # Scale to the width of the page; the viewBox keeps the proportions.
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1 width="100%"', svg, count=1)
    head = (
        f'<svg role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'class="fairhear-chart" focusable="false"'
    )
    svg = svg.replace("<svg", head, 1)
    close = svg.index(">", len(head)) + 1
    title = (
        f'<title id="{ident}-title">{escape(chart.title)}</title>'
        f'<desc id="{ident}-desc">{escape(describe(found, chart, threshold))}</desc>'
    )
    return svg[:close] + title + svg[close:]
