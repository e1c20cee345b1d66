"""The retention schedule: until when a closed complaint's personal data is kept.

A council keeps a complaint for a number of years after it closes, and a child's complaint at
least until the child is 25 (the usual schedule for children's social care records; both are
the council's to set). The child's date of birth is not recorded, only an age band at the
time of the complaint, so the rule assumes the youngest age in the band: the record is never
anonymised before the child could have turned 25.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["RetentionSchedule", "add_years", "keep_until", "request_kept_until"]


@dataclass(frozen=True)
class RetentionSchedule:
    years_after_closure: int = 6
    child_until_age: int = 25
    # A request about personal data (subject access, correction, erasure) once answered.
    request_years_after_answer: int = 2


def add_years(day: date, years: int) -> date:
    """``day`` moved on by whole years; 29 February becomes 28 February in other years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def keep_until(
    *,
    closed: date,
    received: date,
    youngest_age: int | None,
    schedule: RetentionSchedule,
) -> date:
    """The first day a closed case may be anonymised.

    ``youngest_age`` is the lowest age the child could have been when the complaint was
    received (from its age band), or None when not known: then the child is taken to have
    been a new-born, so the record is kept the longest the schedule could require.
    """
    after_closure = add_years(closed, schedule.years_after_closure)
    age = 0 if youngest_age is None else youngest_age
    if age >= schedule.child_until_age:
        return after_closure
    until_adult = add_years(received, schedule.child_until_age - age)
    return max(after_closure, until_adult)


def request_kept_until(*, answered: date, schedule: RetentionSchedule) -> date:
    """The first day the requester's details on an answered request about personal data may
    be removed: the record of the request, the answer and any extension is kept long enough
    to show the council met the law's time limits, and no longer."""
    return add_years(answered, schedule.request_years_after_answer)
