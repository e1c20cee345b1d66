"""Changes to the organisation. Each runs in one transaction and is recorded in the audit log."""

from collections.abc import Sequence
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from fairhear.audit import acting_as
from fairhear.core.dates import long_date
from fairhear.organisation.models import OrganisationUnit as Unit
from fairhear.organisation.models import ServiceArea, Team
from fairhear.versions import is_current


class OrganisationError(Exception):
    """A change to the organisation that cannot be made, with the reason in plain words."""


def _kind(unit: Unit) -> str:
    return "service area" if isinstance(unit, ServiceArea) else "team"


def _check_name_free(model: type[Unit], name: str, *, exclude: Unit | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise OrganisationError("Enter a name.")
    clash = model.objects.filter(name__iexact=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    if clash.exists():
        kind = "service area" if model is ServiceArea else "team"
        raise OrganisationError(
            f"There is already a {kind} called {name!r}. Each {kind} needs its own name, "
            "including ones that have ended."
        )
    return name


def add_service_area(*, name: str, started: date | None, by: AbstractBaseUser) -> ServiceArea:
    with transaction.atomic(), acting_as(by):
        name = _check_name_free(ServiceArea, name)
        return ServiceArea.objects.create(name=name, started=started)


def add_team(
    *, service_area: ServiceArea, name: str, started: date | None, by: AbstractBaseUser
) -> Team:
    with transaction.atomic(), acting_as(by):
        name = _check_name_free(Team, name)
        if service_area.ended is not None:
            raise OrganisationError(
                f"{service_area.name} ended on {long_date(service_area.ended)}: "
                "add the team to a service area that is still running."
            )
        return Team.objects.create(service_area=service_area, name=name, started=started)


def correct_name(
    unit: Unit, *, name: str, by: AbstractBaseUser, version: str | None = None
) -> Unit:
    """Fix a misspelt name. The new name is used for every year, past ones included.
    `version` is the unit as the form showed it (`fairhear.versions`)."""
    with transaction.atomic(), acting_as(by):
        _lock(unit)
        if not is_current(unit, version):
            raise OrganisationError(
                f"Someone else changed this {_kind(unit)} while you were editing it, so "
                f"nothing was saved: it is now called {unit.name}. Check it and make your "
                "change again."
            )
        unit.name = _check_name_free(type(unit), name, exclude=unit)
        unit.save(update_fields=["name"])
        return unit


def rename(unit: Unit, *, name: str, from_day: date, by: AbstractBaseUser) -> Unit:
    """Rename a unit from a date in a restructure.

    The old unit ends the day before and the new one succeeds it, so reports for earlier
    years can still name it as it was and map it onto the new name.
    """
    with transaction.atomic(), acting_as(by):
        _lock(unit)
        new_name = _check_name_free(type(unit), name)
        last_day = from_day - timedelta(days=1)
        _check_can_end(unit, last_day)
        successor: Unit
        if isinstance(unit, Team):
            successor = Team.objects.create(
                service_area=unit.service_area, name=new_name, started=from_day
            )
        else:
            successor = ServiceArea.objects.create(name=new_name, started=from_day)
            # The teams go on under the new name of their service area.
            for team in Team.objects.filter(service_area__pk=unit.pk).exclude(ended__lte=last_day):
                team.service_area = successor
                team.save(update_fields=["service_area"])
        _end(unit, last_day, successor)
        return successor


def end(unit: Unit, *, last_day: date, successor: Unit | None, by: AbstractBaseUser) -> Unit:
    """End a unit on its last day, naming the unit that took over its work if any."""
    with transaction.atomic(), acting_as(by):
        _lock(unit)
        _check_can_end(unit, last_day)
        if successor is not None:
            successor = type(successor).objects.get(pk=successor.pk)
            _check_successor(unit, successor, last_day)
        if isinstance(unit, ServiceArea):
            running = unit.teams.exclude(ended__lte=last_day).order_by("name")
            if running.exists():
                names = ", ".join(team.name for team in running)
                raise OrganisationError(
                    f"{unit.name} still has teams running after {long_date(last_day)}: "
                    f"{names}. End them or merge them into another team first."
                )
        _end(unit, last_day, successor)
        return unit


def merge(units: Sequence[Unit], *, into: Unit, last_day: date, by: AbstractBaseUser) -> Unit:
    """Merge several units into one: each ends on the last day and names it as successor."""
    if not units:
        raise OrganisationError("Choose at least one to merge.")
    with transaction.atomic(), acting_as(by):
        for unit in units:
            end(unit, last_day=last_day, successor=into, by=by)
    return into


def _lock(unit: Unit) -> None:
    """Lock the unit's row and bring the caller's instance up to date.

    Two managers ending the same unit at once cannot then both succeed.
    """
    list(type(unit).objects.select_for_update().filter(pk=unit.pk).values_list("pk"))
    unit.refresh_from_db()


def _check_can_end(unit: Unit, last_day: date) -> None:
    if unit.ended is not None:
        raise OrganisationError(f"{unit.name} already ended on {long_date(unit.ended)}.")
    if unit.started is not None and last_day < unit.started:
        raise OrganisationError(
            f"{unit.name} started on {long_date(unit.started)}, so it cannot end before then."
        )


def _check_successor(unit: Unit, successor: Unit, last_day: date) -> None:
    if type(successor) is not type(unit):
        raise OrganisationError(f"A {_kind(unit)} can only be succeeded by another {_kind(unit)}.")
    if successor.pk == unit.pk:
        raise OrganisationError(f"{unit.name} cannot take over its own work.")
    first_day = last_day + timedelta(days=1)
    if not successor.is_running_on(first_day):
        raise OrganisationError(
            f"{successor.name} is not running on {long_date(first_day)}, the day after "
            f"{unit.name} ends, so it cannot take over its work."
        )
    # Following the successors from the new one must never lead back here. Read the chain
    # from the database: the instances passed in may be out of date.
    seen: set[int] = set()
    step_id: int | None = successor.pk
    while step_id is not None and step_id not in seen:
        if step_id == unit.pk:
            raise OrganisationError(
                f"{successor.name} already hands its work on to {unit.name}: "
                "a restructure cannot go round in a circle."
            )
        seen.add(step_id)
        step = type(unit).objects.filter(pk=step_id).only("successor").first()
        step_id = step.successor_id if step is not None else None


def _end(unit: Unit, last_day: date, successor: Unit | None) -> None:
    unit.ended = last_day
    unit.successor = successor
    unit.save(update_fields=["ended", "successor"])
