"""Bulk writes for any model: batches, matching stored rows by key, creating and updating.

Nothing here knows the case file: the writers (`interchange.writers`) say which model, key and
fields each file has. Nothing is deleted. Bulk operations bypass django-auditlog's signals, so
what is created or changed is told to the import's `RowAudit` (writers.audit).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from copy import copy
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.management.color import no_style
from django.db import connection
from django.db.models import JSONField, Model
from django.utils import timezone
from psycopg import sql

if TYPE_CHECKING:
    from fairhear.interchange.writers.audit import RowAudit

BATCH = 2000
# When a file holds more keys than this, reading the whole table beats long `IN (...)` lists.
WHOLE_TABLE = 20_000

M = TypeVar("M", bound=Model)
Progress = Callable[[str, int, int], None]


def chunks(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(
    model: type[Model],
    fields: list[str],
    rows: Iterable[tuple[Any, ...]],
    *,
    as_given: Sequence[str] = (),
) -> None:
    """Insert new rows, given as tuples of `fields` (attribute names).

    On PostgreSQL this uses COPY, several times faster than the ORM's INSERT for the hundreds
    of thousands of rows of a council's history; the other columns get their model defaults.
    Other databases use bulk_create. `as_given`: fields the model stamps with now on saving
    (auto_now_add) that keep the values given (COPY writes them as given; bulk_create
    stamps them, so they are given back after).
    """
    if connection.vendor != "postgresql":
        instances = [model(**dict(zip(fields, row, strict=True))) for row in rows]
        stamped = [[getattr(instance, name) for name in as_given] for instance in instances]
        model._default_manager.bulk_create(instances, batch_size=BATCH)
        if as_given and instances:
            for instance, values in zip(instances, stamped, strict=True):
                for name, value in zip(as_given, values, strict=True):
                    setattr(instance, name, value)
            model._default_manager.bulk_update(instances, list(as_given), batch_size=BATCH // 4)
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
    # JSON values go to COPY as the driver's JSON type, as the ORM would send them.
    fields_by_attname = {model_field.attname: model_field for model_field in options.fields}
    as_json = [
        (at, fields_by_attname[name])
        for at, name in enumerate(fields)
        if isinstance(fields_by_attname[name], JSONField)
    ]
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            if as_json:
                values = list(row)
                for at, json_field in as_json:
                    values[at] = json_field.get_db_prep_save(values[at], connection)
                row = tuple(values)
            copy.write_row((*row, *defaults))


def upsert(
    model: type[M],
    desired: dict[Hashable, M],
    existing: dict[Hashable, M],
    fields: list[str],
    audit: RowAudit,
    label: Callable[[M], str] | None = None,
) -> tuple[list[M], list[M], int]:
    """Create the new rows, update those that differ; returns (created, updated, unchanged).
    Each row created or changed gets its audit entry (`label` names it when its str would
    read other rows)."""
    new: list[M] = []
    changed: list[M] = []
    for key, wanted in desired.items():
        stored = existing.get(key)
        if stored is None:
            new.append(wanted)
        elif any(getattr(stored, name) != getattr(wanted, name) for name in fields):
            old = copy(stored)
            for name in fields:
                setattr(stored, name, getattr(wanted, name))
            changed.append(stored)
            audit.changed(old, stored, fields, label=label(stored) if label else "")
    model._default_manager.bulk_create(new, batch_size=BATCH)
    for row in new:
        audit.created(row, _columns(model), label=label(row) if label else "")
    if changed:
        model._default_manager.bulk_update(changed, fields, batch_size=BATCH // 4)
    return new, changed, len(desired) - len(new) - len(changed)


def _columns(model: type[Model]) -> list[str]:
    """Every column of a row but its id: what an audit entry of its creation records."""
    return [field.attname for field in model._meta.concrete_fields if not field.primary_key]


def stored_rows(
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
    for done, chunk in enumerate(chunks(keys)):
        for row in queryset.filter(**{f"{key_field}__in": chunk}).values_list(*columns):
            rows[row[0]] = row[1:]
        report(step, min((done + 1) * BATCH, len(keys)), len(keys))
    return rows


def stored_ids(
    queryset: Any, key_field: str, keys: Sequence[Any], columns: list[str]
) -> dict[Any, int]:
    rows = stored_rows(queryset, key_field, keys, columns, lambda *_: None, "")
    return {key: row[0] for key, row in rows.items()}


def sync_rows(
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
            insert_rows(model, new_fields, new)
        report(step, min(start + step_size, len(keys)), len(keys))
    if changed:
        written = [*fields, "version"] if bump_version else fields
        model._default_manager.bulk_update(changed, written, batch_size=BATCH // 4)
    return created, [instance.pk for instance in changed], len(keys) - len(created) - len(changed)


def sync_by_id(
    model: type[M], rows: list[tuple[int | None, M]], fields: list[str], audit: RowAudit
) -> tuple[int, int, int]:
    """A row with an id updates that row or creates it with that id. A row without one is
    matched on all its other columns, one to one: n identical rows match n stored rows.

    Returns how many rows were (created, updated, unchanged)."""
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
            before = copy(old)
            for name in fields:
                setattr(old, name, getattr(wanted, name))
            changed.append(old)
            audit.changed(before, old, fields)
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
    for wanted in created:
        audit.created(wanted, _columns(model))
    if changed:
        model._default_manager.bulk_update(changed, fields, batch_size=BATCH // 4)
    return len(created), len(changed), unchanged


def refresh_planner_statistics(models: Iterable[type[Model]]) -> None:
    """ANALYZE each model's table on PostgreSQL: a bulk write leaves the planner's statistics
    stale until autovacuum catches up."""
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
