"""The reports' queries outside the tables themselves: the years the report page offers, the
figures the report sets beside the case data, and the service areas and teams the engine
names the figures after (their restructures included)."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from fairhear.casework.models import Compliment, Contact
from fairhear.casework.selectors import financial_years_of
from fairhear.core.report import Period
from fairhear.organisation.models import ServiceArea, Team
from fairhear.reports.models import Benchmark, ContextFigure

#: A unit as the engine reads it: id, name, its last day (or None) and its successor's id.
UnitHistory = tuple[int, str, date | None, int | None]


def report_years(today: date) -> list[int]:
    """The financial years a report can be had for, newest first: from the first contact
    received to this year (at least this year)."""
    return financial_years_of(Contact.objects.all(), "received", today)


def anything_received_in(period: Period) -> bool:
    """Whether any contact or compliment was received in `period`: a report of none is
    allowed (a quiet quarter) but is more often a mistyped year."""
    dates = {"received__range": (period.start, period.end)}
    return Contact.objects.filter(**dates).exists() or Compliment.objects.filter(**dates).exists()


def context_figures() -> QuerySet[ContextFigure]:
    """Every demand figure recorded, newest year first."""
    return ContextFigure.objects.order_by("-year", "measure")


def benchmarks() -> QuerySet[Benchmark]:
    """Every other council's figures recorded, newest year first."""
    return Benchmark.objects.order_by("-year", "council")


def unit_histories(model: type[ServiceArea] | type[Team]) -> list[UnitHistory]:
    """Every service area or every team (`model`), ended ones included, with where its work
    went."""
    return list(model.objects.values_list("id", "name", "ended", "successor"))
