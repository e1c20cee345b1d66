"""The report's SVG charts, drawn from figures alone: bars in proportion, round ticks that
cover the largest count, labels as escaped text, one look per meaning."""

import itertools
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairhear.reports.render.svg import STYLES, Series, draw, nice_ticks

NS = {"svg": "http://www.w3.org/2000/svg"}


def drawing(kind: str, names: list[str], *series: Series, threshold: int | None = None) -> str:
    return draw(
        kind,
        names,
        series,
        title="A chart",
        description="What it shows",
        ident="c",
        threshold=threshold,
    )


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, or this fails


def bars(svg: str) -> list[ET.Element]:
    return parsed(svg).findall(".//svg:rect[@class='fairhear-chart__bar']", NS)


def texts(svg: str, css: str | None = None) -> list[str]:
    found = parsed(svg).iter(f"{{{NS['svg']}}}text")
    return [t.text or "" for t in found if css is None or t.get("class") == css]


@given(st.integers(min_value=0, max_value=10**7))
def test_ticks_start_at_0_cover_the_largest_count_in_a_round_step(top: int) -> None:
    ticks = nice_ticks(top)

    step = ticks[1] - ticks[0]
    assert ticks[0] == 0
    assert ticks[-1] >= top
    assert ticks[-1] - step < max(top, 1)  # no empty step beyond the largest count
    assert all(b - a == step for a, b in itertools.pairwise(ticks))
    assert int(str(step).rstrip("0")) in (1, 2, 5)  # 1, 2 or 5 times a power of ten
    assert len(ticks) <= 7


def test_ticks_for_small_and_round_counts() -> None:
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(3) == [0, 1, 2, 3]
    assert nice_ticks(19) == [0, 5, 10, 15, 20]
    assert nice_ticks(1080) == [0, 200, 400, 600, 800, 1000, 1200]


@given(st.lists(st.integers(min_value=1, max_value=5000), min_size=1, max_size=12))
def test_bars_are_as_long_as_their_counts(counts: list[int]) -> None:
    names = [f"Row {i}" for i in range(len(counts))]

    across = bars(drawing("barh", names, Series("current", "2025/26", tuple(counts))))
    upright = bars(drawing("bar", names, Series("responded", "Replies", tuple(counts))))

    widths = [float(b.get("width", 0)) for b in across]
    heights = [float(b.get("height", 0)) for b in upright]
    largest = counts.index(max(counts))
    for lengths in (widths, heights):
        assert len(lengths) == len(counts)
        per_count = lengths[largest] / counts[largest]
        for length, count in zip(lengths, counts, strict=True):
            # Coordinates are rounded to a tenth of a unit.
            assert length == pytest.approx(count * per_count, abs=0.2)


def test_each_bar_is_labelled_with_its_count_and_the_axis_with_its_ticks() -> None:
    svg = drawing(
        "barh",
        ["Letter", "Email"],
        Series("previous", "2024/25", (11, 37)),
        Series("current", "2025/26", (5, 25)),
    )

    assert texts(svg, "fairhear-chart__value") == ["11", "5", "37", "25"]
    assert texts(svg, "fairhear-chart__tick") == ["0", "10", "20", "30", "40"]
    assert {"Letter", "Email", "2024/25", "2025/26"} <= set(texts(svg))


def test_counts_and_ticks_are_written_as_the_tables_write_them() -> None:
    svg = drawing("barh", ["Representation"], Series("current", "2025/26", (1080,)))

    assert texts(svg, "fairhear-chart__value") == ["1,080"]
    assert texts(svg, "fairhear-chart__tick")[-1] == "1,200"


def test_a_hidden_count_draws_no_bar_and_says_fewer_than_the_threshold() -> None:
    svg = drawing(
        "barh", ["Letter", "Email"], Series("current", "2025/26", (None, 25)), threshold=5
    )
    upright = drawing("bar", ["Q1", "Q2"], Series("responded", "Replies", (None, 8)), threshold=5)

    assert len(bars(svg)) == 1
    assert texts(svg, "fairhear-chart__value") == ["fewer than 5", "25"]
    assert texts(upright, "fairhear-chart__value") == ["<5", "8"]
    two_years = drawing(
        "barh",
        ["Letter"],
        Series("previous", "2024/25", (None,)),
        Series("current", "2025/26", (7,)),
        threshold=5,
    )
    assert texts(two_years, "fairhear-chart__value") == ["2024/25: fewer than 5", "7"]


def test_a_line_breaks_where_a_count_is_hidden() -> None:
    months = ["April", "May", "June", "July"]
    svg = drawing("line", months, Series("current", "2025/26", (3, 6, None, 9)), threshold=5)

    lines = parsed(svg).findall(".//svg:polyline", NS)
    assert [len(line.get("points", "").split()) for line in lines] == [2]  # July stands alone
    assert [t for t in texts(svg) if t in {"Apr", "May", "Jun", "Jul"}] == [
        "Apr",
        "May",
        "Jun",
        "Jul",
    ]


def test_labels_are_text_escaped_and_the_chart_is_named() -> None:
    svg = drawing("barh", ["<script>&", "Care"], Series("received", "Received", (2, 3)))

    root = parsed(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c-title c-desc"
    assert root.find("svg:title", NS).text == "A chart"  # type: ignore[union-attr]
    assert "<script>&" in texts(svg)
    assert "<script>" not in svg
    assert "style=" not in svg  # the Content Security Policy forbids style attributes


def test_a_series_looks_the_same_in_every_chart_and_not_by_colour_alone() -> None:
    two_years = (Series("previous", "2024/25", (4, 5)), Series("current", "2025/26", (6, 7)))
    across = drawing("barh", ["A", "B"], *two_years)
    upright = drawing("bar", ["A", "B"], *two_years)

    for svg in (across, upright):
        fills = {b.get("fill") for b in bars(svg)}
        assert fills == {STYLES["current"].colour, "url(#c-previous)"}  # solid, and stripes
    looks = {(s.colour, s.fill) for k, s in STYLES.items() if k != "received"}
    assert len(looks) == len(STYLES) - 1  # received is the report's year, as current is


def test_an_unknown_kind_of_chart_is_refused() -> None:
    with pytest.raises(ValueError, match="pie"):
        drawing("pie", ["A"], Series("current", "2025/26", (1,)))


def test_the_web_page_renders_without_loading_matplotlib() -> None:
    code = "import sys, fairhear.reports.render.page; print('matplotlib' in sys.modules)"

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.strip() == "False"


@given(
    st.lists(
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["barh", "bar", "line"]),
)
def test_any_label_is_drawn_as_its_own_words(names: list[str], kind: str) -> None:
    counts = tuple(range(1, len(names) + 1))
    svg = drawing(kind, names, Series("current", "2025/26", counts))

    drawn = " ".join(texts(svg))  # parses as XML: every label is escaped
    for name in names:
        shown = name[:3] if kind == "line" else name  # months are shown as Apr, May, ...
        for word in shown.split():
            assert word in drawn
