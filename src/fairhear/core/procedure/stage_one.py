"""Stage 1, local resolution: starting it (a late complaint needs discretion), extending it
once, and the reply."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from fairhear.core.calendar import WorkingDayCalendar
from fairhear.core.clocks import CHILDREN_STATUTORY, ProcedureTimescales
from fairhear.core.dates import long_date
from fairhear.core.procedure.facts import CaseFacts, Discretion, Extension
from fairhear.core.procedure.rules import (
    add_months,
    calendar_or_england,
    check_discretion,
    check_extension,
    not_before,
    require_state,
)
from fairhear.core.procedure.states import ProcedureError, Transition


def complaint_is_late(
    facts: CaseFacts, *, timescales: ProcedureTimescales = CHILDREN_STATUTORY
) -> bool:
    """Whether the complaint came more than 12 months (the setting) after the matter."""
    if facts.matter_date is None:
        return False
    return facts.received > add_months(facts.matter_date, timescales.late_complaint_months)


def check_can_start_stage_one(
    facts: CaseFacts,
    *,
    on: date,
    discretion: Discretion | None = None,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
) -> None:
    """A statutory complaint enters Stage 1. A late complaint needs the manager's discretion."""
    require_state(facts, Transition.START_STAGE_1)
    not_before(on, facts.received, "Stage 1", "the complaint was received")
    if not complaint_is_late(facts, timescales=timescales):
        return
    assert facts.matter_date is not None
    decision = discretion if discretion is not None else facts.late_complaint_discretion
    months = timescales.late_complaint_months
    if decision is None:
        raise ProcedureError(
            f"The complaint was made on {long_date(facts.received)}, more than {months} months "
            f"after the matter complained about ({long_date(facts.matter_date)}): it is out of "
            "time unless the complaints manager records a reasoned decision to use discretion "
            "to consider it."
        )
    check_discretion(decision, not_before_day=facts.received, what="a late complaint")
    if not decision.accepted:
        raise ProcedureError(
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
    if facts.stage_1_replied is not None:
        raise ProcedureError(
            f"Stage 1 was replied to on {long_date(facts.stage_1_replied)}: it can no longer "
            "be extended."
        )
    require_state(facts, Transition.EXTEND_STAGE_1)
    if facts.stage_1_extension is not None:
        raise ProcedureError(
            f"Stage 1 was already extended on {long_date(facts.stage_1_extension.decided_on)}."
        )
    extended_due = stage_one_extended_due(facts, timescales=timescales, calendar=calendar)
    if extended_due is None:
        raise ProcedureError(
            f"The {timescales.name} procedure does not allow Stage 1 to be extended."
        )
    check_extension(
        extension,
        stage="Stage 1",
        started=facts.received,
        extended_due=extended_due,
        extended_days=timescales.stage_1_reply.extended_days or 0,
    )


def stage_one_extended_due(
    facts: CaseFacts,
    *,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> date | None:
    """The latest day an extended Stage 1 reply is in time (20 working days from receipt):
    a later date given to the complainant needs their agreement. None when the procedure
    allows no extension."""
    extended_days = timescales.stage_1_reply.extended_days
    if extended_days is None:
        return None
    return calendar_or_england(calendar).add_working_days(facts.received, extended_days)


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
    if facts.stage_1_replied is not None:
        raise ProcedureError(
            f"The Stage 1 reply was already sent on {long_date(facts.stage_1_replied)}."
        )
    require_state(facts, Transition.REPLY_STAGE_1)
    not_before(on, facts.received, "The Stage 1 reply", "the complaint was received")


def reply_stage_one(facts: CaseFacts, *, on: date) -> CaseFacts:
    """Record the Stage 1 reply. It closes the case; the complainant can still ask for Stage 2
    within its window (later, with the complaints manager's discretion)."""
    check_can_reply_stage_one(facts, on=on)
    return replace(facts, stage_1_replied=on, closed=on)


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
    if calendar_or_england(calendar).working_days_between(facts.received, on) <= longest:
        return False
    extension = facts.stage_1_extension
    agreed_until = (
        extension.new_due
        if extension is not None and extension.complainant_agreed and extension.new_due
        else None
    )
    return agreed_until is None or on > agreed_until
