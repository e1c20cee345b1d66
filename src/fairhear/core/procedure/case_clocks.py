"""The statutory clocks a case has started, from its facts."""

from __future__ import annotations

from datetime import date

from fairhear.core.calendar import WorkingDayCalendar
from fairhear.core.clocks import (
    CHILDREN_STATUTORY,
    Clock,
    ClockName,
    ClockReading,
    ProcedureTimescales,
    Stage2ClockStart,
    authority_response_clock,
    chair_report_clock,
    panel_clock,
    stage_one_reply_clock,
    stage_three_request_window,
    stage_two_clock,
    stage_two_ombudsman_clock,
    stage_two_request_window,
)
from fairhear.core.procedure.facts import CaseFacts
from fairhear.core.procedure.rules import calendar_or_england
from fairhear.core.procedure.states import CaseState


def _ended(started: date, withdrawn: date | None) -> date | None:
    """A withdrawal recorded before a clock started (imported history can hold one) stops
    that clock at its start rather than making it impossible."""
    return None if withdrawn is None else max(started, withdrawn)


def stage_two_clock_of(
    facts: CaseFacts,
    *,
    timescales: ProcedureTimescales,
    calendar: WorkingDayCalendar | None,
    extended: bool | None = None,
) -> Clock:
    """The Stage 2 clock, started as the council chose (the request, or the statement)."""
    assert facts.stage_2_requested is not None
    started = facts.stage_2_requested
    if timescales.stage_2_clock_start is Stage2ClockStart.STATEMENT_ELSE_REQUEST:
        started = facts.stage_2_statement_agreed or started
    return stage_two_clock(
        facts.stage_2_requested,
        statement_agreed=facts.stage_2_statement_agreed,
        adjudicated=facts.stage_2_adjudicated,
        ended=_ended(started, facts.withdrawn),
        extended=facts.stage_2_extension is not None if extended is None else extended,
        timescales=timescales,
        calendar=calendar,
    )


def clocks_for(
    facts: CaseFacts,
    *,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> dict[ClockName, Clock]:
    """The clocks a case has started so far, by name.

    A withdrawal ends every clock not yet done. The Stage 1 clock also ends when Stage 2 is
    requested with no Stage 1 reply. A declined request has no clock for the stage it asked for.
    """
    cal = calendar_or_england(calendar)
    withdrawn = facts.withdrawn
    clocks: dict[ClockName, Clock] = {}
    if facts.state is not CaseState.RECEIVED or facts.stage_1_started is not None:
        stage_1_end = _ended(facts.received, withdrawn)
        if facts.stage_1_replied is None and facts.stage_2_requested is not None:
            stage_1_end = min(d for d in (stage_1_end, facts.stage_2_requested) if d is not None)
        clocks[ClockName.STAGE_1_REPLY] = stage_one_reply_clock(
            facts.received,
            replied=facts.stage_1_replied,
            ended=stage_1_end,
            extended=facts.stage_1_extension is not None,
            timescales=timescales,
            calendar=cal,
        )
    if facts.stage_1_replied is not None and timescales.stage_2_request is not None:
        clocks[ClockName.STAGE_2_REQUEST] = stage_two_request_window(
            facts.stage_1_replied,
            requested=facts.stage_2_requested,
            ended=_ended(facts.stage_1_replied, withdrawn),
            timescales=timescales,
            calendar=cal,
        )
    if (
        facts.stage_2_requested is not None
        and facts.stage_2_declined is None
        and timescales.stage_2 is not None
    ):
        clocks[ClockName.STAGE_2] = stage_two_clock_of(facts, timescales=timescales, calendar=cal)
        clocks[ClockName.STAGE_2_OMBUDSMAN_VIEW] = stage_two_ombudsman_clock(
            facts.stage_2_requested,
            adjudicated=facts.stage_2_adjudicated,
            ended=_ended(facts.stage_2_requested, withdrawn),
            extended=facts.stage_2_extension is not None,
            timescales=timescales,
            calendar=cal,
        )
    if facts.stage_2_adjudicated is not None and timescales.stage_3_request is not None:
        clocks[ClockName.STAGE_3_REQUEST] = stage_three_request_window(
            facts.stage_2_adjudicated,
            requested=facts.stage_3_requested,
            ended=_ended(facts.stage_2_adjudicated, withdrawn),
            timescales=timescales,
            calendar=cal,
        )
    if (
        facts.stage_3_requested is not None
        and facts.stage_3_declined is None
        and timescales.stage_3_panel is not None
    ):
        clocks[ClockName.STAGE_3_PANEL] = panel_clock(
            facts.stage_3_requested,
            panel_held=facts.stage_3_panel_held,
            ended=_ended(facts.stage_3_requested, withdrawn),
            timescales=timescales,
            calendar=cal,
        )
    if facts.stage_3_panel_held is not None and timescales.stage_3_chair_report is not None:
        clocks[ClockName.STAGE_3_CHAIR_REPORT] = chair_report_clock(
            facts.stage_3_panel_held,
            report_sent=facts.stage_3_chair_report,
            ended=_ended(facts.stage_3_panel_held, withdrawn),
            timescales=timescales,
            calendar=cal,
        )
    if facts.stage_3_chair_report is not None and timescales.stage_3_response is not None:
        clocks[ClockName.STAGE_3_RESPONSE] = authority_response_clock(
            facts.stage_3_chair_report,
            responded=facts.stage_3_responded,
            ended=_ended(facts.stage_3_chair_report, withdrawn),
            timescales=timescales,
            calendar=cal,
        )
    return clocks


def read_clocks(
    facts: CaseFacts,
    *,
    today: date,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> dict[ClockName, ClockReading]:
    """Every clock of the case read on ``today`` (clocks starting after ``today`` left out)."""
    return {
        name: clock.read(today, due_soon_within=timescales.due_soon_within)
        for name, clock in clocks_for(facts, timescales=timescales, calendar=calendar).items()
        if clock.started <= today
    }
