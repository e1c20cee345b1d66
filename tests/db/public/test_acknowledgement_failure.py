"""An acknowledgement email that cannot be sent: said truthfully to the complainant, flagged
on the case and on the dashboard, and tried again by `fairhear remind`."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from fairhear.casework.models import CaseEvent, Contact
from fairhear.public.models import PublicSubmission
from tests.db.public.conftest import COMPLAINT_ANSWERS, walk

pytestmark = pytest.mark.django_db

BROKEN = "tests.db.public.test_acknowledgement_failure.BrokenEmailBackend"


class BrokenEmailBackend:
    """An email server that does not answer."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def send_messages(self, messages: object) -> int:
        raise ConnectionRefusedError("the mail server is not answering")


def _send_complaint(client: Client) -> Contact:
    walk(client, "complaint", COMPLAINT_ANSWERS)
    client.post("/complaint/check/")
    return Contact.objects.get()


def test_a_failed_acknowledgement_is_told_truthfully_and_flagged_for_staff(
    client: Client, settings: Settings, officer: User
) -> None:
    settings.EMAIL_BACKEND = BROKEN
    contact = _send_complaint(client)

    page = client.get("/complaint/sent/").content.decode()

    assert "We have sent you an email" not in page
    assert "We could not send you an email just now" in page
    assert contact.reference in page
    assert PublicSubmission.objects.get().acknowledgement_failed
    assert CaseEvent.objects.filter(
        contact=contact, action="fairhear.contact.acknowledgement_failed"
    ).exists()
    staff = Client()
    staff.force_login(officer)
    case_page = staff.get(reverse("casework:case", args=[contact.reference])).content.decode()
    dashboard = staff.get(reverse("staff-home")).content.decode()
    assert "The acknowledgement email could not be sent" in case_page
    assert "1 online complaint could not be acknowledged by email" in dashboard
    assert reverse("casework:case", args=[contact.reference]) in dashboard


def test_a_sent_acknowledgement_is_not_flagged(client: Client, officer: User) -> None:
    contact = _send_complaint(client)

    assert "We have sent you an email" in client.get("/complaint/sent/").content.decode()
    assert not PublicSubmission.objects.get().acknowledgement_failed
    staff = Client()
    staff.force_login(officer)
    assert "could not be acknowledged" not in staff.get(reverse("staff-home")).content.decode()
    case_page = staff.get(reverse("casework:case", args=[contact.reference])).content.decode()
    assert "acknowledgement email could not be sent" not in case_page


def test_remind_tries_the_acknowledgement_again_with_the_private_link(
    client: Client, settings: Settings
) -> None:
    settings.EMAIL_BACKEND = BROKEN
    contact = _send_complaint(client)
    out = StringIO()
    call_command("remind", stdout=out)
    assert f"still failing: {contact.reference}" in out.getvalue()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    out = StringIO()
    call_command("remind", stdout=out)

    assert "Acknowledgements that had failed: 1 sent now." in out.getvalue()
    acknowledgement = next(m for m in mail.outbox if contact.reference in m.subject)
    assert acknowledgement.to == ["sam@example.com"]
    link = next(line for line in acknowledgement.body.splitlines() if "/status/" in line)
    assert Client().get(link.removeprefix("http://testserver")).status_code == 200
    submission = PublicSubmission.objects.get()
    assert (submission.acknowledgement_failed, submission.acknowledgement_link) == (False, "")
    assert CaseEvent.objects.filter(
        contact=contact, action="fairhear.contact.acknowledged"
    ).exists()
