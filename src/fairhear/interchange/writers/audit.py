"""One audit entry per row an import creates or changes, with its old and new values.

The writers work in bulk, which django-auditlog's signals do not see. So each writer tells
`RowAudit` what it created and what it changed, as model instances before and after with the
fields it wrote, and the entries are made with auditlog's own reading of each value (the same
changes a service's save would record) and written in bulk at the end. They are ordinary
auditlog entries: a case's history page shows them (a move to another service area
included), with the person who ran the import.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from auditlog.cid import get_cid
from auditlog.context import auditlog_value
from auditlog.diff import get_field_value
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils.encoding import smart_str

from fairhear.casework.models import CategoryOutcome, Contact
from fairhear.interchange.bulk import insert_rows


class RowAudit:
    """The audit entries of one import, one per row created or changed."""

    def __init__(self, *, file_name: str, by: User | None) -> None:
        # A web import runs inside auditlog's middleware, which knows the remote address.
        context = auditlog_value.get(None) or {}
        self._common = {
            "actor": by,
            "actor_email": by.email if by is not None else None,
            "remote_addr": context.get("remote_addr"),
            "cid": get_cid(),
            "additional_data": {"case_file": file_name},
        }
        self._entries: dict[tuple[type[Model], int], LogEntry] = {}
        # The case each entry belongs to (None for rows of no case: people, compliments...).
        self._cases: dict[tuple[type[Model], int], int | None] = {}
        self._stage_cases: dict[int, int] = {}

    def stage_cases(self, cases: dict[int, int]) -> None:
        """The case of each stage (by id), for the entries of its category outcomes."""
        self._stage_cases.update(cases)

    def created(
        self, instance: Model, fields: Iterable[str], *, label: str = "", data: Any = None
    ) -> None:
        """A row created with the values of `fields` (the columns the import wrote). `data`
        is added to the entry's additional data (a letter names its contact, so the case's
        history finds it)."""
        self._add(instance, LogEntry.Action.CREATE, _diff(None, instance, fields), label, data)

    def changed(
        self, old: Model, new: Model, fields: Iterable[str], *, label: str = "", data: Any = None
    ) -> None:
        changes = _diff(old, new, fields)
        if changes:
            self._add(new, LogEntry.Action.UPDATE, changes, label, data)

    def categories(self, contact_id: int, reference: str, old: list[str], new: list[str]) -> None:
        """A contact's categories replaced: recorded on the contact's own entry."""
        contact = Contact(pk=contact_id, reference=reference)
        self._add(contact, LogEntry.Action.UPDATE, {"categories": ["; ".join(old), "; ".join(new)]})

    def _add(
        self,
        instance: Model,
        action: int,
        changes: dict[str, list[str]],
        label: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        key = (type(instance), instance.pk)
        entry = self._entries.get(key)
        if entry is not None:
            entry.changes = {**(entry.changes or {}), **changes}
            return
        self._cases[key] = self._case_of(instance, data)
        self._entries[key] = LogEntry(
            content_type=ContentType.objects.get_for_model(instance),
            object_pk=str(instance.pk),
            object_id=instance.pk,
            object_repr=label or str(instance),
            action=action,
            changes=changes,
            **{
                **self._common,
                "additional_data": {**self._common["additional_data"], **(data or {})},
            },
        )

    def _case_of(self, instance: Model, data: dict[str, Any] | None) -> int | None:
        if isinstance(instance, Contact):
            return int(instance.pk)
        if data and "contact" in data:
            return int(data["contact"])
        if isinstance(instance, CategoryOutcome):
            return self._stage_cases.get(instance.stage_id)
        contact_id = getattr(instance, "contact_id", None)
        return int(contact_id) if contact_id is not None else None

    def write(self, *, leaving_out: Collection[int] = ()) -> None:
        """Write the entries, with COPY on PostgreSQL (see bulk.insert_rows), but those of
        the cases `leaving_out` (whose history events.csv gives)."""
        insert_rows(
            LogEntry,
            _ENTRY_FIELDS,
            (
                tuple(getattr(entry, name) for name in _ENTRY_FIELDS)
                for key, entry in self._entries.items()
                if self._cases[key] not in leaving_out
            ),
        )


_ENTRY_FIELDS = [
    "content_type_id",
    "object_pk",
    "object_id",
    "object_repr",
    "action",
    "changes",
    "actor_id",
    "actor_email",
    "remote_addr",
    "cid",
    "additional_data",
]


def _diff(old: Model | None, new: Model, fields: Iterable[str]) -> dict[str, list[str]]:
    """auditlog's diff (`model_instance_diff`) of the given fields only, with its own reading
    of each value: it looks at every field and relation of the model, several times slower
    for the hundred thousand rows of a council's history."""
    meta = new._meta
    # As auditlog's own receivers read values, so these entries read like theirs.
    as_json = getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    changes: dict[str, list[str]] = {}
    for name in fields:
        field = meta.get_field(name)
        before = get_field_value(old, field, as_json)
        after = get_field_value(new, field, as_json)
        if before != after:
            changes[field.name] = [_as_text(before, as_json), _as_text(after, as_json)]
    return changes


def _as_text(value: Any, as_json: bool) -> Any:
    if as_json and isinstance(value, (type(None), bool, int, float, str, list, tuple, dict)):
        return value
    return smart_str(value)
