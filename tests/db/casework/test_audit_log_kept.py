"""The audit log cannot be emptied: not from the command line, and on PostgreSQL not at all."""

from collections.abc import Callable
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.db import DatabaseError, connection, transaction

from fairhear.casework.models import Contact
from tests.unit.fresh import fairhear

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database-level guard is PostgreSQL's"
)


@pytest.mark.parametrize("command", ["flush", "sqlflush", "auditlogflush"])
def test_the_commands_that_would_empty_the_audit_log_are_refused_in_one_line(
    command: str, tmp_path: Path
) -> None:
    result = fairhear(command, "--no-input", data_dir=tmp_path)

    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert f"fairhear {command}: refused:" in result.stderr
    assert "audit log" in result.stderr


@on_postgresql
def test_postgresql_refuses_to_delete_an_audit_entry(log: Callable[..., Contact]) -> None:
    log()
    entries = LogEntry.objects.count()
    assert entries > 0

    with pytest.raises(DatabaseError, match="The audit log is kept"), transaction.atomic():
        LogEntry.objects.all().delete()

    assert LogEntry.objects.count() == entries


@on_postgresql
def test_postgresql_refuses_to_change_an_audit_entry(log: Callable[..., Contact]) -> None:
    log()
    entry = LogEntry.objects.earliest("pk")

    with pytest.raises(DatabaseError, match="The audit log is kept"), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).update(changes_text="nothing happened")

    assert LogEntry.objects.get(pk=entry.pk).changes_text == entry.changes_text


@on_postgresql
# Real transactions: the declaration lasts until its own transaction commits, which a test
# wrapped in one transaction would never see.
@pytest.mark.django_db(transaction=True)
def test_only_a_declared_redaction_may_change_an_entry_and_nothing_may_delete_one(
    log: Callable[..., Contact],
) -> None:
    log()
    entry = LogEntry.objects.earliest("pk")

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL fairhear.audit_redaction = 'on'")
        LogEntry.objects.filter(pk=entry.pk).update(changes_text="")
        with pytest.raises(DatabaseError, match="The audit log is kept"), transaction.atomic():
            LogEntry.objects.filter(pk=entry.pk).delete()
    assert LogEntry.objects.get(pk=entry.pk).changes_text == ""
    # The declaration ends with its transaction.
    with pytest.raises(DatabaseError, match="The audit log is kept"), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).update(changes_text="again")
