"""Complaints received: how many arrived by each route and reached each stage, who made
them, how, when, and the equality monitoring of statutory complaints."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Q, Value
from django.db.models.functions import ExtractMonth, Trim

from fairhear.casework.codes import (
    AgeBand,
    Channel,
    ChildStatus,
    ComplainantRole,
    Route,
    StageDecision,
)
from fairhear.casework.models import Contact, OmbudsmanCase, Stage
from fairhear.core.report import MONTH_KEYS, change, table
from fairhear.reports.engine.base import (
    TOTAL,
    UNKNOWN,
    UNKNOWN_LABEL,
    Counts,
    Report,
    Row,
    code_rows,
    sum_columns,
)
from fairhear.reports.engine.registry import Section

section = Section("received")


@section.table("volumes")
def volumes(r: Report) -> dict[str, Any]:
    counts = r.counts(
        Contact.objects.all(),
        "route",
        "received",
        ("previous", "current"),
        withdrawn=Q(withdrawn__lte=r.as_at),
    )
    cells = {k: {"previous": v["previous"], "current": v["current"]} for k, v in counts.items()}
    total = sum_columns(cells, ("previous", "current"))
    withdrawn = {
        "previous": sum(v["previous_withdrawn"] for v in counts.values()),
        "current": sum(v["current_withdrawn"] for v in counts.values()),
    }
    rows = code_rows(Route.choices, cells, total=total)
    rows.append(("withdrawn", "Withdrawn (all routes)", withdrawn))
    for _, _, row in rows:
        row["change"] = change(row["current"], row["previous"])
    return table(
        "Contacts received, by route",
        "received",
        [*r.columns("previous", "current"), ("change", "Change")],
        rows,
    )


@section.table("stages")
def stages(r: Report) -> dict[str, Any]:
    both = ("previous", "current")
    received = r.statutory_received
    later_stages = Stage.objects.filter(number__in=(2, 3))
    declined_by_then = Q(decision=StageDecision.DECLINED) & (
        Q(decision_date__isnull=True) | Q(decision_date__lte=r.as_at)
    )
    requested = r.counts(
        later_stages,
        "number",
        "requested",
        both,
        accepted=Q(decision=StageDecision.ACCEPTED),
        declined=declined_by_then,
    )
    ombudsman_received = r.counts(OmbudsmanCase.objects.all(), Value(1), "received", both)
    ombudsman_decided = r.counts(OmbudsmanCase.objects.all(), Value(1), "decided", both)

    def per(counts: Counts, group: str, measure: str = "") -> dict[str, int]:
        cells = counts.get(group, {})
        suffix = f"_{measure}" if measure else ""
        return {k: cells.get(f"{k}{suffix}", 0) for k in both}

    rows = [
        ("stage1_received", "Stage 1 complaints received", {k: received[k] for k in both}),
        ("stage2_requested", "Stage 2 investigations requested", per(requested, "2")),
        ("stage2_accepted", "Stage 2 requests accepted", per(requested, "2", "accepted")),
        ("stage2_declined", "Stage 2 requests declined", per(requested, "2", "declined")),
        ("stage3_requested", "Stage 3 review panels requested", per(requested, "3")),
        ("stage3_accepted", "Stage 3 requests accepted", per(requested, "3", "accepted")),
        ("lgsco_received", "Ombudsman enquiries received", per(ombudsman_received, "1")),
        ("lgsco_decided", "Ombudsman decisions", per(ombudsman_decided, "1")),
    ]
    return table(
        "Complaints at each stage",
        "received",
        r.columns(*both),
        rows,
        keep_empty=True,
    )


def _by_code(
    r: Report, title: str, field: str, choices: Iterable[tuple[str, str]]
) -> dict[str, Any]:
    """Statutory complaints received this period and last, by the code in `field`."""
    counts = r.counts(r.statutory, field, "received", ("previous", "current"))
    cells = {k: dict(v) for k, v in counts.items()}
    rows = code_rows(choices, cells, total=sum_columns(cells, ("previous", "current")))
    return table(title, "received", r.columns("previous", "current"), rows)


@section.table("complainant_role")
def complainant_role(r: Report) -> dict[str, Any]:
    return _by_code(r, "Who made statutory complaints", "complainant_role", ComplainantRole.choices)


@section.table("channel")
def channel(r: Report) -> dict[str, Any]:
    return _by_code(r, "How statutory complaints were made", "channel", Channel.choices)


@section.table("young_people")
def young_people(r: Report) -> dict[str, Any]:
    qs = r.statutory.filter(complainant_role__in=(ComplainantRole.CHILD, ComplainantRole.ADVOCATE))
    channels = [*Channel.values, UNKNOWN]
    counts = r.counts(
        qs,
        "child_status",
        "received",
        ("current",),
        **{c: Q(channel=c) for c in Channel.values},
        **{UNKNOWN: Q(channel="")},
    )
    cells: dict[str, dict[str, Any]] = {}
    for status, n in counts.items():
        cells[status] = {c: n[f"current_{c}"] for c in channels}
        cells[status][TOTAL] = n["current"]
    columns = [*Channel.choices, (UNKNOWN, UNKNOWN_LABEL), (TOTAL, "Total")]
    return table(
        "Complaints from children and young people (directly or through an advocate)",
        "received",
        columns,
        code_rows(ChildStatus.choices, cells, total=sum_columns(cells, [*channels, TOTAL])),
    )


@section.table("monthly_received")
def monthly_received(r: Report) -> dict[str, Any]:
    counts = r.counts(r.statutory, ExtractMonth("received"), "received", ("previous", "current"))
    cells: dict[str, dict[str, Any]] = {}
    for month_number, n in counts.items():
        key = MONTH_KEYS[(int(month_number) - 4) % 12]
        cells[key] = dict(n)
    rows: list[Row] = [
        (k, name, cells.get(k, {"previous": 0, "current": 0})) for k, name in r.period.months()
    ]
    rows.append((TOTAL, "Total", sum_columns(cells, ("previous", "current"))))
    return table(
        "Statutory complaints received each month",
        "received",
        r.columns("previous", "current"),
        rows,
        keep_empty=True,
    )


@section.table("repeat_complainants")
def repeat_complainants(r: Report) -> dict[str, Any]:
    w = r.w["current"]
    per_person = (
        Contact.objects.filter(received__range=w.range, complainant__isnull=False)
        .values("complainant")
        .annotate(n=Count("pk"))
        .filter(n__gte=2)
        .order_by()
        .values_list("n", flat=True)
    )
    people = Counter(per_person)
    rows: list[Row] = [(str(n), f"{n} contacts", {"people": people[n]}) for n in sorted(people)]
    rows.append((TOTAL, "Total", {"people": sum(people.values())}))
    return table(
        "People who contacted us more than once",
        "received",
        [("people", "People")],
        rows,
    )


@section.table("equalities")
def equalities(r: Report) -> dict[str, Any]:
    # (row key prefix, label, the grouped value, {value as grouped: (key part, label)})
    groups: list[tuple[str, str, Any, dict[str, tuple[str, str]]]] = [
        ("age", "Age", F("age_band"), {k: (k, v) for k, v in AgeBand.choices}),
        ("gender", "Gender", Trim("gender"), {}),
        ("ethnicity", "Ethnicity", Trim("ethnicity"), {}),
        (
            "disability",
            "Disability",
            F("disability"),
            {"True": ("yes", "Yes"), "False": ("no", "No")},
        ),
    ]
    rows: list[Row] = []
    for prefix, title, value, known in groups:
        counts = r.counts(r.statutory, value, "received", ("current",))
        ordered = [k for k in known if k in counts]
        ordered += sorted((k for k in counts if k not in known and k != UNKNOWN), key=str.casefold)
        ordered += [UNKNOWN] if UNKNOWN in counts else []
        for k in ordered:
            part, label = known.get(k, (k, UNKNOWN_LABEL if k == UNKNOWN else k))
            rows.append(
                (f"{prefix}:{part}", f"{title}: {label}", {"current": counts[k]["current"]})
            )
    rows.append((TOTAL, "Total complaints", {"current": r.statutory_received["current"]}))
    return table(
        "Equality monitoring of statutory complaints",
        "received",
        r.columns("current"),
        rows,
    )
