"""The registry of the report's tables: each table's id (spec: report.md), the section of the
report it belongs to, and the function that computes it.

Each section module registers its tables through its :class:`Section`; the engine builds a
report by walking :data:`TABLE_IDS`, which fixes the order of the tables in the JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fairhear.reports.engine.base import Report

__all__ = ["ANNUAL_ONLY_TABLES", "TABLE_IDS", "RegisteredTable", "Section", "tables_of"]

#: Every table of the report, in the order of report.md (and of the JSON's `tables`).
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

TableFunction = Callable[["Report"], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class RegisteredTable:
    """One table: its id, its section's key and what computes it from a report's setup."""

    table_id: str
    section: str
    compute: TableFunction


_TABLES: dict[str, RegisteredTable] = {}


@dataclass(frozen=True, slots=True)
class Section:
    """A section of the report, keyed as the renderings key it (render.sections.SECTIONS)."""

    key: str

    def table(self, table_id: str) -> Callable[[TableFunction], TableFunction]:
        """Register the decorated function as the table `table_id` of this section."""

        def register(compute: TableFunction) -> TableFunction:
            if table_id not in TABLE_IDS:
                raise ValueError(
                    f"{table_id!r} is not a table of the report: add it to TABLE_IDS where "
                    "report.md lists it"
                )
            if table_id in _TABLES:
                raise ValueError(f"the table {table_id!r} is registered twice")
            _TABLES[table_id] = RegisteredTable(table_id, self.key, compute)
            return compute

        return register


def registered(table_id: str) -> RegisteredTable:
    """The table registered as `table_id`."""
    return _TABLES[table_id]


def tables_of(kind: str) -> list[RegisteredTable]:
    """The tables of a report over a period of `kind` (year, quarter, custom), in order."""
    missing = [t for t in TABLE_IDS if t not in _TABLES]
    if missing:
        raise LookupError(f"no section registers the tables {', '.join(missing)}")
    return [_TABLES[t] for t in TABLE_IDS if kind == "year" or t not in ANNUAL_ONLY_TABLES]
