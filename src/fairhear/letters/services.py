"""Writes for letters: the council's templates, and sending a letter on a case.

A letter sent is kept on the case as it was sent, audited, and written on the case's timeline.
The email goes after the commit, so a letter is never sent that the case does not keep.
"""

import re
from datetime import date

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import transaction

from fairhear.audit import acting_as
from fairhear.casework.codes import LetterChannel
from fairhear.casework.models import Contact
from fairhear.casework.services.base import CaseworkError, changing, record_event
from fairhear.letters import engine
from fairhear.letters.kinds import Audience, LetterKind, missing_fields
from fairhear.letters.models import Letter, LetterTemplate, Notice, StepNotices
from fairhear.letters.selectors import letter_values
from fairhear.letters.steps import STEPS, By

#: A part in square brackets: a gap where the case has no value, or what the officer writes.
_TO_WRITE = re.compile(r"\[[^\[\]]*\]")


class LetterError(CaseworkError):
    """A letter or template that cannot be saved or sent, with the reason in plain words (a
    casework error, as a stale page or a case that moved on is)."""


def save_template(
    kind: LetterKind, audience: Audience, *, subject: str, body: str, by: User
) -> LetterTemplate:
    """Keep the council's wording of a letter, refused when it names an unknown field."""
    subject, body = subject.strip(), body.strip() + "\n"
    if not subject or not body.strip():
        raise LetterError("Enter both the subject and the text of the letter.")
    try:
        engine.check(subject, what="The subject")
        engine.check(body, what="The text")
    except engine.TemplateProblem as problem:
        raise LetterError(str(problem)) from problem
    with transaction.atomic(), acting_as(by):
        template = LetterTemplate.objects.select_for_update().filter(
            kind=kind, audience=audience
        ).first() or LetterTemplate(kind=kind, audience=audience)
        template.subject, template.body, template.changed_by = subject, body, by
        template.save()
    return template


def restore_default_template(kind: LetterKind, audience: Audience, *, by: User) -> None:
    """Go back to the default wording: the council's own is removed (the audit log keeps it)."""
    with transaction.atomic(), acting_as(by):
        for template in LetterTemplate.objects.filter(kind=kind, audience=audience):
            template.delete()


def _check_sendable(contact: Contact, kind: LetterKind, subject: str, body: str, by: User) -> None:
    missing = missing_fields(kind, letter_values(contact, sender=by, today=date.today()))
    if missing:
        raise LetterError(f"This letter cannot be sent until the case has: {'; '.join(missing)}.")
    if not subject.strip() or not body.strip():
        raise LetterError("Enter the subject and the text of the letter.")
    to_write = _TO_WRITE.search(f"{subject}\n{body}")
    if to_write is not None:
        raise LetterError(
            f"The letter still has a part in square brackets: {to_write.group()}. Write it, "
            "or remove it."
        )


def _keep(
    contact: Contact,
    *,
    kind: LetterKind,
    audience: Audience,
    subject: str,
    body: str,
    channel: LetterChannel,
    sent_to: str,
    large_print: bool,
    by: User,
) -> Letter:
    letter = Letter.objects.create(
        contact=contact,
        kind=kind,
        audience=audience,
        subject=subject.strip(),
        body=body.strip() + "\n",
        channel=channel,
        sent_to=sent_to,
        large_print=large_print,
        sent_by=by,
    )
    how = f"by email to {sent_to}" if channel == LetterChannel.EMAIL else "by post"
    record_event(contact, "fairhear.letter.sent", f"Letter sent {how}: {kind.label}.", by)
    return letter


def send_letter_by_email(
    contact: Contact,
    *,
    version: int,
    kind: LetterKind,
    audience: Audience,
    subject: str,
    body: str,
    by: User,
) -> Letter:
    """Email the letter to the complainant (Django's email: GOV.UK Notify when configured),
    keep it on the case and note it on the timeline."""
    with changing(contact, version=version, by=by) as locked:
        _check_sendable(locked, kind, subject, body, by)
        person = locked.complainant
        if person is None or not person.email:
            raise LetterError(
                "The complainant has no email address: add one to the case, or send it by post."
            )
        letter = _keep(
            locked,
            kind=kind,
            audience=audience,
            subject=subject,
            body=body,
            channel=LetterChannel.EMAIL,
            sent_to=person.email,
            large_print=False,
            by=by,
        )
        reply_to = (
            [settings.FAIRHEAR_COMPLAINTS_EMAIL] if settings.FAIRHEAR_COMPLAINTS_EMAIL else []
        )
        message = EmailMessage(
            subject=letter.subject, body=letter.body, to=[person.email], reply_to=reply_to
        )
        transaction.on_commit(message.send)
    return letter


def record_letter_for_post(
    contact: Contact,
    *,
    version: int,
    kind: LetterKind,
    audience: Audience,
    subject: str,
    body: str,
    by: User,
) -> Letter:
    """Keep a letter to be printed and posted (downloaded as Word), and note it on the
    timeline. Large print when the complainant asked for it."""
    with changing(contact, version=version, by=by) as locked:
        _check_sendable(locked, kind, subject, body, by)
        person = locked.complainant
        address = person.address.strip() if person is not None else ""
        if not address:
            raise LetterError(
                "The complainant has no postal address: add one to the case, or send it by email."
            )
        return _keep(
            locked,
            kind=kind,
            audience=audience,
            subject=subject,
            body=body,
            channel=LetterChannel.POST,
            sent_to=address,
            large_print=locked.large_print,
            by=by,
        )


def set_letter_preferences(
    contact: Contact,
    *,
    version: int,
    letters_by: str,
    large_print: bool,
    easy_read: bool,
    language: str,
    by: User,
) -> Contact:
    """Record how the complainant would like letters: offered first when one is sent."""
    with changing(contact, version=version, by=by) as locked:
        before = (locked.letters_by, locked.large_print, locked.easy_read, locked.language)
        locked.letters_by, locked.large_print, locked.easy_read = letters_by, large_print, easy_read
        locked.language = language.strip()
        if before == (locked.letters_by, locked.large_print, locked.easy_read, locked.language):
            raise LetterError("Nothing was changed.")
        words = f"Letter preferences: {_preferences(locked)}."
        record_event(locked, "fairhear.letter.preferences", words, by)
    return locked


def _preferences(contact: Contact) -> str:
    channel = contact.get_letters_by_display().lower() if contact.letters_by else ""
    parts = [f"by {channel}" if channel else "no channel"]
    if contact.large_print:
        parts.append("large print")
    if contact.easy_read:
        parts.append("easy read")
    if contact.language:
        parts.append(f"in {contact.language}")
    return ", ".join(parts)


def switch_step_notices(*, on: bool, by: User) -> StepNotices:
    """Switch on or off the short email or text the complainant gets when their case moves
    to a new step (`letters.notices`)."""
    with transaction.atomic(), acting_as(by):
        setting = StepNotices.objects.select_for_update().first() or StepNotices()
        if setting.pk is not None and setting.switched_on == on:
            raise LetterError("Nothing was changed.")
        setting.switched_on, setting.changed_by = on, by
        setting.save()
    return setting


def record_notice(
    contact: Contact, *, step: str, by: By, to: str, subject: str, text: str, failure: str
) -> Notice:
    """Keep a step's notice as it was sent (or why it could not be) and note it on the
    timeline. Fairhear sent it, so no member of staff is named."""
    how = "email" if by is By.EMAIL else "text"
    with transaction.atomic():
        notice = Notice.objects.create(
            contact=contact,
            step=step,
            by=by.value,
            sent_to=to,
            subject=subject,
            text=text,
            failure=failure,
        )
        if failure:
            words = f"The notice by {how} to {to} could not be sent: {failure}"
            record_event(contact, "fairhear.notice.failed", words, None)
        else:
            words = f"Notice sent by {how} to {to}: {STEPS[step].subject}."
            record_event(contact, "fairhear.notice.sent", words, None)
    return notice
