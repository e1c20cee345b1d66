"""Reads of the organisation."""

from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from fairhear.organisation.models import OrganisationUnit as Unit
from fairhear.organisation.models import ServiceArea, Team


def service_areas_with_teams() -> QuerySet[ServiceArea]:
    """Every service area with its teams, ended ones included, in name order."""
    return ServiceArea.objects.select_related("successor").prefetch_related(
        Prefetch("teams", queryset=Team.objects.select_related("successor").order_by("name"))
    )


def unit_on(unit: Unit, day: date) -> Unit:
    """The unit whose work this one had become by `day`, following successors to the end.

    A unit that ended before `day` counts under its successor; one that ended without a
    successor stays itself. A restructure after `day` is not applied.
    """
    seen = {unit.pk}
    while unit.ended is not None and unit.ended < day and unit.successor is not None:
        unit = unit.successor
        if unit.pk in seen:  # the services refuse cycles; stop rather than loop on bad data
            break
        seen.add(unit.pk)
    return unit


def lineage(unit: Unit) -> tuple[list[Unit], list[Unit]]:
    """The units this one took over from (all generations), and the chain it handed on to."""
    model = type(unit)
    before: list[Unit] = []
    frontier = [unit.pk]
    seen = {unit.pk}
    while frontier:
        found = list(model.objects.filter(successor_id__in=frontier).order_by("ended", "name"))
        found = [u for u in found if u.pk not in seen]
        before.extend(found)
        seen.update(u.pk for u in found)
        frontier = [u.pk for u in found]
    after: list[Unit] = []
    step = unit.successor
    while step is not None and step.pk not in seen:
        after.append(step)
        seen.add(step.pk)
        step = step.successor
    return before, after


# ------------------------------------------------------------------ what forms offer


def running_on(model: type[Unit], day: date | None = None) -> QuerySet[Any]:
    """The service areas or teams (as `model` says) running on `day`, today if not given."""
    day = day or date.today()
    return model.objects.filter(
        Q(started__isnull=True) | Q(started__lte=day), Q(ended__isnull=True) | Q(ended__gte=day)
    )


def offered(model: type[Unit], *, keeping: int | None = None) -> QuerySet[Any]:
    """The service areas or teams a form offers: those running today, and the one a record
    names already (`keeping`, its primary key), which may have ended since."""
    running = running_on(model)
    if keeping is None:
        return running
    return model.objects.filter(Q(pk__in=running.values("pk")) | Q(pk=keeping))


def service_areas_offered(*, keeping: int | None = None) -> QuerySet[ServiceArea]:
    """The service areas a form offers (see `offered`), in name order."""
    return offered(ServiceArea, keeping=keeping).order_by("name")


def teams_offered(*, keeping: int | None = None, by_service_area: bool = False) -> QuerySet[Team]:
    """The teams a form offers (see `offered`) with their service areas, in name order, or
    by service area then name where the form asks for the service area too."""
    order = ("service_area__name", "name") if by_service_area else ("name",)
    return offered(Team, keeping=keeping).select_related("service_area").order_by(*order)


def successors_for(unit: Unit) -> QuerySet[Unit]:
    """What can take over a unit's work when it ends: the others of its kind running today."""
    return running_on(type(unit)).exclude(pk=unit.pk)


def every_service_area() -> QuerySet[ServiceArea]:
    """Every service area, ended ones included (a list of past cases names them), by name."""
    return ServiceArea.objects.order_by("name")


def every_team() -> QuerySet[Team]:
    """Every team, ended ones included (a list of past cases names them), by name."""
    return Team.objects.order_by("name")
