from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage

from fairhear.public.notify import NotifyEmailBackend


class FakeNotify:
    def __init__(self, fail: bool = False) -> None:
        self.sent: list[dict[str, Any]] = []
        self.fail = fail

    def send_email_notification(
        self, email_address: str, template_id: str, personalisation: dict[str, str]
    ) -> dict[str, str]:
        if self.fail:
            raise RuntimeError("Notify said no")
        self.sent.append(
            {"to": email_address, "template": template_id, "personalisation": personalisation}
        )
        return {"id": "fake"}


def test_each_recipient_gets_the_generic_template_with_subject_and_body() -> None:
    fake = FakeNotify()
    backend = NotifyEmailBackend(client=fake, template_id="tmpl-1")
    message = EmailMessage("Your reference", "Body text", to=["a@example.com", "b@example.com"])

    assert backend.send_messages([message]) == 1

    assert fake.sent == [
        {
            "to": address,
            "template": "tmpl-1",
            "personalisation": {"subject": "Your reference", "body": "Body text"},
        }
        for address in ("a@example.com", "b@example.com")
    ]


def test_a_notify_failure_is_raised_unless_told_to_fail_silently() -> None:
    message = EmailMessage("s", "b", to=["a@example.com"])

    with pytest.raises(RuntimeError, match="Notify said no"):
        NotifyEmailBackend(client=FakeNotify(fail=True), template_id="t").send_messages([message])
    quiet = NotifyEmailBackend(fail_silently=True, client=FakeNotify(fail=True), template_id="t")
    assert quiet.send_messages([message]) == 0


def test_it_needs_a_template_id_and_an_api_key(settings: Any) -> None:
    settings.FAIRHEAR_NOTIFY_EMAIL_TEMPLATE_ID = ""
    with pytest.raises(ImproperlyConfigured, match="FAIRHEAR_NOTIFY_EMAIL_TEMPLATE_ID"):
        NotifyEmailBackend(client=FakeNotify())
    settings.FAIRHEAR_NOTIFY_EMAIL_TEMPLATE_ID = "t"
    settings.FAIRHEAR_NOTIFY_API_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="FAIRHEAR_NOTIFY_API_KEY"):
        NotifyEmailBackend()


def test_django_mail_goes_through_notify_when_selected(settings: Any, monkeypatch: Any) -> None:
    from django.core import mail

    fake = FakeNotify()
    settings.EMAIL_BACKEND = "fairhear.public.notify.NotifyEmailBackend"
    settings.FAIRHEAR_NOTIFY_EMAIL_TEMPLATE_ID = "tmpl-2"
    monkeypatch.setattr(NotifyEmailBackend, "_client", staticmethod(lambda: fake))

    mail.send_mail("Subject", "Body", None, ["c@example.com"])

    assert [m["to"] for m in fake.sent] == ["c@example.com"]
