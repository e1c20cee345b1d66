"""Every row an import creates or changes has its audit entry, with old and new values, and
the case's history page shows it (issue 16)."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework.models import Compliment, Contact, Cost, Stage
from fairhear.interchange.services import import_case_file
from fairhear.letters.models import Letter
from tests.db.interchange.helpers import tables

pytestmark = pytest.mark.django_db

BEFORE = """\
reference,received,route,service_area,categories,summary
C-2023-0001,2023-05-02,statutory,Children in Care,Delay,Late visits
"""
AFTER = """\
reference,received,route,service_area,categories,summary
C-2023-0001,2023-05-02,statutory,Early Help,Delay;Communication,Late visits and no calls
"""
STAGES = "reference,stage,responded,outcome\nC-2023-0001,1,2023-05-20,upheld\n"


def _entries_for(instance: object) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(instance).order_by("pk"))


def test_an_import_records_each_contact_it_creates_and_changes_with_old_and_new_values(
    manager: User,
) -> None:
    assert import_case_file(tables(contacts=BEFORE), file_name="first.csv", by=manager).imported
    contact = Contact.objects.get()
    old_area = contact.service_area_id

    assert import_case_file(
        tables(contacts=AFTER, stages=STAGES), file_name="second.csv", by=manager
    ).imported

    contact.refresh_from_db()
    created, changed = _entries_for(contact)
    assert created.action == LogEntry.Action.CREATE
    assert created.changes["summary"] == ["None", "Late visits"]  # as auditlog records a creation
    assert created.changes["categories"] == ["", "Delay"]
    assert changed.action == LogEntry.Action.UPDATE
    assert changed.actor == manager
    assert changed.additional_data == {"case_file": "second.csv"}
    assert changed.changes["summary"] == ["Late visits", "Late visits and no calls"]
    assert changed.changes["service_area"] == [str(old_area), str(contact.service_area_id)]
    assert changed.changes["categories"] == ["Delay", "Delay; Communication"]
    assert "version" not in changed.changes
    (stage_entry,) = _entries_for(Stage.objects.get())
    assert stage_entry.object_repr == "C-2023-0001 stage 1"
    assert stage_entry.changes["outcome"] == ["None", "upheld"]


def test_the_case_history_shows_the_import_moving_the_case(client: Client, manager: User) -> None:
    import_case_file(tables(contacts=BEFORE), file_name="first.csv", by=manager)
    import_case_file(tables(contacts=AFTER), file_name="second.csv", by=manager)
    client.force_login(manager)

    page = client.get(reverse("casework:history", args=["C-2023-0001"])).content.decode()

    assert "Service area: Children in Care → Early Help" in page
    assert "Summary: Late visits → Late visits and no calls" in page


def test_records_kept_beside_cases_are_audited_too(manager: User) -> None:
    costs = "id,reference,date,kind,amount\n7,C-2023-0001,2023-06-01,panel,100.00\n"
    compliments = "id,received,text\n3,2023-06-02,Thank you\n"
    import_case_file(
        tables(contacts=BEFORE, costs=costs, compliments=compliments), file_name="a", by=manager
    )
    changed_cost = costs.replace("100.00", "120.00")

    import_case_file(
        tables(contacts=BEFORE, costs=changed_cost, compliments=compliments),
        file_name="b",
        by=manager,
    )

    created, changed = _entries_for(Cost.objects.get())
    assert (created.action, changed.changes["amount"]) == (
        LogEntry.Action.CREATE,
        ["100.00", "120.00"],
    )
    assert [entry.action for entry in _entries_for(Compliment.objects.get())] == [
        LogEntry.Action.CREATE
    ]


def test_importing_the_same_file_again_records_nothing(manager: User) -> None:
    import_case_file(tables(contacts=BEFORE, stages=STAGES), file_name="a", by=manager)
    entries = LogEntry.objects.count()

    import_case_file(tables(contacts=BEFORE, stages=STAGES), file_name="a", by=manager)

    # Only the import's own record, not a row of the case file.
    assert LogEntry.objects.count() == entries + 1


LETTERS = """\
reference,kind,audience,channel,sent,sent_by,sent_to,subject
C-2023-0001,acknowledgement,standard,email,2023-05-03T10:00:00Z,,smith@example.org,Received
"""


def test_letters_are_created_and_changed_with_audit_entries_on_the_case_history(
    client: Client, manager: User, officer: User
) -> None:
    import_case_file(tables(contacts=BEFORE, letters=LETTERS), file_name="a", by=manager)
    letter = Letter.objects.get()
    assert letter.sent_by == manager  # not named in the file: who ran the import
    changed = LETTERS.replace(",,smith", f",{officer.username},smith").replace(
        "Received", "We have your complaint"
    )

    result = import_case_file(tables(contacts=BEFORE, letters=changed), file_name="b", by=manager)

    assert result.run.counts["letters.csv"] == {"created": 0, "updated": 1, "unchanged": 0}
    letter.refresh_from_db()
    assert (letter.sent_by, letter.subject) == (officer, "We have your complaint")
    created, updated = _entries_for(letter)
    assert created.object_repr == "C-2023-0001: Acknowledgement"
    assert created.additional_data == {"case_file": "a", "contact": letter.contact_id}
    assert updated.changes["subject"] == ["Received", "We have your complaint"]
    assert updated.actor == manager
    client.force_login(manager)
    page = client.get(reverse("casework:history", args=["C-2023-0001"])).content.decode()
    assert "We have your complaint" in page
