"""Writing organisation.csv, actions.csv, costs.csv, compliments.csv, context.csv and
benchmarks.csv: the council's structure and the records kept beside its cases.

Service areas and teams are matched on their names, figures on their year and measure or
council; actions, costs and compliments on their ids (see `bulk.sync_by_id`).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from fairhear.casework.models import Compliment, Cost, LearningAction
from fairhear.interchange.bulk import M, sync_by_id, upsert
from fairhear.interchange.records import CaseFile, OrganisationUnitRecord
from fairhear.interchange.writers.audit import RowAudit
from fairhear.interchange.writers.cases import contact_ids_for
from fairhear.interchange.writers.summary import Names, WriteSummary
from fairhear.organisation.models import ServiceArea, Team
from fairhear.reports.models import Benchmark, ContextFigure


def write_organisation(records: list[OrganisationUnitRecord], summary: WriteSummary) -> None:
    units: dict[str, dict[str, Any]] = {
        "service_area": {area.name.lower(): area for area in ServiceArea.objects.all()},
        "team": {team.name.lower(): team for team in Team.objects.all()},
    }
    names_by_id = {
        kind: {unit.pk: unit.name.lower() for unit in known.values()}
        for kind, known in units.items()
    }
    # Service areas first (teams need them); successors once every unit exists.
    ordered = sorted(records, key=lambda unit: unit.kind != "service_area")
    for unit in ordered:
        known = units[unit.kind]
        stored = known.get(unit.name.lower())
        wanted: dict[str, Any] = {"name": unit.name, "started": unit.started, "ended": unit.ended}
        if unit.kind == "team":
            wanted["service_area_id"] = units["service_area"][unit.parent.lower()].pk
        if stored is None:
            stored = (ServiceArea if unit.kind == "service_area" else Team)(**wanted)
            stored.save()
            known[unit.name.lower()] = stored
            summary.add("organisation.csv", created=1)
            kind_words = "service areas" if unit.kind == "service_area" else "teams"
            summary.created_names[kind_words].append(unit.name)
            continue
        successor_now = names_by_id[unit.kind].get(stored.successor_id, "")
        if successor_now == unit.successor.lower() and all(
            getattr(stored, name) == value for name, value in wanted.items()
        ):
            summary.add("organisation.csv", unchanged=1)
            continue
        for name, value in wanted.items():
            setattr(stored, name, value)
        if not unit.successor:
            stored.successor = None
        stored.save()
        summary.add("organisation.csv", updated=1)
    for unit in records:
        if unit.successor:
            stored = units[unit.kind][unit.name.lower()]
            successor = units[unit.kind][unit.successor.lower()]
            if stored.successor_id != successor.pk:
                stored.successor = successor
                stored.save(update_fields=["successor"])


def write_by_id(
    case_file: CaseFile,
    names: Names,
    contact_ids: dict[str, int],
    summary: WriteSummary,
    audit: RowAudit,
) -> None:
    """Actions, costs and compliments: matched by id, else on all their other columns."""
    ids = contact_ids_for(case_file, contact_ids)

    def contact(reference: str) -> int | None:
        return ids[reference] if reference else None

    actions: list[tuple[int | None, LearningAction]] = []
    for record in case_file.actions:
        team, area = names.owner(record.owner)
        actions.append(
            (
                record.id,
                LearningAction(
                    contact_id=contact(record.reference),
                    kind=record.kind,
                    description=record.description,
                    owner_team=team,
                    owner_service_area=area,
                    due=record.due,
                    completed=record.completed,
                ),
            )
        )
    _sync(
        LearningAction,
        actions,
        [
            "contact_id",
            "kind",
            "description",
            "owner_team_id",
            "owner_service_area_id",
            "due",
            "completed",
        ],
        "actions.csv",
        summary,
        audit,
    )
    costs = [
        (
            record.id,
            Cost(
                contact_id=contact(record.reference),
                date=record.date,
                kind=record.kind,
                amount=record.amount,
            ),
        )
        for record in case_file.costs
    ]
    _sync(Cost, costs, ["contact_id", "date", "kind", "amount"], "costs.csv", summary, audit)
    compliments: list[tuple[int | None, Compliment]] = []
    for praise in case_file.compliments:
        team = names.team(praise.team, praise.service_area)
        area = names.area(praise.service_area) or (team.service_area if team else None)
        compliments.append(
            (
                praise.id,
                Compliment(
                    received=praise.received,
                    service_area=area,
                    team=team,
                    source=praise.source,
                    internal=praise.internal,
                    text=praise.text,
                    publish=praise.publish,
                ),
            )
        )
    _sync(
        Compliment,
        compliments,
        ["received", "service_area_id", "team_id", "source", "internal", "text", "publish"],
        "compliments.csv",
        summary,
        audit,
    )


def _sync(
    model: type[M],
    rows: list[tuple[int | None, M]],
    fields: list[str],
    file: str,
    summary: WriteSummary,
    audit: RowAudit,
) -> None:
    if rows:
        created, updated, unchanged = sync_by_id(model, rows, fields, audit)
        summary.add(file, created=created, updated=updated, unchanged=unchanged)


def write_figures(case_file: CaseFile, summary: WriteSummary, audit: RowAudit) -> None:
    figures: dict[Hashable, ContextFigure] = {
        (record.year, record.measure): ContextFigure(
            year=record.year, measure=record.measure, value=record.value
        )
        for record in case_file.context
    }
    if figures:
        stored: dict[Hashable, ContextFigure] = {
            (figure.year, figure.measure): figure for figure in ContextFigure.objects.all()
        }
        new, changed, same = upsert(ContextFigure, figures, stored, ["value"], audit)
        summary.add("context.csv", created=len(new), updated=len(changed), unchanged=same)
    benchmarks: dict[Hashable, Benchmark] = {
        (record.year, record.council): Benchmark(
            year=record.year,
            council=record.council,
            complaints_received=record.complaints_received,
            percent_upheld=record.percent_upheld,
            percent_in_timescale=record.percent_in_timescale,
        )
        for record in case_file.benchmarks
    }
    if benchmarks:
        stored_b: dict[Hashable, Benchmark] = {
            (benchmark.year, benchmark.council): benchmark for benchmark in Benchmark.objects.all()
        }
        new_b, changed_b, same_b = upsert(
            Benchmark,
            benchmarks,
            stored_b,
            ["complaints_received", "percent_upheld", "percent_in_timescale"],
            audit,
        )
        summary.add("benchmarks.csv", created=len(new_b), updated=len(changed_b), unchanged=same_b)
