"""Stage 3, the review panel: its membership, the meeting, the chair's report and the
authority's response."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from fairhear.core.dates import long_date
from fairhear.core.procedure.facts import CaseFacts, PanelMember
from fairhear.core.procedure.rules import not_before, require_state
from fairhear.core.procedure.states import ProcedureError, Transition


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
        raise ProcedureError("The review panel cannot sit: " + "; ".join(problems) + ".")


def check_can_hold_panel(facts: CaseFacts, *, on: date, panel: Sequence[PanelMember]) -> None:
    """The review panel meets after the request was accepted, with a valid membership."""
    require_state(facts, Transition.HOLD_PANEL)
    not_before(on, facts.stage_3_accepted, "The review panel", "the request was accepted")
    validate_panel(panel, stage_2_independent_person=facts.stage_2_independent_person)


def hold_panel(facts: CaseFacts, *, on: date, panel: Sequence[PanelMember]) -> CaseFacts:
    """Record the review panel meeting and its members."""
    check_can_hold_panel(facts, on=on, panel=panel)
    return replace(facts, stage_3_panel=tuple(panel), stage_3_panel_held=on)


def check_can_send_chair_report(facts: CaseFacts, *, on: date) -> None:
    """The chair's report follows the panel, once."""
    require_state(facts, Transition.SEND_CHAIR_REPORT)
    if facts.stage_3_chair_report is not None:
        raise ProcedureError(
            f"The chair's report was already recorded on {long_date(facts.stage_3_chair_report)}."
        )
    not_before(on, facts.stage_3_panel_held, "The chair's report", "the panel")


def send_chair_report(facts: CaseFacts, *, on: date) -> CaseFacts:
    """Record the date of the panel chair's report."""
    check_can_send_chair_report(facts, on=on)
    return replace(facts, stage_3_chair_report=on)


def check_can_respond_stage_three(facts: CaseFacts, *, on: date) -> None:
    """The authority responds to the chair's report, once."""
    if facts.stage_3_responded is not None:
        raise ProcedureError(
            f"The authority's response was already sent on {long_date(facts.stage_3_responded)}."
        )
    require_state(facts, Transition.RESPOND_STAGE_3)
    if facts.stage_3_chair_report is None:
        raise ProcedureError(
            "The authority responds to the panel chair's report: record the report first."
        )
    not_before(on, facts.stage_3_chair_report, "The authority's response", "the chair's report")


def respond_stage_three(facts: CaseFacts, *, on: date) -> CaseFacts:
    """Record the authority's response to the panel's recommendations; the case closes."""
    check_can_respond_stage_three(facts, on=on)
    return replace(facts, stage_3_responded=on, closed=on)
