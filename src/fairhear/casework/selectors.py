"""Every read of case data, scoped to the user asking. Views never build case querysets.

Who sees which cases is decided here and nowhere else:
- the complaints manager and officers (permission `casework.view_all_cases`) see every case;
- a service manager sees the cases of their own service areas (and of the areas whose work
  passed to theirs in a restructure), and the cases they are the responsible manager of;
- an investigator sees the cases they work on: as investigating officer, independent person
  or panel member (through their practitioner record), or assigned to them;
- anyone without `casework.view_cases` (report viewers) sees no case.
A case outside someone's scope is "not found" (404), so its existence is not leaked.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from auditlog.models import LogEntry
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, F, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Lower
from django.http import Http404

from fairhear.casework.codes import Channel, CostKind, Route
from fairhear.casework.models import (
    Attachment,
    CaseAssignment,
    CaseEvent,
    Category,
    CategoryOutcome,
    Compliment,
    Contact,
    ContactCategory,
    Cost,
    LearningAction,
    OmbudsmanCase,
    PanelMembership,
    Person,
    Practitioner,
    Stage,
    phone_digits,
)
from fairhear.core.procedure import CaseState
from fairhear.core.report import Period, financial_year_of
from fairhear.organisation.models import ServiceArea

AnyUser = User | AnonymousUser

#: States in which a statutory complaint is being handled.
OPEN_STATES = [s.value for s in CaseState if s not in (CaseState.CLOSED, CaseState.WITHDRAWN)]
STAGE_STATES: dict[int, list[str]] = {
    1: [CaseState.STAGE_1],
    2: [CaseState.STAGE_2_REQUESTED, CaseState.STAGE_2_ACCEPTED, CaseState.STAGE_2],
    3: [CaseState.STAGE_3_REQUESTED, CaseState.STAGE_3_ACCEPTED, CaseState.STAGE_3],
}


def own_service_area_ids(user: AnyUser) -> set[int]:
    """The user's own service areas, with every area whose work has passed to one of them."""
    if not user.is_authenticated:
        return set()
    own = set(ServiceArea.objects.filter(staff__user=user).values_list("pk", flat=True))
    found, frontier = set(own), set(own)
    while frontier:
        earlier = set(
            ServiceArea.objects.filter(successor_id__in=frontier).values_list("pk", flat=True)
        )
        frontier = earlier - found
        found |= frontier
    return found


def cases_visible_to(user: AnyUser) -> QuerySet[Contact]:
    """Every contact the user may see (none for a role without case access)."""
    if not user.is_authenticated or not user.has_perm("casework.view_cases"):
        return Contact.objects.none()
    if user.has_perm("casework.view_all_cases"):
        return Contact.objects.all()
    areas, working_on = _scope(user)
    # The few cases someone works on are read first, so the main query stays two index scans
    # (their service areas, and these) rather than an OR over subqueries.
    return Contact.objects.filter(Q(service_area__in=areas) | Q(pk__in=working_on))


def _scope(user: User) -> tuple[list[int], list[int]]:
    """A user's own service areas and the cases they work on, read once per request (the
    request's user object keeps them)."""
    cached: tuple[list[int], list[int]] | None = getattr(user, "_casework_scope", None)
    if cached is not None:
        return cached
    practitioners = Practitioner.objects.filter(user=user).values("pk")
    working_on = (
        Stage.objects.filter(
            Q(investigating_officer__in=practitioners)
            | Q(independent_person__in=practitioners)
            | Q(responsible_manager=user)
        )
        .order_by()
        .values_list("contact_id", flat=True)
        .union(
            PanelMembership.objects.filter(practitioner__in=practitioners)
            .order_by()
            .values_list("stage__contact_id", flat=True),
            CaseAssignment.objects.filter(user=user).values_list("contact_id", flat=True),
        )
    )
    scope = (sorted(own_service_area_ids(user)), sorted(working_on))
    user._casework_scope = scope  # type: ignore[attr-defined]
    return scope


def get_case_for(user: AnyUser, reference: str) -> Contact:
    """The contact with this reference, if the user may see it; otherwise Http404."""
    try:
        return (
            cases_visible_to(user)
            .select_related("complainant", "service_area", "team")
            .get(reference=reference)
        )
    except Contact.DoesNotExist:
        raise Http404("No such case") from None


def case_with_details(user: AnyUser, reference: str) -> Contact:
    """A case with everything its page shows, read in a fixed number of queries."""
    contact = get_case_for(user, reference)
    stages = Stage.objects.select_related(
        "responsible_manager", "investigating_officer", "independent_person"
    ).prefetch_related(
        Prefetch(
            "panel_memberships",
            queryset=PanelMembership.objects.select_related("practitioner").order_by(
                "-is_chair", "practitioner__name"
            ),
        ),
        "category_outcomes__category",
    )
    return (
        Contact.objects.filter(pk=contact.pk)
        .select_related("complainant", "service_area", "team")
        .prefetch_related(
            Prefetch("stages", queryset=stages),
            "category_links__category",
            "ombudsman_cases",
            Prefetch(
                "assignments",
                queryset=CaseAssignment.objects.select_related("user").order_by("assigned", "pk"),
            ),
            "costs",
            "actions",
            Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")),
            Prefetch("events", queryset=CaseEvent.objects.select_related("by")),
        )
        .get()
    )


def get_attachment_for(user: AnyUser, reference: str, pk: int) -> Attachment:
    """A document of a case the user may see; otherwise Http404, as for the case itself."""
    contact = get_case_for(user, reference)
    try:
        return contact.attachments.get(pk=pk)
    except Attachment.DoesNotExist:
        raise Http404("No such document") from None


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


# ------------------------------------------------------------------------- lists and counts


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
        cases = cases.filter(
            Q(reference__iexact=query)
            | Q(complainant__name__icontains=query)
            | Q(summary__icontains=query)
        )
    return cases


SORTS = {
    "received": ("received", "reference"),
    "-received": ("-received", "-reference"),
    "due": ("next_due", "reference"),
    "reference": ("reference",),
}


def case_list(cases: QuerySet[Contact], sort: str) -> QuerySet[Contact]:
    """The rows of the case list, sorted, with what each row shows."""
    order = SORTS.get(sort, SORTS["-received"])
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


def soonest_due_by_stage(user: AnyUser, per_stage: int = 5) -> dict[int, list[Contact]]:
    """For each stage, the user's open cases there whose next step is due soonest (one
    query a stage, read through the index on state and due date)."""
    visible = cases_visible_to(user).select_related("service_area", "team")
    return {
        number: list(
            visible.filter(state__in=states).order_by(
                F("next_due").asc(nulls_last=True), "reference"
            )[:per_stage]
        )
        for number, states in STAGE_STATES.items()
    }


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


def ombudsman_cases_visible_to(user: AnyUser) -> QuerySet[OmbudsmanCase]:
    """Ombudsman cases of visible contacts; unlinked ones only for the whole-council roles."""
    if not user.is_authenticated or not user.has_perm("casework.view_cases"):
        return OmbudsmanCase.objects.none()
    if user.has_perm("casework.view_all_cases"):
        return OmbudsmanCase.objects.all()
    return OmbudsmanCase.objects.filter(contact__in=cases_visible_to(user).values("pk"))


def get_ombudsman_case_for(user: AnyUser, lgsco_reference: str) -> OmbudsmanCase:
    """The Ombudsman case with this reference, if the user may see it; otherwise Http404."""
    try:
        return (
            ombudsman_cases_visible_to(user)
            .select_related("contact", "service_area", "team")
            .get(lgsco_reference=lgsco_reference)
        )
    except OmbudsmanCase.DoesNotExist:
        raise Http404("No such Ombudsman case") from None


def ombudsman_replies_due(user: AnyUser) -> QuerySet[OmbudsmanCase]:
    """Ombudsman enquiries the council has not answered yet, by due date."""
    return (
        ombudsman_cases_visible_to(user)
        .filter(council_replied__isnull=True, decided__isnull=True, received__isnull=False)
        .select_related("contact")
        .order_by("enquiry_due", "lgsco_reference")
    )


def actions_visible_to(user: AnyUser) -> QuerySet[LearningAction]:
    """Learning actions of visible cases, and those owned by the user's own service areas."""
    if not user.is_authenticated or not user.has_perm("casework.view_cases"):
        return LearningAction.objects.none()
    if user.has_perm("casework.view_all_cases"):
        return LearningAction.objects.all()
    areas, _ = _scope(user)
    return LearningAction.objects.filter(
        Q(contact__in=cases_visible_to(user).values("pk"))
        | Q(owner_service_area__in=areas)
        | Q(owner_team__service_area__in=areas)
    )


def get_action_for(user: AnyUser, pk: int) -> LearningAction:
    """A learning action the user may see, with its case; otherwise Http404."""
    action = actions_visible_to(user).select_related("contact").filter(pk=pk).first()
    if action is None:
        raise Http404("No such action")
    return action


#: What the actions list can show (`?show=`), with the words of its filter.
ACTION_FILTERS = {"": "Not done", "overdue": "Overdue", "done": "Done"}


def actions_shown(user: AnyUser, show: str, today: date) -> QuerySet[LearningAction]:
    """The rows of the actions list: not done (those without a due date first, as they need
    one, then soonest due), only the overdue, or done (most recently completed first)."""
    actions = actions_visible_to(user).select_related("contact", "owner_team", "owner_service_area")
    if show == "done":
        return actions.filter(completed__isnull=False).order_by("-completed", "-pk")
    actions = actions.filter(completed__isnull=True)
    if show == "overdue":
        actions = actions.filter(due__lt=today)
    return actions.order_by(F("due").asc(nulls_first=True), "pk")


def financial_years_of(records: QuerySet[Any], field: str, today: date) -> list[int]:
    """The financial years a list can show, newest first (by the year each starts in): from
    the earliest record's `field` to this year, or to the latest record's if later (a cost
    can be dated ahead)."""
    span = records.aggregate(first=Min(field), last=Max(field))
    years = [financial_year_of(today)] + [
        financial_year_of(day) for day in span.values() if day is not None
    ]
    return list(range(max(years), min(years) - 1, -1))


def cost_years(today: date) -> list[int]:
    """The financial years the costs page offers, newest first."""
    return financial_years_of(Cost.objects.all(), "date", today)


def costs_between(start: date, end: date) -> QuerySet[Cost]:
    """The costs dated from `start` to `end` (inclusive), in date order, with their cases."""
    return (
        Cost.objects.filter(date__range=(start, end))
        .select_related("contact")
        .order_by("date", "pk")
    )


@dataclass(frozen=True)
class CostTotal:
    label: str
    count: int
    amount: Decimal


def cost_totals(start: date, end: date) -> tuple[list[CostTotal], CostTotal]:
    """How many costs of each kind there were from `start` to `end` and what they came to,
    and the same for all of them: one aggregate query, however many costs."""
    sums = Cost.objects.filter(date__range=(start, end)).aggregate(
        all_count=Count("pk"),
        all_amount=Sum("amount"),
        **{f"count_{kind}": Count("pk", filter=Q(kind=kind)) for kind in CostKind.values},
        **{f"amount_{kind}": Sum("amount", filter=Q(kind=kind)) for kind in CostKind.values},
    )
    by_kind = [
        CostTotal(kind.label, sums[f"count_{kind}"], sums[f"amount_{kind}"] or Decimal(0))
        for kind in CostKind
    ]
    return by_kind, CostTotal("All costs", sums["all_count"], sums["all_amount"] or Decimal(0))


def categories_with_use() -> QuerySet[Category]:
    """Every category, offered ones first, with how many contacts are in each."""
    return Category.objects.annotate(uses=Count("contact_links")).order_by("-active", "name")


def case_audit_trail(contact: Contact) -> QuerySet[LogEntry]:
    """Every audited change to a case: the contact and the records that hang from it (its
    stages with their category outcomes and panels, category links, Ombudsman cases,
    costs, learning actions, documents and assignments), newest first."""
    stages = list(contact.stages.values_list("pk", flat=True))
    parts: list[tuple[type[models.Model], Iterable[int]]] = [
        (Contact, [contact.pk]),
        (Stage, stages),
        (
            CategoryOutcome,
            CategoryOutcome.objects.filter(stage__in=stages).values_list("pk", flat=True),
        ),
        (
            PanelMembership,
            PanelMembership.objects.filter(stage__in=stages).values_list("pk", flat=True),
        ),
        (ContactCategory, contact.category_links.values_list("pk", flat=True)),
        (OmbudsmanCase, contact.ombudsman_cases.values_list("pk", flat=True)),
        (Cost, contact.costs.values_list("pk", flat=True)),
        (LearningAction, contact.actions.values_list("pk", flat=True)),
        (Attachment, contact.attachments.values_list("pk", flat=True)),
        (CaseAssignment, contact.assignments.values_list("pk", flat=True)),
    ]
    types = ContentType.objects.get_for_models(*(model for model, _ in parts))
    records = Q()
    for model, pks in parts:
        records |= Q(content_type=types[model], object_pk__in=[str(pk) for pk in pks])
    # Category links and panel members are deleted when changed; their entries say whose.
    records |= Q(
        content_type__in=[types[ContactCategory], types[PanelMembership]],
        additional_data__contact=contact.pk,
    )
    trail: QuerySet[LogEntry] = (
        LogEntry.objects.filter(records)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    return trail


def ombudsman_audit_trail(case: OmbudsmanCase) -> QuerySet[LogEntry]:
    """Every audited change to an Ombudsman case, and every view of its page, newest first."""
    trail: QuerySet[LogEntry] = (
        LogEntry.objects.get_for_object(case)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    return trail


def view_log(
    *, viewer: User | None = None, day_from: date | None = None, day_to: date | None = None
) -> QuerySet[LogEntry]:
    """Who opened which case, downloaded which document or opened which Ombudsman case,
    newest first, with the case reference of each document (the complaints manager's view
    log across every case)."""
    types = ContentType.objects.get_for_models(Contact, Attachment, OmbudsmanCase)
    entries = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, content_type__in=list(types.values())
    )
    if viewer is not None:
        entries = entries.filter(actor=viewer)
    if day_from is not None:
        entries = entries.filter(timestamp__date__gte=day_from)
    if day_to is not None:
        entries = entries.filter(timestamp__date__lte=day_to)
    document_case = Attachment.objects.filter(pk=OuterRef("object_id")).values("contact__reference")
    log: QuerySet[LogEntry] = (
        entries.annotate(document_case=Subquery(document_case[:1]))
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    return log


# ------------------------------------------------------------------------------ compliments


def compliments_visible_to(user: AnyUser) -> QuerySet[Compliment]:
    """Every compliment the complaints team may read; a service manager's own service areas'
    (to pass the praise on to their teams); none for anyone else, since a compliment's text
    names people."""
    if not user.is_authenticated or not user.has_perm("casework.view_compliment"):
        return Compliment.objects.none()
    if user.has_perm("casework.view_all_cases"):
        return Compliment.objects.all()
    areas, _ = _scope(user)
    return Compliment.objects.filter(service_area__in=areas)


def compliment_service_areas(user: AnyUser) -> QuerySet[ServiceArea]:
    """The service areas the compliments list can be narrowed to, ended ones included (a past
    year's compliments are about the areas of that year)."""
    if not user.is_authenticated or not user.has_perm("casework.view_compliment"):
        return ServiceArea.objects.none()
    areas = ServiceArea.objects.order_by("name")
    if user.has_perm("casework.view_all_cases"):
        return areas
    return areas.filter(pk__in=_scope(user)[0])


def compliment_years(compliments: QuerySet[Compliment], today: date) -> list[int]:
    """The financial years the compliments list offers, newest first."""
    return financial_years_of(compliments, "received", today)


def compliments_received(
    compliments: QuerySet[Compliment], year: int, service_area: ServiceArea | None = None
) -> QuerySet[Compliment]:
    """The compliments received in a financial year (about one service area, if given),
    newest first, with what each row of the list shows."""
    period = Period.financial_year(year)
    chosen = compliments.filter(received__gte=period.start, received__lte=period.end)
    if service_area is not None:
        chosen = chosen.filter(service_area=service_area)
    return chosen.select_related("service_area", "team").order_by("-received", "-pk")


def get_compliment_for(user: AnyUser, pk: int) -> Compliment:
    """The compliment, if the user may see it; otherwise Http404."""
    try:
        return compliments_visible_to(user).select_related("service_area", "team").get(pk=pk)
    except Compliment.DoesNotExist:
        raise Http404("No such compliment") from None
