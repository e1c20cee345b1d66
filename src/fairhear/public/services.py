"""Writes of the public front door: drafts, files, submissions and acknowledgements."""

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from fairhear.casework.codes import Channel, ComplainantRole, ComplimentSource
from fairhear.casework.models import Attachment, Compliment, Person
from fairhear.casework.services import log_contact, record_event, record_person
from fairhear.core.dates import long_date
from fairhear.organisation.models import ServiceArea
from fairhear.public.forms import HAS_AN_ADVOCATE, NOT_SURE
from fairhear.public.journeys import COMPLAINT, YOUNG_PERSON
from fairhear.public.models import Draft, DraftAttachment, PublicCompliment, PublicSubmission
from fairhear.public.selectors import stage_one_due
from fairhear.public.tokens import token_hash

logger = logging.getLogger(__name__)


class PublicFormError(Exception):
    """A submission that cannot be accepted, with the reason in plain words."""


def _expiry(now: datetime) -> datetime:
    return now - timedelta(days=settings.FAIRHEAR_PUBLIC_DRAFT_DAYS)


def start_draft(journey: str) -> tuple[Draft, str]:
    """A new empty draft, and the token for the visitor's cookie (never stored itself)."""
    token = secrets.token_urlsafe(32)
    return Draft.objects.create(token_hash=token_hash(token), journey=journey), token


def find_draft(journey: str, token: str, *, now: datetime | None = None) -> Draft | None:
    """The visitor's draft; an expired one is deleted with its files and not returned."""
    if not token:
        return None
    draft = Draft.objects.filter(token_hash=token_hash(token), journey=journey).first()
    if draft is not None and draft.updated < _expiry(now or timezone.now()):
        _delete_draft(draft)
        return None
    return draft


def save_answers(draft: Draft, slug: str, answers: dict[str, Any]) -> None:
    draft.answers[slug] = answers
    draft.save(update_fields=["answers", "updated"])


def attach_file(draft: Draft, upload: UploadedFile, content_type: str) -> DraftAttachment:
    """Keep an uploaded file in storage for the draft (the form has checked size and type).

    Files of forms not yet sent come from anyone: together they may take no more than
    FAIRHEAR_PUBLIC_DRAFT_STORAGE_MB, so nobody can fill the disk with unsent drafts.
    """
    quota = settings.FAIRHEAR_PUBLIC_DRAFT_STORAGE_MB * 1024 * 1024
    held = DraftAttachment.objects.aggregate(total=Sum("size"))["total"] or 0
    if held + (upload.size or 0) > quota:
        logger.warning("Unsent public drafts hold %d bytes: a file was refused", held)
        raise PublicFormError(
            "We cannot take more files just now. Continue without this file and send it to "
            "the complaints team afterwards, quoting your reference"
        )
    folder = hashlib.sha256(f"{draft.pk}|{draft.token_hash}".encode()).hexdigest()[:32]
    with transaction.atomic():
        attachment = DraftAttachment(
            draft=draft,
            folder=folder,
            original_name=(upload.name or "file")[:255],
            content_type=content_type,
            size=upload.size or 0,
        )
        attachment.file.save(upload.name or "file", upload, save=False)
        attachment.save()
        draft.save(update_fields=["updated"])
    return attachment


def remove_attachment(draft: Draft, attachment_id: int) -> None:
    attachment = draft.attachments.filter(pk=attachment_id).first()
    if attachment is not None:
        attachment.file.delete(save=False)
        attachment.delete()


def _delete_draft(draft: Draft) -> None:
    for attachment in draft.attachments.all():
        attachment.file.delete(save=False)
    draft.delete()


def clear_expired_drafts(*, now: datetime | None = None) -> int:
    """Delete drafts nobody has touched for FAIRHEAR_PUBLIC_DRAFT_DAYS, with their files."""
    expired = Draft.objects.filter(updated__lt=_expiry(now or timezone.now()))
    count = 0
    for draft in expired.prefetch_related("attachments"):
        _delete_draft(draft)
        count += 1
    return count


@dataclass(frozen=True)
class Acknowledgement:
    """What the complainant is told on screen once their complaint is in."""

    reference: str
    status_token: str
    reply_due: date
    email: str
    emailed: bool  # False when there was no address, or the email could not be sent


def submit_complaint(
    draft: Draft, *, status_url: Callable[[str], str], today: date | None = None
) -> Acknowledgement:
    """Turn a finished draft into a contact awaiting triage, and acknowledge it.

    `status_url` gives the full address of the private status page for a token.
    """
    today = today or timezone.localdate()
    if draft.journey == COMPLAINT.name:
        journey = COMPLAINT
    elif draft.journey == YOUNG_PERSON.name:
        journey = YOUNG_PERSON
    else:
        raise PublicFormError("This form is not a complaint.")
    missing = journey.first_unanswered(draft.answers)
    if missing is not None:
        raise PublicFormError("Some questions have not been answered yet.")
    a: dict[str, dict[str, Any]] = draft.answers
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        _lock_unsent(draft)
        if journey is COMPLAINT:
            details = a["contact-details"]
            person = record_person(
                name=a["name"]["name"],
                email=details["email"],
                phone=details["phone"],
                address=details["address"],
                preferred_contact=a["preferred-contact"]["preferred_contact"],
                by=None,
            )
            area_choice = a["service"]["service_area"]
            advocacy = a["advocate"]["advocacy"]
            contact = log_contact(
                received=today,
                channel=Channel.ONLINE_FORM,
                by=None,
                summary=a["what-happened"]["what_happened"],
                desired_outcome=a["what-you-want"]["desired_outcome"],
                complainant=person,
                complainant_role=a["relationship"]["complainant_role"],
                relationship=a["relationship"]["relationship_detail"],
                child_name=a["child"]["child_name"],
                advocate=True if advocacy == HAS_AN_ADVOCATE else None,
                advocacy_requested={"requested": True, "not_wanted": False}.get(advocacy),
                advocacy_provider=a["advocate"]["advocate_details"],
                child_status=a["child"]["child_status"],
                service_area=(
                    ServiceArea.objects.filter(pk=area_choice).first()
                    if area_choice != NOT_SURE
                    else None
                ),
                age_band=a["equality"]["age_band"],
                gender=a["equality"]["gender"],
                ethnicity=a["equality"]["ethnicity"],
                disability={"yes": True, "no": False}.get(a["equality"]["disability"]),
                today=today,
            )
            submission = PublicSubmission.objects.create(
                contact=contact,
                journey=PublicSubmission.Journey.COMPLAINT,
                status_token_hash=token_hash(token),
            )
        else:
            details = a["contact"]
            wanted = a["help"]["help_wanted"]
            person = record_person(
                name=a["name"]["name"],
                email=details["email"],
                phone=details["phone"],
                preferred_contact="phone" if "call" in wanted or not details["email"] else "email",
                by=None,
            )
            contact = log_contact(
                received=today,
                channel=Channel.ONLINE_FORM,
                by=None,
                summary=a["what-happened"]["what_happened"],
                desired_outcome=a["better"]["desired_outcome"],
                complainant=person,
                complainant_role=ComplainantRole.CHILD,
                advocacy_requested=True if "advocate" in wanted else None,
                call_back_requested="call" in wanted,
                gender=a["about-you"]["gender"],
                ethnicity=a["about-you"]["ethnicity"],
                today=today,
            )
            submission = PublicSubmission.objects.create(
                contact=contact,
                journey=PublicSubmission.Journey.YOUNG_PERSON,
                status_token_hash=token_hash(token),
            )
        # The stored files stay where they are: the contact's rows point at them. One row at
        # a time (a handful at most), so each goes into the audit log.
        files = 0
        for upload in draft.attachments.all():
            Attachment.objects.create(
                contact=contact,
                file=upload.file.name,
                original_name=upload.original_name,
                content_type=upload.content_type,
                size=upload.size,
            )
            files += 1
        if files:
            record_event(
                contact,
                "fairhear.contact.documents_received",
                f"{files} document{'s' if files != 1 else ''} sent with the online form.",
                None,
            )
        draft.delete()
    # The complaint is in (committed) before the email is tried: a mail failure cannot lose it.
    acknowledgement = Acknowledgement(
        reference=contact.reference,
        status_token=token,
        reply_due=stage_one_due(today),
        email=person.email,
        emailed=False,
    )
    if person.email:
        emailed = _acknowledge(submission, acknowledgement, person, status_url(token))
        acknowledgement = replace(acknowledgement, emailed=emailed)
    return acknowledgement


def _lock_unsent(draft: Draft) -> None:
    # A double press of "Send" arrives twice: the second waits here, then finds the draft gone.
    if not Draft.objects.select_for_update().filter(pk=draft.pk).exists():
        raise PublicFormError("This form has already been sent.")


def acknowledgement_text(acknowledgement: Acknowledgement, name: str, status_link: str) -> str:
    council = settings.FAIRHEAR_COUNCIL_NAME
    return (
        f"Dear {name},\n\n"
        f"Thank you for contacting {council}. We have received what you sent us.\n\n"
        f"Your reference is {acknowledgement.reference}. Please quote it if you contact us.\n\n"
        "What happens next: we will decide how to look into it and let you know. "
        f"You should get a reply by {long_date(acknowledgement.reply_due)}. If it needs longer, "
        "we will tell you why and when to expect it.\n\n"
        f"You can see how it is going at any time on this private page:\n{status_link}\n"
        "Do not share this link: anyone with it can see the progress of your complaint.\n\n"
        f"The complaints team, {council}\n"
    )


def _email_acknowledgement(acknowledgement: Acknowledgement, person: Person, link: str) -> bool:
    """Send the acknowledgement; False (and logged) when it could not be sent."""
    try:
        send_mail(
            f"We have received your complaint: {acknowledgement.reference}",
            acknowledgement_text(acknowledgement, person.name, link),
            None,
            [person.email],
        )
    except Exception:
        logger.exception("Could not email the acknowledgement for %s", acknowledgement.reference)
        return False
    return True


def _acknowledge(
    submission: PublicSubmission, acknowledgement: Acknowledgement, person: Person, link: str
) -> bool:
    """Email the acknowledgement; if it cannot go, flag the submission and say so on the
    case's timeline, keeping the link for `fairhear remind` to try again."""
    if _email_acknowledgement(acknowledgement, person, link):
        return True
    with transaction.atomic():
        submission.acknowledgement_failed = True
        submission.acknowledgement_link = link
        submission.save(update_fields=["acknowledgement_failed", "acknowledgement_link"])
        record_event(
            submission.contact,
            "fairhear.contact.acknowledgement_failed",
            f"The acknowledgement email to {person.email} could not be sent. It will be tried "
            "again by the daily reminders; check the email address.",
            None,
        )
    return False


@dataclass
class AcknowledgementRetry:
    sent: list[str]
    failed: list[str]


def retry_acknowledgements() -> AcknowledgementRetry:
    """Try again every acknowledgement email that could not be sent (`fairhear remind`), to
    the complainant's email address as it is now (staff may have corrected it)."""
    run = AcknowledgementRetry(sent=[], failed=[])
    owed = PublicSubmission.objects.filter(acknowledgement_failed=True).select_related(
        "contact__complainant"
    )
    for submission in owed:
        contact = submission.contact
        person = contact.complainant
        if person is None or not person.email:
            run.failed.append(contact.reference)
            continue
        acknowledgement = Acknowledgement(
            reference=contact.reference,
            status_token="",
            reply_due=stage_one_due(contact.received),
            email=person.email,
            emailed=False,
        )
        if not _email_acknowledgement(acknowledgement, person, submission.acknowledgement_link):
            run.failed.append(contact.reference)
            continue
        with transaction.atomic():
            submission.acknowledgement_failed = False
            submission.acknowledgement_link = ""
            submission.save(update_fields=["acknowledgement_failed", "acknowledgement_link"])
            record_event(
                contact,
                "fairhear.contact.acknowledged",
                f"The acknowledgement email was sent to {person.email} on a second try.",
                None,
            )
        run.sent.append(contact.reference)
    return run


def submit_compliment(draft: Draft, *, today: date | None = None) -> Compliment:
    """Turn a finished compliment draft into a Compliment."""
    today = today or timezone.localdate()
    if draft.journey != "compliment":
        raise PublicFormError("This form is not a compliment.")
    a: dict[str, dict[str, Any]] = draft.answers
    if any(slug not in a for slug in ("who", "what", "share", "about-you")):
        raise PublicFormError("Some questions have not been answered yet.")
    area_choice = a["who"]["service_area"]
    area = ServiceArea.objects.filter(pk=area_choice).first() if area_choice != NOT_SURE else None
    source = a["about-you"]["source"]
    with transaction.atomic():
        _lock_unsent(draft)
        compliment = Compliment.objects.create(
            received=today,
            service_area=area,
            source=source if source in ComplimentSource.values else "",
            internal=False,
            text=a["what"]["text"],
            publish=a["share"]["publish"] == "yes",
        )
        PublicCompliment.objects.create(
            compliment=compliment,
            person_praised=a["who"]["person_praised"],
            sender_name=a["about-you"]["sender_name"],
            sender_email=a["about-you"]["sender_email"],
        )
        draft.delete()
    return compliment
