"""Asking for Stage 2 or Stage 3, and the complaints manager's decision on the request.

The rules are the same for both stages, so they are written once: each function takes the
stage's number. A request comes within 20 working days of the previous stage's reply (the
Stage 1 reply, or the Stage 2 adjudication); a later one needs a reasoned decision on
discretion, and being out of time never closes a case by itself. A request is declined only for
a lawful reason, with the reason recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from fairhear.core.calendar import WorkingDayCalendar
from fairhear.core.clocks import CHILDREN_STATUTORY, ProcedureTimescales
from fairhear.core.dates import long_date
from fairhear.core.procedure.facts import CaseFacts, Discretion
from fairhear.core.procedure.rules import (
    calendar_or_england,
    check_discretion,
    lawful_reason,
    not_before,
    require_state,
)
from fairhear.core.procedure.stage_one import stage_one_entitles_stage_two
from fairhear.core.procedure.states import (
    CaseState,
    DeclineReason,
    ProcedureError,
    Transition,
)

LaterStage = Literal[2, 3]


def later_stage(number: int) -> LaterStage:
    """Stage 2 or Stage 3, by its number: the stages a complainant asks for."""
    if number == 2:
        return 2
    if number == 3:
        return 3
    raise ValueError(f"Stage {number} is not asked for: only Stages 2 and 3 are.")


@dataclass(frozen=True, slots=True)
class _Stage:
    """What differs between Stage 2 and Stage 3 when they are asked for."""

    name: str
    previous_reply: str
    request: Transition
    accept: Transition
    decline: Transition
    requested_state: CaseState


_STAGES: dict[LaterStage, _Stage] = {
    2: _Stage(
        "Stage 2",
        "the Stage 1 reply",
        Transition.REQUEST_STAGE_2,
        Transition.ACCEPT_STAGE_2,
        Transition.DECLINE_STAGE_2,
        CaseState.STAGE_2_REQUESTED,
    ),
    3: _Stage(
        "Stage 3",
        "the Stage 2 adjudication",
        Transition.REQUEST_STAGE_3,
        Transition.ACCEPT_STAGE_3,
        Transition.DECLINE_STAGE_3,
        CaseState.STAGE_3_REQUESTED,
    ),
}


def _requested(facts: CaseFacts, number: LaterStage) -> date | None:
    return facts.stage_2_requested if number == 2 else facts.stage_3_requested


def _previous_reply(facts: CaseFacts, number: LaterStage) -> date | None:
    return facts.stage_1_replied if number == 2 else facts.stage_2_adjudicated


def _discretion(facts: CaseFacts, number: LaterStage) -> Discretion | None:
    return facts.stage_2_request_discretion if number == 2 else facts.stage_3_request_discretion


def _window(timescales: ProcedureTimescales, number: LaterStage) -> int | None:
    window = timescales.stage_2_request if number == 2 else timescales.stage_3_request
    return window.days if window is not None else None


def _procedure_has(timescales: ProcedureTimescales, number: LaterStage) -> bool:
    return (timescales.stage_2 if number == 2 else timescales.stage_3_panel) is not None


def request_is_out_of_time(
    number: LaterStage,
    facts: CaseFacts,
    *,
    on: date | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> bool:
    """Whether a request for the stage (on ``on``, default the recorded one) is past its window.

    Only a request after the previous stage's reply can be: the window runs from that reply.
    """
    requested = on if on is not None else _requested(facts, number)
    replied = _previous_reply(facts, number)
    window = _window(timescales, number)
    if requested is None or replied is None or window is None or requested < replied:
        return False
    return calendar_or_england(calendar).working_days_between(replied, requested) > window


def _check_stage_two_before_the_stage_one_reply(
    facts: CaseFacts,
    *,
    on: date,
    timescales: ProcedureTimescales,
    calendar: WorkingDayCalendar | None,
) -> None:
    """Stage 2 before a Stage 1 reply: only once Stage 1 has run out of time."""
    if facts.state is CaseState.CLOSED:
        raise ProcedureError(
            "Stage 2 cannot be requested: the case closed without a Stage 1 reply."
        )
    if stage_one_entitles_stage_two(facts, on=on, timescales=timescales, calendar=calendar):
        return
    used = calendar_or_england(calendar).working_days_between(facts.received, on)
    longest = timescales.stage_1_reply.extended_days or timescales.stage_1_reply.days
    extension = facts.stage_1_extension
    agreed = ""
    if extension is not None and extension.complainant_agreed and extension.new_due:
        agreed = f" The complainant agreed to extend Stage 1 to {long_date(extension.new_due)}."
    raise ProcedureError(
        "Stage 2 cannot start before the Stage 1 reply has been sent, unless the "
        f"{longest} working days have passed without an agreed extension ({long_date(on)} "
        f"is working day {used} after the complaint was received on "
        f"{long_date(facts.received)}).{agreed}"
    )


def check_can_request_stage(
    number: LaterStage,
    facts: CaseFacts,
    *,
    on: date,
    discretion: Discretion | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> None:
    """A request for Stage 2 (after the Stage 1 reply, or once Stage 1 has run out of time) or
    Stage 3 (after the adjudication). A request after its window needs a recorded decision on
    discretion; the decision may be not to accept it (then decline the request as out of time).
    """
    stage = _STAGES[number]
    if not _procedure_has(timescales, number):
        raise ProcedureError(f"The {timescales.name} procedure has no {stage.name}.")
    requested = _requested(facts, number)
    if requested is not None and facts.state in (CaseState.CLOSED, stage.requested_state):
        raise ProcedureError(f"{stage.name} was already requested on {long_date(requested)}.")
    require_state(facts, stage.request)
    replied = _previous_reply(facts, number)
    if number == 2:
        not_before(on, facts.received, "A request for Stage 2", "the complaint was received")
        if replied is None or on < replied:
            _check_stage_two_before_the_stage_one_reply(
                facts, on=on, timescales=timescales, calendar=calendar
            )
            return
    if replied is None:
        raise ProcedureError(
            f"{stage.name} cannot be requested before {stage.previous_reply} has been sent."
        )
    not_before(on, replied, f"A request for {stage.name}", stage.previous_reply)
    if not request_is_out_of_time(number, facts, on=on, timescales=timescales, calendar=calendar):
        return
    late_by = calendar_or_england(calendar).working_days_between(replied, on)
    decision = discretion if discretion is not None else _discretion(facts, number)
    if decision is None:
        raise ProcedureError(
            f"The request for {stage.name} on {long_date(on)} is out of time: it came {late_by} "
            f"working days after {stage.previous_reply} on {long_date(replied)}, outside the "
            f"{_window(timescales, number)}-working-day window. It can be recorded once the "
            "complaints manager records a reasoned decision on discretion (to accept it or "
            "not); being out of time does not close the case by itself."
        )
    check_discretion(decision, not_before_day=on, what=f"a late request for {stage.name}")


def request_stage(
    number: LaterStage,
    facts: CaseFacts,
    *,
    on: date,
    discretion: Discretion | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> CaseFacts:
    """Record a request for Stage 2 or 3 (a closed case reopens)."""
    check_can_request_stage(
        number, facts, on=on, discretion=discretion, timescales=timescales, calendar=calendar
    )
    decision = discretion or _discretion(facts, number)
    if number == 2:
        return replace(
            facts, stage_2_requested=on, stage_2_request_discretion=decision, closed=None
        )
    return replace(facts, stage_3_requested=on, stage_3_request_discretion=decision, closed=None)


def check_can_accept_stage(
    number: LaterStage,
    facts: CaseFacts,
    *,
    on: date,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> None:
    """Accept a request; a late one only with the manager's discretion to accept."""
    stage = _STAGES[number]
    require_state(facts, stage.accept)
    not_before(on, _requested(facts, number), f"Accepting {stage.name}", "the request")
    if not request_is_out_of_time(number, facts, timescales=timescales, calendar=calendar):
        return
    decision = _discretion(facts, number)
    if decision is None:
        raise ProcedureError(
            f"The {stage.name} request was out of time: it can be accepted only once the "
            "complaints manager records a reasoned decision to use discretion."
        )
    if not decision.accepted:
        raise ProcedureError(
            f"The {stage.name} request was out of time and the complaints manager decided on "
            f"{long_date(decision.decided_on)} not to use discretion: it cannot be accepted. "
            f"Decline it as {DeclineReason.OUT_OF_TIME.label}."
        )


def accept_stage(
    number: LaterStage,
    facts: CaseFacts,
    *,
    on: date,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> CaseFacts:
    """Accept the request: Stage 2's statement of complaint is then agreed with the
    complainant; Stage 3's review panel is convened."""
    check_can_accept_stage(number, facts, on=on, timescales=timescales, calendar=calendar)
    if number == 2:
        return replace(facts, stage_2_accepted=on)
    return replace(facts, stage_3_accepted=on)


def check_can_decline_stage(
    number: LaterStage,
    facts: CaseFacts,
    *,
    on: date,
    reason: DeclineReason | str,
    explanation: str,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> None:
    """Decline a request: only for a lawful reason, and saying why."""
    stage = _STAGES[number]
    require_state(facts, stage.decline)
    lawful = lawful_reason(reason, stage.name)
    if not explanation.strip():
        raise ProcedureError(
            f"Record why the {stage.name} request is declined: the complainant is told, and "
            "that they can go to the Ombudsman."
        )
    not_before(on, _requested(facts, number), f"Declining {stage.name}", "the request")
    if lawful is not DeclineReason.OUT_OF_TIME:
        return
    if not request_is_out_of_time(number, facts, timescales=timescales, calendar=calendar):
        raise ProcedureError(
            f"The {stage.name} request was made within its 20-working-day window, so it cannot "
            "be declined as out of time."
        )
    decision = _discretion(facts, number)
    if decision is None:
        raise ProcedureError(
            f"A late {stage.name} request can be declined as out of time only after the "
            "complaints manager has considered discretion and recorded a reasoned decision."
        )
    if decision.accepted:
        raise ProcedureError(
            f"The complaints manager used discretion on {long_date(decision.decided_on)} to "
            f"accept the late {stage.name} request: it cannot then be declined as out of time."
        )


def decline_stage(
    number: LaterStage,
    facts: CaseFacts,
    *,
    on: date,
    reason: DeclineReason | str,
    explanation: str,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> CaseFacts:
    """Decline the request; the case closes (the complainant is told they can go to the
    Ombudsman)."""
    check_can_decline_stage(
        number,
        facts,
        on=on,
        reason=reason,
        explanation=explanation,
        timescales=timescales,
        calendar=calendar,
    )
    lawful = lawful_reason(reason, _STAGES[number].name)
    why = explanation.strip()
    if number == 2:
        return replace(
            facts,
            stage_2_declined=on,
            stage_2_decline_reason=lawful,
            stage_2_decline_explanation=why,
            closed=on,
        )
    return replace(
        facts,
        stage_3_declined=on,
        stage_3_decline_reason=lawful,
        stage_3_decline_explanation=why,
        closed=on,
    )
