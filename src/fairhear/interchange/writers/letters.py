"""Writing letters.csv (v1.1): the letters sent on each case.

A letter is matched on its contact, kind, audience and the second it was sent (the export
writes `sent` to the second; a letter sent from Fairhear is stored to the microsecond). A
matched letter that differs is updated, a new one created; none is deleted.
"""

from __future__ import annotations

from collections.abc import Hashable
from copy import copy
from datetime import UTC, datetime

from django.contrib.auth.models import User

from fairhear.interchange.bulk import BATCH, chunks
from fairhear.interchange.records import CaseFile
from fairhear.interchange.writers.audit import RowAudit
from fairhear.interchange.writers.cases import contact_ids_for
from fairhear.interchange.writers.summary import WriteSummary
from fairhear.letters.kinds import LetterKind
from fairhear.letters.models import Letter

# What a row sets on a letter it matches; the key (contact, kind, audience, sent) stays.
LETTER_FIELDS = [
    "channel",
    "sent_to",
    "large_print",
    "subject",
    "body",
    "sent_by_id",
]


def _second(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def write_letters(
    case_file: CaseFile,
    contact_ids: dict[str, int],
    summary: WriteSummary,
    touched: dict[int, str],
    by: User | None,
    audit: RowAudit,
) -> None:
    if not case_file.letters:
        return
    ids = contact_ids_for(case_file, contact_ids)
    wanted_contacts = sorted({ids[letter.reference] for letter in case_file.letters})
    stored: dict[Hashable, Letter] = {}
    for chunk in chunks(wanted_contacts):
        for letter in Letter.objects.filter(contact_id__in=chunk).order_by("pk"):
            key = (letter.contact_id, letter.kind, letter.audience, _second(letter.sent))
            stored.setdefault(key, letter)
    usernames = sorted({letter.sent_by for letter in case_file.letters if letter.sent_by})
    users: dict[str, int] = {}
    for chunk in chunks(usernames):
        users.update(User.objects.filter(username__in=chunk).values_list("username", "pk"))
    reference_of = {pk: reference for reference, pk in ids.items()}

    def label(letter: Letter) -> str:
        return f"{reference_of[letter.contact_id]}: {LetterKind(letter.kind).label}"

    new: list[Letter] = []
    changed: list[Letter] = []
    for record in case_file.letters:
        contact_id = ids[record.reference]
        key = (contact_id, record.kind, record.audience, record.sent)
        found = stored.get(key)
        # Validation made sure an empty sender comes with someone running the import.
        sender = (
            users[record.sent_by]
            if record.sent_by
            else (found.sent_by_id if found is not None else by.pk)  # type: ignore[union-attr]
        )
        wanted = Letter(
            contact_id=contact_id,
            kind=record.kind,
            audience=record.audience,
            channel=record.channel,
            sent=record.sent,
            sent_to=record.sent_to,
            large_print=bool(record.large_print),
            subject=record.subject,
            body=record.body,
            sent_by_id=sender,
        )
        if found is None:
            new.append(wanted)
        elif any(getattr(found, name) != getattr(wanted, name) for name in LETTER_FIELDS):
            old = copy(found)
            for name in LETTER_FIELDS:
                setattr(found, name, getattr(wanted, name))
            changed.append(found)
            data = {"contact": contact_id}
            audit.changed(old, found, LETTER_FIELDS, label=label(found), data=data)
    if new:
        sent = [letter.sent for letter in new]
        # `sent` is set when a letter is saved (auto_now_add), so bulk_create stamps it with
        # now: the letters are created, then given back the time they were sent.
        Letter.objects.bulk_create(new, batch_size=BATCH)
        for letter, moment in zip(new, sent, strict=True):
            letter.sent = moment
        Letter.objects.bulk_update(new, ["sent"], batch_size=BATCH // 4)
    for letter in new:
        touched.setdefault(letter.contact_id, "Updated")
        audit.created(
            letter,
            ["contact_id", "kind", "audience", "sent", *LETTER_FIELDS],
            label=label(letter),
            data={"contact": letter.contact_id},
        )
    for letter in changed:
        touched.setdefault(letter.contact_id, "Updated")
    if changed:
        Letter.objects.bulk_update(changed, LETTER_FIELDS, batch_size=BATCH // 4)
    summary.add(
        "letters.csv",
        created=len(new),
        updated=len(changed),
        unchanged=len(case_file.letters) - len(new) - len(changed),
    )
