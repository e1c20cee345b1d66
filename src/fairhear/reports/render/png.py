"""The report's charts as PNG pictures for the Word document, drawn with matplotlib (Word
needs raster pictures) in the looks of `svg.STYLES`: the same colours, stripes and dots as on
the web page, the same round ticks, each bar labelled with its count. Only the Word document
imports this module.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
from collections.abc import Mapping
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: charts are drawn on servers and in the command line

from django.core.cache import cache
from matplotlib.figure import Figure

from fairhear.reports.render.charts import Chart, series
from fairhear.reports.render.svg import STYLES, bar_label, nice_ticks

__all__ = ["chart_png"]

# Pictures are kept a day: the same figures draw the same chart.
_KEEP = 24 * 60 * 60
_HATCHES = {"solid": None, "stripes": "////", "dots": ".."}


def _figure(found: Mapping[str, Any], chart: Chart, threshold: int | None) -> Figure:
    """The chart drawn on a figure of its own (no pyplot state: requests may draw at once).

    Margins are set from the labels' lengths rather than by `tight_layout`, which measured
    every label twice and took half the time of drawing a chart.
    """
    names, drawn = series(found, chart, threshold)
    if chart.kind == "line":
        names = [name[:3] for name in names]  # months: Apr, May, ... fit side by side
    height = max(2.5, 0.35 * len(names) * (len(drawn) if chart.kind == "barh" else 1) + 1.2)
    height = height if chart.kind == "barh" else 3.6
    fig = Figure(figsize=(7.5, height))
    # 10-point labels are about 0.075 in a character; room for the legend above the bars.
    longest = max((len(n) for n in names), default=1)
    left = min(0.55, (0.075 * longest + 0.25) / 7.5) if chart.kind == "barh" else 0.08
    top = 1 - (0.45 if len(drawn) > 1 else 0.15) / height
    fig.subplots_adjust(left=left, right=0.9, top=top, bottom=0.55 / height)
    ax = fig.add_subplot()
    width = 0.8 / max(len(drawn), 1)
    positions = list(range(len(names)))
    for i, s in enumerate(drawn):
        style = STYLES[s.key]
        values = [math.nan if v is None else v for v in s.values]  # NaN: no bar, no point
        labels = [bar_label(s, v, len(drawn), threshold) for v in s.values]
        look: dict[str, Any] = {
            "label": s.label,
            "edgecolor": style.colour,
            "facecolor": style.colour if style.fill == "solid" else "white",
            "hatch": _HATCHES[style.fill],
        }
        at = [p + i * width for p in positions]
        if chart.kind == "line":
            ax.plot(
                positions,
                values,
                "--" if style.dashed else "-",
                marker="s" if style.marker == "square" else "o",
                label=s.label,
                color=style.colour,
            )
        elif chart.kind == "bar":
            bars = ax.bar(at, [0 if math.isnan(v) else v for v in values], width, **look)
            short = ["<" + str(threshold) if v is None else f"{v:,}" for v in s.values]
            ax.bar_label(bars, short, padding=2)
        else:
            # The axis is inverted below, so the first series sits at the top of each group.
            bars = ax.barh(at, [0 if math.isnan(v) else v for v in values], width, **look)
            ax.bar_label(bars, labels, padding=3)
    middle = width * (len(drawn) - 1) / 2 if chart.kind != "line" else 0
    # The web page's round ticks, so both read off the same scale.
    ticks = nice_ticks(max((v or 0 for s in drawn for v in s.values), default=0))
    tick_labels = [f"{t:,}" for t in ticks]
    if chart.kind == "barh":
        ax.set_yticks([p + middle for p in positions], names)
        ax.invert_yaxis()
        ax.set_xticks(ticks, tick_labels)
        ax.set_xlim(0, ticks[-1])
    else:
        ax.set_xticks([p + middle for p in positions], names)
        ax.set_yticks(ticks, tick_labels)
        ax.set_ylim(0, ticks[-1])
    ax.spines[["top", "right"]].set_visible(False)
    if len(drawn) > 1:
        ax.legend(frameon=False, ncols=len(drawn), loc="lower left", bbox_to_anchor=(0, 1))
    return fig


def _key(found: Mapping[str, Any], chart: Chart, threshold: int | None) -> str:
    """The cache key of a picture: what it is drawn from, so a changed figure is redrawn."""
    content = json.dumps([found, chart.key, threshold], sort_keys=True, default=str)
    return f"fairhear-report-chart-png:{hashlib.sha256(content.encode()).hexdigest()}"


def chart_png(found: Mapping[str, Any], chart: Chart, threshold: int | None = None) -> bytes:
    key = _key(found, chart, threshold)
    png: bytes | None = cache.get(key)
    if png is None:
        out = io.BytesIO()
        _figure(found, chart, threshold).savefig(out, format="png", dpi=150)
        png = out.getvalue()
        cache.set(key, png, _KEEP)
    return png
