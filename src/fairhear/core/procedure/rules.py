"""Checks that several steps share: the state a step needs, dates in order, discretion and
extensions recorded as the Ombudsman expects."""

from __future__ import annotations

from datetime import date

from fairhear.core.calendar import WorkingDayCalendar, england_calendar
from fairhear.core.dates import long_date
from fairhear.core.procedure.facts import CaseFacts, Discretion, Extension
from fairhear.core.procedure.states import (
    STATE_WORDS,
    TRANSITION_WORDS,
    TRANSITIONS,
    DeclineReason,
    ProcedureError,
    Transition,
)


def require_state(facts: CaseFacts, transition: Transition) -> None:
    """Refuse a step the case's state does not allow."""
    sources, _ = TRANSITIONS[transition]
    if facts.state not in sources:
        raise ProcedureError(
            f"Cannot {TRANSITION_WORDS[transition]}: the case is {STATE_WORDS[facts.state]}."
        )


def not_before(on: date, earlier: date | None, what: str, event: str) -> None:
    """Refuse a date before the event it follows."""
    if earlier is not None and on < earlier:
        raise ProcedureError(
            f"{what} cannot be dated {long_date(on)}, before {event} on {long_date(earlier)}."
        )


def calendar_or_england(calendar: WorkingDayCalendar | None) -> WorkingDayCalendar:
    return calendar if calendar is not None else england_calendar()


def check_discretion(discretion: Discretion, *, not_before_day: date, what: str) -> None:
    """A decision on discretion has its reasons and comes after what it decides on."""
    if not discretion.reason.strip():
        raise ProcedureError(
            f"A decision on discretion for {what} needs its reasons recorded: the Ombudsman "
            "expects a reasoned decision."
        )
    not_before(discretion.decided_on, not_before_day, "The decision on discretion", what)


def check_extension(
    extension: Extension,
    *,
    stage: str,
    started: date,
    extended_due: date,
    extended_days: int,
) -> None:
    """An extension has a reason, the complainant was told, and a date past the extended limit
    has the complainant's agreement."""
    if not extension.reason.strip():
        raise ProcedureError(
            f"An extension of {stage} needs a reason: record why more time is needed."
        )
    if not extension.complainant_told:
        raise ProcedureError(
            f"Extensions are never silent: tell the complainant about the extension of {stage} "
            "and the new date before recording it."
        )
    not_before(extension.decided_on, started, f"The extension of {stage}", "the stage started")
    if extension.new_due is not None:
        not_before(extension.new_due, extension.decided_on, "The new due date", "the extension")
        if extension.new_due > extended_due and not extension.complainant_agreed:
            raise ProcedureError(
                f"An extension of {stage} beyond {extended_days} working days (to "
                f"{long_date(extension.new_due)}) needs the complainant's agreement."
            )


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - date(year, month, 1)).days
    return date(year, month, min(day.day, last_day))


def lawful_reason(reason: DeclineReason | str, stage: str) -> DeclineReason:
    """The lawful reason a code or label names; any other reason is refused."""
    if isinstance(reason, DeclineReason):
        return reason
    code = reason.strip().lower().replace(" ", "_").replace("-", "_")
    for candidate in DeclineReason:
        if code in (candidate.value, candidate.label.replace(" ", "_")):
            return candidate
    lawful = "; ".join(r.label for r in DeclineReason)
    raise ProcedureError(
        f"{reason.strip()!r} is not a lawful reason to decline {stage}. The lawful reasons are: "
        f"{lawful}. The Ombudsman treats declining for any other reason as fault."
    )
