"""Sending a letter: by email (Django's email, or GOV.UK Notify) or for post, kept on the case
with its text, date, channel and sender, audited and on the timeline; never with a gap."""

import re
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.core import mail

from fairhear.casework.codes import LetterChannel
from fairhear.casework.models import Contact
from fairhear.casework.services import CaseworkError
from fairhear.letters import services
from fairhear.letters.kinds import Audience, LetterKind
from fairhear.letters.models import Letter
from fairhear.public.notify import NotifyEmailBackend
from tests.db.letters.conftest import FakeNotify, fresh

pytestmark = pytest.mark.django_db

BODY = "Dear Jo Bloggs\n\nYou can ask for Stage 2 by 20 January 2027.\n"


def _send(contact: Contact, by: User, **changes: Any) -> Letter:
    given: dict[str, Any] = {
        "version": fresh(contact).version,
        "kind": LetterKind.STAGE_1_RESPONSE,
        "audience": Audience.STANDARD,
        "subject": "Your complaint: our response",
        "body": BODY,
        "by": by,
        **changes,
    }
    return services.send_letter_by_email(contact, **given)


def test_an_emailed_letter_is_sent_kept_audited_and_on_the_timeline(
    replied: Contact, officer: User, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.FAIRHEAR_COMPLAINTS_EMAIL = "complaints@example.gov.uk"

    with django_capture_on_commit_callbacks(execute=True):
        letter = _send(replied, officer)

    [sent] = mail.outbox
    assert (sent.to, sent.subject, sent.body) == (
        ["jo@example.com"],
        "Your complaint: our response",
        BODY,
    )
    assert sent.reply_to == ["complaints@example.gov.uk"]
    kept = Letter.objects.get()
    assert (kept.contact, kept.channel, kept.sent_to, kept.sent_by, kept.body) == (
        replied,
        LetterChannel.EMAIL,
        "jo@example.com",
        officer,
        BODY,
    )
    event = replied.events.order_by("-pk").first()
    assert event is not None
    assert event.action == "fairhear.letter.sent"
    assert event.description == "Letter sent by email to jo@example.com: Stage 1 response."
    assert event.by == officer
    entry = LogEntry.objects.get_for_object(letter).get()
    assert entry.actor == officer


def test_with_notify_configured_the_letter_goes_through_notify(
    replied: Contact,
    officer: User,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    fake = FakeNotify()
    settings.EMAIL_BACKEND = "fairhear.public.notify.NotifyEmailBackend"
    settings.FAIRHEAR_NOTIFY_EMAIL_TEMPLATE_ID = "letters-template"
    monkeypatch.setattr(NotifyEmailBackend, "_client", staticmethod(lambda: fake))

    with django_capture_on_commit_callbacks(execute=True):
        _send(replied, officer)

    assert fake.sent == [
        {
            "to": "jo@example.com",
            "template": "letters-template",
            "subject": "Your complaint: our response",
            "body": BODY,
        }
    ]


def test_a_letter_cannot_be_sent_while_a_field_it_needs_is_empty(
    complaint: Contact, officer: User, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.LetterError, match="The date of the Stage 1 reply"),
    ):
        _send(complaint, officer)

    assert not mail.outbox
    assert not Letter.objects.exists()


def test_a_gap_left_in_the_text_is_refused(replied: Contact, officer: User) -> None:
    gap = "[the last day to ask for stage 2: not recorded]"
    with pytest.raises(services.LetterError, match=re.escape(gap)):
        _send(replied, officer, body=f"Ask by {gap}.")

    assert not Letter.objects.exists()


def test_a_part_left_to_write_is_refused(replied: Contact, officer: User) -> None:
    with pytest.raises(services.LetterError, match=r"square brackets: \[Write the response\]"):
        _send(replied, officer, body=f"{BODY}\n[Write the response]\n")

    assert not Letter.objects.exists()


def test_no_email_address_means_post(replied: Contact, officer: User) -> None:
    person = fresh(replied).complainant
    assert person is not None
    person.email = ""
    person.save()

    with pytest.raises(services.LetterError, match="no email address"):
        _send(replied, officer)


def test_a_stale_page_is_refused(replied: Contact, officer: User) -> None:
    with pytest.raises(CaseworkError, match="Someone else changed this case"):
        _send(replied, officer, version=fresh(replied).version - 1)


def test_a_letter_for_post_is_kept_in_large_print_when_asked(
    replied: Contact, officer: User
) -> None:
    services.set_letter_preferences(
        replied,
        version=fresh(replied).version,
        letters_by=LetterChannel.POST,
        large_print=True,
        easy_read=False,
        language="",
        by=officer,
    )

    letter = services.record_letter_for_post(
        replied,
        version=fresh(replied).version,
        kind=LetterKind.STAGE_1_RESPONSE,
        audience=Audience.STANDARD,
        subject="Our response",
        body=BODY,
        by=officer,
    )

    assert (letter.channel, letter.sent_to, letter.large_print) == (
        LetterChannel.POST,
        "1 High Street\nFairhear\nFH1 1AA",
        True,
    )
    descriptions = list(replied.events.values_list("description", flat=True))
    assert "Letter preferences: by post, large print." in descriptions
    assert "Letter sent by post: Stage 1 response." in descriptions
    assert not mail.outbox
