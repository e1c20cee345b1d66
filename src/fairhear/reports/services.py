"""Writes of the figures the report adds to the case data."""

from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from fairhear.audit import acting_as
from fairhear.reports.models import Benchmark, ContextFigure


class ReportFiguresError(Exception):
    """A figure cannot be recorded; the message says why in plain English."""


def record_context_figure(
    *, year: int, measure: str, value: Decimal, by: AbstractBaseUser
) -> ContextFigure:
    """Record a demand figure for a year, replacing the one recorded before."""
    measure = measure.strip()
    if not measure:
        raise ReportFiguresError("Enter what the figure measures, for example referrals")
    with transaction.atomic(), acting_as(by):
        figure, _ = ContextFigure.objects.update_or_create(
            year=year, measure=measure, defaults={"value": value}
        )
    return figure


def record_benchmark(
    *,
    year: int,
    council: str,
    complaints_received: int | None,
    percent_upheld: Decimal | None,
    percent_in_timescale: Decimal | None,
    by: AbstractBaseUser,
) -> Benchmark:
    """Record another council's published figures for a year, replacing earlier ones."""
    council = council.strip()
    if not council:
        raise ReportFiguresError("Enter the name of the council")
    with transaction.atomic(), acting_as(by):
        benchmark, _ = Benchmark.objects.update_or_create(
            year=year,
            council=council,
            defaults={
                "complaints_received": complaints_received,
                "percent_upheld": percent_upheld,
                "percent_in_timescale": percent_in_timescale,
            },
        )
    return benchmark
