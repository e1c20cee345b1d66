"""Requests about personal data under the retention schedule: once answered long enough ago,
the requester's details, what they asked and what was searched for go, from the request and
its audit trail; the dates and the cases it touched stay. An open request is never due."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from fairhear.dataprotection import services
from fairhear.dataprotection.models import (
    RightsRequest,
    SubjectAccessBundle,
    SubjectAccessRequest,
)
from fairhear.dataprotection.selectors import retention_review
from tests.builders import log

pytestmark = pytest.mark.django_db

TODAY = date.today()
LONG_AGO = date(2020, 1, 10)


def _answered_access_request(manager: User, requester: str, answered: date) -> SubjectAccessRequest:
    logged = services.log_subject_access_request(
        requester=requester,
        received=answered - timedelta(days=20),
        today=TODAY,
        by=manager,
        email=f"{requester.split()[0].lower()}@example.org",
        phone="07700 900123",
        address="1 High Street",
        notes=f"{requester} showed a passport",
    )
    return services.record_answer_sent(
        request=logged, version=logged.version, sent=answered, today=TODAY, by=manager
    )


def _answered_erasure_request(manager: User, answered: date) -> RightsRequest:
    logged = services.log_rights_request(
        kind=RightsRequest.Kind.ERASURE,
        requester="Robin Example",
        received=answered - timedelta(days=5),
        asked_for="Erase the complaint about my daughter Kit",
        today=TODAY,
        by=manager,
    )
    return services.record_answer_sent(
        request=logged, version=logged.version, sent=answered, today=TODAY, by=manager
    )


def _audit_text() -> str:
    return json.dumps(
        list(LogEntry.objects.values("changes", "changes_text", "serialized_data", "object_repr")),
        default=str,
    )


def test_an_answered_request_past_the_schedule_loses_its_details_and_keeps_its_dates(
    manager: User, officer: User
) -> None:
    old = _answered_access_request(manager, "Robin Example", LONG_AGO)
    contact = log(officer, received=date(2019, 6, 1))
    services.record_bundle(
        request=old, contacts=[contact], searched_for="Robin Example", by=manager
    )
    erasure = _answered_erasure_request(manager, LONG_AGO)
    recent = _answered_access_request(manager, "Sam Recent", TODAY - timedelta(days=30))
    still_open = services.log_subject_access_request(
        requester="Ash Waiting", received=date(2019, 1, 7), today=TODAY, by=manager
    )
    viewer = Client()
    viewer.force_login(manager)
    assert viewer.get(reverse("dataprotection:request", args=[old.pk])).status_code == 200
    assert LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_repr__contains="Robin Example"
    ).exists()

    review = retention_review(TODAY)
    assert {
        expired.request.pk for expired in review.requests if expired.what == "Subject access"
    } == {old.pk}
    assert [expired.what for expired in review.requests] == ["Subject access", "Erasure"]

    run = services.anonymise_expired(as_of=TODAY, confirmed=[], by=manager)

    assert run.requests == 2
    assert run.request_years_after_answer == 2
    assert run.what == "0 cases, 0 people, 0 compliments and 2 requests about personal data"
    old.refresh_from_db()
    assert old.requester == services.REMOVED
    assert (old.email, old.phone, old.address, old.notes) == ("", "", "", "")
    assert (old.received, old.answered, old.due) == (
        LONG_AGO - timedelta(days=20),
        LONG_AGO,
        old.first_due,
    )
    assert old.anonymised_in == run
    bundle = SubjectAccessBundle.objects.get(request=old)
    assert (bundle.searched_for, bundle.references) == ("", contact.reference)
    erasure.refresh_from_db()
    assert (erasure.requester, erasure.asked_for) == (services.REMOVED, "")
    assert erasure.kind == RightsRequest.Kind.ERASURE
    audit = _audit_text()
    for gone in ("Robin Example", "robin@example.org", "daughter Kit"):
        assert gone not in audit
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert (recent.requester, still_open.requester) == ("Sam Recent", "Ash Waiting")
    assert retention_review(TODAY).requests == []


def test_a_request_is_due_on_the_day_its_years_have_passed(manager: User) -> None:
    answered = date(2022, 2, 28)
    _answered_access_request(manager, "Robin Example", answered)
    assert retention_review(date(2024, 2, 27)).requests == []
    assert len(retention_review(date(2024, 2, 28)).requests) == 1


def test_the_retention_page_lists_and_anonymises_requests_and_their_page_says_so(
    client: Client, manager: User
) -> None:
    old = _answered_access_request(manager, "Robin Example", LONG_AGO)
    client.force_login(manager)

    page = client.get(reverse("dataprotection:retention")).content.decode()
    assert "Requests about personal data due for anonymisation" in page
    assert "Anonymise 0 cases, 0 compliments and 1 request" in page

    done = client.post(
        reverse("dataprotection:anonymise"), {"references": "", "as_of": TODAY.isoformat()}
    )
    assert done.status_code == 302
    followed = client.get(done["Location"]).content.decode()
    assert "0 compliments and 1 request about personal data." in followed

    request_page = client.get(reverse("dataprotection:request", args=[old.pk])).content.decode()
    assert "Removed under the retention schedule on" in request_page
    assert "Find everything about them" not in request_page
    refused = client.post(
        reverse("dataprotection:bundle", args=[old.pk]),
        {"name": "Robin", "references": []},
        follow=True,
    )
    assert "log a new request to produce a bundle" in refused.content.decode()
    assert not SubjectAccessBundle.objects.exists()


def test_the_schedule_sets_how_long_requests_are_kept(client: Client, manager: User) -> None:
    _answered_access_request(manager, "Robin Example", TODAY - timedelta(days=400))
    assert retention_review(TODAY).requests == []
    client.force_login(manager)
    url = reverse("dataprotection:schedule")
    refused = client.post(
        url,
        {
            "years_after_closure": "6",
            "child_until_age": "25",
            "request_years_after_answer": "0",
            "version": "1",
        },
    )
    assert "Keep a request for at least 1 year after it is answered" in refused.content.decode()
    saved = client.post(
        url,
        {
            "years_after_closure": "6",
            "child_until_age": "25",
            "request_years_after_answer": "1",
            "version": "1",
        },
    )
    assert saved.status_code == 302
    assert len(retention_review(TODAY).requests) == 1


def test_the_command_lists_the_requests_due(manager: User) -> None:
    old = _answered_access_request(manager, "Robin Example", LONG_AGO)
    out = StringIO()
    call_command("retention", stdout=out)
    assert "1 requests about personal data" in out.getvalue()
    assert f"subject access request {old.pk}  answered {LONG_AGO}" in out.getvalue()
