"""Working days in England: Monday to Friday, not a bank holiday in England and Wales.

Counting convention (the one the statutory guidance and the annual report use): the working
days *between* two dates are the working days d with ``start < d <= end``, so day 1 is the
first working day after the start event and a reply on the day of receipt has taken 0 days.
A deadline of N working days is the Nth working day after the start.

A :class:`WorkingDayCalendar` is built once (an index of cumulative working-day counts over
its covered range) and then answers every question in constant time; the ``*_many`` methods
answer many at once with numpy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NoReturn, Self

import holidays as holidays_lib
import numpy as np
import numpy.typing as npt

from fairhear.core.dates import long_date

__all__ = [
    "COVERED_FIRST",
    "COVERED_LAST",
    "BankHoliday",
    "BankHolidayFileError",
    "CalendarRangeError",
    "DateArrayLike",
    "IntArrayLike",
    "WorkingDayCalendar",
    "england_bank_holidays",
    "england_calendar",
    "load_bank_holidays",
    "parse_bank_holidays",
]

#: First and last dates the built-in England calendar covers.
COVERED_FIRST = date(2000, 1, 1)
COVERED_LAST = date(2040, 12, 31)

#: The division of the GOV.UK bank holidays file that applies in England.
ENGLAND_AND_WALES = "england-and-wales"

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

DateArrayLike = npt.NDArray[np.datetime64] | Sequence[date]
IntArrayLike = npt.NDArray[np.integer[Any]] | Sequence[int]


class CalendarRangeError(ValueError):
    """A date, or a date a computation would reach, lies outside the calendar's covered range."""


class BankHolidayFileError(ValueError):
    """A bank holidays file (GOV.UK JSON format) is unreadable or malformed."""


@dataclass(frozen=True, slots=True)
class BankHoliday:
    """One event of a GOV.UK bank holidays file."""

    date: date
    title: str
    notes: str = ""
    bunting: bool = False


def _ordinal_word(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class WorkingDayCalendar:
    """An immutable working-day calendar over a fixed range of dates.

    Weekends (Saturday and Sunday) are never working days; ``holidays`` lists the other
    non-working days. Dates of ``holidays`` outside ``[first, last]`` are ignored (no
    computation can reach them). Every method raises :class:`CalendarRangeError` (a
    ``ValueError``) rather than answer for a date outside the range.

    Build the England calendar with :meth:`for_england` or :func:`england_calendar`.
    """

    __slots__ = ("_c", "_c_np", "_first", "_first_ord", "_holidays", "_last", "_pos", "_pos_np")

    _first: date
    _last: date
    _first_ord: int
    _holidays: frozenset[date]
    _c: list[int]
    _pos: list[int]
    _c_np: npt.NDArray[np.int64]
    _pos_np: npt.NDArray[np.int64]

    def __init__(self, holidays: Iterable[date] = (), *, first: date, last: date) -> None:
        if last < first:
            raise ValueError(
                f"the calendar's last date {long_date(last)} is before its first date "
                f"{long_date(first)}"
            )
        first_ord = first.toordinal()
        size = last.toordinal() - first_ord + 1
        weekdays = (np.arange(size, dtype=np.int64) + first.weekday()) % 7
        working = weekdays < 5
        kept: set[date] = set()
        for holiday in holidays:
            day = _as_date(holiday)
            if first <= day <= last:
                kept.add(day)
                working[day.toordinal() - first_ord] = False
        # _c[j] = number of working days in [first, first + j); len(_c) == size + 1.
        c_np = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(working, out=c_np[1:])
        # _pos[k] = offset from ``first`` of the (k+1)th working day of the range.
        pos_np = np.flatnonzero(working).astype(np.int64)
        c_np.flags.writeable = False
        pos_np.flags.writeable = False
        set_ = object.__setattr__
        set_(self, "_first", first)
        set_(self, "_last", last)
        set_(self, "_first_ord", first_ord)
        set_(self, "_holidays", frozenset(kept))
        set_(self, "_c_np", c_np)
        set_(self, "_pos_np", pos_np)
        set_(self, "_c", c_np.tolist())
        set_(self, "_pos", pos_np.tolist())

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"WorkingDayCalendar is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"WorkingDayCalendar is immutable: cannot delete {name!r}")

    def __repr__(self) -> str:
        return (
            f"WorkingDayCalendar(first={self._first.isoformat()}, last={self._last.isoformat()}, "
            f"holidays={len(self._holidays)})"
        )

    # ----------------------------------------------------------------- construction helpers

    @classmethod
    def for_england(cls, *, add: Iterable[date] = (), remove: Iterable[date] = ()) -> Self:
        """England's calendar for 2000 to 2040, with a council's changes.

        ``add`` adds non-working days (a one-off bank holiday, a council closure day; for
        example the dates of a GOV.UK-format file read with :func:`load_bank_holidays`).
        ``remove`` takes dates off the built-in bank holiday list; removing a date that is not
        on it raises ``ValueError`` (it is almost certainly a typing mistake).
        """
        built_in = england_bank_holidays()
        removed = {_as_date(day) for day in remove}
        unknown = sorted(day for day in removed if day not in built_in)
        if unknown:
            listed = ", ".join(long_date(day) for day in unknown)
            raise ValueError(f"cannot remove {listed}: not on the built-in England bank holidays")
        dates = (set(built_in) - removed) | {_as_date(day) for day in add}
        return cls(dates, first=COVERED_FIRST, last=COVERED_LAST)

    def with_changes(self, *, add: Iterable[date] = (), remove: Iterable[date] = ()) -> Self:
        """A new calendar over the same range with holidays added and/or removed."""
        removed = {_as_date(day) for day in remove}
        dates = (set(self._holidays) - removed) | {_as_date(day) for day in add}
        return type(self)(dates, first=self._first, last=self._last)

    # ------------------------------------------------------------------------ properties

    @property
    def first(self) -> date:
        """The first date the calendar covers."""
        return self._first

    @property
    def last(self) -> date:
        """The last date the calendar covers."""
        return self._last

    @property
    def holidays(self) -> frozenset[date]:
        """The listed holidays inside the range (a few fall on a weekend, as listed)."""
        return self._holidays

    # ------------------------------------------------------------------------ scalar API

    def _offset(self, day: date) -> int:
        offset = day.toordinal() - self._first_ord
        if offset < 0 or day.toordinal() > self._last.toordinal():
            self._out_of_range(day)
        return offset

    def _out_of_range(self, day: date) -> NoReturn:
        raise CalendarRangeError(
            f"{long_date(day)} is outside the working-day calendar, which covers "
            f"{long_date(self._first)} to {long_date(self._last)}"
        )

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day (Monday to Friday and not a holiday)."""
        i = self._offset(day)
        return self._c[i + 1] != self._c[i]

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days d with ``start < d <= end``.

        0 when ``start == end`` (replied on the day received). When ``end`` is before
        ``start`` the answer is negative and symmetric:
        ``working_days_between(s, e) == -working_days_between(e, s)``.
        """
        return self._c[self._offset(end) + 1] - self._c[self._offset(start) + 1]

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``th working day after ``start`` (a deadline of ``n`` working days).

        - ``n >= 1``: the nth working day after ``start``; always a working day, and
          ``working_days_between(start, result) == n``.
        - ``n == 0``: ``start`` itself (as a ``date``), whether or not it is a working day,
          matching ``working_days_between(start, start) == 0``.
        - ``n <= -1``: the ``|n|``th working day *before* ``start``; always a working day,
          and the working days in ``[result, start)`` number ``|n|``. When ``start`` is a
          working day, ``working_days_between(result, start) == |n|`` and
          ``add_working_days(result, |n|) == start``.
        """
        i = self._offset(start)
        if n == 0:
            return date.fromordinal(self._first_ord + i)
        k = self._c[i + 1] + n - 1 if n > 0 else self._c[i] + n
        if k < 0 or k >= len(self._pos):
            direction = "after" if n > 0 else "before"
            bound = self._last if n > 0 else self._first
            raise CalendarRangeError(
                f"the {_ordinal_word(abs(n))} working day {direction} {long_date(start)} is "
                f"{'after' if n > 0 else 'before'} {long_date(bound)}, the "
                f"{'last' if n > 0 else 'first'} date the working-day calendar covers"
            )
        return date.fromordinal(self._first_ord + self._pos[k])

    # -------------------------------------------------------------------- vectorised API

    def _offsets_many(self, days: DateArrayLike, what: str) -> npt.NDArray[np.int64]:
        as_days = _to_datetime64_days(days, what)
        offsets = as_days.astype(np.int64) - (self._first_ord - _EPOCH_ORDINAL)
        size = len(self._c) - 1
        bad = (offsets < 0) | (offsets >= size) | np.isnat(as_days)
        if bad.any():
            first_bad = as_days[bad].flat[0]
            shown = "NaT" if np.isnat(first_bad) else _shown_datetime64(first_bad)
            raise CalendarRangeError(
                f"{what} contains {shown}, outside the working-day calendar, which covers "
                f"{long_date(self._first)} to {long_date(self._last)}"
            )
        return offsets

    def working_days_between_many(
        self, starts: DateArrayLike, ends: DateArrayLike
    ) -> npt.NDArray[np.int64]:
        """:meth:`working_days_between` for arrays of dates (broadcast like numpy)."""
        s = self._offsets_many(starts, "starts")
        e = self._offsets_many(ends, "ends")
        c = self._c_np
        return np.asarray(c[e + 1] - c[s + 1], dtype=np.int64)

    def add_working_days_many(
        self, starts: DateArrayLike, ns: IntArrayLike
    ) -> npt.NDArray[np.datetime64]:
        """:meth:`add_working_days` for arrays (broadcast like numpy); returns datetime64[D]."""
        s = self._offsets_many(starts, "starts")
        n = np.asarray(ns)
        if n.dtype.kind not in "iu":
            raise TypeError(f"ns must hold integers, not {n.dtype}")
        n = n.astype(np.int64)
        s, n = np.broadcast_arrays(s, n)
        c = self._c_np
        k = np.where(n > 0, c[s + 1] + n - 1, c[s] + n)
        moving = n != 0
        bad = moving & ((k < 0) | (k >= len(self._pos)))
        if bad.any():
            where = int(np.flatnonzero(bad.ravel())[0])
            start = date.fromordinal(self._first_ord + int(s.ravel()[where]))
            self.add_working_days(start, int(n.ravel()[where]))  # raises with the message
        offsets = np.where(moving, self._pos_np[np.clip(k, 0, len(self._pos) - 1)], s)
        base = self._first_ord - _EPOCH_ORDINAL
        return np.asarray((offsets + base).astype("datetime64[D]"))


def _as_date(value: date) -> date:
    """A plain ``date`` (a ``datetime`` is cut to its date)."""
    if not isinstance(value, date):
        raise TypeError(f"expected a date, not {type(value).__name__}: {value!r}")
    return date(value.year, value.month, value.day)


def _shown_datetime64(value: np.datetime64) -> str:
    """A day as people read it; numpy's own form when it is beyond Python's dates."""
    day = value.astype("datetime64[D]").item()
    return long_date(day) if isinstance(day, date) else str(value)


def _to_datetime64_days(values: DateArrayLike, what: str) -> npt.NDArray[np.datetime64]:
    if isinstance(values, np.ndarray):
        if values.dtype.kind != "M":
            raise TypeError(f"{what} must be a datetime64 array, not {values.dtype}")
        return values.astype("datetime64[D]")
    try:
        # Fast path for a sequence of dates: their ordinals, shifted to the Unix epoch.
        ordinals = np.fromiter((value.toordinal() for value in values), np.int64, len(values))
        return (ordinals - _EPOCH_ORDINAL).astype("datetime64[D]")
    except (AttributeError, TypeError):
        pass
    try:
        return np.asarray(values, dtype="datetime64[D]")
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{what} must be dates or datetime64 values: {exc}") from exc


@cache
def england_bank_holidays() -> frozenset[date]:
    """The built-in bank holidays in England, 2000 to 2040, substitute days and one-offs included.

    Taken from the ``holidays`` package (country GB, subdivision ENG). A few holidays fall on a
    weekend (the substitute weekday is listed too).
    """
    years = range(COVERED_FIRST.year, COVERED_LAST.year + 1)
    table = holidays_lib.country_holidays("GB", subdiv="ENG", years=years)
    return frozenset(day for day in table if COVERED_FIRST <= day <= COVERED_LAST)


@cache
def england_calendar() -> WorkingDayCalendar:
    """The shared default calendar: England's bank holidays, no local changes (cached)."""
    return WorkingDayCalendar.for_england()


# ------------------------------------------------------------- GOV.UK bank holidays files


def load_bank_holidays(
    path: str | Path, *, division: str = ENGLAND_AND_WALES
) -> tuple[BankHoliday, ...]:
    """Read a bank holidays file in the GOV.UK JSON format and return one division's events.

    The format is ``{"england-and-wales": {"division": "england-and-wales", "events":
    [{"title": "...", "date": "YYYY-MM-DD", "notes": "", "bunting": true}, ...]}, ...}``.
    Raises :class:`BankHolidayFileError` naming the file and the faulty element.
    """
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise BankHolidayFileError(f"bank holidays file {source}: cannot read it: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise BankHolidayFileError(f"bank holidays file {source}: not UTF-8 text: {exc}") from exc
    try:
        data: object = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BankHolidayFileError(
            f"bank holidays file {source}: not valid JSON: {exc.msg} "
            f"at line {exc.lineno} column {exc.colno}"
        ) from exc
    return parse_bank_holidays(data, source=source, division=division)


def parse_bank_holidays(
    data: object, *, source: str = "<data>", division: str = ENGLAND_AND_WALES
) -> tuple[BankHoliday, ...]:
    """Validate already-decoded GOV.UK bank holidays JSON and return one division's events."""

    def fail(where: str, problem: str) -> NoReturn:
        raise BankHolidayFileError(f"bank holidays file {source}: {where}: {problem}")

    if not isinstance(data, Mapping):
        fail("top level", f"must be an object keyed by division, found {_json_type(data)}")
    if division not in data:
        found = ", ".join(sorted(str(key) for key in data)) or "none"
        fail("top level", f"has no {division!r} division (divisions found: {found})")
    block = data[division]
    if not isinstance(block, Mapping):
        fail(division, f"must be an object, found {_json_type(block)}")
    if "division" in block and not isinstance(block["division"], str):
        fail(f"{division}.division", f"must be a string, found {_json_type(block['division'])}")
    if "events" not in block:
        fail(division, "has no 'events' list")
    events = block["events"]
    if not isinstance(events, list):
        fail(f"{division}.events", f"must be a list, found {_json_type(events)}")
    parsed: list[BankHoliday] = []
    for index, event in enumerate(events):
        where = f"{division}.events[{index}]"
        if not isinstance(event, Mapping):
            fail(where, f"must be an object, found {_json_type(event)}")
        for key in ("title", "date"):
            if key not in event:
                fail(where, f"has no {key!r}")
        title = event["title"]
        if not isinstance(title, str) or not title.strip():
            fail(f"{where}.title", f"must be a non-empty string, found {title!r}")
        raw_date = event["date"]
        if not isinstance(raw_date, str) or not _ISO_DATE.fullmatch(raw_date):
            fail(f"{where}.date", f"{raw_date!r} is not a date in the form YYYY-MM-DD")
        try:
            day = date.fromisoformat(raw_date)
        except ValueError:
            fail(f"{where}.date", f"{raw_date!r} is not a real date")
        notes = event.get("notes", "")
        if not isinstance(notes, str):
            fail(f"{where}.notes", f"must be a string, found {_json_type(notes)}")
        bunting = event.get("bunting", False)
        if not isinstance(bunting, bool):
            fail(f"{where}.bunting", f"must be true or false, found {_json_type(bunting)}")
        parsed.append(BankHoliday(date=day, title=title, notes=notes, bunting=bunting))
    return tuple(parsed)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__
