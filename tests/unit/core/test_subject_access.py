"""A subject access request is due one calendar month on, and other people's names are
marked wherever they appear."""

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairhear.core.calendar import england_calendar
from fairhear.core.subject_access import (
    calendar_months_after,
    can_extend,
    mark_for_review,
    request_due,
)


def test_the_same_day_of_the_next_month() -> None:
    # Tuesday 3 September 2024 → Thursday 3 October 2024.
    assert request_due(date(2024, 9, 3)) == date(2024, 10, 3)


def test_received_31_january_is_due_on_the_last_day_of_february() -> None:
    assert calendar_months_after(date(2025, 1, 31)) == date(2025, 2, 28)
    assert calendar_months_after(date(2024, 1, 31)) == date(2024, 2, 29)
    # Both are working days, so nothing moves them.
    assert request_due(date(2025, 1, 31)) == date(2025, 2, 28)
    assert request_due(date(2024, 1, 31)) == date(2024, 2, 29)


def test_december_runs_into_january() -> None:
    assert calendar_months_after(date(2024, 12, 15)) == date(2025, 1, 15)


def test_a_weekend_or_bank_holiday_moves_the_day_to_the_next_working_day() -> None:
    # 5 October 2024 is a Saturday: due Monday 7 October.
    assert request_due(date(2024, 9, 5)) == date(2024, 10, 7)
    # 25 December 2024 is Christmas Day, 26 Boxing Day: due Friday 27 December.
    assert request_due(date(2024, 11, 25)) == date(2024, 12, 27)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2039, 11, 30)))
def test_due_within_a_month_and_a_few_days_and_never_before_the_month(day: date) -> None:
    month = calendar_months_after(day)
    assert 28 <= (month - day).days <= 31
    # The same day, or the month's last day when it has no such day.
    assert month.day == day.day or (month.day < day.day and (month + timedelta(1)).day == 1)
    due = request_due(day)
    assert month <= due
    assert (due - month).days <= 4
    assert england_calendar().is_working_day(due)


def test_an_extension_adds_two_further_calendar_months() -> None:
    # Received Tuesday 3 September 2024: due 3 October, or Tuesday 3 December extended.
    assert request_due(date(2024, 9, 3), further_months=2) == date(2024, 12, 3)
    assert request_due(date(2024, 9, 3), further_months=1) == date(2024, 11, 4)  # 3rd a Sunday
    # From 30 November, three months on is 28 February (2025 is no leap year).
    assert request_due(date(2024, 11, 30), further_months=2) == date(2025, 2, 28)


def test_no_more_than_two_further_months() -> None:
    with pytest.raises(ValueError, match="1 to 2 months"):
        request_due(date(2024, 9, 3), further_months=3)
    with pytest.raises(ValueError, match="1 to 2 months"):
        request_due(date(2024, 9, 3), further_months=-1)


def test_an_extension_is_possible_only_until_the_first_month_is_up() -> None:
    received = date(2024, 9, 5)  # due Monday 7 October (5 October is a Saturday)
    assert can_extend(received, date(2024, 10, 7))
    assert not can_extend(received, date(2024, 10, 8))


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2039, 8, 31)),
    st.integers(min_value=0, max_value=2),
)
def test_each_further_month_is_a_calendar_month_and_the_due_day_a_working_day(
    day: date, further: int
) -> None:
    months = calendar_months_after(day, 1 + further)
    due = request_due(day, further_months=further)
    assert months <= due
    assert (due - months).days <= 4
    assert england_calendar().is_working_day(due)
    # Never sooner than the first month's due day.
    assert request_due(day) <= due
    # The month is 1 + further months on; a day every month has is kept as it is.
    assert (months.year - day.year) * 12 + months.month - day.month == 1 + further
    if day.day <= 28:
        assert months.day == day.day


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2039, 8, 31)))
def test_the_extension_may_be_made_on_every_day_of_the_first_month_and_none_after(
    day: date,
) -> None:
    first_due = request_due(day)
    assert can_extend(day, day)
    assert can_extend(day, first_due)
    assert not can_extend(day, first_due + timedelta(days=1))


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
