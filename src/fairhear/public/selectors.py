"""Reads of the public front door: a complaint's progress for its private status page."""

from dataclasses import dataclass
from datetime import date

from fairhear.casework.codes import Route, StageDecision
from fairhear.casework.models import Contact, Stage
from fairhear.core.clocks import (
    authority_response_clock,
    chair_report_clock,
    panel_clock,
    stage_one_reply_clock,
    stage_three_request_window,
    stage_two_clock,
    stage_two_request_window,
)
from fairhear.core.dates import long_date
from fairhear.public.models import PublicSubmission
from fairhear.public.services import token_hash


@dataclass(frozen=True)
class Progress:
    """Where a complaint has got to, in words for the complainant. No personal data."""

    reference: str
    received: date
    stage: str
    reply_due: date | None
    what_happens_next: str


def submission_for_status_token(token: str) -> PublicSubmission | None:
    if not token or len(token) > 100:
        return None
    return (
        PublicSubmission.objects.select_related("contact")
        .filter(status_token_hash=token_hash(token))
        .first()
    )


def progress_of(contact: Contact, *, today: date | None = None) -> Progress:
    """The complaint's stage, when the next reply is due, and what happens next."""
    stages = {s.number: s for s in Stage.objects.filter(contact=contact)}
    stage, due, next_step = _where(contact, stages)
    return Progress(contact.reference, contact.received, stage, due, next_step)


def _where(contact: Contact, stages: dict[int, Stage]) -> tuple[str, date | None, str]:
    if contact.withdrawn is not None:
        return "Closed", None, f"Your complaint was closed on {long_date(contact.withdrawn)}."
    if contact.route == "":
        return (
            "Received: we are deciding how to handle it",
            stage_one_reply_clock(contact.received).due,
            "We will decide how to look into what you told us and let you know. We may contact "
            "you to ask for more details.",
        )
    if contact.route != Route.STATUTORY:
        label = Route(contact.route).label
        if contact.responded is not None:
            return label, None, f"We replied on {long_date(contact.responded)}."
        return (
            label,
            stage_one_reply_clock(contact.received).due,
            "We are handling this outside the children's complaints procedure and will reply.",
        )
    accepted = {n: s for n, s in stages.items() if s.decision == StageDecision.ACCEPTED}
    if 3 in accepted:
        return _stage_three(accepted[3])
    if 2 in accepted:
        return _stage_two(accepted[2])
    one = accepted.get(1)
    if one is not None and one.responded is not None:
        window = stage_two_request_window(one.responded).due
        return (
            "Stage 1: reply sent",
            None,
            f"We replied on {long_date(one.responded)}. If you are not happy with the reply, you "
            f"can ask for an independent investigation (Stage 2) by {long_date(window)}.",
        )
    extended = bool(one is not None and one.extended)
    return (
        "Stage 1: local resolution",
        stage_one_reply_clock(contact.received, extended=extended).due,
        "The manager of the service is looking into your complaint and will reply to you.",
    )


def _stage_two(two: Stage) -> tuple[str, date | None, str]:
    if two.responded is not None:
        window = stage_three_request_window(two.responded).due
        return (
            "Stage 2: decision sent",
            None,
            f"We sent you our decision on {long_date(two.responded)}. If you are not happy with "
            f"it, you can ask for a review panel (Stage 3) by {long_date(window)}.",
        )
    due = None
    if two.requested is not None:
        due = stage_two_clock(
            two.requested, statement_agreed=two.started, extended=bool(two.extended)
        ).due
    return (
        "Stage 2: independent investigation",
        due,
        "An investigating officer and an independent person are looking into your complaint. "
        "A senior manager will then write to you with the council's decision.",
    )


def _stage_three(three: Stage) -> tuple[str, date | None, str]:
    label = "Stage 3: review panel"
    if three.responded is not None:
        return (
            label,
            None,
            f"We sent you the council's response to the panel on {long_date(three.responded)}. "
            "If you are still not happy, you can ask the Local Government and Social Care "
            "Ombudsman to look at your complaint.",
        )
    if three.panel_report is not None:
        return (
            label,
            authority_response_clock(three.panel_report).due,
            "The panel has reported. The council will write to you with its response.",
        )
    if three.panel_held is not None:
        return (
            label,
            chair_report_clock(three.panel_held).due,
            "The panel has met. Its chair will send you the panel's report.",
        )
    return (
        label,
        panel_clock(three.requested).due if three.requested is not None else None,
        "We are arranging a review panel of three independent people and will invite you.",
    )
