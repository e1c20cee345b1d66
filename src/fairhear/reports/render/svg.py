"""The report's charts drawn as SVG in Python, for the web page and the file to publish.

Pure: given the figures, an `<svg>` element as text. No matplotlib on the web path: a chart
is a few dozen elements, which string building draws in well under a millisecond.

Everything is drawn in a 368-unit-wide viewBox that the stylesheet scales to its column (and
down to a 320 px screen). Text takes the site's font from the stylesheet (`.fairhear-chart`);
colours and sizes are SVG presentation attributes, which the Content Security Policy allows
(it forbids `style` attributes). Each series has a colour and a fill of its own (`STYLES`),
so colour is never the only means of telling them apart, and each bar carries its value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["STYLES", "Series", "SeriesStyle", "bar_label", "draw", "nice_ticks"]

WIDTH = 360
FONT = 15  # units: about 12 px on a 320 px screen, 19 px where the chart is widest
LINE = 18  # a line of text
CHAR = 0.56 * FONT  # a character's width, on average, in a sans-serif font
TEXT = "#0b0c0c"  # GOV.UK text colour
GRID = "#b1b4b6"  # light grey: gridlines are a guide, not information
BAR = 18
PLOT_HEIGHT = 180


@dataclass(frozen=True, slots=True)
class SeriesStyle:
    colour: str  # 3:1 or more against white (WCAG 1.4.11)
    fill: str  # "solid", "stripes" or "dots": a second means besides colour
    dashed: bool = False  # for lines
    marker: str = "circle"  # or "square", for lines


# One look per meaning across every chart, keyed by the report's column keys.
STYLES = {
    "current": SeriesStyle("#1d70b8", "solid"),  # blue, solid: the report's year
    "received": SeriesStyle("#1d70b8", "solid"),  # received in the report's year
    "previous": SeriesStyle("#505a5f", "stripes", dashed=True, marker="square"),  # year before
    "responded": SeriesStyle("#4c2c92", "solid"),  # purple: all Stage 1 replies
    "in_timescale": SeriesStyle("#00703c", "dots"),  # green, dotted: replies in timescale
}


@dataclass(frozen=True, slots=True)
class Series:
    key: str  # a key of STYLES
    label: str
    values: tuple[int | None, ...]  # None: a count hidden in the published version


def nice_ticks(top: float, most: int = 6) -> list[int]:
    """Ticks from 0 in a round step (1, 2 or 5 times a power of ten) up to the first at or
    above `top`, `most` steps at the most: counts read off a scale as people count."""
    if top <= 0:
        return [0, 1]
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            steps = math.ceil(top / step)
            if steps <= most:
                return [step * i for i in range(steps + 1)]
        power *= 10


def _text_width(text: str) -> float:
    return len(text) * CHAR


def _wrap(text: str, width: float) -> list[str]:
    """Lines of whole words that fit `width` (a long word has a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and _text_width(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _n(number: float) -> str:
    """A coordinate, short: 12, 12.5."""
    return f"{round(number, 1):g}"


def _text(x: float, y: float, text: str, anchor: str = "start", css: str = "") -> str:
    """Text with a white outline under it, so it reads where a gridline crosses it."""
    kind = f' class="{css}"' if css else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{kind} stroke="#ffffff" '
        f'stroke-width="3" paint-order="stroke">{escape(text)}</text>'
    )


def _fill(key: str, ident: str) -> str:
    style = STYLES[key]
    return style.colour if style.fill == "solid" else f"url(#{ident}-{key})"


def _patterns(series: Sequence[Series], ident: str) -> str:
    """Stripes and dots in the series' colour on white, for the fills that are not solid."""
    defs = []
    for s in series:
        style = STYLES[s.key]
        pattern = f'<pattern id="{ident}-{s.key}" patternUnits="userSpaceOnUse"'
        if style.fill == "stripes":
            defs.append(
                f'{pattern} width="6" height="6" patternTransform="rotate(45)">'
                f'<rect width="6" height="6" fill="#ffffff"/>'
                f'<rect width="3" height="6" fill="{style.colour}"/></pattern>'
            )
        elif style.fill == "dots":
            defs.append(
                f'{pattern} width="5" height="5"><rect width="5" height="5" fill="#ffffff"/>'
                f'<circle cx="2.5" cy="2.5" r="1.6" fill="{style.colour}"/></pattern>'
            )
    return f"<defs>{''.join(defs)}</defs>" if defs else ""


def _marker(key: str, x: float, y: float) -> str:
    style = STYLES[key]
    if style.marker == "square":
        return f'<rect x="{_n(x - 4)}" y="{_n(y - 4)}" width="8" height="8" fill="{style.colour}"/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4.5" fill="{style.colour}"/>'


def _legend(series: Sequence[Series], line: bool, ident: str) -> tuple[list[str], float]:
    """A key above the plot when there is more than one series; its height."""
    if len(series) < 2:
        return [], 0
    parts, x, y = [], 0.0, 0.0
    for s in series:
        width = 22 + _text_width(s.label) + 18
        if x and x + width > WIDTH:
            x, y = 0, y + LINE + 6
        style = STYLES[s.key]
        if line:
            dash = ' stroke-dasharray="6 3"' if style.dashed else ""
            parts.append(
                f'<line x1="{_n(x)}" y1="{_n(y + 9)}" x2="{_n(x + 18)}" y2="{_n(y + 9)}" '
                f'stroke="{style.colour}" stroke-width="2.5"{dash}/>'
            )
            parts.append(_marker(s.key, x + 9, y + 9))
        else:
            parts.append(
                f'<rect x="{_n(x + 1)}" y="{_n(y + 1)}" width="16" height="16" '
                f'fill="{_fill(s.key, ident)}" stroke="{style.colour}" stroke-width="1.5"/>'
            )
        parts.append(_text(x + 22, y + 14, s.label))
        x += width
    return parts, y + LINE + 12


def _value_text(value: int | None, threshold: int | None, short: bool) -> str:
    if value is None:
        return f"<{threshold}" if short else f"fewer than {threshold}"
    return f"{value:,}"  # 1,080 as the tables write it


def bar_label(s: Series, value: int | None, series: int, threshold: int | None) -> str:
    """A bar's count; where a hidden count draws no bar beside another series', the series
    says which it is ("2024/25: fewer than 5"), since there is no fill to tell."""
    text = _value_text(value, threshold, short=False)
    return f"{s.label}: {text}" if value is None and series > 1 else text


def _bars_across(
    names: Sequence[str], series: Sequence[Series], threshold: int | None, ident: str
) -> tuple[list[str], float]:
    """Bars across the page, each row's label above its bars so the label has the width of
    the chart, as at 320 px it must."""
    parts, top = _legend(series, False, ident)
    values = [v for s in series for v in s.values]
    labels = [bar_label(s, v, len(series), threshold) for s in series for v in s.values]
    ticks = nice_ticks(max((v or 0 for v in values), default=0))
    left = _text_width(f"{ticks[0]:,}") / 2 + 2
    right = WIDTH - max(
        max((_text_width(t) for t in labels), default=0) + 8, _text_width(f"{ticks[-1]:,}") / 2 + 2
    )
    scale = (right - left) / ticks[-1]
    rows, y = [], top
    for i, name in enumerate(names):
        for line in _wrap(name, WIDTH - left):
            y += LINE
            rows.append(_text(left + 2, y - 4, line))
        y += 2
        for s in series:
            value = s.values[i]
            style = STYLES[s.key]
            width = (value or 0) * scale
            if width:
                rows.append(
                    f'<rect class="fairhear-chart__bar" x="{_n(left)}" y="{_n(y)}" '
                    f'width="{_n(width)}" height="{BAR}" fill="{_fill(s.key, ident)}" '
                    f'stroke="{style.colour}" stroke-width="1.5"/>'
                )
            text = bar_label(s, value, len(series), threshold)
            rows.append(_text(left + width + 5, y + BAR - 4, text, css="fairhear-chart__value"))
            y += BAR + 2
        y += 8
    bottom = y
    grid = [
        f'<line x1="{_n(left + t * scale)}" y1="{_n(top)}" x2="{_n(left + t * scale)}" '
        f'y2="{_n(bottom)}" stroke="{TEXT if t == 0 else GRID}" stroke-width="1"/>'
        for t in ticks
    ]
    tick_labels = [
        _text(left + t * scale, bottom + LINE, f"{t:,}", "middle", css="fairhear-chart__tick")
        for t in ticks
    ]
    return [*parts, *grid, *rows, *tick_labels], bottom + LINE + 6


def _frame(
    names: Sequence[str], series: Sequence[Series], top: float, room_above: float
) -> tuple[list[int], float, float, float, float, list[str]]:
    """The axes of an upright chart: ticks, left, plot top and bottom, slot width, and the
    gridlines with their labels."""
    values = [v or 0 for s in series for v in s.values]
    ticks = nice_ticks(max(values, default=0))
    left = max(_text_width(f"{t:,}") for t in ticks) + 8
    plot_top = top + room_above
    bottom = plot_top + PLOT_HEIGHT
    slot = (WIDTH - left - 10) / max(len(names), 1)  # room for the last label's half
    parts = []
    for t in ticks:
        y = bottom - t * PLOT_HEIGHT / ticks[-1]
        parts.append(
            f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(WIDTH - 4)}" y2="{_n(y)}" '
            f'stroke="{TEXT if t == 0 else GRID}" stroke-width="1"/>'
        )
        parts.append(_text(left - 6, y + 5, f"{t:,}", "end", css="fairhear-chart__tick"))
    return ticks, left, plot_top, bottom, slot, parts


def _category_labels(
    names: Sequence[str], left: float, slot: float, bottom: float
) -> tuple[list[str], float]:
    """Each slot's label under it, wrapped to the slot; single words too wide to sit side by
    side (months) take turns on two lines."""
    stagger = any(" " not in n and _text_width(n) + 6 > slot for n in names)
    parts, deepest = [], 0
    for i, name in enumerate(names):
        lines = [name] if stagger else _wrap(name, slot - 2)
        lower = i % 2 if stagger else 0
        for j, line in enumerate(lines, start=1 + lower):
            parts.append(_text(left + (i + 0.5) * slot, bottom + j * LINE, line, "middle"))
        deepest = max(deepest, len(lines) + lower)
    return parts, bottom + deepest * LINE + 6


def _bars_up(
    names: Sequence[str], series: Sequence[Series], threshold: int | None, ident: str
) -> tuple[list[str], float]:
    """Upright bars side by side in each group, their values above them."""
    parts, top = _legend(series, False, ident)
    ticks, left, _, bottom, slot, frame = _frame(names, series, top, LINE + 4)
    width = slot * 0.8 / len(series)
    bars = []
    for i in range(len(names)):
        for k, s in enumerate(series):
            value = s.values[i]
            style = STYLES[s.key]
            x = left + i * slot + slot * 0.1 + k * width
            height = (value or 0) * PLOT_HEIGHT / ticks[-1]
            if height:
                bars.append(
                    f'<rect class="fairhear-chart__bar" x="{_n(x + 1)}" y="{_n(bottom - height)}" '
                    f'width="{_n(width - 2)}" height="{_n(height)}" fill="{_fill(s.key, ident)}" '
                    f'stroke="{style.colour}" stroke-width="1.5"/>'
                )
            text = _value_text(value, threshold, short=True)
            bars.append(
                _text(x + width / 2, bottom - height - 5, text, "middle", "fairhear-chart__value")
            )
    labels, end = _category_labels(names, left, slot, bottom)
    return [*parts, *frame, *bars, *labels], end


def _lines(names: Sequence[str], series: Sequence[Series], ident: str) -> tuple[list[str], float]:
    """A line a series, broken where a count is hidden, with a marker at each point."""
    parts, top = _legend(series, True, ident)
    ticks, left, _, bottom, slot, frame = _frame(names, series, top, 10)
    drawn = []
    for s in series:
        style = STYLES[s.key]
        dash = ' stroke-dasharray="6 3"' if style.dashed else ""
        points = [
            None if v is None else (left + (i + 0.5) * slot, bottom - v * PLOT_HEIGHT / ticks[-1])
            for i, v in enumerate(s.values)
        ]
        run: list[tuple[float, float]] = []
        for point in [*points, None]:
            if point is not None:
                run.append(point)
                continue
            if len(run) > 1:
                joined = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
                drawn.append(
                    f'<polyline class="fairhear-chart__line" points="{joined}" fill="none" '
                    f'stroke="{style.colour}" stroke-width="2.5"{dash}/>'
                )
            run = []
        drawn.extend(_marker(s.key, x, y) for x, y in (p for p in points if p))
    labels, end = _category_labels([n[:3] for n in names], left, slot, bottom)
    return [*parts, *frame, *drawn, *labels], end


def draw(
    kind: str,
    names: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    ident: str,
    threshold: int | None = None,
) -> str:
    """An inline `<svg>` with role="img", named by its `<title>` and `<desc>`. `kind` is
    "barh" (bars across), "bar" (upright bars) or "line"."""
    if kind == "barh":
        parts, height = _bars_across(names, series, threshold, ident)
    elif kind == "bar":
        parts, height = _bars_up(names, series, threshold, ident)
    elif kind == "line":
        parts, height = _lines(names, series, ident)
    else:
        raise ValueError(f"No chart of kind {kind!r}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="fairhear-chart" '
        f'aria-labelledby="{ident}-title {ident}-desc" focusable="false" '
        f'viewBox="-4 0 {WIDTH + 8} {_n(height)}" width="{WIDTH + 8}" height="{_n(height)}" '
        f'font-size="{FONT}" fill="{TEXT}">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        f"{_patterns(series, ident)}{''.join(parts)}</svg>"
    )
