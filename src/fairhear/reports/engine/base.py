"""What every table of the report shares: the periods it compares (cut at the as-at date),
the statutory timescales, the base querysets, grouped conditional counts, service areas and
teams under their names at the period's end, working days, and the helpers that lay counts
out as rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any, TypeVar

import numpy as np
from django.conf import settings
from django.db import models
from django.db.models import Case, Count, DateField, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan

from fairhear.casework.codes import Outcome, Route
from fairhear.casework.facts import statutory_timescales
from fairhear.casework.models import Contact
from fairhear.core.calendar import WorkingDayCalendar
from fairhear.core.clocks import ProcedureTimescales
from fairhear.core.report import Period, round_half_up, successor_map
from fairhear.core.report_narrative import narrative
from fairhear.organisation.models import ServiceArea, Team
from fairhear.reports.engine.registry import registered, tables_of
from fairhear.reports.selectors import UnitHistory, unit_histories

UNKNOWN = "unknown"
UNKNOWN_LABEL = "Not recorded"
TOTAL = "total"
WITHDRAWN = Outcome.WITHDRAWN.value

Counts = dict[str, dict[str, int]]
Row = tuple[str, str, dict[str, Any]]
T = TypeVar("T")


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


class Report:
    """One report being built: its period and the two before it (`current`, `previous`,
    `before_previous`), the as-at date, and what its tables share, each computed once."""

    def __init__(self, period: Period, as_at: date, calendar: WorkingDayCalendar) -> None:
        self.period = period
        self.as_at = as_at
        self.calendar = calendar
        self.timescales: ProcedureTimescales = statutory_timescales()
        #: Councillors' and MPs' enquiries: the council's own limit, not a statute's.
        self.enquiry_days: int = settings.FAIRHEAR_ENQUIRY_REPLY_DAYS
        self.w = {
            key: Window(key, p, min(p.end, as_at))
            for key, p in (
                ("current", period),
                ("previous", period.earlier(1)),
                ("before_previous", period.earlier(2)),
            )
        }
        self._tables: dict[str, dict[str, Any]] = {}
        self._shared: dict[Callable[[Report], Any], Any] = {}

    # ------------------------------------------------------------------ the report

    def build(self) -> dict[str, Any]:
        """The report in its JSON form: every table of its kind, in order, and the narrative."""
        report = {
            "council": settings.FAIRHEAR_COUNCIL_NAME,
            "year": self.period.year,
            "label": self.period.label,
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "as_at": self.as_at.isoformat(),
            "tables": {t.table_id: self.table(t.table_id) for t in tables_of(self.period.kind)},
        }
        report["narrative"] = narrative(report)
        return report

    def table(self, table_id: str) -> dict[str, Any]:
        """A table, computed once (benchmarking reads figures of two others)."""
        if table_id not in self._tables:
            self._tables[table_id] = registered(table_id).compute(self)
        return self._tables[table_id]

    def once(self, compute: Callable[[Report], T]) -> T:
        """`compute(self)`, computed once: figures several tables of a section share."""
        if compute not in self._shared:
            self._shared[compute] = compute(self)
        result: T = self._shared[compute]
        return result

    # ------------------------------------------------------------------ periods

    def label(self, key: str) -> str:
        return self.w[key].period.label

    def columns(self, *keys: str) -> list[tuple[str, str]]:
        return [(k, self.label(k)) for k in keys]

    # ------------------------------------------------------------------ units

    @cached_property
    def area_names(self) -> dict[int | None, str]:
        """Each service area id → the name it has at the end of the period."""
        return self._unit_names(unit_histories(ServiceArea))

    @cached_property
    def team_names(self) -> dict[int | None, str]:
        return self._unit_names(unit_histories(Team))

    def _unit_names(self, listed: Sequence[UnitHistory]) -> dict[int | None, str]:
        names = {pk: name for pk, name, _, _ in listed}
        final = successor_map({pk: (ended, succ) for pk, _, ended, succ in listed}, self.period.end)
        mapped: dict[int | None, str] = {pk: names[final[pk]] for pk in names}
        mapped[None] = UNKNOWN
        return mapped

    def by_unit(self, counts: Counts, names: Mapping[int | None, str]) -> Counts:
        """Counts grouped by unit id, regrouped under each unit's name at the period's end."""
        merged: Counts = {}
        for key, cells in counts.items():
            name = names[None if key == UNKNOWN else int(key)]
            into = merged.setdefault(name, dict.fromkeys(cells, 0))
            for column, n in cells.items():
                into[column] += n
        return merged

    # ------------------------------------------------------------------ counting

    @cached_property
    def statutory(self) -> QuerySet[Contact]:
        """Statutory complaints: the contacts most tables count."""
        return Contact.objects.filter(route=Route.STATUTORY)

    @cached_property
    def statutory_received(self) -> dict[str, int]:
        """Statutory complaints received in each period (volumes' statutory row)."""
        counts = self.counts(
            self.statutory, Value(1), "received", ("before_previous", "previous", "current")
        )
        return dict(next(iter(counts.values()), dict.fromkeys(self.w, 0)))

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

    def working_days(self, starts: Sequence[date], ends: Sequence[date]) -> np.ndarray[Any, Any]:
        if not starts:
            return np.zeros(0, dtype=np.int64)
        return self.calendar.working_days_between_many(
            np.array(starts, dtype="datetime64[D]"), np.array(ends, dtype="datetime64[D]")
        )


# ---------------------------------------------------------------------- stage outcomes


def outcome_at(as_at: date, prefix: str = "", withdrawn: str = "contact__withdrawn") -> Case:
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


def stage_event() -> Case:
    """The date a stage counts on, on the responded basis."""
    return Case(
        When(outcome=WITHDRAWN, then=Coalesce("closed", "contact__withdrawn", "responded")),
        default=F("responded"),
        output_field=DateField(),
    )


# ---------------------------------------------------------------------- cells and rows


def money(value: Decimal | float | None) -> float:
    """Pounds to two decimals, rounded half up (as people do), as a JSON number."""
    return float(round_half_up(value or 0, 2))


def figure(value: Decimal | None) -> int | float | None:
    """A recorded figure as a JSON number: whole numbers stay integers."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def code_rows(
    choices: Iterable[tuple[str, str]],
    counts: Mapping[str, dict[str, Any]],
    *,
    total: dict[str, Any] | None = None,
) -> list[Row]:
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


def named_rows(
    counts: Mapping[str, dict[str, Any]], *, total: dict[str, Any] | None = None
) -> list[Row]:
    """Rows named as recorded, in alphabetical order, then unknown and total."""
    keys = sorted((k for k in counts if k != UNKNOWN), key=str.casefold)
    if UNKNOWN in counts:
        keys.append(UNKNOWN)
    rows = [(k, UNKNOWN_LABEL if k == UNKNOWN else k, counts[k]) for k in keys]
    if total is not None:
        rows.append((TOTAL, "Total", total))
    return rows


def sum_columns(counts: Mapping[str, Mapping[str, Any]], columns: Sequence[str]) -> dict[str, Any]:
    return {c: sum(row.get(c) or 0 for row in counts.values()) for c in columns}
