"""The report engine: every table of the annual report (spec: report.md) computed from the
case data with database aggregation, in the JSON form every rendering reads.

Counting happens in SQL (grouped, conditional counts over the periods a table compares);
Python only maps service areas and teams through restructures (once per report), counts
working days over the few date columns that need them (numpy, through the calendar), and
lays the figures out as tables with fairhear.core.report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Any

import numpy as np
from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    FilteredRelation,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractMonth, Trim
from django.db.models.lookups import GreaterThan

from fairhear.casework.codes import (
    DECIDED_OUTCOMES,
    STAGE_TWO_COST_KINDS,
    UPHELD_OUTCOMES,
    ActionKind,
    AgeBand,
    Channel,
    ChildStatus,
    ComplainantRole,
    CostKind,
    LgscoDecision,
    Outcome,
    Route,
    StageDecision,
)
from fairhear.casework.models import (
    Compliment,
    Contact,
    Cost,
    LearningAction,
    OmbudsmanCase,
    Stage,
)
from fairhear.core.calendar import WorkingDayCalendar, england_calendar
from fairhear.core.report import (
    MONTH_KEYS,
    Period,
    change,
    change_percent,
    percent,
    quarter_key,
    round_half_up,
    successor_map,
    table,
)
from fairhear.core.report_narrative import narrative
from fairhear.organisation.models import ServiceArea, Team
from fairhear.reports.models import Benchmark, ContextFigure

__all__ = ["ANNUAL_ONLY_TABLES", "TABLE_IDS", "build_report"]

TABLE_IDS = (
    "volumes",
    "stages",
    "stage1_outcomes_by_category",
    "stage1_outcomes",
    "categories_all",
    "stage1_timeliness",
    "stage1_timeliness_by_quarter",
    "stage1_by_service_area",
    "complainant_role",
    "channel",
    "young_people",
    "monthly_received",
    "repeat_complainants",
    "stage2_cases",
    "stage2_summary",
    "stage3_panels",
    "costs",
    "lgsco_decisions",
    "lgsco_cases",
    "actions_for_upheld",
    "compliments_by_service_area",
    "enquiries",
    "context",
    "equalities",
    "benchmarking",
)
#: Tables of yearly figures (demand, other councils), left out of quarterly and custom reports.
ANNUAL_ONLY_TABLES = frozenset({"context", "benchmarking"})

UNKNOWN = "unknown"
UNKNOWN_LABEL = "Not recorded"
TOTAL = "total"
STAGE1_DAYS, STAGE1_EXTENDED_DAYS = 10, 20
STAGE2_DAYS, STAGE2_EXTENDED_DAYS = 25, 65
PANEL_DAYS, PANEL_REPORT_DAYS, PANEL_RESPONSE_DAYS = 30, 5, 15
LGSCO_ENQUIRY_DAYS = 28

WITHDRAWN = Outcome.WITHDRAWN.value
Counts = dict[str, dict[str, int]]


@dataclass(frozen=True, slots=True)
class Window:
    """One period a table counts over, cut at the as-at date (events after it are ignored)."""

    key: str
    period: Period
    end: date

    @property
    def start(self) -> date:
        return self.period.start

    @property
    def range(self) -> tuple[date, date]:
        return (self.start, self.end)


def build_report(
    period: Period,
    *,
    as_at: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> dict[str, Any]:
    """The report for `period` as the case data stood on `as_at` (default: today), in the
    JSON form of report.md. Earlier periods are the same dates one and two years before."""
    return _Report(period, as_at or date.today(), calendar or england_calendar()).build()


def _outcome_at(as_at: date, prefix: str = "", withdrawn: str = "contact__withdrawn") -> Case:
    """A stage's outcome as it stood on `as_at`: blank when it was reached after that day.

    A withdrawn stage is dated by its close (report.md: defaulting to the contact's
    withdrawal, else the reply); any other outcome by the reply.
    """
    dated = Case(
        When(
            **{f"{prefix}outcome": WITHDRAWN},
            then=Coalesce(f"{prefix}closed", withdrawn, f"{prefix}responded"),
        ),
        default=F(f"{prefix}responded"),
        output_field=DateField(),
    )
    return Case(
        When(GreaterThan(dated, Value(as_at)), then=Value("")),
        default=F(f"{prefix}outcome"),
        output_field=models.CharField(),
    )


def _stage_event() -> Case:
    """The date a stage counts on, on the responded basis."""
    return Case(
        When(outcome=WITHDRAWN, then=Coalesce("closed", "contact__withdrawn", "responded")),
        default=F("responded"),
        output_field=DateField(),
    )


def _money(value: Decimal | float | None) -> float:
    """Pounds to two decimals, rounded half up (as people do), as a JSON number."""
    return float(round_half_up(value or 0, 2))


def _figure(value: Decimal | None) -> int | float | None:
    """A recorded figure as a JSON number: whole numbers stay integers."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _code_rows(
    choices: Iterable[tuple[str, str]],
    counts: Mapping[str, dict[str, Any]],
    *,
    total: dict[str, Any] | None = None,
) -> list[tuple[str, str, dict[str, Any]]]:
    """Rows in the order of the codes, then codes no longer listed, then unknown and total."""
    labels = dict(choices)
    keys = [k for k in labels if k in counts]
    keys += sorted(k for k in counts if k not in labels and k != UNKNOWN)
    if UNKNOWN in counts:
        keys.append(UNKNOWN)
    rows = [(k, labels.get(k, UNKNOWN_LABEL if k == UNKNOWN else k), counts[k]) for k in keys]
    if total is not None:
        rows.append((TOTAL, "Total", total))
    return rows


def _named_rows(
    counts: Mapping[str, dict[str, Any]], *, total: dict[str, Any] | None = None
) -> list[tuple[str, str, dict[str, Any]]]:
    """Rows named as recorded, in alphabetical order, then unknown and total."""
    keys = sorted((k for k in counts if k != UNKNOWN), key=str.casefold)
    if UNKNOWN in counts:
        keys.append(UNKNOWN)
    rows = [(k, UNKNOWN_LABEL if k == UNKNOWN else k, counts[k]) for k in keys]
    if total is not None:
        rows.append((TOTAL, "Total", total))
    return rows


def _sum_columns(counts: Mapping[str, Mapping[str, Any]], columns: Sequence[str]) -> dict[str, Any]:
    return {c: sum(row.get(c) or 0 for row in counts.values()) for c in columns}


class _Report:
    def __init__(self, period: Period, as_at: date, calendar: WorkingDayCalendar) -> None:
        self.period = period
        self.as_at = as_at
        self.calendar = calendar
        self.enquiry_days: int = settings.FAIRHEAR_ENQUIRY_REPLY_DAYS
        self.tables: dict[str, Any] = {}
        self.w = {
            key: Window(key, p, min(p.end, as_at))
            for key, p in (
                ("current", period),
                ("previous", period.earlier(1)),
                ("before_previous", period.earlier(2)),
            )
        }

    # ------------------------------------------------------------------ shared pieces

    def label(self, key: str) -> str:
        return self.w[key].period.label

    def columns(self, *keys: str) -> list[tuple[str, str]]:
        return [(k, self.label(k)) for k in keys]

    @cached_property
    def area_names(self) -> dict[int | None, str]:
        """Each service area id → the name it has at the end of the period."""
        return self._unit_names(ServiceArea.objects.values_list("id", "name", "ended", "successor"))

    @cached_property
    def team_names(self) -> dict[int | None, str]:
        return self._unit_names(Team.objects.values_list("id", "name", "ended", "successor"))

    def _unit_names(
        self, units: Iterable[tuple[int, str, date | None, int | None]]
    ) -> dict[int | None, str]:
        listed = list(units)
        names = {pk: name for pk, name, _, _ in listed}
        final = successor_map({pk: (ended, succ) for pk, _, ended, succ in listed}, self.period.end)
        mapped: dict[int | None, str] = {pk: names[final[pk]] for pk in names}
        mapped[None] = UNKNOWN
        return mapped

    def counts(
        self,
        qs: QuerySet[Any],
        key: str | Any,
        date_field: str,
        windows: Sequence[str],
        **measures: Q,
    ) -> Counts:
        """Grouped conditional counts: {group key: {window (or window_measure): n}}.

        One query: rows in any of the windows, grouped by `key`, counted per window (and
        per extra condition in `measures`, named `<window>_<measure>`).
        """
        ws = [self.w[k] for k in windows]
        low, high = min(w.start for w in ws), max(w.end for w in ws)
        aggregates: dict[str, Count] = {}
        for w in ws:
            in_window = Q(**{f"{date_field}__range": w.range})
            aggregates[w.key] = Count("pk", filter=in_window)
            for name, condition in measures.items():
                aggregates[f"{w.key}_{name}"] = Count("pk", filter=in_window & condition)
        group = F(key) if isinstance(key, str) else key
        rows = (
            qs.filter(**{f"{date_field}__range": (low, high)})
            .values(group_key=group)
            .annotate(**aggregates)
            .order_by()
        )
        result: Counts = defaultdict(lambda: dict.fromkeys(aggregates, 0))
        for row in rows:
            group_key = row.pop("group_key")
            name = UNKNOWN if group_key in (None, "") else str(group_key)
            for column, n in row.items():
                result[name][column] += n
        return result

    def by_unit(self, counts: Counts, names: Mapping[int | None, str]) -> Counts:
        """Counts grouped by unit id, regrouped under each unit's name at the period's end."""
        merged: Counts = {}
        for key, cells in counts.items():
            name = names[None if key == UNKNOWN else int(key)]
            into = merged.setdefault(name, dict.fromkeys(cells, 0))
            for column, n in cells.items():
                into[column] += n
        return merged

    @cached_property
    def statutory(self) -> QuerySet[Contact]:
        return Contact.objects.filter(route=Route.STATUTORY)

    def working_days(self, starts: Sequence[date], ends: Sequence[date]) -> np.ndarray[Any, Any]:
        if not starts:
            return np.zeros(0, dtype=np.int64)
        return self.calendar.working_days_between_many(
            np.array(starts, dtype="datetime64[D]"), np.array(ends, dtype="datetime64[D]")
        )

    @cached_property
    def stage1_replies(self) -> dict[str, np.ndarray[Any, Any]]:
        """Stage 1 replies of the previous and current periods, withdrawn excluded: the reply
        date, service area and whether it was in timescale, as arrays."""
        low, high = self.w["previous"].start, self.w["current"].end
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
        replied = [r[0] for r in rows]
        days = self.working_days([r[1] for r in rows], replied)
        extended = np.array([bool(r[2]) for r in rows], dtype=bool)
        limit = np.where(extended, STAGE1_EXTENDED_DAYS, STAGE1_DAYS)
        return {
            "responded": np.array(replied, dtype="datetime64[D]"),
            "days": days,
            "in_timescale": days <= limit,
            "area": np.array([-1 if r[3] is None else r[3] for r in rows], dtype=np.int64),
        }

    def replies_in(self, key: str) -> np.ndarray[Any, Any]:
        w = self.w[key]
        responded = self.stage1_replies["responded"]
        return (responded >= np.datetime64(w.start)) & (responded <= np.datetime64(w.end))

    # --------------------------------------------------------------------- the report

    def table(self, table_id: str) -> dict[str, Any]:
        """A table, computed once (benchmarking reads figures of two others)."""
        if table_id not in self.tables:
            self.tables[table_id] = getattr(self, f"table_{table_id}")()
        result: dict[str, Any] = self.tables[table_id]
        return result

    def build(self) -> dict[str, Any]:
        tables = self.tables
        for table_id in TABLE_IDS:
            if table_id in ANNUAL_ONLY_TABLES and self.period.kind != "year":
                continue
            self.table(table_id)
        report = {
            "council": settings.FAIRHEAR_COUNCIL_NAME,
            "year": self.period.year,
            "label": self.period.label,
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "as_at": self.as_at.isoformat(),
            "tables": tables,
        }
        report["narrative"] = narrative(report)
        return report

    # ----------------------------------------------------------------------- volumes

    def table_volumes(self) -> dict[str, Any]:
        counts = self.counts(
            Contact.objects.all(),
            "route",
            "received",
            ("previous", "current"),
            withdrawn=Q(withdrawn__lte=self.as_at),
        )
        cells = {k: {"previous": v["previous"], "current": v["current"]} for k, v in counts.items()}
        total = _sum_columns(cells, ("previous", "current"))
        withdrawn = {
            "previous": sum(v["previous_withdrawn"] for v in counts.values()),
            "current": sum(v["current_withdrawn"] for v in counts.values()),
        }
        rows = _code_rows(Route.choices, cells, total=total)
        rows.append(("withdrawn", "Withdrawn (all routes)", withdrawn))
        for _, _, row in rows:
            row["change"] = change(row["current"], row["previous"])
        return table(
            "Contacts received, by route",
            "received",
            [*self.columns("previous", "current"), ("change", "Change")],
            rows,
        )

    @cached_property
    def statutory_received(self) -> dict[str, int]:
        """Statutory complaints received in each period (volumes' statutory row)."""
        counts = self.counts(
            self.statutory, Value(1), "received", ("before_previous", "previous", "current")
        )
        return dict(next(iter(counts.values()), dict.fromkeys(self.w, 0)))

    def table_stages(self) -> dict[str, Any]:
        both = ("previous", "current")
        received = self.statutory_received
        stages = Stage.objects.filter(number__in=(2, 3))
        declined_by_then = Q(decision=StageDecision.DECLINED) & (
            Q(decision_date__isnull=True) | Q(decision_date__lte=self.as_at)
        )
        requested = self.counts(
            stages,
            "number",
            "requested",
            both,
            accepted=Q(decision=StageDecision.ACCEPTED),
            declined=declined_by_then,
        )
        ombudsman_received = self.counts(OmbudsmanCase.objects.all(), Value(1), "received", both)
        ombudsman_decided = self.counts(OmbudsmanCase.objects.all(), Value(1), "decided", both)

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
            self.columns(*both),
            rows,
            keep_empty=True,
        )

    # ---------------------------------------------------------------- stage 1 outcomes

    def table_stage1_outcomes_by_category(self) -> dict[str, Any]:
        outcomes = [*DECIDED_OUTCOMES, Outcome.WITHDRAWN]
        cells: dict[str, dict[str, Any]] = {}
        for name, n in self.category_counts.items():
            if n["current_best"]:
                cells[name] = {"received": n["current_best"]}
                cells[name].update({o.value: n[f"current_best_{o.value}"] for o in outcomes})
        total = _sum_columns(cells, ("received", *(o.value for o in outcomes)))
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
            _named_rows(cells, total=total),
        )

    def table_stage1_outcomes(self) -> dict[str, Any]:
        # Replies by their date (an index range), withdrawals by their close (few).
        stage1 = Stage.objects.filter(number=1)
        replies = self.counts(
            stage1.exclude(outcome=WITHDRAWN), "outcome", "responded", ("previous", "current")
        )
        withdrawals = self.counts(
            stage1.filter(outcome=WITHDRAWN).alias(event=_stage_event()),
            "outcome",
            "event",
            ("previous", "current"),
        )
        cells = {k: dict(v) for k, v in [*replies.items(), *withdrawals.items()]}
        total = _sum_columns(cells, ("previous", "current"))
        return table(
            "Stage 1 outcomes of replies made in the year",
            "responded",
            self.columns("previous", "current"),
            _code_rows(Outcome.choices, cells, total=total),
        )

    @cached_property
    def category_counts(self) -> Counts:
        """One pass over statutory complaints joined to each of their categories (a complaint
        with none joins once, under unknown), their Stage 1, and that stage's own outcome for
        the category where one was recorded: for `categories_all` (every category) and, from
        the best-fit link (position 0, casework.models.ContactCategory), for
        `stage1_outcomes_by_category` (measures `<window>_best` and `<window>_best_<outcome>`)."""
        qs = self.statutory.alias(
            s1=FilteredRelation("stages", condition=Q(stages__number=1)),
            own=FilteredRelation(
                "s1__category_outcomes",
                condition=Q(s1__category_outcomes__category=F("category_links__category")),
            ),
            s1o=_outcome_at(self.as_at, "s1__", "withdrawn"),
        )
        # A category outcome is known once the stage's reply is: before then nothing is.
        upheld = Q(s1o__in=UPHELD_OUTCOMES, own__outcome__isnull=True) | (
            Q(own__outcome__in=UPHELD_OUTCOMES) & ~Q(s1o="")
        )
        best = Q(category_links__position=0) | Q(category_links__isnull=True)
        counts = self.counts(
            qs,
            "category_links__category__name",
            "received",
            ("previous", "current"),
            upheld=upheld,
            best=best,
            **{
                f"best_{o.value}": best & Q(s1o=o.value)
                for o in (*DECIDED_OUTCOMES, Outcome.WITHDRAWN)
            },
        )
        return counts

    def table_categories_all(self) -> dict[str, Any]:
        counts = self.category_counts
        cells: dict[str, dict[str, Any]] = {}
        for name, n in counts.items():
            cells[name] = {
                "previous_received": n["previous"],
                "previous_upheld": n["previous_upheld"],
                "current_received": n["current"],
                "current_upheld": n["current_upheld"],
            }
        total = _sum_columns(
            cells, ("previous_received", "previous_upheld", "current_received", "current_upheld")
        )
        previous, current = self.label("previous"), self.label("current")
        return table(
            "Stage 1 complaints by category (all categories: a complaint counts under each)",
            "received",
            [
                ("previous_received", f"{previous} received"),
                ("previous_upheld", f"{previous} upheld"),
                ("current_received", f"{current} received"),
                ("current_upheld", f"{current} upheld"),
            ],
            _named_rows(cells, total=total),
        )

    # --------------------------------------------------------------- stage 1 timeliness

    def table_stage1_timeliness(self) -> dict[str, Any]:
        replies = self.stage1_replies
        days = replies["days"]
        cells: dict[str, dict[str, Any]] = {}
        for key in ("previous", "current"):
            chosen = self.replies_in(key)
            d = days[chosen]
            cells.setdefault("within_10", {})[key] = int((d <= 10).sum())
            cells.setdefault("11_to_20", {})[key] = int(((d > 10) & (d <= 20)).sum())
            cells.setdefault("over_20", {})[key] = int((d > 20).sum())
            cells.setdefault("over_65", {})[key] = int((d > 65).sum())
            cells.setdefault("in_timescale", {})[key] = int(replies["in_timescale"][chosen].sum())
            cells.setdefault(TOTAL, {})[key] = int(chosen.sum())
        labels = {
            "within_10": "Within 10 working days",
            "11_to_20": "11 to 20 working days",
            "over_20": "More than 20 working days",
            "over_65": "More than 65 working days",
            "in_timescale": "In timescale (10, or 20 where extended)",
            TOTAL: "Total replies",
        }
        return table(
            "Stage 1 replies: working days taken",
            "responded",
            self.columns("previous", "current"),
            [(k, labels[k], cells[k]) for k in labels],
        )

    def table_stage1_timeliness_by_quarter(self) -> dict[str, Any]:
        replies = self.stage1_replies
        chosen = self.replies_in("current")
        quarters = [quarter_key(d.astype(date)) for d in replies["responded"][chosen]]
        in_time = replies["in_timescale"][chosen]
        counts: dict[str, dict[str, Any]] = {
            q: {"responded": 0, "in_timescale": 0} for q in self.period.quarters()
        }
        for q, ok in zip(quarters, in_time, strict=True):
            row = counts.setdefault(q, {"responded": 0, "in_timescale": 0})
            row["responded"] = int(row["responded"] or 0) + 1
            row["in_timescale"] = int(row["in_timescale"] or 0) + int(ok)
        total = _sum_columns(counts, ("responded", "in_timescale"))
        rows = [(q, q.upper(), counts[q]) for q in sorted(counts)]
        rows.append((TOTAL, "Total", total))
        return table(
            "Stage 1 replies in timescale, by quarter",
            "responded",
            [("responded", "Replies"), ("in_timescale", "In timescale")],
            rows,
            keep_empty=True,
        )

    def table_stage1_by_service_area(self) -> dict[str, Any]:
        qs = self.statutory.alias(
            s1=FilteredRelation("stages", condition=Q(stages__number=1)),
            o=_outcome_at(self.as_at, "s1__", "withdrawn"),
        )
        received = self.by_unit(
            self.counts(
                qs, "service_area", "received", ("current",), upheld=Q(o__in=UPHELD_OUTCOMES)
            ),
            self.area_names,
        )
        replies = self.stage1_replies
        chosen = self.replies_in("current")
        names = self.area_names
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
            _named_rows(cells, total=_sum_columns(cells, columns)),
        )

    # ------------------------------------------------------------ who, how and when

    def _previous_current(self, key: str | Any, choices: Iterable[tuple[str, str]]) -> list[Any]:
        counts = self.counts(self.statutory, key, "received", ("previous", "current"))
        cells = {k: dict(v) for k, v in counts.items()}
        return _code_rows(choices, cells, total=_sum_columns(cells, ("previous", "current")))

    def table_complainant_role(self) -> dict[str, Any]:
        return table(
            "Who made statutory complaints",
            "received",
            self.columns("previous", "current"),
            self._previous_current("complainant_role", ComplainantRole.choices),
        )

    def table_channel(self) -> dict[str, Any]:
        return table(
            "How statutory complaints were made",
            "received",
            self.columns("previous", "current"),
            self._previous_current("channel", Channel.choices),
        )

    def table_young_people(self) -> dict[str, Any]:
        qs = self.statutory.filter(
            complainant_role__in=(ComplainantRole.CHILD, ComplainantRole.ADVOCATE)
        )
        channels = [*Channel.values, UNKNOWN]
        counts = self.counts(
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
            _code_rows(ChildStatus.choices, cells, total=_sum_columns(cells, [*channels, TOTAL])),
        )

    def table_monthly_received(self) -> dict[str, Any]:
        counts = self.counts(
            self.statutory, ExtractMonth("received"), "received", ("previous", "current")
        )
        cells: dict[str, dict[str, Any]] = {}
        for month_number, n in counts.items():
            key = MONTH_KEYS[(int(month_number) - 4) % 12]
            cells[key] = dict(n)
        months = self.period.months()
        rows: list[tuple[str, str, dict[str, Any]]] = [
            (k, name, cells.get(k, {"previous": 0, "current": 0})) for k, name in months
        ]
        rows.append((TOTAL, "Total", _sum_columns(cells, ("previous", "current"))))
        return table(
            "Statutory complaints received each month",
            "received",
            self.columns("previous", "current"),
            rows,
            keep_empty=True,
        )

    def table_repeat_complainants(self) -> dict[str, Any]:
        w = self.w["current"]
        per_person = (
            Contact.objects.filter(received__range=w.range, complainant__isnull=False)
            .values("complainant")
            .annotate(n=Count("pk"))
            .filter(n__gte=2)
            .order_by()
            .values_list("n", flat=True)
        )
        people = Counter(per_person)
        rows: list[tuple[str, str, dict[str, Any]]] = [
            (str(n), f"{n} contacts", {"people": people[n]}) for n in sorted(people)
        ]
        rows.append((TOTAL, "Total", {"people": sum(people.values())}))
        return table(
            "People who contacted us more than once",
            "received",
            [("people", "People")],
            rows,
        )

    # ------------------------------------------------------------------- stages 2 and 3

    @cached_property
    def stage2_investigations(self) -> list[dict[str, Any]]:
        """Stage 2 adjudications of the three periods (withdrawn or declined ones are not
        investigations), with their working days and Stage 2 cost."""
        low, high = self.w["before_previous"].start, self.w["current"].end
        rows: list[dict[str, Any]] = [
            dict(r)
            for r in Stage.objects.filter(
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
                contact__in=[r["contact_id"] for r in rows],
                kind__in=STAGE_TWO_COST_KINDS,
                date__lte=self.as_at,
            )
            .values("contact")
            .annotate(total=Sum("amount"))
            .order_by()
            .values_list("contact", "total")
        )
        timed = [r for r in rows if (r["started"] or r["requested"]) is not None]
        days = self.working_days(
            [r["started"] or r["requested"] for r in timed], [r["responded"] for r in timed]
        )
        for row, n in zip(timed, days, strict=True):
            row["working_days"] = int(n)
        for row in rows:
            n = row.get("working_days")
            limit = STAGE2_EXTENDED_DAYS if row["extended"] else STAGE2_DAYS
            row["in_timescale"] = None if n is None else n <= limit
            row["cost"] = _money(costs.get(row["contact_id"]))
        return rows

    def _stage2_in(self, key: str) -> list[dict[str, Any]]:
        w = self.w[key]
        return [r for r in self.stage2_investigations if w.start <= r["responded"] <= w.end]

    def table_stage2_cases(self) -> dict[str, Any]:
        rows: list[tuple[str, str, dict[str, Any]]] = []
        cases = self._stage2_in("current")
        for r in cases:
            rows.append(
                (
                    r["contact__reference"],
                    r["contact__reference"],
                    {
                        "service_area": self.area_names[r["contact__service_area"]],
                        "requested": _iso(r["requested"]),
                        "started": _iso(r["started"]),
                        "responded": _iso(r["responded"]),
                        "closed": _iso(r["closed"] or r["responded"]),
                        "working_days": r.get("working_days"),
                        "in_timescale": r["in_timescale"],
                        "cost": r["cost"],
                    },
                )
            )
        rows.append(
            (
                TOTAL,
                f"Total: {len(cases)} investigations",
                {
                    "in_timescale": sum(1 for r in cases if r["in_timescale"]),
                    "cost": _money(sum(Decimal(str(r["cost"])) for r in cases)),
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

    def table_stage2_summary(self) -> dict[str, Any]:
        rows: list[tuple[str, str, dict[str, Any]]] = []
        for key in ("before_previous", "previous", "current"):
            cases = self._stage2_in(key)
            spend = sum(Decimal(str(r["cost"])) for r in cases)
            days = [r["working_days"] for r in cases if r.get("working_days") is not None]
            rows.append(
                (
                    key,
                    self.label(key),
                    {
                        "investigations": len(cases),
                        "spend": _money(spend),
                        "average_cost": _money(spend / len(cases)) if cases else None,
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

    def table_stage3_panels(self) -> dict[str, Any]:
        w = self.w["current"]
        cases = list(
            Stage.objects.filter(
                number=3, decision=StageDecision.ACCEPTED, responded__range=w.range
            )
            .exclude(outcome=WITHDRAWN)
            .values("contact__reference", "requested", "panel_held", "panel_report", "responded")
            .order_by("responded", "contact__reference")
        )
        between = self.calendar.working_days_between
        rows: list[tuple[str, str, dict[str, Any]]] = []
        in_time = 0
        for c in cases:
            asked, held, report, response = (
                c["requested"],
                c["panel_held"],
                c["panel_report"],
                c["responded"],
            )
            ok: bool | None = None
            if asked and held and report and response:
                ok = (
                    between(asked, held) <= PANEL_DAYS
                    and between(held, report) <= PANEL_REPORT_DAYS
                    and between(report, response) <= PANEL_RESPONSE_DAYS
                )
                in_time += ok
            rows.append(
                (
                    c["contact__reference"],
                    c["contact__reference"],
                    {
                        "requested": _iso(c["requested"]),
                        "panel_held": _iso(c["panel_held"]),
                        "panel_report": _iso(c["panel_report"]),
                        "responded": _iso(c["responded"]),
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

    # -------------------------------------------------------------- costs, Ombudsman

    def table_costs(self) -> dict[str, Any]:
        keys = ("before_previous", "previous", "current")
        ws = [self.w[k] for k in keys]
        rows_ = (
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
            r["kind"] or UNKNOWN: {k: _money(r[k]) for k in keys} for r in rows_
        }
        total = {k: _money(sum(Decimal(str(c[k])) for c in cells.values())) for k in keys}
        return table(
            "Costs",
            "cost date",
            self.columns(*keys),
            _code_rows(CostKind.choices, cells, total=total),
        )

    def table_lgsco_decisions(self) -> dict[str, Any]:
        keys = ("before_previous", "previous", "current")
        counts = self.counts(OmbudsmanCase.objects.all(), "decision", "decided", keys)
        cells = {k: dict(v) for k, v in counts.items()}
        return table(
            "Ombudsman decisions",
            "decided",
            self.columns(*keys),
            _code_rows(LgscoDecision.choices, cells, total=_sum_columns(cells, keys)),
        )

    def table_lgsco_cases(self) -> dict[str, Any]:
        w = self.w["current"]
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
        rows: list[tuple[str, str, dict[str, Any]]] = []
        for c in cases:
            due = c["enquiry_due"] or (
                c["received"] + timedelta(days=LGSCO_ENQUIRY_DAYS) if c["received"] else None
            )
            replied = c["council_replied"]
            on_time = None
            if replied is not None and replied <= self.as_at and due is not None:
                on_time = replied <= due
            area = c["service_area"] or c["contact__service_area"]
            rows.append(
                (
                    c["lgsco_reference"],
                    c["lgsco_reference"],
                    {
                        "service_area": self.area_names[area],
                        "decision": c["decision"] or UNKNOWN,
                        "remedy": [str(code) for code in c["remedies"] or []],
                        "financial_remedy": (
                            None if c["financial_remedy"] is None else _money(c["financial_remedy"])
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

    # ------------------------------------------------------- learning and compliments

    def table_actions_for_upheld(self) -> dict[str, Any]:
        w = self.w["current"]
        upheld = Stage.objects.filter(
            number=1, outcome__in=UPHELD_OUTCOMES, responded__range=w.range
        ).values("contact")
        counts = (
            LearningAction.objects.filter(contact__in=upheld)
            .values("kind")
            .annotate(complaints=Count("contact", distinct=True))
            .order_by()
        )
        cells = {r["kind"] or UNKNOWN: {"complaints": r["complaints"]} for r in counts}
        return table(
            "What was done where Stage 1 complaints were upheld",
            "responded",
            [("complaints", "Complaints")],
            _code_rows(ActionKind.choices, cells),
        )

    def table_compliments_by_service_area(self) -> dict[str, Any]:
        counts = self.by_unit(
            self.counts(
                Compliment.objects.all(),
                "service_area",
                "received",
                ("previous", "current"),
                internal=Q(internal=True),
            ),
            self.area_names,
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
                (TOTAL, f"Total {self.label('current')}"),
                ("previous_total", f"Total {self.label('previous')}"),
            ],
            _named_rows(cells, total=_sum_columns(cells, columns)),
        )

    def table_enquiries(self) -> dict[str, Any]:
        w = self.w["current"]
        enquiries = Contact.objects.filter(
            route__in=(Route.MEMBER_ENQUIRY, Route.MP_ENQUIRY), received__range=w.range
        )
        counts = self.counts(
            enquiries,
            "team",
            "received",
            ("current",),
            member=Q(route=Route.MEMBER_ENQUIRY),
            mp=Q(route=Route.MP_ENQUIRY),
        )
        # Replies grouped by team and dates: many enquiries share them.
        replied = [
            (team, received, responded, n)
            for team, received, responded, n in enquiries.filter(responded__lte=self.as_at)
            .values_list("team", "received", "responded")
            .annotate(n=Count("pk"))
            .order_by()
            if responded is not None
        ]
        days = self.working_days([r[1] for r in replied], [r[2] for r in replied])
        in_time: Counter[str] = Counter()
        for (team, _, _, n), taken in zip(replied, days, strict=True):
            if taken <= self.enquiry_days:
                in_time[self.team_names[team]] += n
        cells: dict[str, dict[str, Any]] = {}
        for name, n in self.by_unit(counts, self.team_names).items():
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
                ("responded_in_time", f"Replied within {self.enquiry_days} working days"),
            ],
            _named_rows(cells, total=_sum_columns(cells, columns)),
        )

    # ------------------------------------------------------- context and equalities

    def table_context(self) -> dict[str, Any]:
        year = self.period.year
        figures = ContextFigure.objects.filter(year__in=(year - 1, year)).values_list(
            "year", "measure", "value"
        )
        measures: dict[str, dict[str, Any]] = defaultdict(
            lambda: {"previous": None, "current": None}
        )
        for fy, measure, value in figures:
            measures[measure]["current" if fy == year else "previous"] = _figure(value)
        received = self.statutory_received
        per_100 = {
            key: (
                None
                if not isinstance(measures.get("referrals", {}).get(key), int | float)
                else percent(received[key], measures["referrals"][key])
            )
            for key in ("previous", "current")
        }
        rows: list[tuple[str, str, dict[str, Any]]] = [
            (m, m.replace("_", " ").capitalize(), measures[m]) for m in sorted(measures)
        ]
        rows.append(
            ("complaints_per_100_referrals", "Statutory complaints per 100 referrals", per_100)
        )
        for _, _, cells in rows:
            cells["change_percent"] = change_percent(cells["current"], cells["previous"])
        return table(
            "Demand for children's social care",
            "per year",
            [*self.columns("previous", "current"), ("change_percent", "Change (%)")],
            rows,
        )

    def table_equalities(self) -> dict[str, Any]:
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
        rows: list[tuple[str, str, dict[str, Any]]] = []
        for prefix, title, value, known in groups:
            counts = self.counts(self.statutory, value, "received", ("current",))
            ordered = [k for k in known if k in counts]
            ordered += sorted(
                (k for k in counts if k not in known and k != UNKNOWN), key=str.casefold
            )
            ordered += [UNKNOWN] if UNKNOWN in counts else []
            for k in ordered:
                part, label = known.get(k, (k, UNKNOWN_LABEL if k == UNKNOWN else k))
                rows.append(
                    (f"{prefix}:{part}", f"{title}: {label}", {"current": counts[k]["current"]})
                )
        rows.append((TOTAL, "Total complaints", {"current": self.statutory_received["current"]}))
        return table(
            "Equality monitoring of statutory complaints",
            "received",
            self.columns("current"),
            rows,
        )

    def table_benchmarking(self) -> dict[str, Any]:
        rows: list[tuple[str, str, dict[str, Any]]] = []
        for b in Benchmark.objects.filter(year=self.period.year).order_by("council"):
            rows.append(
                (
                    b.council,
                    b.council,
                    {
                        "complaints_received": b.complaints_received,
                        "percent_upheld": _figure(b.percent_upheld),
                        "percent_in_timescale": _figure(b.percent_in_timescale),
                    },
                )
            )
        by_category = self.table("stage1_outcomes_by_category")
        timeliness = {r["key"]: r["cells"] for r in self.table("stage1_timeliness")["rows"]}
        council = settings.FAIRHEAR_COUNCIL_NAME
        rows = [r for r in rows if r[0] != council]
        rows.append(
            (
                council,
                council,
                {
                    "complaints_received": self.statutory_received["current"],
                    "percent_upheld": by_category["rows"][-1]["cells"]["percent_upheld"],
                    "percent_in_timescale": percent(
                        timeliness.get("in_timescale", {}).get("current", 0),
                        timeliness[TOTAL]["current"],
                    ),
                },
            )
        )
        return table(
            f"How we compare with other councils in {self.label('current')}",
            "per year",
            [
                ("complaints_received", "Complaints received"),
                ("percent_upheld", "Upheld (%)"),
                ("percent_in_timescale", "Stage 1 in timescale (%)"),
            ],
            rows,
            keep_empty=True,
        )
