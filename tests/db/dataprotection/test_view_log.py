"""A subject access request's page shows the requester's details and the cases found about
them with their names: opening it is logged as a view of the request and of each case found.
(The bundle's download is audited as the bundle it records, and on each case's timeline.)"""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from fairhear.casework import services as casework
from fairhear.dataprotection import services
from tests.builders import log

pytestmark = pytest.mark.django_db


def _viewers(record: Model) -> list[User | None]:
    entries = LogEntry.objects.get_for_object(record).filter(action=LogEntry.Action.ACCESS)
    return [entry.actor for entry in entries.order_by("pk")]


def test_the_request_page_logs_a_view_of_the_request_and_of_each_case_it_finds(
    client: Client, manager: User, officer: User
) -> None:
    jane = casework.record_person(name="Jane Smith", email="jane@example.org", by=officer)
    hers = log(officer, received=date(2024, 7, 1), complainant=jane)
    bob = casework.record_person(name="Bob Jones", by=officer)
    not_hers = log(officer, received=date(2024, 3, 1), complainant=bob)
    request = services.log_subject_access_request(
        requester="Jane Smith", received=date(2025, 1, 6), today=date(2025, 1, 6), by=manager
    )
    client.force_login(manager)

    page = client.get(reverse("dataprotection:request", args=[request.pk]))

    assert hers.reference in page.content.decode()
    assert _viewers(request) == [manager]
    assert _viewers(hers) == [manager]
    assert _viewers(not_hers) == []
    shown = client.get(reverse("casework:view-log")).context["page"].object_list
    assert [(entry.actor, entry.object_repr) for entry in shown] == [(manager, hers.reference)]


def test_a_refused_or_posted_request_page_is_not_logged(
    client: Client, manager: User, officer: User
) -> None:
    jane = casework.record_person(name="Jane Smith", by=officer)
    hers = log(officer, received=date(2024, 7, 1), complainant=jane)
    request = services.log_subject_access_request(
        requester="Jane Smith", received=date(2025, 1, 6), today=date(2025, 1, 6), by=manager
    )
    page = reverse("dataprotection:request", args=[request.pk])
    client.force_login(officer)  # no data protection role
    refused = client.get(page)
    client.force_login(manager)
    posted = client.post(page)

    assert (refused.status_code, posted.status_code) == (403, 405)
    assert _viewers(request) == []
    assert _viewers(hers) == []
