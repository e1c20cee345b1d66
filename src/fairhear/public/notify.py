"""A Django email backend that sends through GOV.UK Notify.

Notify sends from templates: the council makes one email template whose subject is
`((subject))` and whose body is `((body))`, and sets FAIRHEAR_NOTIFY_API_KEY and
FAIRHEAR_NOTIFY_EMAIL_TEMPLATE_ID. Every Django email then goes through it unchanged.
"""

from collections.abc import Sequence
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend


class NotifyClient(Protocol):
    def send_email_notification(
        self, email_address: str, template_id: str, personalisation: dict[str, str]
    ) -> Any: ...


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(
        self,
        fail_silently: bool = False,
        *,
        client: NotifyClient | None = None,
        template_id: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.template_id = template_id or settings.FAIRHEAR_NOTIFY_EMAIL_TEMPLATE_ID
        if not self.template_id:
            raise ImproperlyConfigured(
                "FAIRHEAR_NOTIFY_EMAIL_TEMPLATE_ID is not set: make a Notify email template "
                "with subject ((subject)) and body ((body)) and set its id."
            )
        self.client = client if client is not None else self._client()

    @staticmethod
    def _client() -> NotifyClient:
        if not settings.FAIRHEAR_NOTIFY_API_KEY:
            raise ImproperlyConfigured("FAIRHEAR_NOTIFY_API_KEY is not set.")
        from notifications_python_client.notifications import NotificationsAPIClient

        client: NotifyClient = NotificationsAPIClient(  # type: ignore[no-untyped-call]
            settings.FAIRHEAR_NOTIFY_API_KEY
        )
        return client

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            try:
                for address in message.recipients():
                    self.client.send_email_notification(
                        email_address=address,
                        template_id=self.template_id,
                        personalisation={
                            "subject": str(message.subject),
                            "body": str(message.body),
                        },
                    )
                sent += 1
            except Exception:
                if not self.fail_silently:
                    raise
        return sent
