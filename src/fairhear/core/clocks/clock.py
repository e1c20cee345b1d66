"""A clock: a start, a limit and a completion or end date; read on a day, it says when the step is
due and how it stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from fairhear.core.calendar import WorkingDayCalendar, england_calendar
from fairhear.core.clocks.timescales import DayKind
from fairhear.core.dates import long_date


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
