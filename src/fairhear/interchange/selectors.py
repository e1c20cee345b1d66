"""Reads for the case file: the whole database as a case file for export, what an import's
rows point at, and the record of imports."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import SuspiciousFileOperation
from django.db.models import QuerySet
from django.utils.text import get_valid_filename

from fairhear.casework.models import (
    Attachment,
    CaseEvent,
    CategoryOutcome,
    Compliment,
    Contact,
    ContactCategory,
    Cost,
    LearningAction,
    OmbudsmanCase,
    Person,
    Stage,
)
from fairhear.casework.selectors.audit import audit_entries_by_case, case_record_models
from fairhear.interchange.bulk import BATCH, chunks
from fairhear.interchange.cells import canonical_json
from fairhear.interchange.documents import sha256
from fairhear.interchange.files import DOCUMENTS
from fairhear.interchange.models import CaseFileExport, ExportRequest, ImportRun
from fairhear.interchange.records import (
    AUDIT_ACTIONS,
    STAGE_FIELDS,
    ActionRecord,
    BenchmarkRecord,
    CaseFile,
    CategoryOutcomeRecord,
    ComplimentRecord,
    ContactRecord,
    ContextRecord,
    CostRecord,
    DocumentRecord,
    EventRecord,
    LetterRecord,
    OmbudsmanRecord,
    OrganisationUnitRecord,
    PersonRecord,
    StageRecord,
)
from fairhear.interchange.validation import Existing, ExistingContact
from fairhear.letters.models import Letter
from fairhear.organisation.models import ServiceArea, Team
from fairhear.reports.models import Benchmark, ContextFigure


def recent_imports(limit: int = 10) -> QuerySet[ImportRun]:
    return ImportRun.objects.select_related("by")[:limit]


def recent_exports(limit: int = 10) -> QuerySet[CaseFileExport]:
    return CaseFileExport.objects.select_related("by")[:limit]


def last_export_request(user: User) -> ExportRequest | None:
    """The user's latest export from the staff pages, for the case file page's link to it."""
    return ExportRequest.objects.filter(by=user).first()


def existing_for(references: Iterable[str], usernames: Iterable[str] = ()) -> Existing:
    """What the database holds that an import's rows may point at."""
    existing = Existing(
        team_names={name.lower() for name in Team.objects.values_list("name", flat=True)},
        record_kinds={record_kind(model) for model in case_record_models()},
    )
    for chunk in chunks(sorted(usernames)):
        existing.usernames.update(
            User.objects.filter(username__in=chunk).values_list("username", flat=True)
        )
    wanted = sorted(references)
    for chunk in chunks(wanted):
        for reference, received, withdrawn, route in Contact.objects.filter(
            reference__in=chunk
        ).values_list("reference", "received", "withdrawn", "route"):
            existing.contacts[reference] = ExistingContact(received, withdrawn, route)
        for reference, number, responded in Stage.objects.filter(
            contact__reference__in=chunk
        ).values_list("contact__reference", "number", "responded"):
            existing.stages[(reference, number)] = responded
    return existing


def case_file_for_export(
    contact_ids: Collection[int] | None = None, *, with_documents: bool = True
) -> CaseFile:
    """Everything in the database as a case file, in a fixed order so exports compare.
    Contacts awaiting triage are in it with an empty route (v1.1).

    With `contact_ids`, only those cases: their rows of each file (and their people, events
    and documents), read by case in each query; the council's own files (organisation,
    compliments, context, benchmarks) are then empty. `with_documents`: documents.csv, whose
    SHA-256 column reads every stored file (a workbook, which cannot hold the files, goes
    without)."""

    def of_cases(queryset: QuerySet[Any], case: str = "contact_id") -> QuerySet[Any]:
        if contact_ids is None:
            return queryset
        return queryset.filter(**{f"{case}__in": contact_ids})

    whole = contact_ids is None
    names = _unit_names()
    case_file = CaseFile(organisation=_organisation() if whole else [])
    categories: dict[int, list[str]] = defaultdict(list)
    for contact_id, name in (
        of_cases(ContactCategory.objects.all())
        .order_by("contact_id", "position")
        .values_list("contact_id", "category__name")
        .iterator(chunk_size=BATCH)
    ):
        categories[contact_id].append(name)
    references: dict[int, str] = {}
    for contact in of_cases(Contact.objects.select_related("complainant"), "pk").iterator(
        chunk_size=BATCH
    ):
        references[contact.pk] = contact.reference
        case_file.contacts.append(
            ContactRecord(
                reference=contact.reference,
                received=contact.received,
                route=contact.route,
                channel=contact.channel,
                complainant=contact.complainant.key if contact.complainant else "",
                complainant_role=contact.complainant_role,
                advocate=contact.advocate,
                child_status=contact.child_status,
                service_area=names["service_area"].get(contact.service_area_id, ""),
                team=names["team"].get(contact.team_id, ""),
                categories=tuple(categories.get(contact.pk, ())),
                withdrawn=contact.withdrawn,
                responded=contact.responded,
                age_band=contact.age_band,
                gender=contact.gender,
                ethnicity=contact.ethnicity,
                disability=contact.disability,
                summary=contact.summary,
            )
        )
    # Sorted here, not by the database, whose collation differs between engines.
    case_file.contacts.sort(key=lambda record: record.reference)
    stages = []
    for stage in (
        of_cases(Stage.objects.all())
        .only("contact_id", "number", *STAGE_FIELDS)
        .iterator(chunk_size=BATCH)
    ):
        values = {name: getattr(stage, name) for name in STAGE_FIELDS}
        stages.append(
            StageRecord(reference=references[stage.contact_id], stage=stage.number, **values)
        )
    case_file.stages = sorted(stages, key=lambda record: (record.reference, record.stage))
    outcomes = []
    for contact_id, number, category, outcome in (
        of_cases(CategoryOutcome.objects.all(), "stage__contact_id")
        .values_list("stage__contact_id", "stage__number", "category__name", "outcome")
        .iterator(chunk_size=BATCH)
    ):
        outcomes.append(CategoryOutcomeRecord(references[contact_id], number, category, outcome))
    case_file.category_outcomes = sorted(
        outcomes, key=lambda record: (record.reference, record.stage, record.category.lower())
    )

    def reference(contact_id: int | None) -> str:
        """The contact's reference, "" for none."""
        return "" if contact_id is None else references[contact_id]

    for action in of_cases(LearningAction.objects.order_by("pk")):
        ref = reference(action.contact_id)
        owner = names["team"].get(action.owner_team_id) or names["service_area"].get(
            action.owner_service_area_id, ""
        )
        case_file.actions.append(
            ActionRecord(
                action.pk, ref, action.kind, action.description, owner, action.due, action.completed
            )
        )
    for cost in of_cases(Cost.objects.order_by("pk")):
        ref = reference(cost.contact_id)
        case_file.costs.append(CostRecord(cost.pk, ref, cost.date, cost.kind, cost.amount))
    for case in sorted(
        of_cases(OmbudsmanCase.objects.all()), key=lambda case: case.lgsco_reference
    ):
        ref = reference(case.contact_id)
        case_file.ombudsman.append(
            OmbudsmanRecord(
                lgsco_reference=case.lgsco_reference,
                reference=ref,
                received=case.received,
                enquiry_due=case.enquiry_due,
                council_replied=case.council_replied,
                decided=case.decided,
                decision=case.decision,
                remedy=tuple(case.remedies),
                financial_remedy=case.financial_remedy,
                satisfactory_remedy_by_council=case.satisfactory_remedy_by_council,
                complied=case.complied,
                service_area=names["service_area"].get(case.service_area_id, ""),
                team=names["team"].get(case.team_id, ""),
                summary=case.summary,
            )
        )
    case_file.letters = _letters(references, contact_ids)
    case_file.people = _people(contact_ids)
    case_file.events = events_of(references, contact_ids)
    if with_documents:
        case_file.documents = documents_of(references, contact_ids)
    if not whole:
        return case_file
    for compliment in Compliment.objects.order_by("pk"):
        case_file.compliments.append(
            ComplimentRecord(
                id=compliment.pk,
                received=compliment.received,
                service_area=names["service_area"].get(compliment.service_area_id, ""),
                team=names["team"].get(compliment.team_id, ""),
                source=compliment.source,
                internal=compliment.internal,
                text=compliment.text,
                publish=compliment.publish,
            )
        )
    case_file.context = [
        ContextRecord(figure.year, figure.measure, figure.value)
        for figure in ContextFigure.objects.all()
    ]
    case_file.context.sort(key=lambda record: (record.year, record.measure))
    case_file.benchmarks = [
        BenchmarkRecord(
            b.year, b.council, b.complaints_received, b.percent_upheld, b.percent_in_timescale
        )
        for b in Benchmark.objects.all()
    ]
    case_file.benchmarks.sort(key=lambda record: (record.year, record.council))
    return case_file


def record_kind(model: Any) -> str:
    """What events.csv calls a kind of record: `app_label.model`, e.g. casework.stage."""
    return f"{model._meta.app_label}.{model._meta.model_name}"


# Keys of an audit entry's additional data that belong to this database, not to the entry:
# the id of its case (the row's reference says which), the name of an actor who has no
# account here (the row's `by`) and the import that brought the entry here.
LOCAL_DETAILS = ("contact", "actor", "imported_from")


def events_of(
    references: dict[int, str], contact_ids: Collection[int] | None = None
) -> list[EventRecord]:
    """The timeline and audit entries of the cases (v1.1; every case when `contact_ids` is
    None), by case and time. `references`: case id → reference, of at least these cases.

    Text is written trimmed, as the import reads every cell (auditlog cuts a long record's
    name at a space, say): so an event reads back as the same row, and re-importing an
    export matches each event with itself."""
    timeline = _of_cases(CaseEvent.objects.all(), contact_ids)
    events = [
        EventRecord(
            references[contact_id],
            at,
            "timeline",
            action.strip(),
            (username or by_name).strip(),
            "",
            "",
            description.strip(),
        )
        for contact_id, at, action, description, username, by_name in timeline.values_list(
            "contact_id", "at", "action", "description", "by__username", "by_name"
        ).iterator(chunk_size=BATCH)
    ]
    for contact_id, entry in audit_entries_by_case(contact_ids):
        data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
        details = {key: value for key, value in data.items() if key not in LOCAL_DETAILS}
        changes = entry.changes
        if isinstance(changes, str):  # entries of older auditlog versions hold JSON text
            changes = json.loads(changes) if changes else None
        events.append(
            EventRecord(
                reference=references[contact_id],
                at=entry.timestamp,
                kind="audit",
                action=AUDIT_ACTIONS[entry.action],
                by=(
                    entry.actor.get_username() if entry.actor else str(data.get("actor", ""))
                ).strip(),
                record=record_kind(
                    ContentType.objects.get_for_id(entry.content_type_id).model_class()
                ),
                object=entry.object_repr.strip(),
                changes=canonical_json(changes) if changes else "",
                details=canonical_json(details) if details else "",
            )
        )
    events.sort(key=EventRecord.sort_key)
    return events


class MissingDocument(Exception):
    """A document whose file is not in storage: the case file cannot hold it."""


def documents_of(
    references: dict[int, str], contact_ids: Collection[int] | None = None
) -> list[DocumentRecord]:
    """The documents of the cases (v1.1; every case when None), by case and upload, each
    read from storage for its SHA-256. Its path in the case file is
    documents/<reference>/<n>-<name>: n counts the case's documents in the order they were
    uploaded, so the path is the same in any database the case file is imported into."""
    documents = []
    position: dict[int, int] = defaultdict(int)
    for attachment in (
        _of_cases(Attachment.objects.select_related("uploaded_by"), contact_ids)
        .order_by("contact_id", "uploaded", "pk")
        .iterator(chunk_size=BATCH)
    ):
        position[attachment.contact_id] += 1
        reference = references[attachment.contact_id]
        name = _path_name(attachment.original_name)
        try:
            with attachment.file.open("rb") as stored:
                digest = sha256(stored.read())
        except FileNotFoundError:
            raise MissingDocument(
                f"The document {attachment.original_name!r} of {reference} is not in storage "
                f"({attachment.file.name}): restore it from a backup, then export again."
            ) from None
        documents.append(
            DocumentRecord(
                reference=reference,
                file=f"{DOCUMENTS}/{reference}/{position[attachment.contact_id]}-{name}",
                # Trimmed as the import reads it (and matches it, writers.documents).
                original_name=attachment.original_name.strip(),
                content_type=attachment.content_type.strip(),
                size=attachment.size,
                sha256=digest,
                uploaded=attachment.uploaded,
                description=attachment.description.strip(),
                uploaded_by=attachment.uploaded_by.get_username() if attachment.uploaded_by else "",
                stored=attachment.file.name,
            )
        )
    documents.sort(key=lambda record: record.reference)  # stable: each case's in upload order
    return documents


def _path_name(original_name: str) -> str:
    """The document's name as a safe file name (letters, digits, - _ and .)."""
    try:
        return get_valid_filename(original_name)
    except SuspiciousFileOperation:  # nothing of the name is left
        return "file"


def document_count() -> int:
    return Attachment.objects.count()


def document_files(documents: Iterable[DocumentRecord]) -> Iterator[tuple[str, bytes]]:
    """Each document's path in the case file and its content, read from storage one by one."""
    storage = Attachment._meta.get_field("file").storage
    for document in documents:
        with storage.open(document.stored, "rb") as stored:
            yield document.file, stored.read()


def _of_cases(queryset: QuerySet[Any], contact_ids: Collection[int] | None) -> QuerySet[Any]:
    return queryset if contact_ids is None else queryset.filter(contact_id__in=contact_ids)


def _people(contact_ids: Collection[int] | None) -> list[PersonRecord]:
    """Every person by key (v1.1), with their details, and each contact's child by name (of
    the given cases only, when given)."""
    persons = Person.objects.all()
    children = Contact.objects.exclude(child_name="")
    if contact_ids is not None:
        persons = persons.filter(contacts__in=contact_ids).distinct()
        children = children.filter(pk__in=contact_ids)
    people = [
        PersonRecord("complainant", key, "", name, email, phone, address, preferred)
        for key, name, email, phone, address, preferred in persons.values_list(
            "key", "name", "email", "phone", "address", "preferred_contact"
        ).iterator(chunk_size=BATCH)
    ]
    people += [
        PersonRecord("child", "", reference, name)
        for reference, name in children.values_list("reference", "child_name").iterator(
            chunk_size=BATCH
        )
    ]
    people.sort(key=lambda record: (record.kind, record.key, record.reference))
    return people


def _letters(references: dict[int, str], contact_ids: Collection[int] | None) -> list[LetterRecord]:
    """Every letter sent (v1.1), by case, then when it was sent and its kind."""
    letters = [
        LetterRecord(
            reference=references[contact_id],
            kind=kind,
            audience=audience,
            channel=channel,
            sent=sent,
            sent_by=username,
            sent_to=sent_to,
            large_print=large_print,
            subject=subject,
            body=body,
        )
        for (
            contact_id,
            kind,
            audience,
            channel,
            sent,
            username,
            sent_to,
            large_print,
            subject,
            body,
        ) in _of_cases(Letter.objects.all(), contact_ids)
        .values_list(
            "contact_id",
            "kind",
            "audience",
            "channel",
            "sent",
            "sent_by__username",
            "sent_to",
            "large_print",
            "subject",
            "body",
        )
        .iterator(chunk_size=BATCH)
    ]
    # The export writes `sent` to the second: sorted as written, so both engines agree.
    letters.sort(key=lambda r: (r.reference, r.sent.replace(microsecond=0), r.kind, r.audience))
    return letters


def _unit_names() -> dict[str, dict[int | None, str]]:
    return {
        "service_area": dict(ServiceArea.objects.values_list("pk", "name")),
        "team": dict(Team.objects.values_list("pk", "name")),
    }


def _organisation() -> list[OrganisationUnitRecord]:
    names = _unit_names()
    units = [
        OrganisationUnitRecord(
            "service_area",
            area.name,
            "",
            area.started,
            area.ended,
            names["service_area"].get(area.successor_id, ""),
        )
        for area in ServiceArea.objects.all()
    ]
    units += [
        OrganisationUnitRecord(
            "team",
            team.name,
            names["service_area"][team.service_area_id],
            team.started,
            team.ended,
            names["team"].get(team.successor_id, ""),
        )
        for team in Team.objects.all()
    ]
    return sorted(units, key=lambda unit: (unit.kind, unit.name.lower()))
