"""Statutory clocks: for each step of a procedure, when it is due and how it stands on a date.

A :class:`Clock` has a start event (a date), a limit (a number of working or calendar days)
and, once the step is done, a completion date; or an end date when it stopped without being
done (the case was withdrawn, or closed). Reading a clock on any date gives a
:class:`ClockReading`: the due date, the days used and left, and a :class:`ClockStatus`.

Limits come from a :class:`ProcedureTimescales` (statutory children's defaults in
:data:`CHILDREN_STATUTORY`; the Ombudsman's corporate Complaint Handling Code defaults in
:data:`CORPORATE`), so a council can run its other procedures with the same clocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from fairhear.core.calendar import WorkingDayCalendar, england_calendar
from fairhear.core.dates import long_date

__all__ = [
    "CHILDREN_STATUTORY",
    "CORPORATE",
    "Clock",
    "ClockName",
    "ClockReading",
    "ClockStatus",
    "DayKind",
    "ProcedureTimescales",
    "Stage2ClockStart",
    "Timescale",
    "acknowledgement_clock",
    "authority_response_clock",
    "chair_report_clock",
    "enquiry_reply_clock",
    "lgsco_enquiry_clock",
    "panel_clock",
    "stage_one_reply_clock",
    "stage_three_request_window",
    "stage_two_clock",
    "stage_two_ombudsman_clock",
    "stage_two_request_window",
    "statement_of_complaint_took_too_long",
    "statement_of_complaint_working_days",
]


class DayKind(StrEnum):
    """What a clock counts."""

    WORKING = "working"
    CALENDAR = "calendar"


class ClockStatus(StrEnum):
    """How a clock stands on the date it is read.

    - ``running``: not done, and more than the due-soon threshold from the due date;
    - ``due_soon``: not done, due today or within the threshold (working days);
    - ``overdue``: not done, and the due date has passed;
    - ``met``: done on or before the due date;
    - ``missed``: done after the due date;
    - ``stopped``: ended without being done (the case was withdrawn or closed before this
      step), on or before the date read. A clock that was overdue when it stopped is still
      ``stopped``; its negative ``days_left`` shows by how much.

    For a *request window* (the 20 working days a complainant has to ask for the next stage)
    the same words read: ``met`` = asked in time, ``missed`` = asked out of time, ``overdue``
    = the window closed with no request, ``stopped`` = the window ended otherwise.
    """

    RUNNING = "running"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    MISSED = "missed"
    STOPPED = "stopped"

    @property
    def is_open(self) -> bool:
        """Whether the clock is still ticking (running, due soon or overdue)."""
        return self in (ClockStatus.RUNNING, ClockStatus.DUE_SOON, ClockStatus.OVERDUE)


class ClockName(StrEnum):
    """The clocks a procedure can run."""

    ACKNOWLEDGEMENT = "acknowledgement"
    STAGE_1_REPLY = "stage_1_reply"
    STAGE_2_REQUEST = "stage_2_request"
    STAGE_2 = "stage_2"
    STAGE_2_OMBUDSMAN_VIEW = "stage_2_ombudsman_view"
    STAGE_3_REQUEST = "stage_3_request"
    STAGE_3_PANEL = "stage_3_panel"
    STAGE_3_CHAIR_REPORT = "stage_3_chair_report"
    STAGE_3_RESPONSE = "stage_3_response"
    LGSCO_ENQUIRY = "lgsco_enquiry"
    ENQUIRY_REPLY = "enquiry_reply"


class Stage2ClockStart(StrEnum):
    """A council's setting: what starts the Stage 2 clock."""

    STATEMENT_ELSE_REQUEST = "statement_else_request"
    REQUEST = "request"


@dataclass(frozen=True, slots=True)
class Timescale:
    """A limit: ``days`` of ``day_kind``; ``extended_days`` when an extension is allowed."""

    days: int
    day_kind: DayKind = DayKind.WORKING
    extended_days: int | None = None

    def __post_init__(self) -> None:
        if self.days < 0:
            raise ValueError(f"a timescale cannot be negative ({self.days} days)")
        if self.extended_days is not None and self.extended_days < self.days:
            raise ValueError(
                f"an extended timescale ({self.extended_days} days) cannot be shorter than "
                f"the normal one ({self.days} days)"
            )

    def limit(self, *, extended: bool = False) -> int:
        """The limit in days, extended or not."""
        if not extended:
            return self.days
        if self.extended_days is None:
            raise ValueError(f"this timescale of {self.days} days cannot be extended")
        return self.extended_days


@dataclass(frozen=True, slots=True)
class ProcedureTimescales:
    """The limits of one complaints procedure; ``None`` where the procedure has no such step."""

    name: str
    stage_1_reply: Timescale
    acknowledgement: Timescale | None = None
    stage_2_request: Timescale | None = None
    stage_2: Timescale | None = None
    statement_of_complaint: Timescale | None = None
    stage_3_request: Timescale | None = None
    stage_3_panel: Timescale | None = None
    stage_3_chair_report: Timescale | None = None
    stage_3_response: Timescale | None = None
    lgsco_enquiry: Timescale = Timescale(28, DayKind.CALENDAR)
    stage_2_clock_start: Stage2ClockStart = Stage2ClockStart.STATEMENT_ELSE_REQUEST
    due_soon_within: int = 3
    late_complaint_months: int = 12

    def __post_init__(self) -> None:
        if self.due_soon_within < 0:
            raise ValueError("the due-soon threshold cannot be negative")

    def require(self, step: str) -> Timescale:
        """The timescale of ``step`` (a field name); ``ValueError`` when the procedure has none."""
        value = getattr(self, step, None)
        if not isinstance(value, Timescale):
            raise ValueError(f"the {self.name} procedure has no {step.replace('_', ' ')} step")
        return value


#: The Children Act 1989 representations procedure (England) and its guidance.
CHILDREN_STATUTORY = ProcedureTimescales(
    name="children's statutory",
    stage_1_reply=Timescale(10, extended_days=20),
    stage_2_request=Timescale(20),
    stage_2=Timescale(25, extended_days=65),
    statement_of_complaint=Timescale(10),
    stage_3_request=Timescale(20),
    stage_3_panel=Timescale(30),
    stage_3_chair_report=Timescale(5),
    stage_3_response=Timescale(15),
)

#: A council's corporate procedure under the Ombudsman's Complaint Handling Code (two stages);
#: councils set their own extensions and request window through their settings.
CORPORATE = ProcedureTimescales(
    name="corporate",
    acknowledgement=Timescale(5),
    stage_1_reply=Timescale(10),
    stage_2=Timescale(20),
    stage_2_clock_start=Stage2ClockStart.REQUEST,
)


@dataclass(frozen=True, slots=True)
class ClockReading:
    """A clock as it stands on ``today``.

    ``days_used`` counts from the start to ``today`` (or to the completion or end date when the
    clock stopped on or before ``today``); ``days_left`` counts from that same date to the due
    date and is negative past it. Both count the clock's ``day_kind``.
    """

    name: ClockName
    today: date
    status: ClockStatus
    started: date
    due: date
    day_kind: DayKind
    limit: int | None
    extended: bool
    days_used: int
    days_left: int
    completed: date | None
    ended: date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Clock:
    """One statutory clock. Completion or end dates after the date read are not yet known then.

    ``due_date`` overrides the computed due date (a deadline someone else set, such as the
    Ombudsman's); ``limit`` may then be ``None``.
    """

    name: ClockName
    started: date
    limit: int | None
    day_kind: DayKind = DayKind.WORKING
    extended: bool = False
    due_date: date | None = None
    completed: date | None = None
    ended: date | None = None
    calendar: WorkingDayCalendar = field(default_factory=england_calendar, repr=False)

    def __post_init__(self) -> None:
        if self.limit is None and self.due_date is None:
            raise ValueError(f"the {self.name} clock needs a limit or a due date")
        if self.limit is not None and self.limit < 0:
            raise ValueError(f"the {self.name} clock's limit cannot be negative")
        for label, value in (("completed", self.completed), ("ended", self.ended)):
            if value is not None and value < self.started:
                raise ValueError(
                    f"the {self.name} clock started on {long_date(self.started)} but is "
                    f"{label} on {long_date(value)}, before it started"
                )
        if self.due_date is not None and self.due_date < self.started:
            raise ValueError(
                f"the {self.name} clock's due date {long_date(self.due_date)} is before its "
                f"start {long_date(self.started)}"
            )

    @property
    def due(self) -> date:
        """The due date: on or before it is in time."""
        if self.due_date is not None:
            return self.due_date
        assert self.limit is not None  # enforced in __post_init__
        if self.day_kind is DayKind.CALENDAR:
            return self.started + timedelta(days=self.limit)
        return self.calendar.add_working_days(self.started, self.limit)

    def _count(self, start: date, end: date) -> int:
        if self.day_kind is DayKind.CALENDAR:
            return (end - start).days
        return self.calendar.working_days_between(start, end)

    def read(self, today: date, *, due_soon_within: int = 3) -> ClockReading:
        """The clock as it stands on ``today``.

        ``due_soon_within`` is in working days, whatever the clock counts: an open clock due
        within that many working days (due today included) is ``due_soon``.
        """
        if today < self.started:
            raise ValueError(
                f"the {self.name} clock starts on {long_date(self.started)}, after "
                f"{long_date(today)}, the date it was read on"
            )
        due = self.due
        completed = (
            self.completed if self.completed is not None and self.completed <= today else None
        )
        ended = self.ended if self.ended is not None and self.ended <= today else None
        if completed is not None and ended is not None:
            # Whichever came first decides; a completion on the day it ended counts as done.
            if ended < completed:
                completed = None
            else:
                ended = None
        if completed is not None:
            at = completed
            status = ClockStatus.MET if completed <= due else ClockStatus.MISSED
        elif ended is not None:
            at = ended
            status = ClockStatus.STOPPED
        else:
            at = today
            if today > due:
                status = ClockStatus.OVERDUE
            elif self.calendar.working_days_between(today, due) <= due_soon_within:
                status = ClockStatus.DUE_SOON
            else:
                status = ClockStatus.RUNNING
        return ClockReading(
            name=self.name,
            today=today,
            status=status,
            started=self.started,
            due=due,
            day_kind=self.day_kind,
            limit=self.limit,
            extended=self.extended,
            days_used=self._count(self.started, at),
            days_left=self._count(at, due),
            completed=completed,
            ended=ended,
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
