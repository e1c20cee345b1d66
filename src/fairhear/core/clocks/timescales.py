"""How long each step of a procedure may take: the statutory children's limits and the corporate
ones, as values a council can vary."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DayKind(StrEnum):
    """What a clock counts."""

    WORKING = "working"
    CALENDAR = "calendar"


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


class Stage2ClockStart(StrEnum):
    """A council's setting: what starts the Stage 2 clock."""

    STATEMENT_ELSE_REQUEST = "statement_else_request"
    REQUEST = "request"


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
