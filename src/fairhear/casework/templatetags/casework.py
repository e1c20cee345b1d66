"""Words and tags for case pages: states, clock statuses, dates written as councils do."""

from datetime import date
from decimal import Decimal

from django import template
from django.template.defaultfilters import truncatewords
from django.utils.html import format_html
from django.utils.safestring import SafeString

from fairhear.casework import selectors
from fairhear.casework.codes import LgscoRemedy
from fairhear.casework.facts import STEP_LABELS
from fairhear.casework.models import CASE_STATE_LABELS, LearningAction
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
def step_label(step: str) -> str:
    """What a clock times, in words (the next step of a case)."""
    return STEP_LABELS.get(step, "The next step")


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


@register.inclusion_tag("casework/includes/unacknowledged.html", takes_context=True)
def unacknowledged_cases(context: template.Context) -> dict[str, object]:
    """The dashboard's list of cases whose acknowledgement email could not be sent."""
    # Rare, so every one is listed, in one query.
    references = list(
        selectors.unacknowledged(context["request"].user).values_list("reference", flat=True)
    )
    return {"references": references, "count": len(references)}
