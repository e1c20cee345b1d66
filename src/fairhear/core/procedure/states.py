"""Where a complaint stands, the steps that move it on, and which step each state allows."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


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
#: case stays in the state it is in, the step being recorded as an event). A stage's reply
#: closes the case, as the case file's ``closed`` date defaults to the reply (interchange.md).
TRANSITIONS: Mapping[Transition, tuple[frozenset[CaseState], CaseState | None]] = {
    Transition.START_STAGE_1: (frozenset({CaseState.RECEIVED}), CaseState.STAGE_1),
    Transition.EXTEND_STAGE_1: (frozenset({CaseState.STAGE_1}), None),
    Transition.REPLY_STAGE_1: (frozenset({CaseState.STAGE_1}), CaseState.CLOSED),
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
    Transition.ADJUDICATE_STAGE_2: (frozenset({CaseState.STAGE_2}), CaseState.CLOSED),
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
    Transition.RESPOND_STAGE_3: (frozenset({CaseState.STAGE_3}), CaseState.CLOSED),
    Transition.WITHDRAW: (OPEN_STATES, CaseState.WITHDRAWN),
    Transition.REFER_TO_LGSCO: (frozenset(CaseState), None),
}

STATE_WORDS: Mapping[CaseState, str] = {
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

TRANSITION_WORDS: Mapping[Transition, str] = {
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
    Transition.WITHDRAW: "withdraw the complaint",
    Transition.REFER_TO_LGSCO: "record a referral to the Ombudsman",
}


def allowed_transitions(state: CaseState) -> tuple[Transition, ...]:
    """The transitions the state machine allows from ``state`` (their checks may still refuse)."""
    return tuple(t for t, (sources, _) in TRANSITIONS.items() if state in sources)
