"""The audit trail of a case or an Ombudsman case, and the log of who viewed what."""

from collections.abc import Collection, Iterable
from datetime import date

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


def cases_audit_trail(contact_ids: Collection[int]) -> QuerySet[LogEntry]:
    """Every audited change to the cases with these ids (see `case_audit_trail`)."""
    stages = list(Stage.objects.filter(contact__in=contact_ids).values_list("pk", flat=True))
    parts: list[tuple[type[models.Model], Iterable[int]]] = [
        (Contact, contact_ids),
        (Stage, stages),
        (
            CategoryOutcome,
            CategoryOutcome.objects.filter(stage__in=stages).values_list("pk", flat=True),
        ),
        (
            PanelMembership,
            PanelMembership.objects.filter(stage__in=stages).values_list("pk", flat=True),
        ),
    ]
    hanging: tuple[type[models.Model], ...] = (
        ContactCategory,
        OmbudsmanCase,
        Cost,
        LearningAction,
        Attachment,
        CaseAssignment,
        *_OTHER_CASE_RECORDS,
    )
    for model in hanging:
        parts.append(
            (
                model,
                model._default_manager.filter(contact__in=contact_ids).values_list("pk", flat=True),
            )
        )
    types = ContentType.objects.get_for_models(*(model for model, _ in parts))
    records = Q()
    for model, pks in parts:
        records |= Q(content_type=types[model], object_pk__in=[str(pk) for pk in pks])
    # Category links and panel members are deleted when changed; their entries say whose.
    deleted: list[type[models.Model]] = [ContactCategory, PanelMembership, *_OTHER_CASE_RECORDS]
    records |= Q(
        content_type__in=[types[model] for model in deleted],
        additional_data__contact__in=list(contact_ids),
    )
    trail: QuerySet[LogEntry] = (
        LogEntry.objects.filter(records)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    return trail


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
