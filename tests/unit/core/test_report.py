from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairhear.core.report import (
    NOT_KNOWN,
    Period,
    PeriodError,
    change,
    change_percent,
    parse_quarter,
    percent,
    round_half_up,
    shown,
    shown_row,
    successor_map,
    table,
)


def test_a_financial_year_runs_from_april_to_march_and_is_labelled_with_both_years() -> None:
    year = Period.financial_year(2019)

    assert (year.start, year.end, year.label) == (date(2019, 4, 1), date(2020, 3, 31), "2019/20")
    assert Period.financial_year(1999).label == "1999/00"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2019Q1", date(2019, 4, 1), date(2019, 6, 30)),
        ("2019Q3", date(2019, 10, 1), date(2019, 12, 31)),
        ("2019q4", date(2020, 1, 1), date(2020, 3, 31)),
    ],
)
def test_quarters_are_of_the_financial_year(text: str, start: date, end: date) -> None:
    quarter = parse_quarter(text)

    assert (quarter.start, quarter.end) == (start, end)


@pytest.mark.parametrize("text", ["2019Q5", "Q3 2019", "2019-3", ""])
def test_a_malformed_quarter_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(PeriodError, match=r"e\.g\. 2019Q3"):
        parse_quarter(text)


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(PeriodError, match="ends on 1 March 2019, before it starts on 1 April"):
        Period(date(2019, 4, 1), date(2019, 3, 1))


def test_the_earlier_period_is_the_same_dates_a_year_before() -> None:
    custom = Period(date(2020, 2, 29), date(2020, 5, 31))

    assert custom.earlier() == Period(date(2019, 2, 28), date(2019, 5, 31))
    assert Period.quarter(2019, 3).earlier(2).label == "2017/18 Q3"
    assert custom.months() == [
        ("feb", "February"),
        ("mar", "March"),
        ("apr", "April"),
        ("may", "May"),
    ]
    assert custom.quarters() == ["q4", "q1"]


def test_percentages_are_unrounded_and_null_without_a_denominator() -> None:
    assert percent(29, 59) == pytest.approx(49.152542)
    assert percent(0, 0) is None
    assert change(59, 59) == 0
    assert change_percent(75, 60) == 25
    assert change_percent(5, 0) is None
    assert change_percent(None, 3) is None


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [(49.5, 0, "50"), (48.5, 0, "49"), (2.675, 2, "2.68"), (0.5, 0, "1"), (49.49, 0, "49")],
)
def test_rounding_is_half_up(value: float, places: int, expected: str) -> None:
    assert round_half_up(value, places) == Decimal(expected)


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=10_000))
def test_a_rounded_percentage_is_within_half_a_point(part: int, whole: int) -> None:
    value = percent(part, whole)
    assert value is not None
    assert abs(float(round_half_up(value)) - value) <= 0.5


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (3, "count", "fewer than 5"),
        (0, "count", "0"),
        (5, "count", "5"),
        (1234, "count", "1,234"),
        (49.5, "percent", "50%"),
        (1250.5, "money", "£1,250.50"),
        (None, "count", NOT_KNOWN),
        (True, "other", "Yes"),
        (2, "change", "+2"),
    ],
)
def test_published_cells_read_as_people_expect(value: object, kind: str, expected: str) -> None:
    assert shown(value, kind, threshold=5) == expected  # type: ignore[arg-type]


def test_a_change_is_hidden_where_it_would_give_a_small_count_away() -> None:
    row = {"key": "statutory", "cells": {"previous": 2, "current": 9, "change": 7}}

    assert shown_row("volumes", row, threshold=5) == {
        "previous": "fewer than 5",
        "current": "9",
        "change": NOT_KNOWN,
    }
    assert shown_row("volumes", row)["change"] == "+7"


def test_a_table_leaves_out_empty_rows_but_keeps_the_total() -> None:
    built = table(
        "T",
        "received",
        [("current", "2019/20")],
        [
            ("a", "A", {"current": 0}),
            ("b", "B", {"current": 2}),
            ("total", "Total", {"current": 0}),
        ],
    )

    assert [r["key"] for r in built["rows"]] == ["b", "total"]


def test_units_map_to_the_end_of_their_successor_chain_as_on_a_day() -> None:
    units = {
        1: (date(2018, 3, 31), 2),  # renamed in 2018
        2: (date(2019, 9, 30), 3),  # merged in 2019
        3: (None, None),
        4: (date(2017, 1, 1), None),  # closed, nobody took over
        5: (date(2021, 1, 1), 3),  # restructured after the day
    }

    assert successor_map(units, date(2020, 3, 31)) == {1: 3, 2: 3, 3: 3, 4: 4, 5: 5}
    assert successor_map(units, date(2019, 3, 31))[1] == 2
