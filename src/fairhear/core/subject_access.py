"""Subject access: when the answer is due, and marking other people's names for review.

UK GDPR gives a council one month from the day it receives a subject access request. The
ICO reads that as a calendar month: the same day of the next month, or that month's last day
when it has no such day (received 31 January, due 28 or 29 February); and when the day falls
on a weekend or bank holiday, the next working day.
"""

from __future__ import annotations

import calendar as month_calendar
import re
from collections.abc import Iterable
from datetime import date, timedelta

from fairhear.core.calendar import WorkingDayCalendar, england_calendar

__all__ = ["REVIEW_MARK", "mark_for_review", "one_calendar_month_after", "subject_access_due"]

REVIEW_MARK = "[review for redaction: {name}]"


def one_calendar_month_after(day: date) -> date:
    """The same day of the next month, or that month's last day when it is shorter."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    last = month_calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def subject_access_due(received: date, calendar: WorkingDayCalendar | None = None) -> date:
    """The day the answer to a request received on ``received`` is due."""
    cal = calendar if calendar is not None else england_calendar()
    due = one_calendar_month_after(received)
    while not cal.is_working_day(due):
        due += timedelta(days=1)
    return due


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
