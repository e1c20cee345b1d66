"""Dates written the way English councils write them in letters."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairhear.core.dates import long_date


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (date(2024, 1, 8), "8 January 2024"),
        (date(2024, 2, 29), "29 February 2024"),
        (date(2023, 5, 1), "1 May 2023"),
        (date(2022, 12, 31), "31 December 2022"),
        (date(1999, 9, 10), "10 September 1999"),
    ],
)
def test_it_writes_day_month_name_and_year(day: date, written: str) -> None:
    assert long_date(day) == written


def test_the_day_has_no_leading_zero() -> None:
    assert long_date(date(2024, 3, 5)) == "5 March 2024"


def test_a_datetime_is_written_as_its_date() -> None:
    assert long_date(datetime(2024, 1, 8, 23, 59)) == "8 January 2024"


@given(st.dates())
def test_every_month_has_its_english_name(day: date) -> None:
    assert long_date(day) == f"{day.day} {day.strftime('%B')} {day.year}"
