"""Reads of the public front door: a complaint's progress for its private status page."""

from dataclasses import dataclass
from datetime import date

from fairhear.casework.codes import Route, StageDecision
from fairhear.casework.models import Contact, Stage
from fairhear.core.clocks import (
    ClockName,
    stage_one_reply_clock,
    stage_three_request_window,
    stage_two_request_window,
)
from fairhear.core.dates import long_date
from fairhear.core.procedure import OPEN_STATES, CaseState
from fairhear.public.models import PublicSubmission
from fairhear.public.tokens import token_hash


@dataclass(frozen=True)
class Progress:
    """Where a complaint has got to, in words for the complainant. No personal data.

    ``due`` is when the council's next step is due (None when it owes none), ``due_label``
    what that step is.
    """

    reference: str
    received: date
    stage: str
    due_label: str
    due: date | None
    what_happens_next: str


def stage_one_due(received: date) -> date:
    """The reply date the acknowledgement promises; the status page shows it until triage."""
    return stage_one_reply_clock(received).due


def submission_for_status_token(token: str) -> PublicSubmission | None:
    if not token or len(token) > 100:
        return None
    return (
        PublicSubmission.objects.select_related("contact")
        .filter(status_token_hash=token_hash(token))
        .first()
    )


_STAGE_ONE = (
    "Stage 1: local resolution",
    "The manager of the service is looking into your complaint and will reply to you.",
)
_STAGE_THREE = "Stage 3: review panel"

#: The open states of a statutory complaint, in the complainant's words.
_STATUTORY: dict[CaseState, tuple[str, str]] = {
    CaseState.RECEIVED: _STAGE_ONE,
    CaseState.STAGE_1: _STAGE_ONE,
    CaseState.STAGE_2_REQUESTED: (
        "Stage 2: request received",
        "We are looking at your request for an independent investigation (Stage 2) and will "
        "write to you about it.",
    ),
    CaseState.STAGE_2_ACCEPTED: (
        "Stage 2: independent investigation",
        "We will agree with you a written statement of your complaint. An investigating officer "
        "and an independent person will then look into it, and a senior manager will write to "
        "you with the council's decision.",
    ),
    CaseState.STAGE_2: (
        "Stage 2: independent investigation",
        "An investigating officer and an independent person are looking into your complaint. "
        "A senior manager will then write to you with the council's decision.",
    ),
    CaseState.STAGE_3_REQUESTED: (
        "Stage 3: request received",
        "We are looking at your request for a review panel (Stage 3) and will write to you "
        "about it.",
    ),
    CaseState.STAGE_3_ACCEPTED: (
        _STAGE_THREE,
        "We are arranging a review panel of three independent people and will invite you.",
    ),
    CaseState.STAGE_3: (
        _STAGE_THREE,
        "The panel has met. Its chair will send you the panel's report.",
    ),
}

#: What the council's next step is, for the due date shown beside it.
_DUE_LABELS: dict[str, str] = {
    ClockName.STAGE_1_REPLY: "Reply due by",
    ClockName.ENQUIRY_REPLY: "Reply due by",
    ClockName.STAGE_2: "Stage 2 decision due by",
    ClockName.STAGE_3_PANEL: "Review panel to meet by",
    ClockName.STAGE_3_CHAIR_REPORT: "Panel's report due by",
    ClockName.STAGE_3_RESPONSE: "Council's response due by",
}

_OMBUDSMAN = (
    "If you are still not happy, you can ask the Local Government and Social Care Ombudsman "
    "to look at your complaint."
)


def progress_of(contact: Contact) -> Progress:
    """The complaint's stage, when the council's next step is due, and what happens next.

    Read from the status the casework services keep on the contact (`state`, `next_step`,
    `next_due`), so the complainant sees what the complaints team sees.
    """
    state = CaseState(contact.state)
    stage, what_happens_next = _where(contact, state)
    label = _DUE_LABELS.get(contact.next_step, "Next step due by")
    # As in the staff lists and reminders, a closed case has nothing due.
    due = contact.next_due if state in OPEN_STATES else None
    if state is CaseState.RECEIVED and not contact.route:
        # Before triage no procedure's clock runs; the date is the one the acknowledgement gave.
        label, due = _DUE_LABELS[ClockName.STAGE_1_REPLY], stage_one_due(contact.received)
    return Progress(contact.reference, contact.received, stage, label, due, what_happens_next)


def _where(contact: Contact, state: CaseState) -> tuple[str, str]:
    if state is CaseState.WITHDRAWN:
        return "Closed", f"Your complaint was closed{_on(contact.withdrawn)}."
    if not contact.route:
        return (
            "Received: we are deciding how to handle it",
            "We will decide how to look into what you told us and let you know. We may contact "
            "you to ask for more details.",
        )
    if contact.route != Route.STATUTORY:
        label = Route(contact.route).label
        if state is CaseState.CLOSED:
            return label, f"We replied{_on(contact.responded)}."
        return (
            label,
            "We are handling this outside the children's complaints procedure and will reply.",
        )
    if state is CaseState.CLOSED:
        return _closed(contact)
    if state is CaseState.STAGE_3 and contact.next_step == ClockName.STAGE_3_RESPONSE:
        return (
            _STAGE_THREE,
            "The panel has reported. The council will write to you with its response.",
        )
    return _STATUTORY[state]


def _closed(contact: Contact) -> tuple[str, str]:
    """A closed statutory complaint: what closed it, read from its last stage."""
    last = Stage.objects.filter(contact=contact).order_by("-number").first()
    if last is not None and last.decision == StageDecision.DECLINED:
        return (
            "Closed",
            f"We wrote to you{_on(last.decision_date)} to explain why we could not take your "
            f"complaint to Stage {last.number}. {_OMBUDSMAN}",
        )
    if last is not None and last.responded is not None:
        return _replied(last.number, last.responded)
    return "Closed", f"Your complaint was closed{_on(last.closed if last else None)}."


def _replied(number: int, on: date) -> tuple[str, str]:
    if number == 1:
        window = stage_two_request_window(on).due
        return (
            "Stage 1: reply sent",
            f"We replied on {long_date(on)}. If you are not happy with the reply, you can ask "
            f"for an independent investigation (Stage 2) by {long_date(window)}.",
        )
    if number == 2:
        window = stage_three_request_window(on).due
        return (
            "Stage 2: decision sent",
            f"We sent you our decision on {long_date(on)}. If you are not happy with it, you "
            f"can ask for a review panel (Stage 3) by {long_date(window)}.",
        )
    return (
        _STAGE_THREE,
        f"We sent you the council's response to the panel on {long_date(on)}. {_OMBUDSMAN}",
    )


def _on(day: date | None) -> str:
    return f" on {long_date(day)}" if day is not None else ""
