"""A complaint as the procedure sees it: an immutable snapshot of what has happened, and the
one function that decides from it where the complaint stands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fairhear.core.procedure.states import OPEN_STATES, CaseState, DeclineReason


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
    """An immutable snapshot of one complaint: the dates of what has happened.

    ``closed`` is the day the case closed: a stage's reply or declined request closes it (the
    case file's ``closed`` date defaults to the reply), and a later administrative close date
    can be recorded instead. Its state is never stored here: it is derived (``state``).
    """

    received: date
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
    def state(self) -> CaseState:
        """Where the complaint stands (see :func:`derive_state`)."""
        return derive_state(self)

    @property
    def is_open(self) -> bool:
        """Whether the complaint is still being handled."""
        return self.state in OPEN_STATES

    @property
    def lgsco_referred(self) -> bool:
        """Whether the complaint has been referred to the Ombudsman."""
        return bool(self.lgsco_referrals)


def _later_stage(
    *,
    declined: date | None,
    accepted: date | None,
    underway: date | None,
    replied: date | None,
    closed: date | None,
    states: tuple[CaseState, CaseState, CaseState],
) -> CaseState:
    requested, accepted_state, underway_state = states
    if declined is not None or replied is not None or closed is not None:
        return CaseState.CLOSED
    if accepted is None:
        return requested
    return underway_state if underway is not None else accepted_state


def derive_state(facts: CaseFacts) -> CaseState:
    """Where the complaint stands, decided from what has happened and nothing else.

    Withdrawal ends everything. Otherwise the latest stage asked for decides: a request waits
    for its decision, an accepted Stage 2 runs once its statement of complaint is agreed and an
    accepted Stage 3 once its panel has met, and a stage's reply, a declined request or an
    administrative close closes the case. A contact that is not yet a Stage 1 complaint (or is
    not a statutory complaint at all) is received until it closes.
    """
    if facts.withdrawn is not None:
        return CaseState.WITHDRAWN
    if facts.stage_3_requested is not None:
        return _later_stage(
            declined=facts.stage_3_declined,
            accepted=facts.stage_3_accepted,
            underway=facts.stage_3_panel_held,
            replied=facts.stage_3_responded,
            closed=facts.closed,
            states=(CaseState.STAGE_3_REQUESTED, CaseState.STAGE_3_ACCEPTED, CaseState.STAGE_3),
        )
    if facts.stage_2_requested is not None:
        return _later_stage(
            declined=facts.stage_2_declined,
            accepted=facts.stage_2_accepted,
            underway=facts.stage_2_statement_agreed,
            replied=facts.stage_2_adjudicated,
            closed=facts.closed,
            states=(CaseState.STAGE_2_REQUESTED, CaseState.STAGE_2_ACCEPTED, CaseState.STAGE_2),
        )
    if facts.stage_1_started is not None:
        finished = facts.stage_1_replied is not None or facts.closed is not None
        return CaseState.CLOSED if finished else CaseState.STAGE_1
    return CaseState.CLOSED if facts.closed is not None else CaseState.RECEIVED
