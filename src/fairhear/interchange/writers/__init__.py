"""Writing a validated case file into the database, in bulk.

Rows are matched on the keys of interchange.md: a matched row that differs is updated, one
that is the same is left alone, a new one is created. Nothing is ever deleted. The caller
runs this inside one transaction (see services.import_case_file), so it writes all or nothing.

`cases` writes the contacts, their stages and Ombudsman cases; `council` the organisation,
actions, costs, compliments and figures; and, added in v1.1, `people` the complainants and
children, `letters` the letters sent, `documents` the files kept with each case and
`events` each case's timeline and audit entries; `summary` counts what each file did. The
generic bulk machinery is in `interchange.bulk`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models import Model

from fairhear.casework.models import (
    Attachment,
    CaseEvent,
    CategoryOutcome,
    Contact,
    ContactCategory,
    Cost,
    OmbudsmanCase,
    Person,
    ReferenceCounter,
    Stage,
)
from fairhear.casework.services import refresh_statuses_of
from fairhear.interchange.bulk import Progress, insert_rows, refresh_planner_statistics
from fairhear.interchange.records import CaseFile
from fairhear.interchange.writers.audit import RowAudit
from fairhear.interchange.writers.cases import (
    write_contact_categories,
    write_contacts,
    write_ombudsman,
    write_stages,
)
from fairhear.interchange.writers.council import write_by_id, write_figures, write_organisation
from fairhear.interchange.writers.documents import write_documents
from fairhear.interchange.writers.events import write_events
from fairhear.interchange.writers.letters import write_letters
from fairhear.interchange.writers.people import write_child_names, write_people
from fairhear.interchange.writers.summary import Names, WriteSummary
from fairhear.letters.models import Letter


def write_case_file(
    case_file: CaseFile,
    *,
    file_name: str,
    by: User | None,
    progress: Progress | None = None,
    documents: Mapping[str, bytes] | None = None,
) -> WriteSummary:
    """Write the case file; `documents` are the files documents.csv indexes, by path. The
    files it stores are removed again if the import fails, as the database rolls back."""
    stored_files: list[str] = []
    try:
        return _write(case_file, file_name, by, progress, documents or {}, stored_files)
    except BaseException:
        storage = Attachment._meta.get_field("file").storage
        for name in stored_files:
            storage.delete(name)
        raise


def _write(
    case_file: CaseFile,
    file_name: str,
    by: User | None,
    progress: Progress | None,
    documents: Mapping[str, bytes],
    stored_files: list[str],
) -> WriteSummary:
    summary = WriteSummary()
    by_id = by.pk if by is not None else None
    report = progress or (lambda step, done, total: None)
    # Organisation units and new service areas and teams are saved one by one, which
    # django-auditlog records itself; everything written in bulk is told to `audit`.
    audit = RowAudit(file_name=file_name, by=by)
    if case_file.organisation is not None:
        write_organisation(case_file.organisation, summary)
    names = Names(summary, audit)
    names.ensure_categories(
        [name for contact in case_file.contacts for name in contact.categories]
        + [outcome.category for outcome in case_file.category_outcomes]
    )
    people = write_people(case_file, summary, audit)
    touched: dict[int, str] = {}
    contact_ids = write_contacts(case_file, names, people, summary, touched, report, audit)
    write_contact_categories(case_file, names, contact_ids, summary, touched, audit)
    write_child_names(case_file, contact_ids, summary, touched, audit)
    write_stages(case_file, names, contact_ids, summary, touched, report, audit)
    write_ombudsman(case_file, names, contact_ids, summary, audit)
    write_by_id(case_file, names, contact_ids, summary, audit)
    write_figures(case_file, summary, audit)
    write_letters(case_file, contact_ids, summary, touched, by, audit)
    write_documents(case_file, documents, contact_ids, summary, touched, audit, stored_files)
    write_events(case_file, contact_ids, summary, file_name=file_name)
    _advance_reference_counters(case_file)
    # A case the import creates with rows in events.csv takes its history from them: the
    # import adds no entries or timeline line of its own to it (its ImportRun records what it
    # created), so an export imported into an empty database exports the same again. Other
    # cases it creates or changes get them as always.
    with_events = {event.reference for event in case_file.events}
    history_from_file = {
        pk
        for reference, pk in contact_ids.items()
        if reference in with_events and touched.get(pk) == "Created"
    }
    audit.write(leaving_out=history_from_file)
    # Lists, the dashboard and reminders read each case's status fields, which the casework
    # services keep; rows written here in bulk need them computed too.
    refresh_statuses_of(touched)
    insert_rows(
        CaseEvent,
        ["contact_id", "action", "description", "by_id"],
        [
            (pk, "fairhear.contact.imported", f"{what} from the case file {file_name}.", by_id)
            for pk, what in touched.items()
            if pk not in history_from_file
        ],
    )
    if connection.vendor == "postgresql" and len(touched) >= ANALYZE_AFTER_CONTACTS:
        transaction.on_commit(lambda: refresh_planner_statistics(_ANALYZED_MODELS))
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
    Letter,
)

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
