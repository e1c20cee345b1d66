"""Writing people.csv (v1.1) and the people contacts.csv names by key.

A complainant is matched on their key: a new key creates a Person, a row of people.csv sets
their name and contact details. A child's row sets the name of the child on its contact.
Nothing is deleted: a person or child name missing from the file stays as it is.
"""

from __future__ import annotations

from copy import copy

from fairhear.casework.models import Contact, Person
from fairhear.interchange.bulk import BATCH, chunks, insert_rows
from fairhear.interchange.records import PERSON_FIELDS, CaseFile
from fairhear.interchange.writers.audit import RowAudit
from fairhear.interchange.writers.cases import contact_ids_for
from fairhear.interchange.writers.summary import WriteSummary


def write_people(case_file: CaseFile, summary: WriteSummary, audit: RowAudit) -> dict[str, int]:
    """Every person contacts.csv or people.csv names, by key (created when new)."""
    details = {record.key: record for record in case_file.people if record.kind == "complainant"}
    keys = sorted(
        {contact.complainant for contact in case_file.contacts if contact.complainant}
        | set(details)
    )
    found: dict[str, int] = {}
    for chunk in chunks(keys):
        found.update(Person.objects.filter(key__in=chunk).values_list("key", "pk"))
    # Whole rows only of those people.csv gives details for: contacts.csv names many more.
    stored: dict[str, Person] = {}
    for chunk in chunks([key for key in details if key in found]):
        stored.update((person.key, person) for person in Person.objects.filter(key__in=chunk))
    missing = [key for key in keys if key not in found]
    summary.people_matched = len(found)
    summary.people_created = len(missing)

    def values(key: str) -> tuple[str, ...]:
        record = details.get(key)
        return tuple(getattr(record, name) if record else "" for name in PERSON_FIELDS)

    insert_rows(Person, ["key", *PERSON_FIELDS], [(key, *values(key)) for key in missing])
    for chunk in chunks(missing):
        found.update(Person.objects.filter(key__in=chunk).values_list("key", "pk"))
    for key in missing:
        new = Person(pk=found[key], key=key, **dict(zip(PERSON_FIELDS, values(key), strict=True)))
        audit.created(new, ["key", *PERSON_FIELDS], label=key)
    changed: list[Person] = []
    for key, record in details.items():
        person = stored.get(key)
        if person is None:
            continue
        if any(getattr(person, name) != getattr(record, name) for name in PERSON_FIELDS):
            old = copy(person)
            for name in PERSON_FIELDS:
                setattr(person, name, getattr(record, name))
            changed.append(person)
            audit.changed(old, person, PERSON_FIELDS, label=key)
    if changed:
        Person.objects.bulk_update(changed, PERSON_FIELDS, batch_size=BATCH // 4)
    if details:
        created = len([key for key in missing if key in details])
        summary.add(
            "people.csv",
            created=created,
            updated=len(changed),
            unchanged=len(details) - created - len(changed),
        )
    return found


def write_child_names(
    case_file: CaseFile,
    contact_ids: dict[str, int],
    summary: WriteSummary,
    touched: dict[int, str],
    audit: RowAudit,
) -> None:
    """The name of the child each child's row names, set on its contact."""
    children = [record for record in case_file.people if record.kind == "child"]
    if not children:
        return
    ids = contact_ids_for(case_file, contact_ids)
    stored: dict[int, Contact] = {}
    for chunk in chunks(sorted({ids[record.reference] for record in children})):
        stored.update(
            (contact.pk, contact)
            for contact in Contact.objects.filter(pk__in=chunk).only(
                "pk", "reference", "child_name", "version"
            )
        )
    changed: list[Contact] = []
    for record in children:
        contact = stored[ids[record.reference]]
        if contact.child_name != record.name:
            old = copy(contact)
            contact.child_name = record.name
            contact.version += 1
            changed.append(contact)
            touched.setdefault(contact.pk, "Updated")
            audit.changed(old, contact, ["child_name"])
    if changed:
        Contact.objects.bulk_update(changed, ["child_name", "version"], batch_size=BATCH // 4)
    summary.add("people.csv", updated=len(changed), unchanged=len(children) - len(changed))
