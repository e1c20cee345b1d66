"""Statutory clocks: due dates, days used and left, and status on any date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairhear.core.calendar import england_calendar
from fairhear.core.clocks import (
    CHILDREN_STATUTORY,
    CORPORATE,
    Clock,
    ClockName,
    ClockStatus,
    DayKind,
    ProcedureTimescales,
    Stage2ClockStart,
    Timescale,
    acknowledgement_clock,
    authority_response_clock,
    chair_report_clock,
    enquiry_reply_clock,
    lgsco_enquiry_clock,
    panel_clock,
    stage_one_reply_clock,
    stage_three_request_window,
    stage_two_clock,
    stage_two_ombudsman_clock,
    stage_two_request_window,
    statement_of_complaint_took_too_long,
    statement_of_complaint_working_days,
)

# Thursday 1 December 2022: ten working days later is Thursday 15 December.
RECEIVED = date(2022, 12, 1)


# -------------------------------------------------------------------------------- Stage 1


def test_the_stage_one_reply_is_due_ten_working_days_after_receipt() -> None:
    clock = stage_one_reply_clock(RECEIVED)
    assert clock.due == date(2022, 12, 15)
    assert clock.name is ClockName.STAGE_1_REPLY
    assert clock.limit == 10
    assert clock.day_kind is DayKind.WORKING


def test_bank_holidays_inside_a_clock_push_its_due_date_back() -> None:
    # Monday 19 December 2022: Christmas, Boxing Day, the substitute day and 2 January skipped.
    assert stage_one_reply_clock(date(2022, 12, 19)).due == date(2023, 1, 5)


def test_an_extended_stage_one_is_due_twenty_working_days_after_receipt() -> None:
    clock = stage_one_reply_clock(RECEIVED, extended=True)
    assert clock.due == date(2023, 1, 3)
    assert clock.limit == 20
    assert clock.read(date(2022, 12, 16)).status is ClockStatus.RUNNING


def test_a_running_clock_says_how_many_working_days_are_used_and_left() -> None:
    reading = stage_one_reply_clock(RECEIVED).read(date(2022, 12, 5))
    assert reading.status is ClockStatus.RUNNING
    assert (reading.days_used, reading.days_left) == (2, 8)
    assert reading.due == date(2022, 12, 15)
    assert reading.today == date(2022, 12, 5)


def test_a_clock_read_on_its_start_date_has_used_nothing() -> None:
    reading = stage_one_reply_clock(RECEIVED).read(RECEIVED)
    assert (reading.days_used, reading.days_left) == (0, 10)


def test_a_clock_is_due_soon_within_three_working_days_of_its_due_date() -> None:
    clock = stage_one_reply_clock(RECEIVED)
    assert clock.read(date(2022, 12, 9)).status is ClockStatus.RUNNING  # 4 left
    assert clock.read(date(2022, 12, 12)).status is ClockStatus.DUE_SOON  # 3 left
    due_day = clock.read(date(2022, 12, 15))
    assert due_day.status is ClockStatus.DUE_SOON
    assert due_day.days_left == 0


def test_the_due_soon_threshold_can_be_configured() -> None:
    clock = stage_one_reply_clock(RECEIVED)
    assert clock.read(date(2022, 12, 14), due_soon_within=0).status is ClockStatus.RUNNING
    assert clock.read(date(2022, 12, 15), due_soon_within=0).status is ClockStatus.DUE_SOON
    assert clock.read(date(2022, 12, 5), due_soon_within=8).status is ClockStatus.DUE_SOON


def test_a_clock_not_stopped_after_its_due_date_is_overdue() -> None:
    reading = stage_one_reply_clock(RECEIVED).read(date(2022, 12, 16))
    assert reading.status is ClockStatus.OVERDUE
    assert (reading.days_used, reading.days_left) == (11, -1)


def test_a_reply_on_the_due_date_has_met_the_clock() -> None:
    reading = stage_one_reply_clock(RECEIVED, replied=date(2022, 12, 15)).read(date(2023, 2, 1))
    assert reading.status is ClockStatus.MET
    assert (reading.days_used, reading.days_left) == (10, 0)
    assert reading.completed == date(2022, 12, 15)


def test_a_reply_after_the_due_date_has_missed_the_clock() -> None:
    reading = stage_one_reply_clock(RECEIVED, replied=date(2022, 12, 16)).read(date(2023, 2, 1))
    assert reading.status is ClockStatus.MISSED
    assert (reading.days_used, reading.days_left) == (11, -1)


def test_a_reply_on_the_day_received_took_zero_working_days() -> None:
    reading = stage_one_reply_clock(RECEIVED, replied=RECEIVED).read(RECEIVED)
    assert reading.status is ClockStatus.MET
    assert reading.days_used == 0


def test_a_withdrawn_complaint_stops_the_clock() -> None:
    reading = stage_one_reply_clock(RECEIVED, ended=date(2022, 12, 8)).read(date(2023, 1, 10))
    assert reading.status is ClockStatus.STOPPED
    assert (reading.days_used, reading.days_left) == (5, 5)
    assert reading.ended == date(2022, 12, 8)


def test_a_clock_stopped_after_its_due_date_shows_how_late_it_was() -> None:
    reading = stage_one_reply_clock(RECEIVED, ended=date(2022, 12, 20)).read(date(2023, 1, 10))
    assert reading.status is ClockStatus.STOPPED
    assert reading.days_left == -3


def test_a_completion_and_an_end_on_the_same_day_count_as_done() -> None:
    clock = stage_one_reply_clock(RECEIVED, replied=date(2022, 12, 9), ended=date(2022, 12, 9))
    assert clock.read(date(2022, 12, 9)).status is ClockStatus.MET
    earlier_end = stage_one_reply_clock(
        RECEIVED, replied=date(2022, 12, 9), ended=date(2022, 12, 8)
    )
    assert earlier_end.read(date(2022, 12, 9)).status is ClockStatus.STOPPED


def test_events_after_the_reading_date_are_not_yet_known() -> None:
    clock = stage_one_reply_clock(RECEIVED, replied=date(2022, 12, 16), ended=date(2023, 1, 9))
    before = clock.read(date(2022, 12, 14))
    assert before.status is ClockStatus.DUE_SOON
    assert before.completed is None
    assert clock.read(date(2022, 12, 16)).status is ClockStatus.MISSED


def test_a_clock_cannot_be_read_before_it_starts() -> None:
    with pytest.raises(ValueError, match="starts on 1 December 2022, after 30 November 2022"):
        stage_one_reply_clock(RECEIVED).read(date(2022, 11, 30))


def test_a_clock_cannot_stop_before_it_starts() -> None:
    with pytest.raises(ValueError, match="completed on 30 November 2022, before it started"):
        stage_one_reply_clock(RECEIVED, replied=date(2022, 11, 30))
    with pytest.raises(ValueError, match="ended on 30 November 2022, before it started"):
        stage_one_reply_clock(RECEIVED, ended=date(2022, 11, 30))


def test_a_clock_uses_the_calendar_it_is_given() -> None:
    closure = england_calendar().with_changes(add=[date(2022, 12, 5)])
    assert stage_one_reply_clock(RECEIVED, calendar=closure).due == date(2022, 12, 16)


# -------------------------------------------------------------------------------- Stage 2


def test_the_stage_two_request_window_is_twenty_working_days_after_the_reply() -> None:
    replied = date(2023, 1, 3)
    assert stage_two_request_window(replied).due == date(2023, 1, 31)
    in_time = stage_two_request_window(replied, requested=date(2023, 1, 31))
    assert in_time.read(date(2023, 3, 1)).status is ClockStatus.MET
    late = stage_two_request_window(replied, requested=date(2023, 2, 1))
    assert late.read(date(2023, 3, 1)).status is ClockStatus.MISSED
    unasked = stage_two_request_window(replied)
    assert unasked.read(date(2023, 2, 1)).status is ClockStatus.OVERDUE
    assert unasked.name is ClockName.STAGE_2_REQUEST


# Tuesday 2 January 2024 (1 January was a bank holiday); statement agreed Tuesday 9 January.
REQUESTED = date(2024, 1, 2)
STATEMENT = date(2024, 1, 9)


def test_stage_two_runs_25_working_days_from_the_agreed_statement_by_default() -> None:
    clock = stage_two_clock(REQUESTED, statement_agreed=STATEMENT)
    assert clock.started == STATEMENT
    assert clock.due == date(2024, 2, 13)


def test_stage_two_runs_from_the_request_when_no_statement_is_recorded() -> None:
    clock = stage_two_clock(REQUESTED)
    assert clock.started == REQUESTED
    assert clock.due == date(2024, 2, 6)


def test_a_council_can_start_stage_two_from_the_request() -> None:
    clock = stage_two_clock(
        REQUESTED, statement_agreed=STATEMENT, start_from=Stage2ClockStart.REQUEST
    )
    assert clock.due == date(2024, 2, 6)
    from_request = ProcedureTimescales(
        name="from request",
        stage_1_reply=Timescale(10, extended_days=20),
        stage_2=Timescale(25, extended_days=65),
        stage_2_clock_start=Stage2ClockStart.REQUEST,
    )
    assert stage_two_clock(REQUESTED, statement_agreed=STATEMENT, timescales=from_request).due == (
        date(2024, 2, 6)
    )


def test_an_extended_stage_two_runs_65_working_days_across_easter() -> None:
    clock = stage_two_clock(REQUESTED, statement_agreed=STATEMENT, extended=True)
    assert clock.due == date(2024, 4, 11)
    reading = clock.read(date(2024, 4, 11))
    assert reading.days_used == 65
    assert reading.extended


def test_the_ombudsmans_view_of_stage_two_counts_from_the_request() -> None:
    clock = stage_two_ombudsman_clock(REQUESTED, adjudicated=date(2024, 2, 12))
    assert clock.name is ClockName.STAGE_2_OMBUDSMAN_VIEW
    assert clock.due == date(2024, 2, 6)
    assert clock.read(date(2024, 3, 1)).status is ClockStatus.MISSED
    council_view = stage_two_clock(
        REQUESTED, statement_agreed=STATEMENT, adjudicated=date(2024, 2, 12)
    )
    assert council_view.read(date(2024, 3, 1)).status is ClockStatus.MET


def test_it_flags_a_statement_of_complaint_that_took_more_than_ten_working_days() -> None:
    assert statement_of_complaint_working_days(REQUESTED, date(2024, 1, 16)) == 10
    assert not statement_of_complaint_took_too_long(REQUESTED, date(2024, 1, 16))
    assert statement_of_complaint_took_too_long(REQUESTED, date(2024, 1, 17))


def test_it_flags_a_statement_still_not_agreed_after_ten_working_days() -> None:
    assert not statement_of_complaint_took_too_long(REQUESTED, None)
    assert not statement_of_complaint_took_too_long(REQUESTED, None, today=date(2024, 1, 16))
    assert statement_of_complaint_took_too_long(REQUESTED, None, today=date(2024, 1, 17))


# -------------------------------------------------------------------------------- Stage 3


def test_the_stage_three_request_window_is_twenty_working_days_after_the_adjudication() -> None:
    clock = stage_three_request_window(date(2024, 2, 12), requested=date(2024, 3, 12))
    assert clock.due == date(2024, 3, 11)
    assert clock.read(date(2024, 3, 12)).status is ClockStatus.MISSED


def test_the_panel_is_due_within_30_working_days_of_the_request() -> None:
    clock = panel_clock(date(2024, 3, 1))
    assert clock.due == date(2024, 4, 16)  # Good Friday and Easter Monday skipped
    assert clock.read(date(2024, 4, 17)).status is ClockStatus.OVERDUE
    held = panel_clock(date(2024, 3, 1), panel_held=date(2024, 4, 16))
    assert held.read(date(2024, 4, 17)).status is ClockStatus.MET


def test_the_chairs_report_is_due_within_5_working_days_of_the_panel() -> None:
    clock = chair_report_clock(date(2023, 5, 2), report_sent=date(2023, 5, 10))
    assert clock.due == date(2023, 5, 10)  # the coronation bank holiday, 8 May, skipped
    assert clock.read(date(2023, 5, 10)).status is ClockStatus.MET


def test_the_authoritys_response_is_due_within_15_working_days_of_the_report() -> None:
    clock = authority_response_clock(date(2022, 9, 1))
    assert clock.due == date(2022, 9, 23)  # the state funeral, 19 September, skipped
    assert clock.read(date(2022, 9, 21)).status is ClockStatus.DUE_SOON


# ---------------------------------------------------------------------------------- LGSCO


def test_an_ombudsman_enquiry_is_due_28_calendar_days_after_it_arrived() -> None:
    clock = lgsco_enquiry_clock(date(2024, 3, 1))
    assert clock.day_kind is DayKind.CALENDAR
    assert clock.due == date(2024, 3, 29)  # Good Friday: calendar days do not move
    reading = clock.read(date(2024, 3, 11))
    assert (reading.days_used, reading.days_left) == (10, 18)
    assert reading.status is ClockStatus.RUNNING
    assert clock.read(date(2024, 3, 26)).status is ClockStatus.DUE_SOON


def test_an_ombudsman_enquiry_uses_the_due_date_the_ombudsman_set() -> None:
    clock = lgsco_enquiry_clock(date(2024, 3, 1), due=date(2024, 3, 15), replied=date(2024, 3, 18))
    assert clock.due == date(2024, 3, 15)
    assert clock.limit is None
    assert clock.read(date(2024, 3, 20)).status is ClockStatus.MISSED


# ---------------------------------------------------------------- councillors' and MPs' enquiries


def test_an_enquiry_is_due_the_councils_number_of_working_days_after_receipt() -> None:
    clock = enquiry_reply_clock(RECEIVED, days=10)
    assert clock.name is ClockName.ENQUIRY_REPLY
    assert (clock.limit, clock.day_kind) == (10, DayKind.WORKING)
    assert clock.due == date(2022, 12, 15)
    assert enquiry_reply_clock(RECEIVED, days=5).due == date(2022, 12, 8)
    # Wednesday 1 May 2024: the early May bank holiday (Monday 6 May) is skipped.
    assert enquiry_reply_clock(date(2024, 5, 1), days=5).due == date(2024, 5, 9)


def test_an_enquirys_reply_meets_or_misses_its_clock() -> None:
    assert (
        enquiry_reply_clock(RECEIVED, days=10, replied=date(2022, 12, 15))
        .read(date(2022, 12, 20))
        .status
        is ClockStatus.MET
    )
    missed = enquiry_reply_clock(RECEIVED, days=10, replied=date(2022, 12, 16))
    reading = missed.read(date(2022, 12, 20))
    assert (reading.status, reading.days_used, reading.days_left) == (ClockStatus.MISSED, 11, -1)


def test_an_unanswered_enquiry_runs_then_falls_overdue_unless_withdrawn() -> None:
    clock = enquiry_reply_clock(RECEIVED, days=10)
    assert clock.read(date(2022, 12, 5)).status is ClockStatus.RUNNING
    assert clock.read(date(2022, 12, 12)).status is ClockStatus.DUE_SOON
    assert clock.read(date(2022, 12, 16)).status is ClockStatus.OVERDUE
    withdrawn = enquiry_reply_clock(RECEIVED, days=10, ended=date(2022, 12, 6))
    assert withdrawn.read(date(2022, 12, 16)).status is ClockStatus.STOPPED


def test_an_enquirys_limit_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        enquiry_reply_clock(RECEIVED, days=-1)


ENQUIRY_DATES = st.dates(min_value=date(2001, 1, 1), max_value=date(2039, 12, 31))


@settings(max_examples=300, deadline=None)
@given(
    received=ENQUIRY_DATES,
    days=st.integers(min_value=0, max_value=40),
    taken=st.integers(min_value=0, max_value=60),
)
def test_an_enquiry_meets_its_clock_exactly_when_the_report_counts_it_in_time(
    received: date, days: int, taken: int
) -> None:
    # The report's rule (report.md): replied within `days` working days of receipt. Replies
    # are taken on working days (or on the day received).
    calendar = england_calendar()
    replied = calendar.add_working_days(received, taken)
    reading = enquiry_reply_clock(received, days=days, replied=replied).read(replied)
    in_time = calendar.working_days_between(received, replied) <= days
    assert (reading.status is ClockStatus.MET) is in_time
    assert reading.status in (ClockStatus.MET, ClockStatus.MISSED)


# -------------------------------------------------------------------------- configuration


def test_corporate_complaints_have_their_own_timescales() -> None:
    ack = acknowledgement_clock(date(2024, 6, 3))
    assert ack.due == date(2024, 6, 10)
    reply = stage_one_reply_clock(date(2024, 6, 3), timescales=CORPORATE)
    assert reply.due == date(2024, 6, 17)
    second = stage_two_clock(
        date(2024, 6, 3), statement_agreed=date(2024, 6, 10), timescales=CORPORATE
    )
    assert second.due == date(2024, 7, 1)  # 20 working days from the request


def test_a_step_the_procedure_does_not_have_cannot_be_clocked() -> None:
    with pytest.raises(ValueError, match="the corporate procedure has no stage 3 panel step"):
        panel_clock(date(2024, 6, 3), timescales=CORPORATE)
    with pytest.raises(ValueError, match="has no acknowledgement step"):
        acknowledgement_clock(date(2024, 6, 3), timescales=CHILDREN_STATUTORY)


def test_a_timescale_without_an_extension_cannot_be_extended() -> None:
    with pytest.raises(ValueError, match="cannot be extended"):
        stage_one_reply_clock(date(2024, 6, 3), extended=True, timescales=CORPORATE)


def test_timescales_refuse_nonsense_limits() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        Timescale(-1)
    with pytest.raises(ValueError, match="cannot be shorter"):
        Timescale(10, extended_days=5)
    with pytest.raises(ValueError, match="due-soon threshold"):
        ProcedureTimescales(name="x", stage_1_reply=Timescale(10), due_soon_within=-1)


def test_a_clock_needs_a_limit_or_a_due_date() -> None:
    with pytest.raises(ValueError, match="needs a limit or a due date"):
        Clock(name=ClockName.STAGE_1_REPLY, started=RECEIVED, limit=None)
    with pytest.raises(ValueError, match="limit cannot be negative"):
        Clock(name=ClockName.STAGE_1_REPLY, started=RECEIVED, limit=-2)
    with pytest.raises(ValueError, match="due date 1 November 2022 is before its start"):
        Clock(
            name=ClockName.LGSCO_ENQUIRY, started=RECEIVED, limit=None, due_date=date(2022, 11, 1)
        )


def test_statuses_are_lower_case_codes_and_know_whether_the_clock_is_open() -> None:
    assert [s.value for s in ClockStatus] == [
        "running",
        "due_soon",
        "overdue",
        "met",
        "missed",
        "stopped",
    ]
    assert {s for s in ClockStatus if s.is_open} == {
        ClockStatus.RUNNING,
        ClockStatus.DUE_SOON,
        ClockStatus.OVERDUE,
    }
    assert ClockStatus("due_soon") == "due_soon"
