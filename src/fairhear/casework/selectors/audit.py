"""The audit trail of a case or an Ombudsman case, and the log of who viewed what."""

from collections.abc import Collection, Iterator
from datetime import date
from typing import Any

from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from fairhear.casework.models import (
    Attachment,
    CaseAssignment,
    CategoryOutcome,
    Contact,
    ContactCategory,
    Cost,
    LearningAction,
    OmbudsmanCase,
    PanelMembership,
    Stage,
)

#: Other apps' records that hang from a contact (a `contact` foreign key, and audit entries
#: whose additional data names it), so a case's history shows them without casework
#: importing those apps. Each app adds its own from its AppConfig.ready.
_OTHER_CASE_RECORDS: list[type[models.Model]] = []


def add_case_record(model: type[models.Model]) -> None:
    """Show this model's audit entries in the history of the case it hangs from. The model
    has a `contact` foreign key and its `get_additional_data` gives `{"contact": id}`, so the
    entries of a row since deleted are found too."""
    if model not in _OTHER_CASE_RECORDS:
        _OTHER_CASE_RECORDS.append(model)


def case_audit_trail(contact: Contact) -> QuerySet[LogEntry]:
    """Every audited change to a case: the contact and the records that hang from it (its
    stages with their category outcomes and panels, category links, Ombudsman cases,
    costs, learning actions, documents and assignments, and other apps' records added with
    `add_case_record`), newest first."""
    return cases_audit_trail([contact.pk])


def case_record_models() -> list[type[models.Model]]:
    """The records whose audit entries make up a case's history: the contact, its stages with
    their category outcomes and panels, and the records that hang from the contact."""
    return [
        Contact,
        Stage,
        CategoryOutcome,
        PanelMembership,
        *_HANGING,
        *_OTHER_CASE_RECORDS,
    ]


# Records with a `contact` foreign key.
_HANGING: tuple[type[models.Model], ...] = (
    ContactCategory,
    OmbudsmanCase,
    Cost,
    LearningAction,
    Attachment,
    CaseAssignment,
)


def _case_of_records(contact_ids: Collection[int] | None) -> dict[type[models.Model], Any]:
    """For each kind of case record, a query of (record id, case id), of the given cases
    (every case when None)."""

    def of_cases(queryset: QuerySet[Any], case: str) -> QuerySet[Any]:
        if contact_ids is not None:
            queryset = queryset.filter(**{f"{case}__in": contact_ids})
        return queryset.values_list("pk", case)

    parts: dict[type[models.Model], Any] = {
        Contact: of_cases(Contact.objects.all(), "pk"),
        Stage: of_cases(Stage.objects.all(), "contact_id"),
        CategoryOutcome: of_cases(CategoryOutcome.objects.all(), "stage__contact_id"),
        PanelMembership: of_cases(PanelMembership.objects.all(), "stage__contact_id"),
    }
    for model in (*_HANGING, *_OTHER_CASE_RECORDS):
        parts[model] = of_cases(model._default_manager.all(), "contact_id")
    return parts


def cases_audit_trail(contact_ids: Collection[int]) -> QuerySet[LogEntry]:
    """Every audited change to the cases with these ids (see `case_audit_trail`)."""
    parts = _case_of_records(contact_ids)
    types = ContentType.objects.get_for_models(*parts)
    records = Q()
    for model, rows in parts.items():
        records |= Q(content_type=types[model], object_pk__in=[str(pk) for pk, _ in rows])
    # Category links and panel members are deleted when changed; their entries say whose.
    deleted: list[type[models.Model]] = [ContactCategory, PanelMembership, *_OTHER_CASE_RECORDS]
    records |= Q(
        content_type__in=[types[model] for model in deleted],
        additional_data__contact__in=list(contact_ids),
    )
    # An entry imported with the case file (events.csv) about a record other than the
    # contact names its case, not the record's id in the database it came from.
    records |= Q(
        content_type__in=list(types.values()),
        object_pk="",
        additional_data__contact__in=list(contact_ids),
    )
    trail: QuerySet[LogEntry] = (
        LogEntry.objects.filter(records)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    return trail


def audit_entries_by_case(
    contact_ids: Collection[int] | None = None,
) -> Iterator[tuple[int, LogEntry]]:
    """Each entry of the cases' history (every case when None) with its case's id, as the
    case history shows them; in no particular order."""
    parts = _case_of_records(contact_ids)
    types = ContentType.objects.get_for_models(*parts)
    case_of: dict[int, dict[str, int]] = {
        types[model].pk: {str(pk): case for pk, case in rows.iterator(chunk_size=5000)}
        for model, rows in parts.items()
    }
    entries = (
        cases_audit_trail(contact_ids)
        if contact_ids is not None
        else LogEntry.objects.filter(content_type__in=list(types.values()))
    )
    cases = set(case_of[types[Contact].pk].values())
    for entry in entries.select_related("actor").order_by().iterator(chunk_size=5000):
        named = (entry.additional_data or {}).get("contact")
        case = (
            named if isinstance(named, int) else case_of[entry.content_type_id].get(entry.object_pk)
        )
        if case in cases:
            yield case, entry


def ombudsman_audit_trail(case: OmbudsmanCase) -> QuerySet[LogEntry]:
    """Every audited change to an Ombudsman case, and every view of its page, newest first."""
    trail: QuerySet[LogEntry] = (
        LogEntry.objects.get_for_object(case)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    return trail


def view_log(
    *, viewer: User | None = None, day_from: date | None = None, day_to: date | None = None
) -> QuerySet[LogEntry]:
    """Who opened which case, downloaded which document or letter or opened which Ombudsman
    case, newest first, with the case reference of each document or letter (the complaints
    manager's view log across every case)."""
    types = ContentType.objects.get_for_models(
        Contact, Attachment, OmbudsmanCase, *_OTHER_CASE_RECORDS
    )
    entries = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, content_type__in=list(types.values())
    )
    if viewer is not None:
        entries = entries.filter(actor=viewer)
    if day_from is not None:
        entries = entries.filter(timestamp__date__gte=day_from)
    if day_to is not None:
        entries = entries.filter(timestamp__date__lte=day_to)
    document_case = Attachment.objects.filter(pk=OuterRef("object_id")).values("contact__reference")
    # Other apps' records (letters) name their case in each entry's additional data.
    record_case = Contact.objects.filter(pk=OuterRef("record_contact")).values("reference")
    log: QuerySet[LogEntry] = (
        entries.annotate(
            record_contact=Cast(KeyTextTransform("contact", "additional_data"), IntegerField())
        )
        .annotate(
            case_reference=Case(
                When(content_type=types[Attachment], then=Subquery(document_case[:1])),
                When(record_contact__isnull=False, then=Subquery(record_case[:1])),
            )
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    return log
