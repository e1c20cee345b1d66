"""events.csv (v1.1): each case's timeline and audit entries survive the round trip, an
import adds the file's events once, and an actor Fairhear does not know is kept by name."""

from datetime import UTC, datetime

import pytest
from auditlog.models import LogEntry
from auditlog.signals import accessed
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from fairhear.casework.models import CaseEvent, Contact
from fairhear.casework.selectors.audit import case_audit_trail
from fairhear.interchange import files
from fairhear.interchange.models import CaseFileExport
from fairhear.interchange.services import export_case_file, import_case_file
from tests import builders
from tests.db.interchange.test_round_trip import (
    _empty_the_database,
    _export,
    _import_export,
    _zip_of,
)

pytestmark = pytest.mark.django_db

EVENTS = """\
reference,at,kind,action,by,record,object,description,changes,details
C-2023-0001,2023-05-02T09:00:00.250000Z,timeline,fairhear.contact.logged,ghost,,,Logged by phone.,,
C-2023-0001,2023-05-02T09:00:00.250001+01:00,audit,update,ghost,casework.contact,C-2023-0001,,"{""summary"":[""a"",""b""]}","{""note"":""kept""}"
C-2023-0001,2023-05-03T10:00:00Z,audit,create,,casework.stage,C-2023-0001 stage 1,,,
"""
CONTACTS = "reference,received,route\nC-2023-0001,2023-05-02,statutory\n"


def _tables(events: str = EVENTS) -> dict[str, files.Table]:
    return {
        "contacts": files.read_csv(CONTACTS.encode(), "contacts.csv"),
        "events": files.read_csv(events.encode(), "events.csv"),
    }


def test_a_case_worked_in_the_staff_pages_keeps_its_history(manager: User) -> None:
    contact = builders.stage_one(manager, summary="Missed visits")
    accessed.send(sender=Contact, instance=contact)  # someone opened the case
    first = _export()
    lines = first["events"].decode().split("\r\n")
    assert any(",timeline,fairhear.contact.logged," in line for line in lines)
    assert any(",audit,access,," in line or ",audit,access," in line for line in lines)
    assert any(",audit,create," in line and "casework.stage" in line for line in lines)
    _empty_the_database()

    assert _import_export(first) == first
    # The history page reads the imported entries as its own.
    contact = Contact.objects.get()
    assert case_audit_trail(contact).filter(content_type__model="stage").exists()


def test_the_import_adds_the_files_events_once_and_none_of_its_own(manager: User) -> None:
    result = import_case_file(_tables(), file_name="history", by=manager)
    assert result.imported, result.errors
    contact = Contact.objects.get()
    assert list(contact.events.values_list("action", "by", "by_name")) == [
        ("fairhear.contact.logged", None, "ghost")
    ]
    entries = case_audit_trail(contact)
    assert entries.count() == 2
    update = entries.get(action=LogEntry.Action.UPDATE)
    assert (update.actor, update.additional_data["actor"]) == (None, "ghost")
    assert update.timestamp == datetime(2023, 5, 2, 8, 0, 0, 250001, tzinfo=UTC)
    assert update.changes == {"summary": ["a", "b"]}
    assert result.run.counts["events.csv"] == {"created": 3, "updated": 0, "unchanged": 0}

    again = import_case_file(_tables(), file_name="again", by=manager)

    assert again.run.counts["events.csv"] == {"created": 0, "updated": 0, "unchanged": 3}
    assert case_audit_trail(contact).count() == 2
    assert contact.events.count() == 1
    exported = _export()["events"].decode()
    assert ",ghost,casework.contact,C-2023-0001,," in exported
    assert '"{""note"":""kept""}"' in exported


def test_a_case_the_import_changes_gets_the_imports_own_entries(manager: User) -> None:
    import_case_file(_tables(), file_name="history", by=manager)
    changed = CONTACTS.replace("statutory", "corporate")
    tables = _tables()
    tables["contacts"] = files.read_csv(changed.encode(), "contacts.csv")

    import_case_file(tables, file_name="change", by=manager)

    contact = Contact.objects.get()
    assert case_audit_trail(contact).filter(actor=manager, action=LogEntry.Action.UPDATE).exists()
    assert contact.events.filter(action="fairhear.contact.imported").exists()


@pytest.mark.parametrize("events", [None, EVENTS.splitlines()[0]])
def test_a_case_without_events_gets_the_imports_own_history(
    manager: User, events: str | None
) -> None:
    """Without events.csv (v1), or with none of its rows about the case."""
    tables = _tables(events or "")
    if events is None:
        del tables["events"]

    import_case_file(tables, file_name="v1", by=manager)

    contact = Contact.objects.get()
    assert list(contact.events.values_list("action", flat=True)) == ["fairhear.contact.imported"]
    assert case_audit_trail(contact).filter(action=LogEntry.Action.CREATE).exists()


def test_the_case_page_names_an_actor_it_has_no_account_for(client: Client, manager: User) -> None:
    import_case_file(_tables(), file_name="history", by=manager)
    client.force_login(manager)
    contact = Contact.objects.get()

    page = client.get(reverse("casework:case", args=[contact.reference])).content.decode()
    history = client.get(reverse("casework:history", args=[contact.reference])).content.decode()

    assert "ghost:" in page
    assert "ghost</td>" in history


def test_events_survive_the_workbook(manager: User, tmp_path: object) -> None:
    import_case_file(_tables(), file_name="history", by=manager)
    first = _export()
    path = tmp_path / "x.xlsx"  # type: ignore[operator]
    files.write_workbook(export_case_file(by=None, form=CaseFileExport.Form.XLSX).tables, path)
    _empty_the_database()

    assert import_case_file(files.read_case_file(path), file_name="x", by=None).imported
    assert _export() == first
    assert CaseEvent.objects.count() == 1


def test_an_entry_whose_record_name_ends_in_a_space_matches_itself(manager: User) -> None:
    """auditlog cuts a long name at a space; the export writes it trimmed, as it is read."""
    contact = builders.log(manager)
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Contact),
        object_pk=str(contact.pk),
        object_id=contact.pk,
        object_repr="Cut at a ",
        action=LogEntry.Action.UPDATE,
        changes={"x": ["a", "b"]},
    )
    first = _export()
    assert b",casework.contact,Cut at a,," in first["events"]
    tables = files.read_upload(_zip_of(first), "again.zip")

    again = import_case_file(tables, file_name="again", by=manager)

    assert again.run.counts["events.csv"]["created"] == 0
    _empty_the_database()
    assert _import_export(first) == first


def test_most_of_the_cases_again_are_matched_from_one_read_of_every_event(
    manager: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    builders.stage_one(manager)  # a case the file does not hold
    import_case_file(_tables(), file_name="history", by=manager)
    monkeypatch.setattr("fairhear.interchange.writers.events.BATCH", 0)

    again = import_case_file(_tables(), file_name="again", by=manager)

    assert again.run.counts["events.csv"] == {"created": 0, "updated": 0, "unchanged": 3}
