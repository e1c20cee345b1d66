"""Dates written for people: the way English councils write them in letters."""

from __future__ import annotations

from datetime import date

__all__ = ["long_date"]

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(d: date) -> str:
    """``d`` as an English council writes it in a letter: ``"8 January 2024"``.

    Day (no leading zero), the month's English name, and the year, whatever the process's
    locale. Use it in messages people read; keep ISO 8601 (``d.isoformat()``) for anything a
    machine reads, such as file names and JSON. A ``datetime`` is written as its date.
    """
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
