"""The report's arithmetic and shapes, with no database: periods, percentages, rounding,
change, suppression of small counts, and the table form of the JSON (spec: report.md).

Everything here is pure so the rules are testable in milliseconds; the reports app queries
the database and hands the counts to these functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from fairhear.core.dates import long_date

__all__ = [
    "MONTH_KEYS",
    "QUARTER_KEYS",
    "Cell",
    "Period",
    "PeriodError",
    "cell_kind",
    "change",
    "change_percent",
    "financial_year_of",
    "month_key",
    "parse_day",
    "parse_period",
    "parse_quarter",
    "percent",
    "quarter_key",
    "round_half_up",
    "shown",
    "shown_row",
    "successor_map",
    "suppressed",
    "table",
    "year_label",
]

Cell = int | float | str | bool | list[str] | None

#: Months in financial-year order, as row keys of `monthly_received`.
MONTH_KEYS = ("apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "jan", "feb", "mar")
QUARTER_KEYS = ("q1", "q2", "q3", "q4")
_MONTH_NAMES = (
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "January",
    "February",
    "March",
)
_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")
_YEAR = re.compile(r"^\d{4}$")


#: Shown for an empty cell or a hidden change.
NOT_KNOWN = "\N{EN DASH}"


class PeriodError(ValueError):
    """A period asked for is not a period (ends before it starts, a malformed year, quarter or
    date)."""


def financial_year_of(day: date) -> int:
    """The starting year of the financial year holding `day` (1 April to 31 March)."""
    return day.year if day.month >= 4 else day.year - 1


def year_label(year: int) -> str:
    """`2019` → `"2019/20"`."""
    return f"{year}/{(year + 1) % 100:02d}"


def month_key(day: date) -> str:
    return MONTH_KEYS[(day.month - 4) % 12]


def quarter_key(day: date) -> str:
    return QUARTER_KEYS[((day.month - 4) % 12) // 3]


def _year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True, slots=True)
class Period:
    """The dates a report covers, inclusive, and how its columns are labelled."""

    start: date
    end: date
    kind: Literal["year", "quarter", "custom"] = "custom"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(
                f"the period ends on {long_date(self.end)}, before it starts on "
                f"{long_date(self.start)}"
            )

    @classmethod
    def financial_year(cls, year: int) -> Period:
        return cls(date(year, 4, 1), date(year + 1, 3, 31), "year")

    @classmethod
    def quarter(cls, year: int, number: int) -> Period:
        if not 1 <= number <= 4:
            raise PeriodError(f"a financial year has quarters 1 to 4, not {number}")
        first_month = 4 + 3 * (number - 1)
        start = date(year + (first_month - 1) // 12, (first_month - 1) % 12 + 1, 1)
        after = date(start.year + (start.month + 2) // 12, (start.month + 2) % 12 + 1, 1)
        return cls(start, after - timedelta(days=1), "quarter")

    @property
    def year(self) -> int:
        """The financial year the period starts in (2019 for 2019/20)."""
        return financial_year_of(self.start)

    @property
    def label(self) -> str:
        if self.kind == "year":
            return year_label(self.year)
        if self.kind == "quarter":
            return f"{year_label(self.year)} {quarter_key(self.start).upper()}"
        return f"{long_date(self.start)} to {long_date(self.end)}"

    def earlier(self, years: int = 1) -> Period:
        """The same stretch of the calendar `years` years before (last year's quarter, ...)."""
        period = self
        for _ in range(years):
            period = Period(_year_earlier(period.start), _year_earlier(period.end), period.kind)
        return period

    def months(self) -> list[tuple[str, str]]:
        """(key, name) of each month the period touches, in order (at most twelve)."""
        keys: list[tuple[str, str]] = []
        day = self.start.replace(day=1)
        while day <= self.end and len(keys) < 12:
            index = (day.month - 4) % 12
            keys.append((MONTH_KEYS[index], _MONTH_NAMES[index]))
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return keys

    def quarters(self) -> list[str]:
        """The financial quarters the period touches, in order (at most four)."""
        found: list[str] = []
        for key, _ in self.months():
            quarter = QUARTER_KEYS[MONTH_KEYS.index(key) // 3]
            if quarter not in found:
                found.append(quarter)
        return found


def parse_quarter(text: str) -> Period:
    """`"2019Q3"` → 1 October to 31 December 2019 (the third quarter of 2019/20)."""
    match = _QUARTER.match(text.strip())
    if match is None:
        raise PeriodError(
            f"{text!r} is not a quarter: write the financial year's first year and the "
            "quarter, e.g. 2019Q3 for October to December 2019"
        )
    return Period.quarter(int(match[1]), int(match[2]))


def parse_day(text: str) -> date:
    """A day written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PeriodError(
            f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2020-03-31"
        ) from None


def parse_period(
    *,
    year: str | None = None,
    quarter: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Period:
    """The period a report is asked for, as typed (the `fairhear report` command's options and
    the report page's query both read it here, so a mistake reads the same in both): a
    financial year (`year` "2019" for 2019/20); a quarter of one (`quarter` "2019Q3", or
    with `year` its number, "3"); or the first and last days (`start` and `end`, the
    command's --from and --to, YYYY-MM-DD). Empty text counts as not given."""
    if end and not start:
        raise PeriodError("--to goes with --from: give the first day of the period too")
    if start:
        if year or quarter:
            raise PeriodError(
                "give a financial year or a quarter, or the first and last days: not both"
            )
        if not end:
            raise PeriodError("--from needs --to: give the last day of the period too")
        return Period(parse_day(start), parse_day(end))
    if not year:
        if quarter:
            return parse_quarter(quarter)
        raise PeriodError("give a financial year, a quarter, or the first and last days")
    if not _YEAR.match(year.strip()) or not 0 < int(year) < 9999:
        raise PeriodError(
            f"{year!r} is not a financial year: write its first year, e.g. 2019 for 2019/20"
        )
    first_year = int(year)
    if not quarter:
        return Period.financial_year(first_year)
    if not quarter.strip().isdecimal():
        raise PeriodError(
            f"{quarter!r} is not a quarter of {year_label(first_year)}: give its number, 1 to 4"
        )
    return Period.quarter(first_year, int(quarter))


def percent(part: int | float, whole: int | float) -> float | None:
    """`part` as an unrounded percentage of `whole`, or None when `whole` is 0."""
    if not whole:
        return None
    return part * 100 / whole


def change(current: int | float | None, previous: int | float | None) -> int | float | None:
    if current is None or previous is None:
        return None
    return current - previous


def change_percent(current: int | float | None, previous: int | float | None) -> float | None:
    """The change as a percentage of `previous`; None when either is missing or previous is 0."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) * 100 / previous


def round_half_up(value: float | int | Decimal, places: int = 0) -> Decimal:
    """Rounded as people expect (49.5 → 50, 2.675 → 2.68), not to even as `round` does."""
    exponent = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)


def suppressed(count: int, threshold: int = 5) -> bool:
    """Whether a published count must read "fewer than N": 1 to threshold - 1 (0 is shown)."""
    return 0 < count < threshold


#: Tables whose figures are not counts of people or complaints (never suppressed).
_NOT_COUNTS = {"context", "benchmarking"}
_MONEY_COLUMNS = {"cost", "spend", "average_cost", "financial_remedy"}
_PERCENT_COLUMNS = {"percent_upheld", "percent_in_timescale", "change_percent"}


def cell_kind(table_id: str, column: str, row: str = "") -> str:
    """How a cell reads: `percent`, `money`, `number` (a figure as recorded or an average),
    `count` (people or complaints: suppressed when published) or `other`."""
    if column in _PERCENT_COLUMNS:
        return "percent"
    if column in _MONEY_COLUMNS or table_id == "costs":
        return "money"
    if table_id in _NOT_COUNTS or column.startswith("average") or column == "working_days":
        return "number"
    if column == "change":
        return "change"
    return "count"


def shown(value: Cell, kind: str, *, threshold: int | None = None) -> str:
    """A cell as people read it: whole percentages, pounds, dates and, when `threshold` is
    given, "fewer than N" for a count from 1 to N - 1."""
    if value is None:
        return NOT_KNOWN
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(value) if value else NOT_KNOWN
    if isinstance(value, str):
        return value
    if kind == "percent":
        return f"{round_half_up(value)}%"
    if kind == "money":
        return f"£{round_half_up(value, 2):,}"
    if kind == "number":
        return f"{round_half_up(value, 1 if isinstance(value, float) else 0):,}"
    if kind == "count" and threshold is not None and suppressed(int(value), threshold):
        return f"fewer than {threshold}"
    if kind == "change" and value > 0:
        return f"+{value:,}"
    return f"{value:,}"


def shown_row(
    table_id: str, row: Mapping[str, Any], *, threshold: int | None = None
) -> dict[str, str]:
    """Every cell of a JSON row as people read it. When published (`threshold` given), a
    change is hidden too where either count it compares is suppressed, since it would give
    the hidden count away."""
    cells: Mapping[str, Cell] = row["cells"]
    texts = {
        key: shown(value, cell_kind(table_id, key, row["key"]), threshold=threshold)
        for key, value in cells.items()
    }
    if threshold is not None and table_id not in _NOT_COUNTS:
        hidden = any(
            isinstance(cells.get(key), int)
            and not isinstance(cells.get(key), bool)
            and suppressed(int(cells[key]), threshold)  # type: ignore[arg-type]
            for key in ("previous", "current")
        )
        if hidden:
            for key in ("change", "change_percent"):
                if key in texts:
                    texts[key] = NOT_KNOWN
    return texts


def table(
    title: str,
    basis: str,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[tuple[str, str, Mapping[str, Cell]]],
    *,
    keep_empty: bool = False,
) -> dict[str, Any]:
    """A report table in the JSON form: rows with nothing in any cell are left out, except
    `total` (and every row when `keep_empty`, for tables whose rows are fixed periods)."""
    kept = []
    for key, label, cells in rows:
        full = {column: cells.get(column) for column, _ in columns}
        if keep_empty or key == "total" or any(v not in (None, 0, [], "") for v in full.values()):
            kept.append({"key": key, "label": label, "cells": full})
    return {
        "title": title,
        "basis": basis,
        "columns": [{"key": key, "label": label} for key, label in columns],
        "rows": kept,
    }


def successor_map(units: Mapping[int, tuple[date | None, int | None]], day: date) -> dict[int, int]:
    """For each unit id, the id of the unit holding its work on `day`.

    `units` maps id → (ended, successor id). The rule is organisation.selectors.unit_on's:
    a unit that ended before `day` counts under its successor, to the end of the chain; a
    restructure after `day` is not applied. Done over every unit at once, for reports.
    """
    result: dict[int, int] = {}
    for unit in units:
        current, seen = unit, {unit}
        while True:
            ended, successor = units[current]
            if ended is None or ended >= day or successor is None or successor not in units:
                break
            if successor in seen:
                break
            current = successor
            seen.add(current)
        result[unit] = current
    return result
