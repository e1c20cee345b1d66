"""Telling the complainant, by email or text, when their case moves to a new step.

Each step of the procedure writes a line on the case's timeline (`casework.CaseEvent`).
Watching those lines, rather than the casework services, keeps casework unaware of letters:
once the step's transaction commits, a step the complainant hears about is sent as a short
notice, if the council switched notices on, by the way the complainant asked to be reached.
Each notice is kept (`services.record_notice`), audited and written on the timeline; one that
fails is kept with the reason and never undoes the step, which has already happened.
"""

import logging
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from fairhear.casework.codes import Route
from fairhear.casework.models import CaseEvent
from fairhear.letters import services
from fairhear.letters.models import Notice, StepNotices
from fairhear.letters.selectors import letter_values
from fairhear.letters.steps import STEPS, By, notice, reach

logger = logging.getLogger(__name__)


class TextClient(Protocol):
    def send_sms_notification(
        self, phone_number: str, template_id: str, personalisation: dict[str, str]
    ) -> Any: ...


def texts_configured() -> bool:
    return bool(settings.FAIRHEAR_NOTIFY_API_KEY and settings.FAIRHEAR_NOTIFY_SMS_TEMPLATE_ID)


def text_client() -> TextClient:
    from notifications_python_client.notifications import NotificationsAPIClient

    client: TextClient = NotificationsAPIClient(  # type: ignore[no-untyped-call]
        settings.FAIRHEAR_NOTIFY_API_KEY
    )
    return client


def switched_on() -> bool:
    return StepNotices.objects.filter(switched_on=True).exists()


def on_case_event(sender: type[CaseEvent], instance: CaseEvent, created: bool, **_: Any) -> None:
    """A `post_save` receiver: a new step's notice goes once the step is committed."""
    if created and instance.action in STEPS:
        event = instance.pk
        transaction.on_commit(lambda: send_notice(event), robust=True)


def send_notice(event_pk: int) -> Notice | None:
    """Send the notice of the step this timeline line records, if there is one to send."""
    # Off by default: then a step costs this one query and nothing more.
    if not switched_on():
        return None
    event = CaseEvent.objects.select_related("contact__complainant").get(pk=event_pk)
    contact, person = event.contact, event.contact.complainant
    if person is None:
        return None
    if event.action == "fairhear.contact.triaged" and contact.route != Route.STATUTORY:
        return None  # only a statutory complaint enters Stage 1
    way = reach(
        prefers=person.preferred_contact,
        letters_by=contact.letters_by,
        email=person.email,
        phone=person.phone,
        texts=texts_configured(),
    )
    if way is None:
        return None
    by, to = way
    values = letter_values(contact, sender=None, today=timezone.localdate())
    followed_online = hasattr(contact, "public_submission")
    subject, text = notice(STEPS[event.action], values, followed_online=followed_online)
    failure = ""
    try:
        if by is By.TEXT:
            text_client().send_sms_notification(
                phone_number=to,
                template_id=settings.FAIRHEAR_NOTIFY_SMS_TEMPLATE_ID,
                personalisation={"body": text},
            )
        else:
            reply_to = [values["complaints_email"]] if values["complaints_email"] else []
            EmailMessage(subject=subject, body=text, to=[to], reply_to=reply_to).send()
    except Exception as error:  # any failure of the mail server or Notify: kept, not raised
        logger.warning("The notice of %s to %s failed", event.action, contact.reference)
        failure = str(error).strip() or type(error).__name__
    return services.record_notice(
        contact, step=event.action, by=by, to=to, subject=subject, text=text, failure=failure
    )
