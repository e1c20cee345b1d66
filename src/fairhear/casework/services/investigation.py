"""Stage 2, the investigation: the investigators appointed, the statement of complaint agreed,
the report, an extension, and the adjudication sent to the complainant."""

from datetime import date
from typing import Unpack

from django.contrib.auth.models import User

from fairhear.casework.facts import case_facts
from fairhear.casework.models import Contact, Practitioner
from fairhear.casework.services.base import (
    CaseworkError,
    changing,
    record_event,
    stage_of,
    taking_step,
)
from fairhear.casework.services.stages import ExtensionAsked, Reply, extend_stage, record_reply
from fairhear.core import procedure
from fairhear.core.clocks import statement_of_complaint_took_too_long
from fairhear.core.dates import long_date
from fairhear.core.procedure import CaseState


def appoint_investigators(
    contact: Contact,
    *,
    version: int,
    investigating_officer: Practitioner,
    independent_person: Practitioner,
    by: User,
    adjudicating_officer: str = "",
) -> Contact:
    """Name the Stage 2 investigating officer and independent person (who must not work for
    the council, nor be a councillor)."""
    if investigating_officer.pk == independent_person.pk:
        raise CaseworkError(
            "The investigating officer and the independent person must be two people."
        )
    if not independent_person.is_independent:
        raise CaseworkError(
            f"{independent_person.name} works for the council or is a councillor, so cannot be "
            "the independent person."
        )
    with changing(contact, version=version, by=by) as locked:
        state = case_facts(locked).state
        if state not in (CaseState.STAGE_2_ACCEPTED, CaseState.STAGE_2):
            raise CaseworkError(
                "The investigators are appointed once Stage 2 is accepted and before the "
                "adjudication."
            )
        stage = stage_of(locked, 2)
        stage.investigating_officer = investigating_officer
        stage.independent_person = independent_person
        if adjudicating_officer.strip():
            stage.adjudicating_officer = adjudicating_officer.strip()
        stage.save()
        record_event(
            locked,
            "fairhear.stage2.investigators_appointed",
            f"{investigating_officer.name} is the investigating officer and "
            f"{independent_person.name} the independent person.",
            by,
        )
    return locked


def agree_statement_of_complaint(contact: Contact, *, version: int, on: date, by: User) -> Contact:
    """The statement of complaint was agreed with the complainant: the investigation starts."""
    with taking_step(
        contact,
        version=version,
        by=by,
        transition=lambda facts: procedure.start_stage_two(facts, statement_agreed=on),
    ) as (locked, _):
        stage = stage_of(locked, 2)
        stage.started = on
        stage.save()
        assert stage.requested is not None  # a Stage 2 row always has its request date
        slow = statement_of_complaint_took_too_long(stage.requested, on)
        note = " It took more than 10 working days to agree." if slow else ""
        record_event(
            locked,
            "fairhear.stage2.statement_agreed",
            f"Statement of complaint agreed on {long_date(on)}.{note}",
            by,
        )
    return locked


def record_investigation_report(contact: Contact, *, version: int, on: date, by: User) -> Contact:
    """The investigating officer's report arrived."""
    with changing(contact, version=version, by=by) as locked:
        facts = case_facts(locked)
        if facts.state is not CaseState.STAGE_2:
            raise CaseworkError(
                "The investigation report follows the agreed statement of complaint, before "
                "the adjudication."
            )
        stage = stage_of(locked, 2)
        if stage.investigation_report is not None:
            raise CaseworkError(
                f"The investigation report was already recorded on "
                f"{long_date(stage.investigation_report)}."
            )
        assert facts.stage_2_statement_agreed is not None
        if on < facts.stage_2_statement_agreed:
            raise CaseworkError(
                f"The investigation report cannot be dated {long_date(on)}, before the statement "
                f"of complaint was agreed on {long_date(facts.stage_2_statement_agreed)}."
            )
        stage.investigation_report = on
        stage.save()
        record_event(
            locked,
            "fairhear.stage2.report_received",
            f"Investigation report received on {long_date(on)}.",
            by,
        )
    return locked


def extend_stage_two(contact: Contact, **asked: Unpack[ExtensionAsked]) -> Contact:
    """Extend Stage 2 to 65 working days."""
    return extend_stage(contact, number=2, **asked)


def adjudicate_stage_two(
    contact: Contact, *, adjudicating_officer: str = "", **reply: Unpack[Reply]
) -> Contact:
    """Record the adjudicating officer's decision sent to the complainant."""
    return record_reply(contact, number=2, adjudicating_officer=adjudicating_officer, **reply)
