"""Stage 2 investigations and Stage 3 review panels: the cases completed, in timescale or
not, what the investigations cost, and the costs of the procedure by year."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from fairhear.casework.codes import STAGE_TWO_COST_KINDS, CostKind, StageDecision
from fairhear.casework.models import Cost, Stage
from fairhear.core.report import table
from fairhear.reports.engine.base import (
    TOTAL,
    UNKNOWN,
    WITHDRAWN,
    Report,
    Row,
    code_rows,
    iso,
    money,
)
from fairhear.reports.engine.registry import Section

section = Section("stages-2-3")


def stage2_investigations(r: Report) -> list[dict[str, Any]]:
    """Stage 2 adjudications of the three periods (withdrawn or declined ones are not
    investigations), with their working days and Stage 2 cost."""
    low, high = r.w["before_previous"].start, r.w["current"].end
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in Stage.objects.filter(
            number=2, decision=StageDecision.ACCEPTED, responded__range=(low, high)
        )
        .exclude(outcome=WITHDRAWN)
        .values(
            "contact_id",
            "contact__reference",
            "contact__service_area",
            "requested",
            "started",
            "responded",
            "closed",
            "extended",
        )
        .order_by("responded", "contact__reference")
    ]
    costs = dict(
        Cost.objects.filter(
            contact__in=[row["contact_id"] for row in rows],
            kind__in=STAGE_TWO_COST_KINDS,
            date__lte=r.as_at,
        )
        .values("contact")
        .annotate(total=Sum("amount"))
        .order_by()
        .values_list("contact", "total")
    )
    # report.md: from the agreed statement of complaint when recorded, else the request.
    timed = [row for row in rows if (row["started"] or row["requested"]) is not None]
    days = r.working_days(
        [row["started"] or row["requested"] for row in timed], [row["responded"] for row in timed]
    )
    for row, n in zip(timed, days, strict=True):
        row["working_days"] = int(n)
    stage_2 = r.timescales.require("stage_2")
    for row in rows:
        n = row.get("working_days")
        limit = stage_2.limit(extended=bool(row["extended"]))
        row["in_timescale"] = None if n is None else n <= limit
        row["cost"] = money(costs.get(row["contact_id"]))
    return rows


def _stage2_in(r: Report, key: str) -> list[dict[str, Any]]:
    w = r.w[key]
    return [row for row in r.once(stage2_investigations) if w.start <= row["responded"] <= w.end]


@section.table("stage2_cases")
def stage2_cases(r: Report) -> dict[str, Any]:
    rows: list[Row] = []
    cases = _stage2_in(r, "current")
    for case in cases:
        rows.append(
            (
                case["contact__reference"],
                case["contact__reference"],
                {
                    "service_area": r.area_names[case["contact__service_area"]],
                    "requested": iso(case["requested"]),
                    "started": iso(case["started"]),
                    "responded": iso(case["responded"]),
                    "closed": iso(case["closed"] or case["responded"]),
                    "working_days": case.get("working_days"),
                    "in_timescale": case["in_timescale"],
                    "cost": case["cost"],
                },
            )
        )
    rows.append(
        (
            TOTAL,
            f"Total: {len(cases)} investigations",
            {
                "in_timescale": sum(1 for case in cases if case["in_timescale"]),
                "cost": money(sum(Decimal(str(case["cost"])) for case in cases)),
            },
        )
    )
    return table(
        "Stage 2 investigations completed",
        "responded",
        [
            ("service_area", "Service area"),
            ("requested", "Requested"),
            ("started", "Started"),
            ("responded", "Adjudication"),
            ("closed", "Closed"),
            ("working_days", "Working days"),
            ("in_timescale", "In timescale"),
            ("cost", "Cost"),
        ],
        rows,
        keep_empty=True,
    )


@section.table("stage2_summary")
def stage2_summary(r: Report) -> dict[str, Any]:
    rows: list[Row] = []
    for key in ("before_previous", "previous", "current"):
        cases = _stage2_in(r, key)
        spend = sum(Decimal(str(case["cost"])) for case in cases)
        days = [case["working_days"] for case in cases if case.get("working_days") is not None]
        rows.append(
            (
                key,
                r.label(key),
                {
                    "investigations": len(cases),
                    "spend": money(spend),
                    "average_cost": money(spend / len(cases)) if cases else None,
                    "average_working_days": sum(days) / len(days) if days else None,
                },
            )
        )
    return table(
        "Stage 2 investigations and their cost",
        "responded",
        [
            ("investigations", "Investigations"),
            ("spend", "Spend"),
            ("average_cost", "Average cost"),
            ("average_working_days", "Average working days"),
        ],
        rows,
        keep_empty=True,
    )


@section.table("stage3_panels")
def stage3_panels(r: Report) -> dict[str, Any]:
    w = r.w["current"]
    cases = list(
        Stage.objects.filter(number=3, decision=StageDecision.ACCEPTED, responded__range=w.range)
        .exclude(outcome=WITHDRAWN)
        .values("contact__reference", "requested", "panel_held", "panel_report", "responded")
        .order_by("responded", "contact__reference")
    )
    between = r.calendar.working_days_between
    panel = r.timescales.require("stage_3_panel").limit()
    chair_report = r.timescales.require("stage_3_chair_report").limit()
    response_to_report = r.timescales.require("stage_3_response").limit()
    rows: list[Row] = []
    in_time = 0
    for case in cases:
        asked, held, report, response = (
            case["requested"],
            case["panel_held"],
            case["panel_report"],
            case["responded"],
        )
        ok: bool | None = None
        if asked and held and report and response:
            ok = (
                between(asked, held) <= panel
                and between(held, report) <= chair_report
                and between(report, response) <= response_to_report
            )
            in_time += ok
        rows.append(
            (
                case["contact__reference"],
                case["contact__reference"],
                {
                    "requested": iso(case["requested"]),
                    "panel_held": iso(case["panel_held"]),
                    "panel_report": iso(case["panel_report"]),
                    "responded": iso(case["responded"]),
                    "in_timescale": ok,
                },
            )
        )
    rows.append((TOTAL, f"Total: {len(cases)} panels", {"in_timescale": in_time}))
    return table(
        "Stage 3 review panels",
        "responded",
        [
            ("requested", "Requested"),
            ("panel_held", "Panel held"),
            ("panel_report", "Chair's report"),
            ("responded", "Response"),
            ("in_timescale", "In timescale"),
        ],
        rows,
        keep_empty=True,
    )


@section.table("costs")
def costs(r: Report) -> dict[str, Any]:
    keys = ("before_previous", "previous", "current")
    ws = [r.w[k] for k in keys]
    sums = (
        Cost.objects.filter(date__range=(ws[0].start, ws[-1].end))
        .values("kind")
        .annotate(
            **{
                w.key: Coalesce(Sum("amount", filter=Q(date__range=w.range)), Decimal(0))
                for w in ws
            }
        )
        .order_by()
    )
    cells: dict[str, dict[str, Any]] = {
        row["kind"] or UNKNOWN: {k: money(row[k]) for k in keys} for row in sums
    }
    total = {k: money(sum(Decimal(str(c[k])) for c in cells.values())) for k in keys}
    return table(
        "Costs",
        "cost date",
        r.columns(*keys),
        code_rows(CostKind.choices, cells, total=total),
    )
