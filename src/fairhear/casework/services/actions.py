"""Learning actions: what the council will do differently, owned by a team or a service area, done
with evidence."""

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from fairhear.audit import acting_as
from fairhear.casework.codes import ActionKind
from fairhear.casework.models import (
    Contact,
    LearningAction,
)
from fairhear.casework.services.base import (
    CaseworkError,
    check_current,
    day_or_none,
    record_event,
    require_text,
    what_changed,
)
from fairhear.core.dates import long_date
from fairhear.organisation.models import ServiceArea, Team


def add_learning_action(
    *,
    kind: ActionKind | str,
    description: str,
    by: User,
    contact: Contact | None = None,
    owner_service_area: ServiceArea | None = None,
    owner_team: Team | None = None,
    due: date | None = None,
) -> LearningAction:
    """What will be done and learnt, with an owner (a team or a service area) and a due date."""
    if kind not in ActionKind.values:
        raise CaseworkError("Choose what kind of action it is.")
    description = require_text(description, "Describe the action and the lesson behind it.")
    if owner_team is not None and owner_service_area is not None:
        raise CaseworkError("An action has one owner: choose a team or a service area, not both.")
    with transaction.atomic(), acting_as(by):
        action = LearningAction.objects.create(
            contact=contact,
            kind=kind,
            description=description,
            owner_service_area=owner_service_area,
            owner_team=owner_team,
            due=due,
        )
        if contact is not None:
            record_event(
                contact,
                "fairhear.action.added",
                f"Learning action: {description}" + (f" (due {long_date(due)})" if due else ""),
                by,
            )
    return action


def complete_learning_action(
    action: LearningAction, *, on: date, evidence: str, by: User
) -> LearningAction:
    """An action was carried out: when, and the evidence that it was."""
    evidence = require_text(evidence, "Record the evidence that the action was carried out.")
    with transaction.atomic(), acting_as(by):
        action = LearningAction.objects.select_for_update().get(pk=action.pk)
        if action.completed is not None:
            raise CaseworkError(
                f"The action was already completed on {long_date(action.completed)}."
            )
        action.completed = on
        action.evidence = evidence
        action.save()
        if action.contact is not None:
            record_event(
                action.contact,
                "fairhear.action.completed",
                f"Learning action completed on {long_date(on)}: {evidence}",
                by,
            )
    return action


def change_learning_action(
    action: LearningAction,
    *,
    kind: ActionKind | str,
    description: str,
    owner_service_area: ServiceArea | None,
    owner_team: Team | None,
    due: date | None,
    by: User,
    version: str | None = None,
) -> LearningAction:
    """Change what an action not yet done says, who owns it and when it is due. Actions ticked
    on a reply start with no due date: this is how they get the one their owner sets."""
    if kind not in ActionKind.values:
        raise CaseworkError("Choose what kind of action it is.")
    description = require_text(description, "Describe the action and the lesson behind it.")
    if owner_team is not None and owner_service_area is not None:
        raise CaseworkError("An action has one owner: choose a team or a service area, not both.")
    owner = owner_team or owner_service_area
    if owner is None:
        raise CaseworkError("Choose who owns the action: a team or a service area.")
    with transaction.atomic(), acting_as(by):
        action = LearningAction.objects.select_for_update().get(pk=action.pk)
        if action.completed is not None:
            raise CaseworkError(
                f"The action was completed on {long_date(action.completed)}, so it can no "
                "longer be changed."
            )
        check_current(action, version, "learning action")
        was_owner = action.owner_team or action.owner_service_area
        changed = what_changed(
            lambda what, old, new: f"{what} {new} (was {old})",
            ("kind", action.get_kind_display().lower(), ActionKind(kind).label.lower()),
            ("description", f"“{action.description}”", f"“{description}”"),
            ("owner", was_owner.name if was_owner else "none", owner.name),
            ("due", day_or_none(action.due), day_or_none(due)),
        )
        action.kind = kind
        action.description = description
        action.owner_service_area = owner_service_area
        action.owner_team = owner_team
        action.due = due
        action.save()
        if action.contact is not None:
            record_event(
                action.contact,
                "fairhear.action.changed",
                f"Learning action changed: {changed}.",
                by,
            )
    return action
