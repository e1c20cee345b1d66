"""A subject access request is due one calendar month on, and other people's names are
marked wherever they appear."""

import re
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from fairhear.core.calendar import england_calendar
from fairhear.core.subject_access import (
    mark_for_review,
    one_calendar_month_after,
    subject_access_due,
)


def test_the_same_day_of_the_next_month() -> None:
    # Tuesday 3 September 2024 → Thursday 3 October 2024.
    assert subject_access_due(date(2024, 9, 3)) == date(2024, 10, 3)


def test_received_31_january_is_due_on_the_last_day_of_february() -> None:
    assert one_calendar_month_after(date(2025, 1, 31)) == date(2025, 2, 28)
    assert one_calendar_month_after(date(2024, 1, 31)) == date(2024, 2, 29)
    # Both are working days, so nothing moves them.
    assert subject_access_due(date(2025, 1, 31)) == date(2025, 2, 28)
    assert subject_access_due(date(2024, 1, 31)) == date(2024, 2, 29)


def test_december_runs_into_january() -> None:
    assert one_calendar_month_after(date(2024, 12, 15)) == date(2025, 1, 15)


def test_a_weekend_or_bank_holiday_moves_the_day_to_the_next_working_day() -> None:
    # 5 October 2024 is a Saturday: due Monday 7 October.
    assert subject_access_due(date(2024, 9, 5)) == date(2024, 10, 7)
    # 25 December 2024 is Christmas Day, 26 Boxing Day: due Friday 27 December.
    assert subject_access_due(date(2024, 11, 25)) == date(2024, 12, 27)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2039, 11, 30)))
def test_due_within_a_month_and_a_few_days_and_never_before_the_month(day: date) -> None:
    month = one_calendar_month_after(day)
    assert 28 <= (month - day).days <= 31
    # The same day, or the month's last day when it has no such day.
    assert month.day == day.day or (month.day < day.day and (month + timedelta(1)).day == 1)
    due = subject_access_due(day)
    assert month <= due
    assert (due - month).days <= 4
    assert england_calendar().is_working_day(due)


def test_a_third_partys_name_is_marked_in_any_case_and_only_as_a_whole_word() -> None:
    text = "Sam Price visited. SAM PRICE said Sampson was fine."
    assert mark_for_review(text, ["Sam Price"]) == (
        "[review for redaction: Sam Price] visited. [review for redaction: Sam Price] said "
        "Sampson was fine."
    )


def test_the_longer_name_wins_and_a_mark_is_not_marked_again() -> None:
    marked = mark_for_review("Ann Lee and Ann met.", ["Ann", "Ann Lee"])
    assert marked == "[review for redaction: Ann Lee] and [review for redaction: Ann] met."


names = st.text(alphabet="abcdefgh ", min_size=2, max_size=12).filter(lambda n: n.strip())


@given(st.lists(names, min_size=1, max_size=3), st.text(alphabet="abcdefgh .,", max_size=60))
def test_no_name_is_left_unmarked(third_parties: list[str], text: str) -> None:
    marked = mark_for_review(text, third_parties)
    outside = re.sub(r"\[review for redaction: [^\]]*\]", "|", marked)
    for name in third_parties:
        assert not re.search(rf"(?<!\w){re.escape(name.strip())}(?!\w)", outside, re.IGNORECASE)
