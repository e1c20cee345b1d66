"""A person's data protection requests: when the answer is due, and marking other people's
names for review.

UK GDPR gives a council one month from the day it receives a request from a person about
their data (subject access, correction, erasure). The ICO reads that as a calendar month: the
same day of the next month, or that month's last day when it has no such day (received 31
January, due 28 or 29 February); and when the day falls on a weekend or bank holiday, the next
working day. Article 12(3) lets the council extend that by up to two further months when
requests are complex or numerous, if it tells the person why within the first month.
"""

from __future__ import annotations

import calendar as month_calendar
import re
from collections.abc import Iterable
from datetime import date, timedelta

from fairhear.core.calendar import WorkingDayCalendar, england_calendar

__all__ = [
    "MOST_FURTHER_MONTHS",
    "REVIEW_MARK",
    "calendar_months_after",
    "can_extend",
    "mark_for_review",
    "request_due",
]

REVIEW_MARK = "[review for redaction: {name}]"

#: Article 12(3): the answer may be put off by at most two further months.
MOST_FURTHER_MONTHS = 2


def calendar_months_after(day: date, months: int = 1) -> date:
    """The same day ``months`` months on, or that month's last day when it is shorter."""
    if months < 0:
        raise ValueError("months cannot be negative")
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = month_calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def request_due(
    received: date, *, further_months: int = 0, calendar: WorkingDayCalendar | None = None
) -> date:
    """The day the answer to a request received on ``received`` is due: one calendar month
    on, plus ``further_months`` when the council extended it, moved to the next working day."""
    if not 0 <= further_months <= MOST_FURTHER_MONTHS:
        raise ValueError(f"A request can be extended by 1 to {MOST_FURTHER_MONTHS} months")
    cal = calendar if calendar is not None else england_calendar()
    due = calendar_months_after(received, 1 + further_months)
    while not cal.is_working_day(due):
        due += timedelta(days=1)
    return due


def can_extend(received: date, today: date, calendar: WorkingDayCalendar | None = None) -> bool:
    """Whether the answer may still be put off: only until the first month's due day ends,
    since the person must be told of an extension and why within that month."""
    return today <= request_due(received, calendar=calendar)


def mark_for_review(text: str, names: Iterable[str]) -> str:
    """``text`` with every whole-word occurrence of each name (any case) replaced by
    ``[review for redaction: NAME]``. Longer names are matched first, so "Sam Price" is one
    mark rather than "Sam" inside it; a mark is never marked again."""
    wanted = sorted({name.strip() for name in names if name.strip()}, key=len, reverse=True)
    if not wanted or not text:
        return text
    by_lower = {name.lower(): name for name in reversed(wanted)}
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(name) for name in wanted) + r")(?!\w)", re.IGNORECASE
    )
    return pattern.sub(
        lambda found: REVIEW_MARK.format(name=by_lower.get(found.group(0).lower(), found.group(0))),
        text,
    )
