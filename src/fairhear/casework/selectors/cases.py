"""Finding cases: likely duplicates, the case list and its filters, the dashboard's counts."""

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import OrderBy
from django.db.models.functions import Lower

from fairhear.casework.codes import Channel, Route
from fairhear.casework.models import (
    Contact,
    LearningAction,
    OmbudsmanCase,
    Person,
    Stage,
    phone_digits,
)
from fairhear.casework.selectors.actions import actions_visible_to
from fairhear.casework.selectors.ombudsman import ombudsman_replies_due
from fairhear.casework.selectors.scope import AnyUser, cases_visible_to
from fairhear.core.procedure import CaseState

#: States in which a statutory complaint is being handled.
OPEN_STATES = [s.value for s in CaseState if s not in (CaseState.CLOSED, CaseState.WITHDRAWN)]
STAGE_STATES: dict[int, list[str]] = {
    1: [CaseState.STAGE_1],
    2: [CaseState.STAGE_2_REQUESTED, CaseState.STAGE_2_ACCEPTED, CaseState.STAGE_2],
    3: [CaseState.STAGE_3_REQUESTED, CaseState.STAGE_3_ACCEPTED, CaseState.STAGE_3],
}


def likely_duplicates(*, name: str = "", email: str = "", phone: str = "") -> QuerySet[Person]:
    """People already recorded with the same name, email or phone (ignoring case and spaces)."""
    condition = Q()
    if name.strip():
        condition |= Q(name_lower=name.strip().lower())
    if email.strip():
        condition |= Q(email_lower=email.strip().lower())
    digits = phone_digits(phone)
    if digits:
        condition |= Q(phone=digits)
    if not condition:
        return Person.objects.none()
    return (
        Person.objects.annotate(name_lower=Lower("name"), email_lower=Lower("email"))
        .filter(condition)
        .annotate(contact_count=Count("contacts"))
        .order_by("name", "pk")
    )


def filter_cases(
    cases: QuerySet[Contact], filters: dict[str, Any], today: date
) -> QuerySet[Contact]:
    """Narrow a visible queryset by the case list's filters (already validated)."""
    stage = filters.get("stage")
    if stage:
        cases = cases.filter(state__in=STAGE_STATES[int(stage)])
    status = filters.get("status")
    if status == "open":
        cases = cases.filter(state__in=OPEN_STATES, withdrawn__isnull=True).exclude(route="")
    elif status == "awaiting_triage":
        cases = cases.filter(route="", withdrawn__isnull=True)
    elif status == "overdue":
        cases = cases.filter(state__in=OPEN_STATES, next_due__lt=today)
    elif status == "due_this_week":
        cases = cases.filter(
            state__in=OPEN_STATES, next_due__gte=today, next_due__lte=end_of_week(today)
        )
    elif status in (CaseState.CLOSED, CaseState.WITHDRAWN):
        cases = cases.filter(state=status)
    if filters.get("route") == "enquiries":
        cases = cases.filter(route__in=[Route.MEMBER_ENQUIRY, Route.MP_ENQUIRY])
    elif filters.get("route"):
        cases = cases.filter(route=filters["route"])
    for field in ("channel", "service_area", "team"):
        if filters.get(field):
            cases = cases.filter(**{field: filters[field]})
    if filters.get("category"):
        cases = cases.filter(pk__in=filters["category"].contact_links.values("contact"))
    if filters.get("manager"):
        # The manager of the stage the case has reached: a case at Stage 2 is no longer listed
        # under the manager who answered Stage 1.
        latest = Stage.objects.filter(contact=OuterRef("pk")).order_by("-number")
        cases = cases.alias(
            latest_manager=Subquery(latest.values("responsible_manager")[:1])
        ).filter(latest_manager=filters["manager"].pk)
    if filters.get("received_from"):
        cases = cases.filter(received__gte=filters["received_from"])
    if filters.get("received_to"):
        cases = cases.filter(received__lte=filters["received_to"])
    query = (filters.get("q") or "").strip()
    if query:
        found = (
            Q(reference__iexact=query)
            | Q(complainant__name__icontains=query)
            | Q(complainant__email__iexact=query)
            | Q(child_name__icontains=query)
            | Q(summary__icontains=query)
        )
        # Phone numbers are stored as digits: "07700 900 123" finds "07700900123", and so
        # does its last six digits or more.
        digits = phone_digits(query)
        if len(digits.lstrip("+")) >= 6:
            found |= Q(complainant__phone__contains=digits)
        cases = cases.filter(found)
    return cases


SORTS: dict[str, tuple[str | OrderBy, ...]] = {
    "received": ("received", "reference"),
    "-received": ("-received", "-reference"),
    "due": (F("next_due").asc(nulls_last=True), "reference"),
    "reference": ("reference",),
}


def case_list(cases: QuerySet[Contact], sort: str) -> QuerySet[Contact]:
    """The rows of the case list, sorted, with what each row shows."""
    order = SORTS.get(sort, SORTS["due"])
    return cases.select_related("complainant", "service_area", "team").order_by(*order)


def end_of_week(today: date) -> date:
    """The Sunday that ends today's week."""
    return today + timedelta(days=6 - today.weekday())


def dashboard_counts(user: AnyUser, today: date) -> dict[str, int]:
    """The numbers on the complaints dashboard, for the cases the user can see (3 queries)."""
    return _counts(
        cases_visible_to(user),
        ombudsman_replies_due(user),
        actions_visible_to(user),
        today,
    )


def unacknowledged(user: AnyUser) -> QuerySet[Contact]:
    """Cases sent online whose acknowledgement email could not be sent (the public front door
    flags them; `fairhear remind` tries again), oldest first."""
    return (
        cases_visible_to(user)
        .filter(public_submission__acknowledgement_failed=True)
        .order_by("received", "pk")
    )


def council_counts(today: date) -> dict[str, int]:
    """The same numbers for the whole council (the complaints team's daily digest)."""
    return _counts(
        Contact.objects.all(),
        OmbudsmanCase.objects.filter(
            council_replied__isnull=True, decided__isnull=True, received__isnull=False
        ),
        LearningAction.objects.all(),
        today,
    )


def _counts(
    cases: QuerySet[Contact],
    ombudsman: QuerySet[OmbudsmanCase],
    actions: QuerySet[LearningAction],
    today: date,
) -> dict[str, int]:
    open_ = Q(state__in=OPEN_STATES, withdrawn__isnull=True)
    # Every figure counts open cases (awaiting triage is open too), so the index on state
    # leaves the closed majority unread.
    figures = cases.filter(state__in=OPEN_STATES).aggregate(
        awaiting_triage=Count("pk", filter=Q(route="", withdrawn__isnull=True)),
        new_online=Count(
            "pk", filter=Q(route="", withdrawn__isnull=True, channel=Channel.ONLINE_FORM)
        ),
        open=Count("pk", filter=open_ & ~Q(route="")),
        stage_1=Count("pk", filter=Q(state__in=STAGE_STATES[1])),
        stage_2=Count("pk", filter=Q(state__in=STAGE_STATES[2])),
        stage_3=Count("pk", filter=Q(state__in=STAGE_STATES[3])),
        overdue=Count("pk", filter=open_ & Q(next_due__lt=today)),
        due_this_week=Count(
            "pk", filter=open_ & Q(next_due__gte=today, next_due__lte=end_of_week(today))
        ),
        member_enquiries_open=Count(
            "pk",
            filter=open_ & Q(route__in=[Route.MEMBER_ENQUIRY, Route.MP_ENQUIRY]),
        ),
    )
    figures["ombudsman_replies_due"] = ombudsman.count()
    figures["actions_overdue"] = actions.filter(completed__isnull=True, due__lt=today).count()
    return figures
