"""Staff are told of new online contacts on their dashboard."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from fairhear.casework.codes import Channel, Route
from fairhear.casework.models import Contact
from fairhear.casework.selectors import likely_duplicates
from fairhear.casework.services import log_contact
from tests.db.public.conftest import YOUNG_ANSWERS, walk

pytestmark = pytest.mark.django_db


def _submit() -> Contact:
    client = Client()
    walk(client, "young-person", YOUNG_ANSWERS)
    client.post("/young-person/check/")
    return Contact.objects.latest("pk")


def test_the_dashboard_counts_online_contacts_awaiting_triage_and_lists_them(
    client: Client, officer: User
) -> None:
    first, second, triaged = _submit(), _submit(), _submit()
    Contact.objects.filter(pk=triaged.pk).update(route=Route.STATUTORY)
    log_contact(received=timezone.localdate(), channel=Channel.EMAIL, by=officer)
    client.force_login(officer)

    home = client.get("/staff/").content.decode()

    assert "2 new contacts from the online forms" in home
    listed = client.get("/staff/cases/?status=awaiting_triage&channel=online_form").content
    assert first.reference.encode() in listed
    assert second.reference.encode() in listed
    assert triaged.reference.encode() not in listed


def test_someone_who_complained_online_is_found_again_by_their_phone_number() -> None:
    _submit()  # the young person's form gives the phone number as "07700 900 123"

    found = likely_duplicates(phone="077009 00123")

    assert [person.phone for person in found] == ["07700900123"]
