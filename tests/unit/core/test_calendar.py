"""The working-day calendar: England's bank holidays, counting, deadlines, overrides."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairhear.core.calendar import (
    COVERED_FIRST,
    COVERED_LAST,
    BankHolidayFileError,
    CalendarRangeError,
    WorkingDayCalendar,
    england_bank_holidays,
    england_calendar,
    load_bank_holidays,
    parse_bank_holidays,
)
from fairhear.core.dates import long_date

CAL = england_calendar()

# Dates well inside the range, so that 200 working days either way stay covered.
DATES = st.dates(min_value=date(2001, 1, 1), max_value=date(2039, 12, 31))
STEPS = st.integers(min_value=1, max_value=200)

# --------------------------------------------------------------------- known bank holidays


@pytest.mark.parametrize(
    "day",
    [
        # Christmas Day and Boxing Day on weekdays
        date(2019, 12, 25),
        date(2019, 12, 26),
        date(2023, 12, 25),
        date(2023, 12, 26),
        date(2024, 12, 25),
        date(2024, 12, 26),
        date(2025, 12, 25),
        date(2025, 12, 26),
        date(2026, 12, 25),
        # Good Friday and Easter Monday
        date(2000, 4, 21),
        date(2000, 4, 24),
        date(2019, 4, 19),
        date(2019, 4, 22),
        date(2020, 4, 10),
        date(2020, 4, 13),
        date(2024, 3, 29),
        date(2024, 4, 1),
        date(2025, 4, 18),
        date(2025, 4, 21),
        date(2040, 3, 30),
        date(2040, 4, 2),
        # one-offs and moved holidays
        date(2020, 5, 8),  # VE day: early May bank holiday moved from 4 May
        date(2022, 6, 2),  # spring bank holiday moved for the platinum jubilee
        date(2022, 6, 3),  # platinum jubilee
        date(2022, 9, 19),  # state funeral of Queen Elizabeth II
        date(2023, 5, 8),  # coronation of King Charles III
        date(2011, 4, 29),  # royal wedding
        date(2012, 6, 5),  # diamond jubilee
        # substitute days when Christmas or New Year fall at a weekend
        date(2020, 12, 28),  # Boxing Day 2020 was a Saturday
        date(2021, 12, 27),  # Christmas Day 2021 was a Saturday
        date(2021, 12, 28),  # Boxing Day 2021 was a Sunday
        date(2022, 1, 3),  # New Year's Day 2022 was a Saturday
        date(2022, 12, 26),  # Boxing Day 2022, a Monday
        date(2022, 12, 27),  # Christmas Day 2022 was a Sunday
        date(2023, 1, 2),  # New Year's Day 2023 was a Sunday
    ],
)
def test_it_knows_bank_holidays_in_england_are_not_working_days(day: date) -> None:
    assert day.weekday() < 5, "the example should be a weekday"
    assert not CAL.is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2020, 5, 4),  # the early May bank holiday moved to 8 May in 2020
        date(2022, 5, 30),  # no late May bank holiday in 2022: it moved to 2 June
        date(2021, 12, 29),
        date(2022, 12, 28),
        date(2022, 6, 6),
        date(2024, 4, 2),
        date(2023, 5, 9),
    ],
)
def test_it_treats_ordinary_weekdays_around_holidays_as_working_days(day: date) -> None:
    assert day.weekday() < 5
    assert CAL.is_working_day(day)


def test_it_treats_weekends_as_non_working_days() -> None:
    assert not CAL.is_working_day(date(2024, 6, 1))  # Saturday
    assert not CAL.is_working_day(date(2024, 6, 2))  # Sunday
    assert CAL.is_working_day(date(2024, 6, 3))  # Monday


def test_every_covered_year_has_christmas_good_friday_and_at_least_eight_bank_holidays() -> None:
    built_in = england_bank_holidays()
    for year in range(2000, 2041):
        in_year = [d for d in built_in if d.year == year]
        assert len(in_year) >= 8, year
        assert date(year, 12, 25) in built_in
        assert date(year, 12, 26) in built_in


def test_christmas_at_a_weekend_gives_substitute_days_in_2021_and_2022() -> None:
    week_2021 = [date(2021, 12, 24) + timedelta(days=i) for i in range(6)]
    assert [CAL.is_working_day(d) for d in week_2021] == [True, False, False, False, False, True]
    week_2022 = [date(2022, 12, 23) + timedelta(days=i) for i in range(6)]
    assert [CAL.is_working_day(d) for d in week_2022] == [True, False, False, False, False, True]


# ------------------------------------------------------------------------------ counting


def test_it_counts_zero_working_days_for_the_same_day() -> None:
    assert CAL.working_days_between(date(2024, 6, 3), date(2024, 6, 3)) == 0
    assert CAL.working_days_between(date(2024, 6, 1), date(2024, 6, 1)) == 0


def test_it_counts_working_days_after_the_start_up_to_and_including_the_end() -> None:
    assert CAL.working_days_between(date(2024, 5, 31), date(2024, 6, 3)) == 1  # Fri to Mon
    assert CAL.working_days_between(date(2024, 6, 3), date(2024, 6, 7)) == 4
    assert CAL.working_days_between(date(2024, 6, 1), date(2024, 6, 2)) == 0  # Sat to Sun


def test_it_skips_bank_holidays_inside_a_count() -> None:
    assert CAL.working_days_between(date(2022, 12, 23), date(2022, 12, 28)) == 1
    assert CAL.working_days_between(date(2022, 6, 1), date(2022, 6, 6)) == 1
    assert CAL.working_days_between(date(2020, 5, 7), date(2020, 5, 11)) == 1


def test_it_returns_a_negative_symmetric_count_when_the_end_is_before_the_start() -> None:
    start, end = date(2022, 12, 28), date(2022, 12, 20)
    assert CAL.working_days_between(start, end) == -CAL.working_days_between(end, start)
    assert CAL.working_days_between(start, end) == -4  # 21, 22, 23 and 28 December


def test_it_adds_working_days_skipping_weekends_and_christmas() -> None:
    assert CAL.add_working_days(date(2022, 12, 23), 1) == date(2022, 12, 28)
    assert CAL.add_working_days(date(2022, 12, 1), 10) == date(2022, 12, 15)
    assert CAL.add_working_days(date(2022, 12, 15), 10) == date(2023, 1, 3)  # not 2 Jan


def test_a_deadline_from_a_weekend_counts_from_the_next_working_day() -> None:
    assert CAL.add_working_days(date(2024, 6, 1), 1) == date(2024, 6, 3)  # Saturday + 1


def test_adding_zero_working_days_returns_the_start_even_on_a_weekend() -> None:
    saturday = date(2024, 6, 1)
    assert CAL.add_working_days(saturday, 0) == saturday
    assert type(CAL.add_working_days(datetime(2024, 6, 3, 15, 30), 0)) is date


def test_adding_negative_working_days_goes_back_to_earlier_working_days() -> None:
    assert CAL.add_working_days(date(2022, 1, 4), -1) == date(2021, 12, 31)
    assert CAL.add_working_days(date(2024, 6, 1), -1) == date(2024, 5, 31)  # Saturday - 1
    assert CAL.add_working_days(date(2024, 6, 3), -1) == date(2024, 5, 31)  # Monday - 1
    assert CAL.add_working_days(date(2022, 12, 28), -2) == date(2022, 12, 22)


def test_it_accepts_datetimes_as_dates() -> None:
    assert CAL.working_days_between(datetime(2024, 5, 31, 23, 0), date(2024, 6, 3)) == 1


# -------------------------------------------------------------------------------- range


def test_it_covers_2000_to_2040() -> None:
    assert (CAL.first, CAL.last) == (COVERED_FIRST, COVERED_LAST)
    assert CAL.is_working_day(date(2000, 1, 4))
    assert not CAL.is_working_day(date(2040, 12, 25))


@pytest.mark.parametrize("day", [date(1999, 12, 31), date(2041, 1, 1)])
def test_it_refuses_dates_outside_the_covered_range(day: date) -> None:
    with pytest.raises(CalendarRangeError, match="outside the working-day calendar"):
        CAL.is_working_day(day)
    with pytest.raises(ValueError, match=long_date(day)):
        CAL.working_days_between(date(2020, 1, 1), day)


def test_it_refuses_a_deadline_that_falls_past_the_covered_range() -> None:
    with pytest.raises(CalendarRangeError, match="5th working day after 28 December 2040"):
        CAL.add_working_days(date(2040, 12, 28), 5)
    with pytest.raises(CalendarRangeError, match="before 1 January 2000"):
        CAL.add_working_days(date(2000, 1, 5), -3)


# -------------------------------------------------------------------------- immutability


def test_the_calendar_cannot_be_changed_after_construction() -> None:
    with pytest.raises(AttributeError, match="immutable"):
        CAL._first = date(1990, 1, 1)
    with pytest.raises(AttributeError, match="immutable"):
        del CAL._first
    with pytest.raises(ValueError, match="read-only"):
        CAL._c_np[5] = 0


def test_the_default_calendar_is_built_once() -> None:
    assert england_calendar() is england_calendar()


def test_a_calendar_needs_its_last_date_after_its_first() -> None:
    with pytest.raises(ValueError, match="before its first date"):
        WorkingDayCalendar(first=date(2020, 1, 2), last=date(2020, 1, 1))


def test_a_plain_calendar_counts_only_weekends_and_the_holidays_given() -> None:
    cal = WorkingDayCalendar([date(2024, 1, 3)], first=date(2024, 1, 1), last=date(2024, 1, 31))
    assert cal.working_days_between(date(2024, 1, 1), date(2024, 1, 8)) == 4
    assert cal.holidays == frozenset({date(2024, 1, 3)})


# ---------------------------------------------------------------------------- overrides


def test_a_council_can_add_a_closure_day() -> None:
    cal = WorkingDayCalendar.for_england(add=[date(2026, 12, 24)])
    assert not cal.is_working_day(date(2026, 12, 24))
    assert CAL.is_working_day(date(2026, 12, 24))
    assert cal.add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 29)


def test_a_council_can_remove_a_built_in_bank_holiday() -> None:
    cal = WorkingDayCalendar.for_england(remove=[date(2026, 8, 31)])
    assert cal.is_working_day(date(2026, 8, 31))


def test_removing_a_date_that_is_not_a_bank_holiday_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot remove 3 March 2026"):
        WorkingDayCalendar.for_england(remove=[date(2026, 3, 3)])


def test_with_changes_returns_a_new_calendar_and_leaves_the_old_one_alone() -> None:
    changed = CAL.with_changes(add=[date(2030, 7, 1)], remove=[date(2030, 12, 25)])
    assert not changed.is_working_day(date(2030, 7, 1))
    assert changed.is_working_day(date(2030, 12, 25))
    assert CAL.is_working_day(date(2030, 7, 1))
    assert not CAL.is_working_day(date(2030, 12, 25))


# ------------------------------------------------------------------- GOV.UK holiday files


def _govuk(events: object) -> dict[str, object]:
    return {
        "england-and-wales": {"division": "england-and-wales", "events": events},
        "scotland": {"division": "scotland", "events": []},
    }


def test_it_reads_a_govuk_bank_holidays_file_and_adds_its_dates(tmp_path: Path) -> None:
    path = tmp_path / "bank-holidays.json"
    events = [
        {"title": "Christmas Day", "date": "2026-12-25", "notes": "", "bunting": True},
        {"title": "Council closure", "date": "2026-12-29", "notes": "Local", "bunting": False},
    ]
    path.write_text(json.dumps(_govuk(events)), encoding="utf-8")
    loaded = load_bank_holidays(path)
    assert [h.date for h in loaded] == [date(2026, 12, 25), date(2026, 12, 29)]
    assert loaded[1].title == "Council closure"
    assert loaded[0].bunting is True
    cal = WorkingDayCalendar.for_england(add=[h.date for h in loaded])
    assert not cal.is_working_day(date(2026, 12, 29))
    assert not cal.is_working_day(date(2026, 12, 25))


def test_it_reads_another_division_when_asked() -> None:
    data = _govuk([])
    data["scotland"] = {"events": [{"title": "St Andrew's Day", "date": "2026-11-30"}]}
    loaded = parse_bank_holidays(data, division="scotland")
    assert [h.date for h in loaded] == [date(2026, 11, 30)]


def test_it_names_the_file_and_position_of_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"england-and-wales": {"events": [}', encoding="utf-8")
    with pytest.raises(BankHolidayFileError, match=r"broken\.json: not valid JSON: .* line 1"):
        load_bank_holidays(path)


def test_it_says_when_the_file_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(BankHolidayFileError, match="cannot read it"):
        load_bank_holidays(tmp_path / "missing.json")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], r"top level: must be an object keyed by division, found a list"),
        ({"scotland": {"events": []}}, r"no 'england-and-wales' division \(divisions found: sc"),
        ({"england-and-wales": []}, r"england-and-wales: must be an object, found a list"),
        ({"england-and-wales": {}}, r"england-and-wales: has no 'events' list"),
        (_govuk({"a": 1}), r"england-and-wales\.events: must be a list, found an object"),
        (_govuk(["2026-12-25"]), r"events\[0\]: must be an object, found a string"),
        (_govuk([{"title": "X"}]), r"events\[0\]: has no 'date'"),
        (_govuk([{"date": "2026-12-25"}]), r"events\[0\]: has no 'title'"),
        (_govuk([{"title": "", "date": "2026-12-25"}]), r"events\[0\]\.title: must be a non-emp"),
        (
            _govuk([{"title": "A", "date": "2026-12-25"}, {"title": "B", "date": "25/12/2026"}]),
            r"events\[1\]\.date: '25/12/2026' is not a date in the form YYYY-MM-DD",
        ),
        (_govuk([{"title": "B", "date": "2026-02-30"}]), r"'2026-02-30' is not a real date"),
        (_govuk([{"title": "B", "date": 20261225}]), r"20261225 is not a date in the form"),
        (
            _govuk([{"title": "B", "date": "2026-12-25", "bunting": "yes"}]),
            r"events\[0\]\.bunting: must be true or false, found a string",
        ),
        (
            _govuk([{"title": "B", "date": "2026-12-25", "notes": None}]),
            r"events\[0\]\.notes: must be a string, found null",
        ),
        (
            {"england-and-wales": {"division": 3, "events": []}},
            r"england-and-wales\.division: must be a string, found a number",
        ),
    ],
)
def test_it_explains_what_is_wrong_in_a_bank_holidays_file(data: object, message: str) -> None:
    with pytest.raises(BankHolidayFileError, match=message) as caught:
        parse_bank_holidays(data, source="holidays.json")
    assert str(caught.value).startswith("bank holidays file holidays.json: ")


# ---------------------------------------------------------------------------- vectorised


def test_vectorised_counts_take_lists_of_dates_or_datetime64_arrays() -> None:
    starts = [date(2022, 12, 23), date(2024, 6, 3)]
    ends = np.array(["2022-12-28", "2024-06-03"], dtype="datetime64[D]")
    result = CAL.working_days_between_many(starts, ends)
    assert result.dtype == np.int64
    assert result.tolist() == [1, 0]


def test_vectorised_counts_broadcast_one_start_over_many_ends() -> None:
    start = np.array(["2022-12-23"], dtype="datetime64[D]")
    ends = np.array(["2022-12-23", "2022-12-28", "2022-12-20"], dtype="datetime64[D]")
    assert CAL.working_days_between_many(start, ends).tolist() == [0, 1, -3]


def test_vectorised_deadlines_handle_positive_zero_and_negative_steps() -> None:
    starts = [date(2022, 12, 23), date(2024, 6, 1), date(2022, 1, 4)]
    result = CAL.add_working_days_many(starts, [1, 0, -1])
    assert result.dtype == np.dtype("datetime64[D]")
    assert result.tolist() == [date(2022, 12, 28), date(2024, 6, 1), date(2021, 12, 31)]


def test_vectorised_forms_refuse_dates_and_deadlines_outside_the_range() -> None:
    with pytest.raises(CalendarRangeError, match="starts contains 31 December 1999"):
        CAL.working_days_between_many([date(1999, 12, 31)], [date(2020, 1, 1)])
    with pytest.raises(CalendarRangeError, match="ends contains NaT"):
        CAL.working_days_between_many(
            np.array(["2020-01-01"], dtype="datetime64[D]"),
            np.array(["NaT"], dtype="datetime64[D]"),
        )
    with pytest.raises(CalendarRangeError, match="3rd working day after 28 December 2040"):
        CAL.add_working_days_many([date(2020, 1, 1), date(2040, 12, 28)], [3, 3])


def test_vectorised_forms_refuse_values_that_are_not_dates_or_whole_numbers() -> None:
    with pytest.raises(TypeError, match="starts must be a datetime64 array"):
        CAL.working_days_between_many(np.array([1, 2]), [date(2020, 1, 1)] * 2)
    with pytest.raises(TypeError, match="ns must hold integers"):
        CAL.add_working_days_many([date(2020, 1, 1)], np.array([1.5]))
    with pytest.raises(TypeError, match="starts must be dates"):
        CAL.working_days_between_many(["not a date"], [date(2020, 1, 1)])  # type: ignore[list-item]


# ------------------------------------------------------------------------------ properties


@settings(max_examples=300, deadline=None)
@given(start=DATES, n=STEPS)
def test_a_deadline_is_exactly_n_working_days_after_its_start(start: date, n: int) -> None:
    due = CAL.add_working_days(start, n)
    assert CAL.working_days_between(start, due) == n
    assert CAL.working_days_between(start, due - timedelta(days=1)) == n - 1


@settings(max_examples=300, deadline=None)
@given(start=DATES, n=STEPS)
def test_no_deadline_falls_on_a_non_working_day(start: date, n: int) -> None:
    assert CAL.is_working_day(CAL.add_working_days(start, n))
    assert CAL.is_working_day(CAL.add_working_days(start, -n))


@settings(max_examples=200, deadline=None)
@given(start=DATES, n=STEPS)
def test_deadlines_grow_strictly_with_n(start: date, n: int) -> None:
    assert CAL.add_working_days(start, n) < CAL.add_working_days(start, n + 1)
    assert CAL.add_working_days(start, -n - 1) < CAL.add_working_days(start, -n)


@settings(max_examples=200, deadline=None)
@given(a=DATES, b=DATES, n=STEPS)
def test_deadlines_never_move_earlier_for_a_later_start(a: date, b: date, n: int) -> None:
    early, late = min(a, b), max(a, b)
    assert CAL.add_working_days(early, n) <= CAL.add_working_days(late, n)


@settings(max_examples=200, deadline=None)
@given(a=DATES, b=DATES)
def test_counts_are_antisymmetric_and_agree_with_a_day_by_day_count(a: date, b: date) -> None:
    early, late = min(a, b), max(a, b)
    if (late - early).days > 400:
        late = early + timedelta(days=400)
    by_hand = sum(
        1
        for i in range(1, (late - early).days + 1)
        if (d := early + timedelta(days=i)).weekday() < 5 and d not in england_bank_holidays()
    )
    assert CAL.working_days_between(early, late) == by_hand
    assert CAL.working_days_between(late, early) == -by_hand


@settings(max_examples=200, deadline=None)
@given(start=DATES, n=STEPS)
def test_going_back_then_forward_returns_to_a_working_day_start(start: date, n: int) -> None:
    working_start = CAL.add_working_days(start, 1)
    back = CAL.add_working_days(working_start, -n)
    assert CAL.working_days_between(back, working_start) == n
    assert CAL.add_working_days(back, n) == working_start


@settings(max_examples=50, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(DATES, DATES, st.integers(min_value=-200, max_value=200)),
        min_size=1,
        max_size=40,
    )
)
def test_vectorised_forms_equal_the_scalar_ones(pairs: list[tuple[date, date, int]]) -> None:
    starts = [p[0] for p in pairs]
    ends = [p[1] for p in pairs]
    ns = [p[2] for p in pairs]
    counts = CAL.working_days_between_many(starts, ends).tolist()
    assert counts == [CAL.working_days_between(s, e) for s, e in zip(starts, ends, strict=True)]
    dues = CAL.add_working_days_many(np.array(starts, dtype="datetime64[D]"), np.array(ns))
    assert dues.tolist() == [CAL.add_working_days(s, n) for s, n in zip(starts, ns, strict=True)]
