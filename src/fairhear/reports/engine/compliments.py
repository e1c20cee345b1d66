"""Compliments and enquiries: compliments by service area, and councillors' and MPs'
enquiries by team with how many were answered in the council's time."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Q

from fairhear.casework.codes import Route
from fairhear.casework.models import Compliment, Contact
from fairhear.core.report import table
from fairhear.reports.engine.base import TOTAL, Report, named_rows, sum_columns
from fairhear.reports.engine.registry import Section

section = Section("compliments")


@section.table("compliments_by_service_area")
def compliments_by_service_area(r: Report) -> dict[str, Any]:
    counts = r.by_unit(
        r.counts(
            Compliment.objects.all(),
            "service_area",
            "received",
            ("previous", "current"),
            internal=Q(internal=True),
        ),
        r.area_names,
    )
    cells: dict[str, dict[str, Any]] = {}
    for name, n in counts.items():
        cells[name] = {
            "internal": n["current_internal"],
            "external": n["current"] - n["current_internal"],
            TOTAL: n["current"],
            "previous_total": n["previous"],
        }
    columns = ("internal", "external", TOTAL, "previous_total")
    return table(
        "Compliments by service area",
        "received",
        [
            ("internal", "From inside the council"),
            ("external", "From outside the council"),
            (TOTAL, f"Total {r.label('current')}"),
            ("previous_total", f"Total {r.label('previous')}"),
        ],
        named_rows(cells, total=sum_columns(cells, columns)),
    )


@section.table("enquiries")
def enquiries(r: Report) -> dict[str, Any]:
    w = r.w["current"]
    received = Contact.objects.filter(
        route__in=(Route.MEMBER_ENQUIRY, Route.MP_ENQUIRY), received__range=w.range
    )
    counts = r.counts(
        received,
        "team",
        "received",
        ("current",),
        member=Q(route=Route.MEMBER_ENQUIRY),
        mp=Q(route=Route.MP_ENQUIRY),
    )
    # Replies grouped by team and dates: many enquiries share them.
    replied = [
        (team, on, responded, n)
        for team, on, responded, n in received.filter(responded__lte=r.as_at)
        .values_list("team", "received", "responded")
        .annotate(n=Count("pk"))
        .order_by()
        if responded is not None
    ]
    days = r.working_days([row[1] for row in replied], [row[2] for row in replied])
    in_time: Counter[str] = Counter()
    for (team, _, _, n), taken in zip(replied, days, strict=True):
        if taken <= r.enquiry_days:
            in_time[r.team_names[team]] += n
    cells: dict[str, dict[str, Any]] = {}
    for name, n in r.by_unit(counts, r.team_names).items():
        cells[name] = {
            "member": n["current_member"],
            "mp": n["current_mp"],
            "responded_in_time": in_time[name],
        }
    columns = ("member", "mp", "responded_in_time")
    return table(
        "Enquiries from councillors and MPs, by team",
        "received",
        [
            ("member", "From councillors"),
            ("mp", "From MPs"),
            ("responded_in_time", f"Replied within {r.enquiry_days} working days"),
        ],
        named_rows(cells, total=sum_columns(cells, columns)),
    )
