"""Reads of the organisation."""

from datetime import date

from django.db.models import Prefetch, QuerySet

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
