"""The retention schedule never lets a record go before the law and the council allow."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from fairhear.core.retention import RetentionSchedule, add_years, keep_until, request_kept_until

SIX_YEARS = RetentionSchedule(years_after_closure=6, child_until_age=25)


def test_an_adults_case_is_kept_six_years_after_it_closed() -> None:
    due = keep_until(
        closed=date(2019, 5, 3), received=date(2019, 2, 1), youngest_age=25, schedule=SIX_YEARS
    )
    assert due == date(2025, 5, 3)


def test_a_young_childs_case_is_kept_until_the_child_could_be_25() -> None:
    # Aged at least 5 when the complaint came in on 1 February 2019: 25 by 1 February 2039.
    due = keep_until(
        closed=date(2019, 5, 3), received=date(2019, 2, 1), youngest_age=5, schedule=SIX_YEARS
    )
    assert due == date(2039, 2, 1)


def test_an_unknown_age_keeps_the_record_as_long_as_a_new_borns() -> None:
    due = keep_until(
        closed=date(2019, 5, 3), received=date(2019, 2, 1), youngest_age=None, schedule=SIX_YEARS
    )
    assert due == date(2044, 2, 1)


def test_29_february_moves_to_28_february() -> None:
    assert add_years(date(2024, 2, 29), 6) == date(2030, 2, 28)


@given(
    received=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    open_days=st.integers(min_value=0, max_value=2000),
    youngest_age=st.one_of(st.none(), st.integers(min_value=0, max_value=90)),
    years=st.integers(min_value=0, max_value=20),
    child_until=st.integers(min_value=18, max_value=30),
)
def test_never_before_the_closure_rule_or_the_childs_25th(
    received: date, open_days: int, youngest_age: int | None, years: int, child_until: int
) -> None:
    closed = date.fromordinal(received.toordinal() + open_days)
    schedule = RetentionSchedule(years_after_closure=years, child_until_age=child_until)
    due = keep_until(closed=closed, received=received, youngest_age=youngest_age, schedule=schedule)
    assert due >= add_years(closed, years)
    age = 0 if youngest_age is None else youngest_age
    if age < child_until:
        assert due >= add_years(received, child_until - age)


def test_a_request_is_kept_the_schedules_years_after_its_answer() -> None:
    schedule = RetentionSchedule(request_years_after_answer=2)
    assert request_kept_until(answered=date(2024, 3, 5), schedule=schedule) == date(2026, 3, 5)
    assert request_kept_until(answered=date(2024, 2, 29), schedule=schedule) == date(2026, 2, 28)


@given(answered=st.dates(max_value=date(2900, 12, 31)), years=st.integers(1, 100))
def test_a_request_is_kept_at_least_its_years_and_never_a_year_more(
    answered: date, years: int
) -> None:
    until = request_kept_until(
        answered=answered, schedule=RetentionSchedule(request_years_after_answer=years)
    )
    assert until.year == answered.year + years
    assert 365 * years - 1 <= (until - answered).days <= 366 * years
