"""The rules of the statutory children's complaints procedure, as a small state machine.

The case is an immutable snapshot, :class:`CaseFacts`. Each transition has a pair of pure
functions: ``check_can_<transition>(facts, ...)`` raises :class:`ProcedureError` with a plain
English message when the step is not allowed, and ``<transition>(facts, ...)`` checks and then
returns the new snapshot. Nothing is saved here: the web application calls these before saving.

States and transitions (``allowed_transitions`` lists them)::

    received --start_stage_1--> stage_1 (extend_stage_1, reply_stage_1)
    stage_1 or closed --request_stage_2--> stage_2_requested
    stage_2_requested --accept_stage_2--> stage_2_accepted --start_stage_2--> stage_2
    stage_2_requested --decline_stage_2--> closed
    stage_2 (extend_stage_2, adjudicate_stage_2; extend also from stage_2_accepted)
    stage_2 or closed --request_stage_3--> stage_3_requested
    stage_3_requested --accept_stage_3--> stage_3_accepted --hold_panel--> stage_3
    stage_3_requested --decline_stage_3--> closed
    stage_3 (send_chair_report, respond_stage_3)
    stage_1, stage_2 or stage_3 --close--> closed (once that stage's reply has been sent)
    any open state --withdraw--> withdrawn
    any state --refer_to_lgsco--> the same state (a recorded event, never a block)

A closed case can still move to the next stage: a complainant has 20 working days to ask for
it (later, with the complaints manager's discretion), and closing a case after a reply does not
take that away. Being out of time never closes a case by itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from fairhear.core.calendar import WorkingDayCalendar, england_calendar
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
from fairhear.core.dates import long_date

__all__ = [
    "OPEN_STATES",
    "TRANSITIONS",
    "CaseFacts",
    "CaseState",
    "DeclineReason",
    "Discretion",
    "Extension",
    "PanelMember",
    "ProcedureError",
    "Transition",
    "accept_stage_three",
    "accept_stage_two",
    "adjudicate_stage_two",
    "allowed_transitions",
    "check_can_accept_stage_three",
    "check_can_accept_stage_two",
    "check_can_adjudicate_stage_two",
    "check_can_close",
    "check_can_decline_stage_three",
    "check_can_decline_stage_two",
    "check_can_extend_stage_one",
    "check_can_extend_stage_two",
    "check_can_hold_panel",
    "check_can_refer_to_lgsco",
    "check_can_reply_stage_one",
    "check_can_request_stage_three",
    "check_can_request_stage_two",
    "check_can_respond_stage_three",
    "check_can_send_chair_report",
    "check_can_start_stage_one",
    "check_can_start_stage_two",
    "check_can_withdraw",
    "clocks_for",
    "close",
    "complaint_is_late",
    "decline_stage_three",
    "decline_stage_two",
    "extend_stage_one",
    "extend_stage_two",
    "hold_panel",
    "panel_problems",
    "read_clocks",
    "refer_to_lgsco",
    "reply_stage_one",
    "request_stage_three",
    "request_stage_two",
    "respond_stage_three",
    "send_chair_report",
    "stage_one_entitles_stage_two",
    "stage_three_request_is_out_of_time",
    "stage_two_request_is_out_of_time",
    "start_stage_one",
    "start_stage_two",
    "validate_panel",
    "withdraw",
]


class ProcedureError(ValueError):
    """A step the procedure does not allow; the message says why, in plain English."""


class CaseState(StrEnum):
    """Where a complaint stands in the procedure."""

    RECEIVED = "received"
    STAGE_1 = "stage_1"
    STAGE_2_REQUESTED = "stage_2_requested"
    STAGE_2_ACCEPTED = "stage_2_accepted"
    STAGE_2 = "stage_2"
    STAGE_3_REQUESTED = "stage_3_requested"
    STAGE_3_ACCEPTED = "stage_3_accepted"
    STAGE_3 = "stage_3"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class Transition(StrEnum):
    """The steps that move a complaint on (or record an event in its current state)."""

    START_STAGE_1 = "start_stage_1"
    EXTEND_STAGE_1 = "extend_stage_1"
    REPLY_STAGE_1 = "reply_stage_1"
    REQUEST_STAGE_2 = "request_stage_2"
    ACCEPT_STAGE_2 = "accept_stage_2"
    DECLINE_STAGE_2 = "decline_stage_2"
    START_STAGE_2 = "start_stage_2"
    EXTEND_STAGE_2 = "extend_stage_2"
    ADJUDICATE_STAGE_2 = "adjudicate_stage_2"
    REQUEST_STAGE_3 = "request_stage_3"
    ACCEPT_STAGE_3 = "accept_stage_3"
    DECLINE_STAGE_3 = "decline_stage_3"
    HOLD_PANEL = "hold_panel"
    SEND_CHAIR_REPORT = "send_chair_report"
    RESPOND_STAGE_3 = "respond_stage_3"
    CLOSE = "close"
    WITHDRAW = "withdraw"
    REFER_TO_LGSCO = "refer_to_lgsco"


class DeclineReason(StrEnum):
    """The lawful reasons to decline a request for Stage 2 or Stage 3 (there are no others)."""

    NOT_ELIGIBLE = "not_eligible"
    OUT_OF_SCOPE = "out_of_scope"
    OUT_OF_TIME = "out_of_time"
    LEGAL_PROCEEDINGS = "legal_proceedings"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        """The reason in words."""
        return _DECLINE_LABELS[self]


_DECLINE_LABELS: Mapping[DeclineReason, str] = {
    DeclineReason.NOT_ELIGIBLE: "not eligible",
    DeclineReason.OUT_OF_SCOPE: "out of scope",
    DeclineReason.OUT_OF_TIME: "out of time after discretion was considered",
    DeclineReason.LEGAL_PROCEEDINGS: "legal proceedings",
    DeclineReason.WITHDRAWN: "withdrawn",
}

#: States in which the complaint is still being handled (withdrawal is possible).
OPEN_STATES: frozenset[CaseState] = frozenset(CaseState) - {CaseState.CLOSED, CaseState.WITHDRAWN}

#: Each transition: the states it may start from, and the state it leads to (``None``: the
#: case stays in the state it is in, the step being recorded as an event).
TRANSITIONS: Mapping[Transition, tuple[frozenset[CaseState], CaseState | None]] = {
    Transition.START_STAGE_1: (frozenset({CaseState.RECEIVED}), CaseState.STAGE_1),
    Transition.EXTEND_STAGE_1: (frozenset({CaseState.STAGE_1}), None),
    Transition.REPLY_STAGE_1: (frozenset({CaseState.STAGE_1}), None),
    Transition.REQUEST_STAGE_2: (
        frozenset({CaseState.STAGE_1, CaseState.CLOSED}),
        CaseState.STAGE_2_REQUESTED,
    ),
    Transition.ACCEPT_STAGE_2: (
        frozenset({CaseState.STAGE_2_REQUESTED}),
        CaseState.STAGE_2_ACCEPTED,
    ),
    Transition.DECLINE_STAGE_2: (frozenset({CaseState.STAGE_2_REQUESTED}), CaseState.CLOSED),
    Transition.START_STAGE_2: (frozenset({CaseState.STAGE_2_ACCEPTED}), CaseState.STAGE_2),
    Transition.EXTEND_STAGE_2: (
        frozenset({CaseState.STAGE_2_ACCEPTED, CaseState.STAGE_2}),
        None,
    ),
    Transition.ADJUDICATE_STAGE_2: (frozenset({CaseState.STAGE_2}), None),
    Transition.REQUEST_STAGE_3: (
        frozenset({CaseState.STAGE_2, CaseState.CLOSED}),
        CaseState.STAGE_3_REQUESTED,
    ),
    Transition.ACCEPT_STAGE_3: (
        frozenset({CaseState.STAGE_3_REQUESTED}),
        CaseState.STAGE_3_ACCEPTED,
    ),
    Transition.DECLINE_STAGE_3: (frozenset({CaseState.STAGE_3_REQUESTED}), CaseState.CLOSED),
    Transition.HOLD_PANEL: (frozenset({CaseState.STAGE_3_ACCEPTED}), CaseState.STAGE_3),
    Transition.SEND_CHAIR_REPORT: (frozenset({CaseState.STAGE_3}), None),
    Transition.RESPOND_STAGE_3: (frozenset({CaseState.STAGE_3}), None),
    Transition.CLOSE: (
        frozenset({CaseState.STAGE_1, CaseState.STAGE_2, CaseState.STAGE_3}),
        CaseState.CLOSED,
    ),
    Transition.WITHDRAW: (OPEN_STATES, CaseState.WITHDRAWN),
    Transition.REFER_TO_LGSCO: (frozenset(CaseState), None),
}

_STATE_WORDS: Mapping[CaseState, str] = {
    CaseState.RECEIVED: "received and not yet a Stage 1 complaint",
    CaseState.STAGE_1: "at Stage 1",
    CaseState.STAGE_2_REQUESTED: "waiting for a decision on a Stage 2 request",
    CaseState.STAGE_2_ACCEPTED: "accepted for Stage 2, with the statement of complaint to agree",
    CaseState.STAGE_2: "at Stage 2",
    CaseState.STAGE_3_REQUESTED: "waiting for a decision on a Stage 3 request",
    CaseState.STAGE_3_ACCEPTED: "accepted for Stage 3, with the review panel to hold",
    CaseState.STAGE_3: "at Stage 3",
    CaseState.CLOSED: "closed",
    CaseState.WITHDRAWN: "withdrawn",
}

_TRANSITION_WORDS: Mapping[Transition, str] = {
    Transition.START_STAGE_1: "start Stage 1",
    Transition.EXTEND_STAGE_1: "extend Stage 1",
    Transition.REPLY_STAGE_1: "record the Stage 1 reply",
    Transition.REQUEST_STAGE_2: "record a request for Stage 2",
    Transition.ACCEPT_STAGE_2: "accept the Stage 2 request",
    Transition.DECLINE_STAGE_2: "decline the Stage 2 request",
    Transition.START_STAGE_2: "start the Stage 2 investigation",
    Transition.EXTEND_STAGE_2: "extend Stage 2",
    Transition.ADJUDICATE_STAGE_2: "record the Stage 2 adjudication",
    Transition.REQUEST_STAGE_3: "record a request for Stage 3",
    Transition.ACCEPT_STAGE_3: "accept the Stage 3 request",
    Transition.DECLINE_STAGE_3: "decline the Stage 3 request",
    Transition.HOLD_PANEL: "record the review panel",
    Transition.SEND_CHAIR_REPORT: "record the panel chair's report",
    Transition.RESPOND_STAGE_3: "record the authority's response to the panel",
    Transition.CLOSE: "close the case",
    Transition.WITHDRAW: "withdraw the complaint",
    Transition.REFER_TO_LGSCO: "record a referral to the Ombudsman",
}


def allowed_transitions(state: CaseState) -> tuple[Transition, ...]:
    """The transitions the state machine allows from ``state`` (their checks may still refuse)."""
    return tuple(t for t, (sources, _) in TRANSITIONS.items() if state in sources)


# --------------------------------------------------------------------------- value objects


@dataclass(frozen=True, slots=True)
class Discretion:
    """The complaints manager's reasoned decision on a late complaint or a late request.

    ``accepted`` is the decision: True to consider it despite being out of time.
    """

    decided_on: date
    reason: str
    accepted: bool
    decided_by: str = ""


@dataclass(frozen=True, slots=True)
class Extension:
    """An extension of a stage's timescale. Never silent: a reason, a date, the complainant told.

    ``new_due`` is the date the complainant was told, when one was given; a date past the
    procedure's extended limit needs the complainant's agreement.
    """

    decided_on: date
    reason: str
    complainant_told: bool
    complainant_agreed: bool = False
    new_due: date | None = None


@dataclass(frozen=True, slots=True)
class PanelMember:
    """A proposed member of a Stage 3 review panel (``id`` identifies the person)."""

    id: str
    name: str
    is_independent: bool
    is_chair: bool = False
    is_councillor: bool = False
    is_staff: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseFacts:
    """An immutable snapshot of one complaint: its state and the dates of what has happened."""

    received: date
    state: CaseState = CaseState.RECEIVED
    matter_date: date | None = None
    late_complaint_discretion: Discretion | None = None
    stage_1_started: date | None = None
    stage_1_extension: Extension | None = None
    stage_1_replied: date | None = None
    stage_2_requested: date | None = None
    stage_2_request_discretion: Discretion | None = None
    stage_2_accepted: date | None = None
    stage_2_declined: date | None = None
    stage_2_decline_reason: DeclineReason | None = None
    stage_2_decline_explanation: str = ""
    stage_2_statement_agreed: date | None = None
    stage_2_independent_person: str | None = None
    stage_2_extension: Extension | None = None
    stage_2_adjudicated: date | None = None
    stage_3_requested: date | None = None
    stage_3_request_discretion: Discretion | None = None
    stage_3_accepted: date | None = None
    stage_3_declined: date | None = None
    stage_3_decline_reason: DeclineReason | None = None
    stage_3_decline_explanation: str = ""
    stage_3_panel: tuple[PanelMember, ...] = ()
    stage_3_panel_held: date | None = None
    stage_3_chair_report: date | None = None
    stage_3_responded: date | None = None
    closed: date | None = None
    withdrawn: date | None = None
    lgsco_referrals: tuple[date, ...] = ()

    @property
    def is_open(self) -> bool:
        """Whether the complaint is still being handled."""
        return self.state in OPEN_STATES

    @property
    def lgsco_referred(self) -> bool:
        """Whether the complaint has been referred to the Ombudsman."""
        return bool(self.lgsco_referrals)


# ----------------------------------------------------------------------------- helpers


def _refuse(message: str) -> ProcedureError:
    return ProcedureError(message)


def _require_state(facts: CaseFacts, transition: Transition) -> None:
    sources, _ = TRANSITIONS[transition]
    if facts.state not in sources:
        raise _refuse(
            f"Cannot {_TRANSITION_WORDS[transition]}: the case is {_STATE_WORDS[facts.state]}."
        )


def _not_before(on: date, earlier: date | None, what: str, event: str) -> None:
    if earlier is not None and on < earlier:
        raise _refuse(
            f"{what} cannot be dated {long_date(on)}, before {event} on {long_date(earlier)}."
        )


def _cal(calendar: WorkingDayCalendar | None) -> WorkingDayCalendar:
    return calendar if calendar is not None else england_calendar()


def _check_discretion(discretion: Discretion, *, not_before: date, what: str) -> None:
    if not discretion.reason.strip():
        raise _refuse(
            f"A decision on discretion for {what} needs its reasons recorded: the Ombudsman "
            "expects a reasoned decision."
        )
    _not_before(discretion.decided_on, not_before, "The decision on discretion", what)


def _check_extension(
    extension: Extension,
    *,
    stage: str,
    started: date,
    extended_due: date,
    extended_days: int,
) -> None:
    if not extension.reason.strip():
        raise _refuse(f"An extension of {stage} needs a reason: record why more time is needed.")
    if not extension.complainant_told:
        raise _refuse(
            f"Extensions are never silent: tell the complainant about the extension of {stage} "
            "and the new date before recording it."
        )
    _not_before(extension.decided_on, started, f"The extension of {stage}", "the stage started")
    if extension.new_due is not None:
        _not_before(extension.new_due, extension.decided_on, "The new due date", "the extension")
        if extension.new_due > extended_due and not extension.complainant_agreed:
            raise _refuse(
                f"An extension of {stage} beyond {extended_days} working days (to "
                f"{long_date(extension.new_due)}) needs the complainant's agreement."
            )


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - date(year, month, 1)).days
    return date(year, month, min(day.day, last_day))


def _lawful_reason(reason: DeclineReason | str, stage: str) -> DeclineReason:
    if isinstance(reason, DeclineReason):
        return reason
    code = reason.strip().lower().replace(" ", "_").replace("-", "_")
    for candidate in DeclineReason:
        if code in (candidate.value, candidate.label.replace(" ", "_")):
            return candidate
    lawful = "; ".join(r.label for r in DeclineReason)
    raise _refuse(
        f"{reason.strip()!r} is not a lawful reason to decline {stage}. The lawful reasons are: "
        f"{lawful}. The Ombudsman treats declining for any other reason as fault."
    )


# -------------------------------------------------------------------------------- Stage 1


def complaint_is_late(
    facts: CaseFacts, *, timescales: ProcedureTimescales = CHILDREN_STATUTORY
) -> bool:
    """Whether the complaint came more than 12 months (the setting) after the matter."""
    if facts.matter_date is None:
        return False
    return facts.received > _add_months(facts.matter_date, timescales.late_complaint_months)


def check_can_start_stage_one(
    facts: CaseFacts,
    *,
    on: date,
    discretion: Discretion | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
) -> None:
    """A statutory complaint enters Stage 1. A late complaint needs the manager's discretion."""
    _require_state(facts, Transition.START_STAGE_1)
    _not_before(on, facts.received, "Stage 1", "the complaint was received")
    if not complaint_is_late(facts, timescales=timescales):
        return
    assert facts.matter_date is not None
    decision = discretion if discretion is not None else facts.late_complaint_discretion
    months = timescales.late_complaint_months
    if decision is None:
        raise _refuse(
            f"The complaint was made on {long_date(facts.received)}, more than {months} months "
            f"after the matter complained about ({long_date(facts.matter_date)}): it is out of "
            "time unless the complaints manager records a reasoned decision to use discretion "
            "to consider it."
        )
    _check_discretion(decision, not_before=facts.received, what="a late complaint")
    if not decision.accepted:
        raise _refuse(
            f"The complaints manager decided on {long_date(decision.decided_on)} not to use "
            f"discretion for this complaint made more than {months} months after the matter, so "
            "it cannot start Stage 1."
        )


def start_stage_one(
    facts: CaseFacts,
    *,
    on: date,
    discretion: Discretion | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
) -> CaseFacts:
    """Start Stage 1 (local resolution)."""
    check_can_start_stage_one(facts, on=on, discretion=discretion, timescales=timescales)
    return replace(
        facts,
        state=CaseState.STAGE_1,
        stage_1_started=on,
        late_complaint_discretion=discretion or facts.late_complaint_discretion,
    )


def check_can_extend_stage_one(
    facts: CaseFacts,
    extension: Extension,
    *,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> None:
    """Stage 1 can be extended once (10 to 20 working days), with a reason, the complainant told."""
    _require_state(facts, Transition.EXTEND_STAGE_1)
    if facts.stage_1_replied is not None:
        raise _refuse(
            f"Stage 1 was replied to on {long_date(facts.stage_1_replied)}: it can no longer "
            "be extended."
        )
    if facts.stage_1_extension is not None:
        raise _refuse(
            f"Stage 1 was already extended on {long_date(facts.stage_1_extension.decided_on)}."
        )
    timescale = timescales.stage_1_reply
    if timescale.extended_days is None:
        raise _refuse(f"The {timescales.name} procedure does not allow Stage 1 to be extended.")
    extended_due = _cal(calendar).add_working_days(facts.received, timescale.extended_days)
    _check_extension(
        extension,
        stage="Stage 1",
        started=facts.received,
        extended_due=extended_due,
        extended_days=timescale.extended_days,
    )


def extend_stage_one(
    facts: CaseFacts,
    extension: Extension,
    *,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> CaseFacts:
    """Record an extension of Stage 1."""
    check_can_extend_stage_one(facts, extension, timescales=timescales, calendar=calendar)
    return replace(facts, stage_1_extension=extension)


def check_can_reply_stage_one(facts: CaseFacts, *, on: date) -> None:
    """The Stage 1 reply is sent once, after the complaint was received."""
    _require_state(facts, Transition.REPLY_STAGE_1)
    if facts.stage_1_replied is not None:
        raise _refuse(f"The Stage 1 reply was already sent on {long_date(facts.stage_1_replied)}.")
    _not_before(on, facts.received, "The Stage 1 reply", "the complaint was received")


def reply_stage_one(facts: CaseFacts, *, on: date) -> CaseFacts:
    """Record the Stage 1 reply (the case stays at Stage 1 until closed or escalated)."""
    check_can_reply_stage_one(facts, on=on)
    return replace(facts, stage_1_replied=on)


def stage_one_entitles_stage_two(
    facts: CaseFacts,
    *,
    on: date,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> bool:
    """Whether, with no Stage 1 reply yet, the complainant may go straight to Stage 2 on ``on``.

    They may once 20 working days (the extended Stage 1 limit) have passed since receipt,
    unless the complainant agreed to an extension that runs past ``on``.
    """
    if facts.stage_1_replied is not None and facts.stage_1_replied <= on:
        return False
    timescale = timescales.stage_1_reply
    longest = timescale.extended_days if timescale.extended_days is not None else timescale.days
    if _cal(calendar).working_days_between(facts.received, on) <= longest:
        return False
    extension = facts.stage_1_extension
    agreed_until = (
        extension.new_due
        if extension is not None and extension.complainant_agreed and extension.new_due
        else None
    )
    return agreed_until is None or on > agreed_until


# -------------------------------------------------------------------------------- Stage 2


def _request_window_days(timescales: ProcedureTimescales, step: str) -> int | None:
    value = getattr(timescales, step)
    return value.days if value is not None else None


def stage_two_request_is_out_of_time(
    facts: CaseFacts,
    *,
    on: date | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> bool:
    """Whether a Stage 2 request (on ``on``, default the recorded request) is out of time.

    Only a request after a Stage 1 reply can be: the window is 20 working days from the reply.
    """
    requested = on if on is not None else facts.stage_2_requested
    window = _request_window_days(timescales, "stage_2_request")
    if requested is None or facts.stage_1_replied is None or window is None:
        return False
    if requested < facts.stage_1_replied:
        return False
    return _cal(calendar).working_days_between(facts.stage_1_replied, requested) > window


def check_can_request_stage_two(
    facts: CaseFacts,
    *,
    on: date,
    discretion: Discretion | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> None:
    """A request for Stage 2: after the Stage 1 reply (or once Stage 1 has run out of time).

    A request after the 20-working-day window needs a recorded decision on discretion; the
    decision may be not to accept it (then decline the request as out of time).
    """
    if timescales.stage_2 is None:
        raise _refuse(f"The {timescales.name} procedure has no Stage 2.")
    if facts.stage_2_requested is not None and facts.state in (
        CaseState.CLOSED,
        CaseState.STAGE_2_REQUESTED,
    ):
        raise _refuse(f"Stage 2 was already requested on {long_date(facts.stage_2_requested)}.")
    _require_state(facts, Transition.REQUEST_STAGE_2)
    _not_before(on, facts.received, "A request for Stage 2", "the complaint was received")
    replied = facts.stage_1_replied
    if replied is None or on < replied:
        if facts.state is CaseState.CLOSED:
            raise _refuse("Stage 2 cannot be requested: the case closed without a Stage 1 reply.")
        if stage_one_entitles_stage_two(facts, on=on, timescales=timescales, calendar=calendar):
            return
        used = _cal(calendar).working_days_between(facts.received, on)
        longest = timescales.stage_1_reply.extended_days or timescales.stage_1_reply.days
        extension = facts.stage_1_extension
        agreed = ""
        if extension is not None and extension.complainant_agreed and extension.new_due:
            agreed = f" The complainant agreed to extend Stage 1 to {long_date(extension.new_due)}."
        raise _refuse(
            "Stage 2 cannot start before the Stage 1 reply has been sent, unless the "
            f"{longest} working days have passed without an agreed extension ({long_date(on)} "
            f"is working day {used} after the complaint was received on "
            f"{long_date(facts.received)}).{agreed}"
        )
    if not stage_two_request_is_out_of_time(facts, on=on, timescales=timescales, calendar=calendar):
        return
    window = _request_window_days(timescales, "stage_2_request")
    late_by = _cal(calendar).working_days_between(replied, on)
    decision = discretion if discretion is not None else facts.stage_2_request_discretion
    if decision is None:
        raise _refuse(
            f"The request for Stage 2 on {long_date(on)} is out of time: it came {late_by} "
            f"working days after the Stage 1 reply on {long_date(replied)}, outside the "
            f"{window}-working-day window. It can be recorded once the complaints manager "
            "records a reasoned decision on discretion (to accept it or not); being out of time "
            "does not close the case by itself."
        )
    _check_discretion(decision, not_before=on, what="a late request for Stage 2")


def request_stage_two(
    facts: CaseFacts,
    *,
    on: date,
    discretion: Discretion | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> CaseFacts:
    """Record a request for Stage 2 (a closed case reopens)."""
    check_can_request_stage_two(
        facts, on=on, discretion=discretion, timescales=timescales, calendar=calendar
    )
    return replace(
        facts,
        state=CaseState.STAGE_2_REQUESTED,
        stage_2_requested=on,
        stage_2_request_discretion=discretion or facts.stage_2_request_discretion,
        closed=None,
    )


def _check_accept(
    *,
    stage: str,
    requested: date | None,
    on: date,
    out_of_time: bool,
    decision: Discretion | None,
) -> None:
    assert requested is not None
    _not_before(on, requested, f"Accepting {stage}", "the request")
    if not out_of_time:
        return
    if decision is None:
        raise _refuse(
            f"The {stage} request was out of time: it can be accepted only once the complaints "
            "manager records a reasoned decision to use discretion."
        )
    if not decision.accepted:
        raise _refuse(
            f"The {stage} request was out of time and the complaints manager decided on "
            f"{long_date(decision.decided_on)} not to use discretion: it cannot be accepted. "
            f"Decline it as {DeclineReason.OUT_OF_TIME.label}."
        )


def _check_decline(
    *,
    stage: str,
    requested: date | None,
    on: date,
    reason: DeclineReason | str,
    explanation: str,
    out_of_time: bool,
    decision: Discretion | None,
) -> DeclineReason:
    assert requested is not None
    lawful = _lawful_reason(reason, stage)
    if not explanation.strip():
        raise _refuse(
            f"Record why the {stage} request is declined: the complainant is told, and that "
            "they can go to the Ombudsman."
        )
    _not_before(on, requested, f"Declining {stage}", "the request")
    if lawful is DeclineReason.OUT_OF_TIME:
        if not out_of_time:
            raise _refuse(
                f"The {stage} request was made within its 20-working-day window, so it cannot "
                "be declined as out of time."
            )
        if decision is None:
            raise _refuse(
                f"A late {stage} request can be declined as out of time only after the "
                "complaints manager has considered discretion and recorded a reasoned decision."
            )
        if decision.accepted:
            raise _refuse(
                f"The complaints manager used discretion on {long_date(decision.decided_on)} to "
                f"accept the late {stage} request: it cannot then be declined as out of time."
            )
    return lawful


def check_can_accept_stage_two(
    facts: CaseFacts,
    *,
    on: date,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> None:
    """Accept a Stage 2 request; a late one only with the manager's discretion to accept."""
    _require_state(facts, Transition.ACCEPT_STAGE_2)
    _check_accept(
        stage="Stage 2",
        requested=facts.stage_2_requested,
        on=on,
        out_of_time=stage_two_request_is_out_of_time(
            facts, timescales=timescales, calendar=calendar
        ),
        decision=facts.stage_2_request_discretion,
    )


def accept_stage_two(
    facts: CaseFacts,
    *,
    on: date,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> CaseFacts:
    """Accept the request: the statement of complaint is then agreed with the complainant."""
    check_can_accept_stage_two(facts, on=on, timescales=timescales, calendar=calendar)
    return replace(facts, state=CaseState.STAGE_2_ACCEPTED, stage_2_accepted=on)


def check_can_decline_stage_two(
    facts: CaseFacts,
    *,
    on: date,
    reason: DeclineReason | str,
    explanation: str,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> None:
    """Decline a Stage 2 request: only for a lawful reason, and saying why."""
    _require_state(facts, Transition.DECLINE_STAGE_2)
    _check_decline(
        stage="Stage 2",
        requested=facts.stage_2_requested,
        on=on,
        reason=reason,
        explanation=explanation,
        out_of_time=stage_two_request_is_out_of_time(
            facts, timescales=timescales, calendar=calendar
        ),
        decision=facts.stage_2_request_discretion,
    )


def decline_stage_two(
    facts: CaseFacts,
    *,
    on: date,
    reason: DeclineReason | str,
    explanation: str,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> CaseFacts:
    """Decline the request; the case closes (the complainant is told they can go to the LGSCO)."""
    check_can_decline_stage_two(
        facts,
        on=on,
        reason=reason,
        explanation=explanation,
        timescales=timescales,
        calendar=calendar,
    )
    return replace(
        facts,
        state=CaseState.CLOSED,
        stage_2_declined=on,
        stage_2_decline_reason=_lawful_reason(reason, "Stage 2"),
        stage_2_decline_explanation=explanation.strip(),
        closed=on,
    )


def check_can_start_stage_two(facts: CaseFacts, *, statement_agreed: date) -> None:
    """The investigation starts when the statement of complaint is agreed."""
    _require_state(facts, Transition.START_STAGE_2)
    _not_before(
        statement_agreed, facts.stage_2_requested, "The statement of complaint", "the request"
    )


def start_stage_two(
    facts: CaseFacts, *, statement_agreed: date, independent_person: str | None = None
) -> CaseFacts:
    """Record the agreed statement of complaint (and the independent person, by id)."""
    check_can_start_stage_two(facts, statement_agreed=statement_agreed)
    return replace(
        facts,
        state=CaseState.STAGE_2,
        stage_2_statement_agreed=statement_agreed,
        stage_2_independent_person=independent_person or facts.stage_2_independent_person,
    )


def check_can_extend_stage_two(
    facts: CaseFacts,
    extension: Extension,
    *,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> None:
    """Stage 2 can be extended once (25 to 65 working days), with a reason, complainant told."""
    _require_state(facts, Transition.EXTEND_STAGE_2)
    if facts.stage_2_adjudicated is not None:
        raise _refuse(
            f"The Stage 2 adjudication was sent on {long_date(facts.stage_2_adjudicated)}: "
            "Stage 2 can no longer be extended."
        )
    if facts.stage_2_extension is not None:
        raise _refuse(
            f"Stage 2 was already extended on {long_date(facts.stage_2_extension.decided_on)}."
        )
    timescale = timescales.require("stage_2")
    if timescale.extended_days is None:
        raise _refuse(f"The {timescales.name} procedure does not allow Stage 2 to be extended.")
    assert facts.stage_2_requested is not None
    clock = _stage_two_clock(facts, timescales=timescales, calendar=calendar, extended=True)
    _check_extension(
        extension,
        stage="Stage 2",
        started=facts.stage_2_requested,
        extended_due=clock.due,
        extended_days=timescale.extended_days,
    )


def extend_stage_two(
    facts: CaseFacts,
    extension: Extension,
    *,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> CaseFacts:
    """Record an extension of Stage 2."""
    check_can_extend_stage_two(facts, extension, timescales=timescales, calendar=calendar)
    return replace(facts, stage_2_extension=extension)


def check_can_adjudicate_stage_two(facts: CaseFacts, *, on: date) -> None:
    """The adjudicating officer's reply follows the agreed statement of complaint."""
    _require_state(facts, Transition.ADJUDICATE_STAGE_2)
    if facts.stage_2_adjudicated is not None:
        raise _refuse(
            f"The Stage 2 adjudication was already sent on {long_date(facts.stage_2_adjudicated)}."
        )
    _not_before(
        on, facts.stage_2_statement_agreed, "The adjudication", "the statement of complaint"
    )


def adjudicate_stage_two(facts: CaseFacts, *, on: date) -> CaseFacts:
    """Record the Stage 2 adjudication (the authority's decision sent to the complainant)."""
    check_can_adjudicate_stage_two(facts, on=on)
    return replace(facts, stage_2_adjudicated=on)


# -------------------------------------------------------------------------------- Stage 3


def stage_three_request_is_out_of_time(
    facts: CaseFacts,
    *,
    on: date | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> bool:
    """Whether a Stage 3 request (on ``on``, default the recorded one) is past its window."""
    requested = on if on is not None else facts.stage_3_requested
    window = _request_window_days(timescales, "stage_3_request")
    adjudicated = facts.stage_2_adjudicated
    if requested is None or adjudicated is None or window is None or requested < adjudicated:
        return False
    return _cal(calendar).working_days_between(adjudicated, requested) > window


def check_can_request_stage_three(
    facts: CaseFacts,
    *,
    on: date,
    discretion: Discretion | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> None:
    """A request for Stage 3: after the adjudication, within 20 working days or with discretion."""
    if timescales.stage_3_panel is None:
        raise _refuse(f"The {timescales.name} procedure has no Stage 3.")
    if facts.stage_3_requested is not None and facts.state in (
        CaseState.CLOSED,
        CaseState.STAGE_3_REQUESTED,
    ):
        raise _refuse(f"Stage 3 was already requested on {long_date(facts.stage_3_requested)}.")
    _require_state(facts, Transition.REQUEST_STAGE_3)
    adjudicated = facts.stage_2_adjudicated
    if adjudicated is None:
        raise _refuse("Stage 3 cannot be requested before the Stage 2 adjudication has been sent.")
    _not_before(on, adjudicated, "A request for Stage 3", "the Stage 2 adjudication")
    if not stage_three_request_is_out_of_time(
        facts, on=on, timescales=timescales, calendar=calendar
    ):
        return
    window = _request_window_days(timescales, "stage_3_request")
    late_by = _cal(calendar).working_days_between(adjudicated, on)
    decision = discretion if discretion is not None else facts.stage_3_request_discretion
    if decision is None:
        raise _refuse(
            f"The request for Stage 3 on {long_date(on)} is out of time: it came {late_by} "
            f"working days after the Stage 2 adjudication on {long_date(adjudicated)}, outside "
            f"the {window}-working-day window. It can be recorded once the complaints manager "
            "records a reasoned decision on discretion (to accept it or not); being out of time "
            "does not close the case by itself."
        )
    _check_discretion(decision, not_before=on, what="a late request for Stage 3")


def request_stage_three(
    facts: CaseFacts,
    *,
    on: date,
    discretion: Discretion | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> CaseFacts:
    """Record a request for Stage 3 (a closed case reopens)."""
    check_can_request_stage_three(
        facts, on=on, discretion=discretion, timescales=timescales, calendar=calendar
    )
    return replace(
        facts,
        state=CaseState.STAGE_3_REQUESTED,
        stage_3_requested=on,
        stage_3_request_discretion=discretion or facts.stage_3_request_discretion,
        closed=None,
    )


def check_can_accept_stage_three(
    facts: CaseFacts,
    *,
    on: date,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> None:
    """Accept a Stage 3 request; a late one only with the manager's discretion to accept."""
    _require_state(facts, Transition.ACCEPT_STAGE_3)
    _check_accept(
        stage="Stage 3",
        requested=facts.stage_3_requested,
        on=on,
        out_of_time=stage_three_request_is_out_of_time(
            facts, timescales=timescales, calendar=calendar
        ),
        decision=facts.stage_3_request_discretion,
    )


def accept_stage_three(
    facts: CaseFacts,
    *,
    on: date,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> CaseFacts:
    """Accept the request: a review panel is then convened."""
    check_can_accept_stage_three(facts, on=on, timescales=timescales, calendar=calendar)
    return replace(facts, state=CaseState.STAGE_3_ACCEPTED, stage_3_accepted=on)


def check_can_decline_stage_three(
    facts: CaseFacts,
    *,
    on: date,
    reason: DeclineReason | str,
    explanation: str,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> None:
    """Decline a Stage 3 request: only for a lawful reason, and saying why."""
    _require_state(facts, Transition.DECLINE_STAGE_3)
    _check_decline(
        stage="Stage 3",
        requested=facts.stage_3_requested,
        on=on,
        reason=reason,
        explanation=explanation,
        out_of_time=stage_three_request_is_out_of_time(
            facts, timescales=timescales, calendar=calendar
        ),
        decision=facts.stage_3_request_discretion,
    )


def decline_stage_three(
    facts: CaseFacts,
    *,
    on: date,
    reason: DeclineReason | str,
    explanation: str,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> CaseFacts:
    """Decline the request; the case closes."""
    check_can_decline_stage_three(
        facts,
        on=on,
        reason=reason,
        explanation=explanation,
        timescales=timescales,
        calendar=calendar,
    )
    return replace(
        facts,
        state=CaseState.CLOSED,
        stage_3_declined=on,
        stage_3_decline_reason=_lawful_reason(reason, "Stage 3"),
        stage_3_decline_explanation=explanation.strip(),
        closed=on,
    )


def panel_problems(
    members: Sequence[PanelMember], *, stage_2_independent_person: str | None = None
) -> tuple[str, ...]:
    """What is wrong with a proposed review panel, in plain English (empty when it is valid).

    A panel has exactly three members, all independent (neither councillors nor staff), one of
    them the chair, and not the Stage 2 independent person.
    """
    problems: list[str] = []
    if len(members) != 3:
        problems.append(f"a review panel has exactly three members, this one has {len(members)}")
    seen: set[str] = set()
    for member in members:
        if member.id in seen:
            problems.append(f"{member.name} is listed more than once")
        seen.add(member.id)
    chairs = sum(1 for member in members if member.is_chair)
    if chairs == 0:
        problems.append("one member must be the chair, and none is")
    elif chairs > 1:
        problems.append(f"only one member can be the chair, and {chairs} are")
    for member in members:
        if not member.is_independent:
            problems.append(f"{member.name} is not independent")
        if member.is_councillor:
            problems.append(f"{member.name} is a councillor, so cannot be an independent member")
        if member.is_staff:
            problems.append(
                f"{member.name} works for the council, so cannot be an independent member"
            )
        if stage_2_independent_person is not None and member.id == stage_2_independent_person:
            problems.append(
                f"{member.name} was the Stage 2 independent person, so cannot sit on the panel"
            )
    return tuple(problems)


def validate_panel(
    members: Sequence[PanelMember], *, stage_2_independent_person: str | None = None
) -> None:
    """Raise :class:`ProcedureError` listing every problem with a proposed review panel."""
    problems = panel_problems(members, stage_2_independent_person=stage_2_independent_person)
    if problems:
        raise _refuse("The review panel cannot sit: " + "; ".join(problems) + ".")


def check_can_hold_panel(facts: CaseFacts, *, on: date, panel: Sequence[PanelMember]) -> None:
    """The review panel meets after the request was accepted, with a valid membership."""
    _require_state(facts, Transition.HOLD_PANEL)
    _not_before(on, facts.stage_3_accepted, "The review panel", "the request was accepted")
    validate_panel(panel, stage_2_independent_person=facts.stage_2_independent_person)


def hold_panel(facts: CaseFacts, *, on: date, panel: Sequence[PanelMember]) -> CaseFacts:
    """Record the review panel meeting and its members."""
    check_can_hold_panel(facts, on=on, panel=panel)
    return replace(
        facts, state=CaseState.STAGE_3, stage_3_panel=tuple(panel), stage_3_panel_held=on
    )


def check_can_send_chair_report(facts: CaseFacts, *, on: date) -> None:
    """The chair's report follows the panel, once."""
    _require_state(facts, Transition.SEND_CHAIR_REPORT)
    if facts.stage_3_chair_report is not None:
        raise _refuse(
            f"The chair's report was already recorded on {long_date(facts.stage_3_chair_report)}."
        )
    _not_before(on, facts.stage_3_panel_held, "The chair's report", "the panel")


def send_chair_report(facts: CaseFacts, *, on: date) -> CaseFacts:
    """Record the date of the panel chair's report."""
    check_can_send_chair_report(facts, on=on)
    return replace(facts, stage_3_chair_report=on)


def check_can_respond_stage_three(facts: CaseFacts, *, on: date) -> None:
    """The authority responds to the chair's report, once."""
    _require_state(facts, Transition.RESPOND_STAGE_3)
    if facts.stage_3_chair_report is None:
        raise _refuse(
            "The authority responds to the panel chair's report: record the report first."
        )
    if facts.stage_3_responded is not None:
        raise _refuse(
            f"The authority's response was already sent on {long_date(facts.stage_3_responded)}."
        )
    _not_before(on, facts.stage_3_chair_report, "The authority's response", "the chair's report")


def respond_stage_three(facts: CaseFacts, *, on: date) -> CaseFacts:
    """Record the authority's response to the panel's recommendations."""
    check_can_respond_stage_three(facts, on=on)
    return replace(facts, stage_3_responded=on)


# --------------------------------------------------------------- closing, withdrawal, LGSCO


def check_can_close(facts: CaseFacts, *, on: date) -> None:
    """A case closes once the reply of the stage it is at has been sent."""
    if facts.state in (CaseState.STAGE_2_REQUESTED, CaseState.STAGE_3_REQUESTED):
        stage = "Stage 2" if facts.state is CaseState.STAGE_2_REQUESTED else "Stage 3"
        raise _refuse(
            f"The {stage} request must be accepted or declined (with a lawful reason) before "
            "the case can close."
        )
    if facts.state in (CaseState.STAGE_2_ACCEPTED, CaseState.STAGE_3_ACCEPTED):
        stage = "Stage 2" if facts.state is CaseState.STAGE_2_ACCEPTED else "Stage 3"
        raise _refuse(
            f"{stage} was accepted and has not replied yet: the case cannot close until it "
            "has, unless the complaint is withdrawn."
        )
    _require_state(facts, Transition.CLOSE)
    reply: tuple[date | None, str]
    if facts.state is CaseState.STAGE_1:
        reply = (facts.stage_1_replied, "the Stage 1 reply")
    elif facts.state is CaseState.STAGE_2:
        reply = (facts.stage_2_adjudicated, "the Stage 2 adjudication")
    else:
        reply = (facts.stage_3_responded, "the authority's response to the panel")
    sent, what = reply
    if sent is None:
        raise _refuse(
            f"The case cannot close before {what} has been sent; if the complainant no longer "
            "wants it, record the complaint as withdrawn."
        )
    _not_before(on, sent, "Closing the case", what)


def close(facts: CaseFacts, *, on: date) -> CaseFacts:
    """Close the case (a later stage can still be requested)."""
    check_can_close(facts, on=on)
    return replace(facts, state=CaseState.CLOSED, closed=on)


def check_can_withdraw(facts: CaseFacts, *, on: date) -> None:
    """A complaint can be withdrawn from any open state."""
    if facts.state is CaseState.WITHDRAWN and facts.withdrawn is not None:
        raise _refuse(f"The complaint was already withdrawn on {long_date(facts.withdrawn)}.")
    _require_state(facts, Transition.WITHDRAW)
    _not_before(on, facts.received, "The withdrawal", "the complaint was received")


def withdraw(facts: CaseFacts, *, on: date) -> CaseFacts:
    """Record that the complainant withdrew the complaint."""
    check_can_withdraw(facts, on=on)
    return replace(facts, state=CaseState.WITHDRAWN, withdrawn=on)


def check_can_refer_to_lgsco(facts: CaseFacts, *, on: date) -> None:
    """A complainant may go to the Ombudsman at any time; the case stays where it is."""
    _require_state(facts, Transition.REFER_TO_LGSCO)
    _not_before(on, facts.received, "A referral to the Ombudsman", "the complaint was received")


def refer_to_lgsco(facts: CaseFacts, *, on: date) -> CaseFacts:
    """Record a referral to the Ombudsman (a flag and a date, never a change of state)."""
    check_can_refer_to_lgsco(facts, on=on)
    return replace(facts, lgsco_referrals=(*facts.lgsco_referrals, on))


# ---------------------------------------------------------------------------------- clocks


def _ended(started: date, withdrawn: date | None) -> date | None:
    """A withdrawal recorded before a clock started (imported history can hold one) stops
    that clock at its start rather than making it impossible."""
    return None if withdrawn is None else max(started, withdrawn)


def _stage_two_clock(
    facts: CaseFacts,
    *,
    timescales: ProcedureTimescales,
    calendar: WorkingDayCalendar | None,
    extended: bool | None = None,
) -> Clock:
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
    cal = _cal(calendar)
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
        clocks[ClockName.STAGE_2] = _stage_two_clock(facts, timescales=timescales, calendar=cal)
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
