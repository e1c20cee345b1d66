"""Writing documents.csv (v1.1): the files kept with each case, stored through Django's
storage as an upload is.

A document is matched on its case, the moment it was uploaded (to the microsecond), its
original name and its SHA-256 with the documents stored for that case: a match that differs
in description, content type or who uploaded it is updated, any other row adds a document.
None is deleted or has its file replaced.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from copy import copy

from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from fairhear.casework.models import Attachment
from fairhear.interchange.bulk import BATCH, chunks
from fairhear.interchange.documents import sha256
from fairhear.interchange.records import CaseFile
from fairhear.interchange.writers.audit import RowAudit
from fairhear.interchange.writers.cases import contact_ids_for
from fairhear.interchange.writers.summary import WriteSummary

# What a row sets on a document it matches.
DOCUMENT_FIELDS = ["content_type", "description", "uploaded_by_id"]


def write_documents(
    case_file: CaseFile,
    documents: Mapping[str, bytes],
    contact_ids: dict[str, int],
    summary: WriteSummary,
    touched: dict[int, str],
    audit: RowAudit,
    stored_files: list[str],
) -> None:
    """`stored_files` gets the storage name of each file written, so that a failed import
    removes them again."""
    if not case_file.documents:
        return
    ids = contact_ids_for(case_file, contact_ids)
    candidates: dict[tuple[int, object, str], list[Attachment]] = {}
    for chunk in chunks(sorted({ids[record.reference] for record in case_file.documents})):
        for attachment in Attachment.objects.filter(contact_id__in=chunk).order_by("pk"):
            key = (attachment.contact_id, attachment.uploaded, attachment.original_name.strip())
            candidates.setdefault(key, []).append(attachment)
    usernames = sorted({r.uploaded_by for r in case_file.documents if r.uploaded_by})
    users: dict[str, int] = {}
    for chunk in chunks(usernames):
        users.update(User.objects.filter(username__in=chunk).values_list("username", "pk"))
    matched: set[Hashable] = set()
    new: list[Attachment] = []
    changed: list[Attachment] = []
    for record in case_file.documents:
        contact_id = ids[record.reference]
        found = next(
            (
                attachment
                for attachment in candidates.get(
                    (contact_id, record.uploaded, record.original_name), []
                )
                if attachment.pk not in matched and _sha256_of(attachment) == record.sha256.lower()
            ),
            None,
        )
        uploader = users.get(record.uploaded_by)
        if found is None:
            attachment = Attachment(
                contact_id=contact_id,
                original_name=record.original_name,
                content_type=record.content_type,
                size=record.size,
                description=record.description,
                uploaded=record.uploaded,
                uploaded_by_id=uploader,
            )
            attachment.file.save(
                record.original_name, ContentFile(documents[record.file]), save=False
            )
            stored_files.append(attachment.file.name)
            new.append(attachment)
            continue
        matched.add(found.pk)
        wanted = (record.content_type, record.description, uploader)
        stored = (found.content_type.strip(), found.description.strip(), found.uploaded_by_id)
        if stored != wanted:
            old = copy(found)
            found.content_type, found.description, found.uploaded_by_id = wanted
            changed.append(found)
            audit.changed(old, found, DOCUMENT_FIELDS, label=found.original_name)
    if new:
        # `uploaded` is stamped with now when a document is saved: given back after.
        times = [attachment.uploaded for attachment in new]
        Attachment.objects.bulk_create(new, batch_size=BATCH)
        for attachment, moment in zip(new, times, strict=True):
            attachment.uploaded = moment
        Attachment.objects.bulk_update(new, ["uploaded"], batch_size=BATCH // 4)
    for attachment in new:
        touched.setdefault(attachment.contact_id, "Updated")
        audit.created(
            attachment,
            ["contact_id", "file", "original_name", "size", "uploaded", *DOCUMENT_FIELDS],
            label=attachment.original_name,
        )
    if changed:
        Attachment.objects.bulk_update(changed, DOCUMENT_FIELDS, batch_size=BATCH // 4)
    for attachment in changed:
        touched.setdefault(attachment.contact_id, "Updated")
    summary.add(
        "documents.csv",
        created=len(new),
        updated=len(changed),
        unchanged=len(case_file.documents) - len(new) - len(changed),
    )


def _sha256_of(attachment: Attachment) -> str:
    with attachment.file.open("rb") as stored:
        return sha256(stored.read())
