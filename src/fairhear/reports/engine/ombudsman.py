"""The Local Government and Social Care Ombudsman: its decisions over three years, and each
decision on our cases in the period."""

from __future__ import annotations

from typing import Any

from fairhear.casework.codes import LgscoDecision
from fairhear.casework.models import OmbudsmanCase
from fairhear.core.clocks import lgsco_enquiry_clock
from fairhear.core.report import table
from fairhear.reports.engine.base import UNKNOWN, Report, Row, code_rows, money, sum_columns
from fairhear.reports.engine.registry import Section

section = Section("ombudsman")


@section.table("lgsco_decisions")
def lgsco_decisions(r: Report) -> dict[str, Any]:
    keys = ("before_previous", "previous", "current")
    counts = r.counts(OmbudsmanCase.objects.all(), "decision", "decided", keys)
    cells = {k: dict(v) for k, v in counts.items()}
    return table(
        "Ombudsman decisions",
        "decided",
        r.columns(*keys),
        code_rows(LgscoDecision.choices, cells, total=sum_columns(cells, keys)),
    )


@section.table("lgsco_cases")
def lgsco_cases(r: Report) -> dict[str, Any]:
    w = r.w["current"]
    cases = (
        OmbudsmanCase.objects.filter(decided__range=w.range)
        .values(
            "lgsco_reference",
            "service_area",
            "contact__service_area",
            "decision",
            "remedies",
            "financial_remedy",
            "received",
            "enquiry_due",
            "council_replied",
        )
        .order_by("decided", "lgsco_reference")
    )
    rows: list[Row] = []
    for case in cases:
        # The Ombudsman's own date, else the enquiry's default limit from its receipt.
        due = case["enquiry_due"] or (
            lgsco_enquiry_clock(case["received"], timescales=r.timescales, calendar=r.calendar).due
            if case["received"]
            else None
        )
        replied = case["council_replied"]
        on_time = None
        if replied is not None and replied <= r.as_at and due is not None:
            on_time = replied <= due
        area = case["service_area"] or case["contact__service_area"]
        rows.append(
            (
                case["lgsco_reference"],
                case["lgsco_reference"],
                {
                    "service_area": r.area_names[area],
                    "decision": case["decision"] or UNKNOWN,
                    "remedy": [str(code) for code in case["remedies"] or []],
                    "financial_remedy": (
                        None
                        if case["financial_remedy"] is None
                        else money(case["financial_remedy"])
                    ),
                    "replied_in_time": on_time,
                },
            )
        )
    return table(
        "Ombudsman decisions on our cases",
        "decided",
        [
            ("service_area", "Service area"),
            ("decision", "Decision"),
            ("remedy", "Remedy"),
            ("financial_remedy", "Financial remedy"),
            ("replied_in_time", "We replied in time"),
        ],
        rows,
    )
