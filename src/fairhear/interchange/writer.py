"""Writing a validated case file into the database, in bulk.

Rows are matched on the keys of interchange.md: a matched row that differs is updated, one
that is the same is left alone, a new one is created. Nothing is ever deleted. The caller
runs this inside one transaction (see services.import_case_file), so it writes all or nothing.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from psycopg import sql

from fairhear.casework.models import (
    CaseEvent,
    Category,
    CategoryOutcome,
    Compliment,
    Contact,
    ContactCategory,
    Cost,
    LearningAction,
    OmbudsmanCase,
    Person,
    ReferenceCounter,
    Stage,
)
from fairhear.casework.services import refresh_statuses_of
from fairhear.interchange.format import CaseFile, OrganisationUnitRecord
from fairhear.organisation.models import ServiceArea, Team
from fairhear.reports.models import Benchmark, ContextFigure

BATCH = 2000
M = TypeVar("M", bound=Model)
Progress = Callable[[str, int, int], None]


@dataclass
class WriteSummary:
    """What the import did, file by file."""

    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    created_names: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    people_created: int = 0
    people_matched: int = 0

    def add(self, file: str, *, created: int = 0, updated: int = 0, unchanged: int = 0) -> None:
        counter = self.counts[file]
        counter["created"] += created
        counter["updated"] += updated
        counter["unchanged"] += unchanged

    def as_json(self) -> dict[str, dict[str, int]]:
        return {file: dict(counter) for file, counter in self.counts.items()}


def _chunks(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert(model: type[Model], fields: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """Insert new rows, given as tuples of `fields` (attribute names).

    On PostgreSQL this uses COPY, several times faster than the ORM's INSERT for the hundreds
    of thousands of rows of a council's history; the other columns get their model defaults.
    Other databases use bulk_create.
    """
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(
            (model(**dict(zip(fields, row, strict=True))) for row in rows), batch_size=BATCH
        )
        return
    options = model._meta
    given = set(fields)
    now = timezone.now()
    column_of = {model_field.attname: model_field.column for model_field in options.concrete_fields}
    columns = [column_of[name] for name in fields]
    defaults: list[Any] = []
    for model_field in options.concrete_fields:
        if model_field.attname in given or model_field.primary_key:
            continue
        value = (
            now
            if getattr(model_field, "auto_now_add", False)
            or getattr(model_field, "auto_now", False)
            else model_field.get_default()
        )
        columns.append(model_field.column)
        defaults.append(model_field.get_db_prep_save(value, connection))
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(options.db_table),
        sql.SQL(", ").join([sql.Identifier(column) for column in columns]),
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row((*row, *defaults))


def _upsert(
    model: type[M],
    desired: dict[Hashable, M],
    existing: dict[Hashable, M],
    fields: list[str],
    *,
    bump_version: bool = False,
) -> tuple[list[M], list[M], int]:
    """Create the new rows, update those that differ; returns (created, updated, unchanged).

    `bump_version` raises a contact's optimistic-locking version when the import changes it,
    so someone editing it at the same time must reload it before saving.
    """
    new: list[M] = []
    changed: list[M] = []
    for key, wanted in desired.items():
        stored = existing.get(key)
        if stored is None:
            new.append(wanted)
        elif any(getattr(stored, name) != getattr(wanted, name) for name in fields):
            for name in fields:
                setattr(stored, name, getattr(wanted, name))
            if bump_version:
                stored.version += 1  # type: ignore[attr-defined]
            changed.append(stored)
    model._default_manager.bulk_create(new, batch_size=BATCH)
    if changed:
        written = [*fields, "version"] if bump_version else fields
        model._default_manager.bulk_update(changed, written, batch_size=BATCH // 4)
    return new, changed, len(desired) - len(new) - len(changed)


class _Names:
    """Service areas, teams and categories by lower-case name, creating what is missing."""

    def __init__(self, summary: WriteSummary) -> None:
        self.summary = summary
        self.areas = {area.name.lower(): area for area in ServiceArea.objects.all()}
        self.teams = {team.name.lower(): team for team in Team.objects.all()}
        self.categories = {category.name.lower(): category for category in Category.objects.all()}

    def area(self, name: str) -> ServiceArea | None:
        if not name:
            return None
        found = self.areas.get(name.lower())
        if found is None:
            found = ServiceArea.objects.create(name=name)
            self.areas[name.lower()] = found
            self.summary.created_names["service areas"].append(name)
        return found

    def team(self, name: str, area_name: str) -> Team | None:
        if not name:
            return None
        found = self.teams.get(name.lower())
        if found is None:
            area = self.area(area_name)
            assert area is not None, "validation requires a service area for a new team"
            found = Team.objects.create(name=name, service_area=area)
            self.teams[name.lower()] = found
            self.summary.created_names["teams"].append(name)
        return found

    def ensure_categories(self, names: Iterable[str]) -> None:
        missing: dict[str, str] = {}
        for name in names:
            if name.lower() not in self.categories:
                missing.setdefault(name.lower(), name)
        created = Category.objects.bulk_create(
            [Category(name=name) for name in missing.values()], batch_size=BATCH
        )
        for category in Category.objects.filter(name__in=list(missing.values())):
            self.categories[category.name.lower()] = category
        self.summary.created_names["categories"].extend(category.name for category in created)

    def category_id(self, name: str) -> int:
        return self.categories[name.lower()].pk

    def owner(self, name: str) -> tuple[Team | None, ServiceArea | None]:
        """An action's owner: a team of that name, else a service area (created if new)."""
        if not name:
            return None, None
        team = self.teams.get(name.lower())
        if team is not None:
            return team, None
        return None, self.area(name)


def write_case_file(
    case_file: CaseFile,
    *,
    file_name: str,
    by: User | None,
    progress: Progress | None = None,
) -> WriteSummary:
    summary = WriteSummary()
    by_id = by.pk if by is not None else None
    report = progress or (lambda step, done, total: None)
    if case_file.organisation is not None:
        _write_organisation(case_file.organisation, summary)
    names = _Names(summary)
    names.ensure_categories(
        [name for contact in case_file.contacts for name in contact.categories]
        + [outcome.category for outcome in case_file.category_outcomes]
    )
    people = _write_people(case_file, summary)
    touched: dict[int, str] = {}
    contact_ids = _write_contacts(case_file, names, people, summary, touched, report)
    _write_contact_categories(case_file, names, contact_ids, summary, touched)
    _write_stages(case_file, names, contact_ids, summary, touched, report)
    _write_ombudsman(case_file, names, contact_ids, summary)
    _write_by_id(case_file, names, contact_ids, summary)
    _write_figures(case_file, summary)
    _advance_reference_counters(case_file)
    # Lists, the dashboard and reminders read each case's status fields, which the casework
    # services keep; rows written here in bulk need them computed too.
    refresh_statuses_of(touched)
    _insert(
        CaseEvent,
        ["contact_id", "action", "description", "by_id"],
        [
            (pk, "fairhear.contact.imported", f"{what} from the case file {file_name}.", by_id)
            for pk, what in touched.items()
        ],
    )
    if connection.vendor == "postgresql" and len(touched) >= ANALYZE_AFTER_CONTACTS:
        transaction.on_commit(_refresh_planner_statistics)
    return summary


# A bulk write leaves PostgreSQL's planner statistics stale until autovacuum catches up, and a
# report run straight after a big import then plans its joins badly (measured: 1.2 s instead
# of 0.85 s for a year's report on 920,000 contacts). ANALYZE samples each table in seconds.
ANALYZE_AFTER_CONTACTS = 1000
_ANALYZED_MODELS: tuple[type[Model], ...] = (
    Contact,
    ContactCategory,
    Stage,
    CategoryOutcome,
    OmbudsmanCase,
    Cost,
    Person,
    CaseEvent,
)


def _refresh_planner_statistics() -> None:
    with connection.cursor() as cursor:
        for model in _ANALYZED_MODELS:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


# ---------------------------------------------------------------------------- organisation


def _write_organisation(records: list[OrganisationUnitRecord], summary: WriteSummary) -> None:
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


# ---------------------------------------------------------------------------- contacts


def _write_people(case_file: CaseFile, summary: WriteSummary) -> dict[str, int]:
    keys = sorted({contact.complainant for contact in case_file.contacts if contact.complainant})
    found: dict[str, int] = {}
    for chunk in _chunks(keys):
        found.update(Person.objects.filter(key__in=chunk).values_list("key", "pk"))
    missing = [key for key in keys if key not in found]
    summary.people_matched = len(found)
    summary.people_created = len(missing)
    _insert(Person, ["key"], [(key,) for key in missing])
    for chunk in _chunks(missing):
        found.update(Person.objects.filter(key__in=chunk).values_list("key", "pk"))
    return found


CONTACT_FIELDS = [
    "received",
    "route",
    "channel",
    "complainant_id",
    "complainant_role",
    "advocate",
    "child_status",
    "service_area_id",
    "team_id",
    "withdrawn",
    "responded",
    "age_band",
    "gender",
    "ethnicity",
    "disability",
    "summary",
]


def _write_contacts(
    case_file: CaseFile,
    names: _Names,
    people: dict[str, int],
    summary: WriteSummary,
    touched: dict[int, str],
    report: Progress,
) -> dict[str, int]:
    desired: dict[Hashable, tuple[Any, ...]] = {}
    for record in case_file.contacts:
        team = names.team(record.team, record.service_area)
        area = names.area(record.service_area) or (team.service_area if team else None)
        desired[record.reference] = (
            record.received,
            record.route,
            record.channel,
            people.get(record.complainant),
            record.complainant_role,
            record.advocate,
            record.child_status,
            area.pk if area else None,
            team.pk if team else None,
            record.withdrawn,
            record.responded,
            record.age_band,
            record.gender,
            record.ethnicity,
            record.disability,
            record.summary,
        )
    references = list(desired)
    stored = _stored_rows(
        Contact.objects.all(),
        "reference",
        references,
        ["reference", "pk", "version", *CONTACT_FIELDS],
        report,
        "Reading contacts",
    )
    created, updated, unchanged = _sync_rows(
        Contact,
        CONTACT_FIELDS,
        desired,
        stored,
        lambda key: {"reference": key},
        report,
        "Writing contacts",
        bump_version=True,
    )
    summary.add("contacts.csv", created=len(created), updated=len(updated), unchanged=unchanged)
    ids: dict[str, int] = {str(key): row[0] for key, row in stored.items()}
    if created:
        ids.update(_stored_ids(Contact.objects.all(), "reference", created, ["reference", "pk"]))
    for reference in created:
        touched[ids[reference]] = "Created"
    for pk in updated:
        touched[pk] = "Updated"
    return ids


# When a file holds more keys than this, reading the whole table beats long `IN (...)` lists.
WHOLE_TABLE = 20_000


def _stored_rows(
    queryset: Any,
    key_field: str,
    keys: Sequence[Any],
    columns: list[str],
    report: Progress,
    step: str,
) -> dict[Hashable, tuple[Any, ...]]:
    """Stored rows by key (the first column), each the tuple of the other columns."""
    wanted = set(keys)
    queryset = queryset.order_by()
    rows: dict[Hashable, tuple[Any, ...]] = {}
    if len(wanted) > WHOLE_TABLE:
        for row in queryset.values_list(*columns).iterator(chunk_size=BATCH * 5):
            if row[0] in wanted:
                rows[row[0]] = row[1:]
        report(step, len(keys), len(keys))
        return rows
    for done, chunk in enumerate(_chunks(keys)):
        for row in queryset.filter(**{f"{key_field}__in": chunk}).values_list(*columns):
            rows[row[0]] = row[1:]
        report(step, min((done + 1) * BATCH, len(keys)), len(keys))
    return rows


def _stored_ids(
    queryset: Any, key_field: str, keys: Sequence[Any], columns: list[str]
) -> dict[Any, int]:
    rows = _stored_rows(queryset, key_field, keys, columns, lambda *_: None, "")
    return {key: row[0] for key, row in rows.items()}


def _sync_rows(
    model: type[M],
    fields: list[str],
    desired: dict[Hashable, tuple[Any, ...]],
    stored: dict[Hashable, tuple[Any, ...]],
    identity: Callable[[Any], dict[str, Any]],
    report: Progress,
    step: str,
    *,
    bump_version: bool = False,
) -> tuple[list[Any], list[int], int]:
    """Create new rows and update those whose values differ, comparing plain tuples (a model
    instance per unchanged row would cost more than the database work).

    `stored` rows are (pk, [version,] values...). Returns (created keys, updated pks, unchanged).
    `bump_version` raises a contact's optimistic-locking version when the import changes it,
    so someone editing it at the same time must reload it before saving.
    """
    skip = 2 if bump_version else 1
    created: list[Any] = []
    changed: list[M] = []
    keys = list(desired)
    step_size = BATCH * 5
    for start in range(0, len(keys), step_size):
        new: list[tuple[Any, ...]] = []
        new_fields: list[str] = []
        for key in keys[start : start + step_size]:
            values = desired[key]
            row = stored.get(key)
            if row is None:
                known = identity(key)
                new_fields = [*known, *fields]
                new.append((*known.values(), *values))
                created.append(key)
            elif row[skip:] != values:
                instance = model(pk=row[0], **dict(zip(fields, values, strict=True)))
                if bump_version:
                    instance.version = row[1] + 1  # type: ignore[attr-defined]
                changed.append(instance)
        if new:
            _insert(model, new_fields, new)
        report(step, min(start + step_size, len(keys)), len(keys))
    if changed:
        written = [*fields, "version"] if bump_version else fields
        model._default_manager.bulk_update(changed, written, batch_size=BATCH // 4)
    return created, [instance.pk for instance in changed], len(keys) - len(created) - len(changed)


def _write_contact_categories(
    case_file: CaseFile,
    names: _Names,
    contact_ids: dict[str, int],
    summary: WriteSummary,
    touched: dict[int, str],
) -> None:
    wanted = {
        contact_ids[record.reference]: [names.category_id(name) for name in record.categories]
        for record in case_file.contacts
    }
    stored: dict[int, list[int]] = defaultdict(list)
    ids = list(wanted)
    for chunk in _chunks(ids):
        for contact_id, category_id in (
            ContactCategory.objects.filter(contact_id__in=chunk)
            .order_by("contact_id", "position")
            .values_list("contact_id", "category_id")
        ):
            stored[contact_id].append(category_id)
    differ = [pk for pk, categories in wanted.items() if stored.get(pk, []) != categories]
    for chunk in _chunks(differ):
        ContactCategory.objects.filter(contact_id__in=chunk).delete()
    _insert(
        ContactCategory,
        ["contact_id", "category_id", "position"],
        [
            (pk, category_id, position)
            for pk in differ
            for position, category_id in enumerate(wanted[pk])
        ],
    )
    for pk in differ:
        touched.setdefault(pk, "Updated")


# ---------------------------------------------------------------------------- stages


STAGE_FIELDS = [
    "requested",
    "decision",
    "decline_reason",
    "started",
    "extended",
    "extension_reason",
    "responded",
    "outcome",
    "investigation_report",
    "panel_held",
    "panel_report",
    "closed",
]


def _write_stages(
    case_file: CaseFile,
    names: _Names,
    contact_ids: dict[str, int],
    summary: WriteSummary,
    touched: dict[int, str],
    report: Progress,
) -> None:
    ids = _all_contact_ids(case_file, contact_ids)
    desired: dict[Hashable, tuple[Any, ...]] = {
        (ids[record.reference], record.stage): tuple(getattr(record, name) for name in STAGE_FIELDS)
        for record in case_file.stages
    }
    wanted_contacts = sorted(
        {ids[record.reference] for record in case_file.stages}
        | {ids[record.reference] for record in case_file.category_outcomes}
    )
    stored: dict[Hashable, tuple[Any, ...]] = {}
    for chunk in _chunks(wanted_contacts):
        for row in Stage.objects.filter(contact_id__in=chunk).values_list(
            "contact_id", "number", "pk", *STAGE_FIELDS
        ):
            stored[(row[0], row[1])] = row[2:]
    created, updated, unchanged = _sync_rows(
        Stage,
        STAGE_FIELDS,
        desired,
        stored,
        lambda key: {"contact_id": key[0], "number": key[1]},
        report,
        "Writing stages",
    )
    summary.add("stages.csv", created=len(created), updated=len(updated), unchanged=unchanged)
    changed_stages = set(updated)
    for key in created:
        touched.setdefault(key[0], "Updated")
    for key, row in stored.items():
        if row[0] in changed_stages:
            touched.setdefault(key[0], "Updated")  # type: ignore[index]

    if not case_file.category_outcomes:
        return
    stage_ids: dict[tuple[int, int], int] = {}
    for chunk in _chunks(wanted_contacts):
        stage_ids.update(
            ((contact_id, number), pk)
            for pk, contact_id, number in Stage.objects.filter(contact_id__in=chunk).values_list(
                "pk", "contact_id", "number"
            )
        )
    wanted_outcomes: dict[Hashable, CategoryOutcome] = {}
    for outcome in case_file.category_outcomes:
        stage_id = stage_ids[(ids[outcome.reference], outcome.stage)]
        category_id = names.category_id(outcome.category)
        wanted_outcomes[(stage_id, category_id)] = CategoryOutcome(
            stage_id=stage_id, category_id=category_id, outcome=outcome.outcome
        )
    stored_outcomes: dict[Hashable, CategoryOutcome] = {}
    for chunk in _chunks(sorted(set(stage_ids.values()))):
        stored_outcomes.update(
            ((outcome.stage_id, outcome.category_id), outcome)
            for outcome in CategoryOutcome.objects.filter(stage_id__in=chunk)
        )
    new_o, changed_o, same_o = _upsert(
        CategoryOutcome, wanted_outcomes, stored_outcomes, ["outcome"]
    )
    summary.add(
        "category_outcomes.csv", created=len(new_o), updated=len(changed_o), unchanged=same_o
    )


def _all_contact_ids(case_file: CaseFile, contact_ids: dict[str, int]) -> dict[str, int]:
    """Ids of contacts in the file and of those only in the database that rows point at."""
    ids = dict(contact_ids)
    outside = sorted(
        {r.reference for r in case_file.stages}
        | {r.reference for r in case_file.category_outcomes}
        | {r.reference for r in case_file.actions if r.reference}
        | {r.reference for r in case_file.costs if r.reference}
        | {r.reference for r in case_file.ombudsman if r.reference}
    )
    outside = [reference for reference in outside if reference not in ids]
    for chunk in _chunks(outside):
        ids.update(Contact.objects.filter(reference__in=chunk).values_list("reference", "pk"))
    return ids


# ---------------------------------------------------------------------------- the rest


OMBUDSMAN_FIELDS = [
    "contact_id",
    "received",
    "enquiry_due",
    "council_replied",
    "decided",
    "decision",
    "remedies",
    "financial_remedy",
    "satisfactory_remedy_by_council",
    "complied",
    "service_area_id",
    "team_id",
    "summary",
]


def _write_ombudsman(
    case_file: CaseFile, names: _Names, contact_ids: dict[str, int], summary: WriteSummary
) -> None:
    if not case_file.ombudsman:
        return
    ids = _all_contact_ids(case_file, contact_ids)
    desired: dict[Hashable, OmbudsmanCase] = {}
    for record in case_file.ombudsman:
        team = names.team(record.team, record.service_area)
        area = names.area(record.service_area) or (team.service_area if team else None)
        desired[record.lgsco_reference] = OmbudsmanCase(
            lgsco_reference=record.lgsco_reference,
            contact_id=ids.get(record.reference) if record.reference else None,
            received=record.received,
            enquiry_due=record.enquiry_due,
            council_replied=record.council_replied,
            decided=record.decided,
            decision=record.decision,
            remedies=list(record.remedy),
            financial_remedy=record.financial_remedy,
            satisfactory_remedy_by_council=record.satisfactory_remedy_by_council,
            complied=record.complied,
            service_area_id=area.pk if area else None,
            team_id=team.pk if team else None,
            summary=record.summary,
        )
    existing: dict[Hashable, OmbudsmanCase] = {
        case.lgsco_reference: case
        for case in OmbudsmanCase.objects.filter(lgsco_reference__in=list(desired))
    }
    new, changed, unchanged = _upsert(OmbudsmanCase, desired, existing, OMBUDSMAN_FIELDS)
    summary.add("ombudsman.csv", created=len(new), updated=len(changed), unchanged=unchanged)


def _write_by_id(
    case_file: CaseFile, names: _Names, contact_ids: dict[str, int], summary: WriteSummary
) -> None:
    """Actions, costs and compliments: matched by id, else on all their other columns."""
    ids = _all_contact_ids(case_file, contact_ids)

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
    _sync_by_id(
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
    _sync_by_id(Cost, costs, ["contact_id", "date", "kind", "amount"], "costs.csv", summary)
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
    _sync_by_id(
        Compliment,
        compliments,
        ["received", "service_area_id", "team_id", "source", "internal", "text", "publish"],
        "compliments.csv",
        summary,
    )


def _sync_by_id(
    model: type[M],
    rows: list[tuple[int | None, M]],
    fields: list[str],
    file: str,
    summary: WriteSummary,
) -> None:
    """A row with an id updates that row or creates it with that id. A row without one is
    matched on all its other columns, one to one: n identical rows match n stored rows."""
    if not rows:
        return
    stored = {obj.pk: obj for obj in model._default_manager.all()}
    created: list[M] = []
    changed: list[M] = []
    unchanged = 0
    given_ids = {pk for pk, _ in rows if pk is not None}
    for pk, wanted in rows:
        if pk is None:
            continue
        old = stored.get(pk)
        if old is None:
            wanted.pk = pk
            created.append(wanted)
        elif any(getattr(old, name) != getattr(wanted, name) for name in fields):
            for name in fields:
                setattr(old, name, getattr(wanted, name))
            changed.append(old)
        else:
            unchanged += 1
    pool: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for pk in sorted(stored):
        if pk not in given_ids:
            pool[tuple(getattr(stored[pk], name) for name in fields)].append(pk)
    for pk, wanted in rows:
        if pk is not None:
            continue
        matches = pool.get(tuple(getattr(wanted, name) for name in fields))
        if matches:
            matches.pop(0)
            unchanged += 1
        else:
            created.append(wanted)
    # Rows with their own ids first: they leave PostgreSQL's id sequence behind them, so it is
    # moved past them before the rows without ids take the next numbers.
    with_ids = [wanted for wanted in created if wanted.pk is not None]
    model._default_manager.bulk_create(with_ids, batch_size=BATCH)
    if with_ids:
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [model]):
                cursor.execute(statement)
    model._default_manager.bulk_create(
        [wanted for wanted in created if wanted.pk is None], batch_size=BATCH
    )
    if changed:
        model._default_manager.bulk_update(changed, fields, batch_size=BATCH // 4)
    summary.add(file, created=len(created), updated=len(changed), unchanged=unchanged)


def _write_figures(case_file: CaseFile, summary: WriteSummary) -> None:
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
        new, changed, same = _upsert(ContextFigure, figures, stored, ["value"])
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
        new_b, changed_b, same_b = _upsert(
            Benchmark,
            benchmarks,
            stored_b,
            ["complaints_received", "percent_upheld", "percent_in_timescale"],
        )
        summary.add("benchmarks.csv", created=len(new_b), updated=len(changed_b), unchanged=same_b)


_REFERENCE = re.compile(r"C-(\d{4})-(\d+)")


def _advance_reference_counters(case_file: CaseFile) -> None:
    """New contacts logged after the import must not reuse an imported reference."""
    highest: dict[int, int] = {}
    for contact in case_file.contacts:
        match = _REFERENCE.fullmatch(contact.reference)
        if match:
            year, number = int(match[1]), int(match[2])
            highest[year] = max(highest.get(year, 0), number)
    for year, number in highest.items():
        counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
        if counter.last_number < number:
            counter.last_number = number
            counter.save(update_fields=["last_number"])
