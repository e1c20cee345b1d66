"""Stage 2, the investigation: the agreed statement of complaint starts it, it can be extended
once, and the adjudicating officer's reply ends it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from fairhear.core.calendar import WorkingDayCalendar
from fairhear.core.clocks import CHILDREN_STATUTORY, ProcedureTimescales
from fairhear.core.dates import long_date
from fairhear.core.procedure.case_clocks import stage_two_clock_of
from fairhear.core.procedure.facts import CaseFacts, Extension
from fairhear.core.procedure.rules import check_extension, not_before, require_state
from fairhear.core.procedure.states import ProcedureError, Transition


def check_can_start_stage_two(facts: CaseFacts, *, statement_agreed: date) -> None:
    """The investigation starts when the statement of complaint is agreed."""
    require_state(facts, Transition.START_STAGE_2)
    not_before(
        statement_agreed, facts.stage_2_requested, "The statement of complaint", "the request"
    )


def start_stage_two(
    facts: CaseFacts, *, statement_agreed: date, independent_person: str | None = None
) -> CaseFacts:
    """Record the agreed statement of complaint (and the independent person, by id)."""
    check_can_start_stage_two(facts, statement_agreed=statement_agreed)
    return replace(
        facts,
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
    if facts.stage_2_adjudicated is not None:
        raise ProcedureError(
            f"The Stage 2 adjudication was sent on {long_date(facts.stage_2_adjudicated)}: "
            "Stage 2 can no longer be extended."
        )
    require_state(facts, Transition.EXTEND_STAGE_2)
    if facts.stage_2_extension is not None:
        raise ProcedureError(
            f"Stage 2 was already extended on {long_date(facts.stage_2_extension.decided_on)}."
        )
    extended_due = stage_two_extended_due(facts, timescales=timescales, calendar=calendar)
    if extended_due is None:
        raise ProcedureError(
            f"The {timescales.name} procedure does not allow Stage 2 to be extended."
        )
    assert facts.stage_2_requested is not None
    check_extension(
        extension,
        stage="Stage 2",
        started=facts.stage_2_requested,
        extended_due=extended_due,
        extended_days=timescales.require("stage_2").extended_days or 0,
    )


def stage_two_extended_due(
    facts: CaseFacts,
    *,
    timescales: ProcedureTimescales = CHILDREN_STATUTORY,
    calendar: WorkingDayCalendar | None = None,
) -> date | None:
    """The latest day an extended Stage 2 adjudication is in time (65 working days on its
    clock): a later date given to the complainant needs their agreement. None when the
    procedure allows no extension or Stage 2 was not requested."""
    if timescales.require("stage_2").extended_days is None or facts.stage_2_requested is None:
        return None
    return stage_two_clock_of(facts, timescales=timescales, calendar=calendar, extended=True).due


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
    """The adjudicating officer's reply follows the agreed statement of complaint, once."""
    if facts.stage_2_adjudicated is not None:
        raise ProcedureError(
            f"The Stage 2 adjudication was already sent on {long_date(facts.stage_2_adjudicated)}."
        )
    require_state(facts, Transition.ADJUDICATE_STAGE_2)
    not_before(on, facts.stage_2_statement_agreed, "The adjudication", "the statement of complaint")


def adjudicate_stage_two(facts: CaseFacts, *, on: date) -> CaseFacts:
    """Record the Stage 2 adjudication (the authority's decision sent to the complainant). It
    closes the case; the complainant can still ask for Stage 3 within its window."""
    check_can_adjudicate_stage_two(facts, on=on)
    return replace(facts, stage_2_adjudicated=on, closed=on)
