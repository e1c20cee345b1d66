"""The clock of each step of the procedure, started from its event, with the procedure's limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from fairhear.core.calendar import WorkingDayCalendar, england_calendar
from fairhear.core.clocks.clock import Clock, ClockName
from fairhear.core.clocks.timescales import (
    CHILDREN_STATUTORY,
    CORPORATE,
    ProcedureTimescales,
    Stage2ClockStart,
    Timescale,
)


def _clock(
    name: ClockName,
    timescale: Timescale,
    started: date,
    *,
    completed: date | None,
    ended: date | None,
    extended: bool,
    calendar: WorkingDayCalendar | None,
) -> Clock:
    return Clock(
        name=name,
        started=started,
        limit=timescale.limit(extended=extended),
        day_kind=timescale.day_kind,
        extended=extended,
        completed=completed,
        ended=ended,
        calendar=calendar if calendar is not None else england_calendar(),
    )


def acknowledgement_clock(
    received: date,
    *,
    acknowledged: date | None = None,
    ended: date | None = None,
    timescales: ProcedureTimescales = CORPORATE,
    calendar: WorkingDayCalendar | None = None,
) -> Clock:
    """Acknowledge a complaint (corporate procedure: 5 working days from receipt)."""
    return _clock(
        ClockName.ACKNOWLEDGEMENT,
        timescales.require("acknowledgement"),
        received,
        completed=acknowledged,
        ended=ended,
        extended=False,
        calendar=calendar,
    )


def stage_one_reply_clock(
    received: date,
    *,
    replied: date | None = None,
    ended: date | None = None,
    extended: bool = False,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> Clock:
    """Stage 1 reply: 10 working days from receipt, 20 when extended."""
    return _clock(
        ClockName.STAGE_1_REPLY,
        timescales.stage_1_reply,
        received,
        completed=replied,
        ended=ended,
        extended=extended,
        calendar=calendar,
    )


def stage_two_request_window(
    stage_one_replied: date,
    *,
    requested: date | None = None,
    ended: date | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> Clock:
    """The complainant's window to ask for Stage 2: 20 working days after the Stage 1 reply."""
    return _clock(
        ClockName.STAGE_2_REQUEST,
        timescales.require("stage_2_request"),
        stage_one_replied,
        completed=requested,
        ended=ended,
        extended=False,
        calendar=calendar,
    )


def stage_two_clock(
    requested: date,
    *,
    statement_agreed: date | None = None,
    adjudicated: date | None = None,
    ended: date | None = None,
    extended: bool = False,
    start_from: Stage2ClockStart | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> Clock:
    """Stage 2 investigation and adjudication: 25 working days, 65 when extended.

    By default (the council's setting ``timescales.stage_2_clock_start``, or ``start_from``)
    it runs from the agreed statement of complaint when one is recorded, else from the request.
    """
    start_setting = start_from if start_from is not None else timescales.stage_2_clock_start
    started = requested
    if start_setting is Stage2ClockStart.STATEMENT_ELSE_REQUEST and statement_agreed is not None:
        started = statement_agreed
    return _clock(
        ClockName.STAGE_2,
        timescales.require("stage_2"),
        started,
        completed=adjudicated,
        ended=ended,
        extended=extended,
        calendar=calendar,
    )


def stage_two_ombudsman_clock(
    requested: date,
    *,
    adjudicated: date | None = None,
    ended: date | None = None,
    extended: bool = False,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> Clock:
    """The Ombudsman's view of Stage 2: the same limit, always counted from the request."""
    clock = stage_two_clock(
        requested,
        adjudicated=adjudicated,
        ended=ended,
        extended=extended,
        start_from=Stage2ClockStart.REQUEST,
        timescales=timescales,
        calendar=calendar,
    )
    return replace(clock, name=ClockName.STAGE_2_OMBUDSMAN_VIEW)


def statement_of_complaint_working_days(
    requested: date, statement_agreed: date, *, calendar: WorkingDayCalendar | None = None
) -> int:
    """Working days from the Stage 2 request to the agreed statement of complaint."""
    cal = calendar if calendar is not None else england_calendar()
    return cal.working_days_between(requested, statement_agreed)


def statement_of_complaint_took_too_long(
    requested: date,
    statement_agreed: date | None,
    *,
    today: date | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> bool:
    """Flag a Stage 2 statement of complaint that took more than 10 working days to agree.

    With no statement agreed yet, pass ``today``: the flag is raised once more than 10 working
    days have passed since the request (without ``today`` it is ``False``).
    """
    limit = timescales.require("statement_of_complaint").days
    if statement_agreed is None:
        if today is None:
            return False
        statement_agreed = today
    days = statement_of_complaint_working_days(requested, statement_agreed, calendar=calendar)
    return days > limit


def stage_three_request_window(
    adjudicated: date,
    *,
    requested: date | None = None,
    ended: date | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> Clock:
    """The complainant's window to ask for Stage 3: 20 working days after the adjudication."""
    return _clock(
        ClockName.STAGE_3_REQUEST,
        timescales.require("stage_3_request"),
        adjudicated,
        completed=requested,
        ended=ended,
        extended=False,
        calendar=calendar,
    )


def panel_clock(
    stage_three_requested: date,
    *,
    panel_held: date | None = None,
    ended: date | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> Clock:
    """Stage 3 review panel: held within 30 working days of the request."""
    return _clock(
        ClockName.STAGE_3_PANEL,
        timescales.require("stage_3_panel"),
        stage_three_requested,
        completed=panel_held,
        ended=ended,
        extended=False,
        calendar=calendar,
    )


def chair_report_clock(
    panel_held: date,
    *,
    report_sent: date | None = None,
    ended: date | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> Clock:
    """The panel chair's report: within 5 working days of the panel."""
    return _clock(
        ClockName.STAGE_3_CHAIR_REPORT,
        timescales.require("stage_3_chair_report"),
        panel_held,
        completed=report_sent,
        ended=ended,
        extended=False,
        calendar=calendar,
    )


def authority_response_clock(
    chair_report: date,
    *,
    responded: date | None = None,
    ended: date | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> Clock:
    """The authority's response to the panel: within 15 working days of the chair's report."""
    return _clock(
        ClockName.STAGE_3_RESPONSE,
        timescales.require("stage_3_response"),
        chair_report,
        completed=responded,
        ended=ended,
        extended=False,
        calendar=calendar,
    )


def lgsco_enquiry_clock(
    enquiry_received: date,
    *,
    due: date | None = None,
    replied: date | None = None,
    ended: date | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> Clock:
    """Reply to an Ombudsman enquiry: by the date it set, else 28 calendar days after receipt."""
    timescale = timescales.lgsco_enquiry
    return Clock(
        name=ClockName.LGSCO_ENQUIRY,
        started=enquiry_received,
        limit=None if due is not None else timescale.days,
        day_kind=timescale.day_kind,
        due_date=due,
        completed=replied,
        ended=ended,
        calendar=calendar if calendar is not None else england_calendar(),
    )


def enquiry_reply_clock(
    received: date,
    *,
    days: int,
    replied: date | None = None,
    ended: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Clock:
    """Reply to a councillor's or an MP's enquiry: within ``days`` working days of receipt.

    No statute sets this limit; each council chooses its own, and the reports judge enquiries
    in time by the same one.
    """
    return _clock(
        ClockName.ENQUIRY_REPLY,
        Timescale(days),
        received,
        completed=replied,
        ended=ended,
        extended=False,
        calendar=calendar,
    )
