"""A complaint received in December 2026, so its clocks cross Christmas and New Year, taken
through the stages by the services as staff would; and a fake GOV.UK Notify."""

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User

from fairhear.casework import services
from fairhear.casework.models import Contact, Practitioner
from fairhear.organisation.models import ServiceArea
from tests import builders

#: A Friday: Stage 1's 10 working days run over Christmas Day and the substitute Boxing Day.
RECEIVED = date(2026, 12, 11)
#: A Friday: the 20 working days to ask for Stage 2 cross Christmas, Boxing Day's substitute
#: (Monday 28 December) and New Year's Day.
STAGE_1_REPLIED = date(2026, 12, 18)


@pytest.fixture
def complaint(officer: User, area_a: ServiceArea) -> Contact:
    """A complaint from Jo Bloggs, by email and post, at Stage 1."""
    person = services.record_person(
        name="Jo Bloggs",
        email="jo@example.com",
        address="1 High Street\nFairhear\nFH1 1AA",
        by=officer,
    )
    contact = builders.log(
        officer, received=RECEIVED, today=RECEIVED, complainant=person, service_area=area_a
    )
    return builders.triage_statutory(contact, officer, on=RECEIVED)


@pytest.fixture
def replied(complaint: Contact, officer: User) -> Contact:
    return builders.reply_stage_one(complaint, officer, on=STAGE_1_REPLIED)


@pytest.fixture
def people(db: None) -> dict[str, Practitioner]:
    return builders.practitioners()


def fresh(contact: Contact) -> Contact:
    return Contact.objects.get(pk=contact.pk)


class FakeNotify:
    """GOV.UK Notify's client, keeping what it was asked to send."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    def send_email_notification(
        self, email_address: str, template_id: str, personalisation: dict[str, str]
    ) -> dict[str, str]:
        self.sent.append({"to": email_address, "template": template_id, **personalisation})
        return {"id": "fake"}
