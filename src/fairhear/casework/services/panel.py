"""Stage 3, the review panel: its three independent members, the meeting, the chair's report
and the authority's response."""

from collections.abc import Sequence
from datetime import date
from typing import Unpack

from django.contrib.auth.models import User

from fairhear.casework.facts import case_facts
from fairhear.casework.models import Contact, PanelMembership, Practitioner
from fairhear.casework.services.base import (
    CaseworkError,
    changing,
    core_rules,
    record_event,
    stage_of,
    taking_step,
)
from fairhear.casework.services.stages import Reply, record_reply
from fairhear.core import procedure
from fairhear.core.dates import long_date
from fairhear.core.procedure import CaseState


def convene_panel(
    contact: Contact,
    *,
    version: int,
    members: Sequence[Practitioner],
    chair: Practitioner,
    by: User,
) -> Contact:
    """Choose the review panel: exactly three independent people, one the chair, none of them
    the Stage 2 independent person."""
    with changing(contact, version=version, by=by) as locked:
        facts = case_facts(locked)
        if facts.state is not CaseState.STAGE_3_ACCEPTED:
            raise CaseworkError(
                "The review panel is chosen once Stage 3 is accepted and before it meets."
            )
        if chair not in members:
            raise CaseworkError(f"The chair, {chair.name}, must be one of the panel's members.")
        proposed = [
            procedure.PanelMember(
                id=str(m.pk),
                name=m.name,
                is_independent=m.is_independent,
                is_chair=m.pk == chair.pk,
                is_councillor=m.is_councillor,
                is_staff=m.is_staff,
            )
            for m in members
        ]
        with core_rules():
            procedure.validate_panel(
                proposed, stage_2_independent_person=facts.stage_2_independent_person
            )
        stage = stage_of(locked, 3)
        stage.panel_memberships.all().delete()
        PanelMembership.objects.bulk_create(
            PanelMembership(stage=stage, practitioner=m, is_chair=m.pk == chair.pk) for m in members
        )
        names = ", ".join(m.name for m in members)
        record_event(
            locked,
            "fairhear.stage3.panel_convened",
            f"Review panel: {names}; {chair.name} chairs it.",
            by,
        )
    return locked


def hold_panel(contact: Contact, *, version: int, on: date, by: User) -> Contact:
    """The review panel met."""
    with taking_step(
        contact,
        version=version,
        by=by,
        transition=lambda facts: procedure.hold_panel(facts, on=on, panel=facts.stage_3_panel),
    ) as (locked, _):
        stage = stage_of(locked, 3)
        stage.panel_held = on
        stage.save()
        record_event(
            locked, "fairhear.stage3.panel_held", f"Review panel held on {long_date(on)}.", by
        )
    return locked


def record_chair_report(contact: Contact, *, version: int, on: date, by: User) -> Contact:
    """The panel chair's report with its recommendations arrived."""
    with taking_step(
        contact,
        version=version,
        by=by,
        transition=lambda facts: procedure.send_chair_report(facts, on=on),
    ) as (locked, _):
        stage = stage_of(locked, 3)
        stage.panel_report = on
        stage.save()
        record_event(
            locked,
            "fairhear.stage3.chair_reported",
            f"Panel chair's report received on {long_date(on)}.",
            by,
        )
    return locked


def respond_stage_three(contact: Contact, **reply: Unpack[Reply]) -> Contact:
    """The authority's response to the panel's recommendations."""
    return record_reply(contact, number=3, **reply)
