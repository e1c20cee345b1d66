"""The lists kept by financial year: costs and compliments."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.http import Http404

from fairhear.casework.codes import CostKind
from fairhear.casework.models import Compliment, Cost
from fairhear.casework.selectors.scope import AnyUser, scope_of
from fairhear.core.report import Period, financial_year_of
from fairhear.organisation.models import ServiceArea


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


def compliments_visible_to(user: AnyUser) -> QuerySet[Compliment]:
    """Every compliment the complaints team may read; a service manager's own service areas'
    (to pass the praise on to their teams); none for anyone else, since a compliment's text
    names people."""
    if not user.is_authenticated or not user.has_perm("casework.view_compliment"):
        return Compliment.objects.none()
    if user.has_perm("casework.view_all_cases"):
        return Compliment.objects.all()
    areas, _ = scope_of(user)
    return Compliment.objects.filter(service_area__in=areas)


def compliment_service_areas(user: AnyUser) -> QuerySet[ServiceArea]:
    """The service areas the compliments list can be narrowed to, ended ones included (a past
    year's compliments are about the areas of that year)."""
    if not user.is_authenticated or not user.has_perm("casework.view_compliment"):
        return ServiceArea.objects.none()
    areas = ServiceArea.objects.order_by("name")
    if user.has_perm("casework.view_all_cases"):
        return areas
    return areas.filter(pk__in=scope_of(user)[0])


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
