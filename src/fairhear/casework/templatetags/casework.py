"""Words and tags for case pages: states, clock statuses, dates written as councils do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from auditlog.models import LogEntry
from django import template
from django.contrib.auth.models import User
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model
from django.template.defaultfilters import truncatewords
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst

from fairhear.casework import selectors
from fairhear.casework.codes import LgscoRemedy
from fairhear.casework.facts import step_label
from fairhear.casework.models import CASE_STATE_LABELS, Contact, LearningAction
from fairhear.core.clocks import ClockStatus
from fairhear.core.dates import long_date as _long_date

register = template.Library()

_CLOCK_TAGS: dict[str, tuple[str, str]] = {
    ClockStatus.RUNNING: ("Running", "govuk-tag--blue"),
    ClockStatus.DUE_SOON: ("Due soon", "govuk-tag--yellow"),
    ClockStatus.OVERDUE: ("Overdue", "govuk-tag--red"),
    ClockStatus.MET: ("In time", "govuk-tag--green"),
    ClockStatus.MISSED: ("Late", "govuk-tag--orange"),
    ClockStatus.STOPPED: ("Stopped", "govuk-tag--grey"),
}


@register.filter
def state_label(state: str) -> str:
    return CASE_STATE_LABELS.get(state, state)


@register.filter
def clock_tag(status: str) -> SafeString:
    text, colour = _CLOCK_TAGS[status]
    return format_html('<strong class="govuk-tag {}">{}</strong>', colour, text)


@register.filter
def long_date(day: date | None) -> str:
    return _long_date(day) if day else ""


@register.simple_tag
def due_tag(due: date | None, today: date) -> SafeString:
    """The due date of a case's next step, tagged when overdue."""
    if due is None:
        return format_html("{}", "")
    if due < today:
        return format_html(
            '{} <strong class="govuk-tag govuk-tag--red">Overdue</strong>', _long_date(due)
        )
    return format_html("{}", _long_date(due))


@register.filter
def next_step_label(case: Contact) -> str:
    """The case's next step, in words."""
    return step_label(case.next_step, case.route)


@register.filter
def lgsco_remedy_label(code: str) -> str:
    """An Ombudsman remedy code in words (the code itself if it is not one of ours)."""
    return str(LgscoRemedy(code).label) if code in LgscoRemedy.values else code


@register.filter
def money(amount: Decimal) -> str:
    """An amount in pounds as councils write it: £1,250.00."""
    return f"£{amount:,.2f}"


@register.filter
def action_name(action: LearningAction) -> str:
    """Enough words to tell a learning action from the others in a list (for the hidden text
    of its links): many share a description, such as those ticked on a reply."""
    words = truncatewords(action.description, 8)
    case = f" on {action.contact.reference}" if action.contact else ""
    return f"{action.get_kind_display().lower()}{case}: {words}"


#: Fields kept for the machinery (the row's id, the version that guards against two people
#: saving at once, the cached state and next step), not for the people reading a history.
_MACHINERY = frozenset({"id", "version", "state", "next_step", "next_due", "key"})

#: How an empty or yes-or-no value stored in the audit log reads.
_WORDS = {"None": "", "True": "Yes", "False": "No"}


@dataclass(frozen=True)
class Change:
    """One field's change in an audit entry, in words: its label, and its value before and
    after ("" when there was none)."""

    label: str
    before: str
    after: str


def _is_note(model: type[Model] | None, name: str) -> bool:
    try:
        if model:
            model._meta.get_field(name)
    except FieldDoesNotExist:
        return True
    return False


def _field(model: type[Model] | None, name: str) -> Field[Any, Any] | None:
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, Field) else None


@register.filter
def readable_changes(entry: LogEntry) -> list[Change]:
    """An audit entry's changes as people read them: labels for field names, choices and
    linked records by their names, yes or no, and none of the machinery's own fields."""
    model = entry.content_type.model_class()
    shown = entry.changes_display_dict
    changes = []
    for name, values in entry.changes_dict.items():
        field = _field(model, name)
        if name in _MACHINERY:
            continue
        if field is None:
            # Not a field of the record at all (a reverse relation is not shown): a note a
            # service wrote, such as the retention schedule's "personal data" entry.
            if _is_note(model, name) and isinstance(values, list) and len(values) == 2:
                changes.append(Change(capfirst(name), *(str(v) for v in values)))
            continue
        label = str(field.verbose_name)
        if isinstance(values, dict):  # a many-to-many change: which records were added or removed
            done = "Added" if values.get("operation") == "add" else "Removed"
            changes.append(Change(capfirst(label), "", f"{done}: {', '.join(values['objects'])}"))
            continue
        if field.related_model is User:
            # By their full name: the log's own display is the sign-in name.
            before, after = (_staff_name(v) for v in values)
        else:
            before, after = (_WORDS.get(str(v), str(v)) for v in shown.get(label, values))
        # Equal values are the retention schedule's: both removed, and said once.
        if before != after or before:
            changes.append(Change(capfirst(label), before, after))
    return changes


def _staff_name(pk: object) -> str:
    user = User.objects.filter(pk=int(str(pk))).first() if str(pk).isdigit() else None
    return person(user)


@register.filter
def record_name(entry: LogEntry) -> str:
    """The record an audit entry is about: its kind, and its name when it has one (a record
    deleted before its name was kept shows its kind alone)."""
    kind = str(capfirst(entry.content_type.name))
    name = str(entry.object_repr)
    if not name or name.endswith(".None") or name.startswith(f"{entry.content_type.app_label}."):
        return kind
    return f"{kind}: {name}"


@register.filter
def person(user: User | None) -> str:
    """A member of staff by their full name (their sign-in name when none is recorded)."""
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


@register.inclusion_tag("casework/includes/unacknowledged.html", takes_context=True)
def unacknowledged_cases(context: template.Context) -> dict[str, object]:
    """The dashboard's list of cases whose acknowledgement email could not be sent."""
    # Rare, so every one is listed, in one query.
    references = list(
        selectors.unacknowledged(context["request"].user).values_list("reference", flat=True)
    )
    return {"references": references, "count": len(references)}
