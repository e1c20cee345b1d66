"""Stage 1, local resolution: outcomes (by category and of the replies made), and how long
the replies took, by band, by quarter and by service area."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
from django.db.models import F, FilteredRelation, Q
from django.db.models.functions import Coalesce

from fairhear.casework.codes import DECIDED_OUTCOMES, UPHELD_OUTCOMES, Outcome
from fairhear.casework.models import Stage
from fairhear.core.report import percent, quarter_key, table
from fairhear.reports.engine.base import (
    TOTAL,
    WITHDRAWN,
    Counts,
    Report,
    code_rows,
    named_rows,
    outcome_at,
    stage_event,
    sum_columns,
)
from fairhear.reports.engine.registry import Section

section = Section("stage-1")

Replies = dict[str, np.ndarray[Any, Any]]


def category_counts(r: Report) -> Counts:
    """One pass over statutory complaints joined to each of their categories (a complaint
    with none joins once, under unknown), their Stage 1, and that stage's own outcome for
    the category where one was recorded: for `categories_all` (every category) and, from
    the best-fit link (position 0, casework.models.ContactCategory), for
    `stage1_outcomes_by_category` (measures `<window>_best` and `<window>_best_<outcome>`)."""
    qs = r.statutory.alias(
        s1=FilteredRelation("stages", condition=Q(stages__number=1)),
        own=FilteredRelation(
            "s1__category_outcomes",
            condition=Q(s1__category_outcomes__category=F("category_links__category")),
        ),
        s1o=outcome_at(r.as_at, "s1__", "withdrawn"),
    )
    # A category outcome is known once the stage's reply is: before then nothing is.
    upheld = Q(s1o__in=UPHELD_OUTCOMES, own__outcome__isnull=True) | (
        Q(own__outcome__in=UPHELD_OUTCOMES) & ~Q(s1o="")
    )
    best = Q(category_links__position=0) | Q(category_links__isnull=True)
    return r.counts(
        qs,
        "category_links__category__name",
        "received",
        ("previous", "current"),
        upheld=upheld,
        best=best,
        **{
            f"best_{o.value}": best & Q(s1o=o.value) for o in (*DECIDED_OUTCOMES, Outcome.WITHDRAWN)
        },
    )


def stage1_replies(r: Report) -> Replies:
    """Stage 1 replies of the previous and current periods, withdrawn excluded: the reply
    date, the working days taken, service area and whether it was in timescale, as arrays
    (shared by the timeliness tables and by service area, so they always agree)."""
    low, high = r.w["previous"].start, r.w["current"].end
    rows = list(
        Stage.objects.filter(number=1, responded__range=(low, high))
        .exclude(outcome=WITHDRAWN)
        .values_list(
            "responded",
            Coalesce("started", "contact__received"),
            "extended",
            "contact__service_area",
        )
        .order_by()
    )
    replied = [row[0] for row in rows]
    days = r.working_days([row[1] for row in rows], replied)
    extended = np.array([bool(row[2]) for row in rows], dtype=bool)
    reply = r.timescales.stage_1_reply
    limit = np.where(extended, reply.limit(extended=True), reply.limit())
    return {
        "responded": np.array(replied, dtype="datetime64[D]"),
        "days": days,
        "in_timescale": days <= limit,
        "area": np.array([-1 if row[3] is None else row[3] for row in rows], dtype=np.int64),
    }


def _replies_in(r: Report, key: str) -> np.ndarray[Any, Any]:
    w = r.w[key]
    responded = r.once(stage1_replies)["responded"]
    return (responded >= np.datetime64(w.start)) & (responded <= np.datetime64(w.end))


@section.table("stage1_outcomes_by_category")
def stage1_outcomes_by_category(r: Report) -> dict[str, Any]:
    outcomes = [*DECIDED_OUTCOMES, Outcome.WITHDRAWN]
    cells: dict[str, dict[str, Any]] = {}
    for name, n in r.once(category_counts).items():
        if n["current_best"]:
            cells[name] = {"received": n["current_best"]}
            cells[name].update({o.value: n[f"current_best_{o.value}"] for o in outcomes})
    total = sum_columns(cells, ("received", *(o.value for o in outcomes)))
    for row in [*cells.values(), total]:
        decided = sum(int(row[o.value] or 0) for o in DECIDED_OUTCOMES)
        upheld = sum(int(row[o.value] or 0) for o in UPHELD_OUTCOMES)
        row["ongoing"] = int(row["received"] or 0) - decided - int(row[WITHDRAWN] or 0)
        row["percent_upheld"] = percent(upheld, decided)
    columns = [("received", "Received")]
    columns += [(o.value, o.label) for o in outcomes]
    columns += [("ongoing", "Ongoing"), ("percent_upheld", "Upheld or partly upheld (%)")]
    return table(
        "Stage 1 outcomes by category (best fit)",
        "received",
        columns,
        named_rows(cells, total=total),
    )


@section.table("stage1_outcomes")
def stage1_outcomes(r: Report) -> dict[str, Any]:
    # Replies by their date (an index range), withdrawals by their close (few).
    stage1 = Stage.objects.filter(number=1)
    replies = r.counts(
        stage1.exclude(outcome=WITHDRAWN), "outcome", "responded", ("previous", "current")
    )
    withdrawals = r.counts(
        stage1.filter(outcome=WITHDRAWN).alias(event=stage_event()),
        "outcome",
        "event",
        ("previous", "current"),
    )
    cells = {k: dict(v) for k, v in [*replies.items(), *withdrawals.items()]}
    total = sum_columns(cells, ("previous", "current"))
    return table(
        "Stage 1 outcomes of replies made in the year",
        "responded",
        r.columns("previous", "current"),
        code_rows(Outcome.choices, cells, total=total),
    )


@section.table("categories_all")
def categories_all(r: Report) -> dict[str, Any]:
    cells: dict[str, dict[str, Any]] = {}
    for name, n in r.once(category_counts).items():
        cells[name] = {
            "previous_received": n["previous"],
            "previous_upheld": n["previous_upheld"],
            "current_received": n["current"],
            "current_upheld": n["current_upheld"],
        }
    total = sum_columns(
        cells, ("previous_received", "previous_upheld", "current_received", "current_upheld")
    )
    previous, current = r.label("previous"), r.label("current")
    return table(
        "Stage 1 complaints by category (all categories: a complaint counts under each)",
        "received",
        [
            ("previous_received", f"{previous} received"),
            ("previous_upheld", f"{previous} upheld"),
            ("current_received", f"{current} received"),
            ("current_upheld", f"{current} upheld"),
        ],
        named_rows(cells, total=total),
    )


@section.table("stage1_timeliness")
def stage1_timeliness(r: Report) -> dict[str, Any]:
    replies = r.once(stage1_replies)
    days = replies["days"]
    # The bands are the Stage 1 limits and the longest any stage may take (Stage 2
    # extended); their row keys are fixed by report.md.
    normal = r.timescales.stage_1_reply.limit()
    extended = r.timescales.stage_1_reply.limit(extended=True)
    longest = r.timescales.require("stage_2").limit(extended=True)
    cells: dict[str, dict[str, Any]] = {}
    for key in ("previous", "current"):
        chosen = _replies_in(r, key)
        d = days[chosen]
        cells.setdefault("within_10", {})[key] = int((d <= normal).sum())
        cells.setdefault("11_to_20", {})[key] = int(((d > normal) & (d <= extended)).sum())
        cells.setdefault("over_20", {})[key] = int((d > extended).sum())
        cells.setdefault("over_65", {})[key] = int((d > longest).sum())
        cells.setdefault("in_timescale", {})[key] = int(replies["in_timescale"][chosen].sum())
        cells.setdefault(TOTAL, {})[key] = int(chosen.sum())
    labels = {
        "within_10": f"Within {normal} working days",
        "11_to_20": f"{normal + 1} to {extended} working days",
        "over_20": f"More than {extended} working days",
        "over_65": f"More than {longest} working days",
        "in_timescale": f"In timescale ({normal}, or {extended} where extended)",
        TOTAL: "Total replies",
    }
    return table(
        "Stage 1 replies: working days taken",
        "responded",
        r.columns("previous", "current"),
        [(k, labels[k], cells[k]) for k in labels],
    )


@section.table("stage1_timeliness_by_quarter")
def stage1_timeliness_by_quarter(r: Report) -> dict[str, Any]:
    replies = r.once(stage1_replies)
    chosen = _replies_in(r, "current")
    quarters = [quarter_key(d.astype(date)) for d in replies["responded"][chosen]]
    in_time = replies["in_timescale"][chosen]
    counts: dict[str, dict[str, Any]] = {
        q: {"responded": 0, "in_timescale": 0} for q in r.period.quarters()
    }
    for q, ok in zip(quarters, in_time, strict=True):
        row = counts.setdefault(q, {"responded": 0, "in_timescale": 0})
        row["responded"] = int(row["responded"] or 0) + 1
        row["in_timescale"] = int(row["in_timescale"] or 0) + int(ok)
    total = sum_columns(counts, ("responded", "in_timescale"))
    rows = [(q, q.upper(), counts[q]) for q in sorted(counts)]
    rows.append((TOTAL, "Total", total))
    return table(
        "Stage 1 replies in timescale, by quarter",
        "responded",
        [("responded", "Replies"), ("in_timescale", "In timescale")],
        rows,
        keep_empty=True,
    )


@section.table("stage1_by_service_area")
def stage1_by_service_area(r: Report) -> dict[str, Any]:
    qs = r.statutory.alias(
        s1=FilteredRelation("stages", condition=Q(stages__number=1)),
        o=outcome_at(r.as_at, "s1__", "withdrawn"),
    )
    received = r.by_unit(
        r.counts(qs, "service_area", "received", ("current",), upheld=Q(o__in=UPHELD_OUTCOMES)),
        r.area_names,
    )
    replies = r.once(stage1_replies)
    chosen = _replies_in(r, "current")
    names = r.area_names
    cells: dict[str, dict[str, Any]] = {}
    for name, n in received.items():
        cells[name] = {
            "received": n["current"],
            "responded": 0,
            "in_timescale": 0,
            "upheld": n["current_upheld"],
        }
    for area, ok in zip(replies["area"][chosen], replies["in_timescale"][chosen], strict=True):
        name = names[None if area < 0 else int(area)]
        row = cells.setdefault(
            name, {"received": 0, "responded": 0, "in_timescale": 0, "upheld": 0}
        )
        row["responded"] = int(row["responded"] or 0) + 1
        row["in_timescale"] = int(row["in_timescale"] or 0) + int(ok)
    columns = ("received", "responded", "in_timescale", "upheld")
    return table(
        "Stage 1 complaints by service area",
        "received",
        [
            ("received", "Received"),
            ("responded", "Replies"),
            ("in_timescale", "Replies in timescale"),
            ("upheld", "Upheld or partly upheld"),
        ],
        named_rows(cells, total=sum_columns(cells, columns)),
    )
