"""The view log: who opened which case or downloaded which document, across every case."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fairhear.casework import services
from fairhear.casework.models import Contact, OmbudsmanCase

pytestmark = pytest.mark.django_db


def _backdate_views(*, days: int) -> None:
    """Move the views logged so far back in time. On PostgreSQL the database refuses to change
    an audit entry (a trigger), so the test lifts it inside its own transaction, which is
    rolled back at its end."""
    guarded = connection.vendor == "postgresql"
    trigger = "auditlog_logentry {} TRIGGER fairhear_audit_log_is_kept"
    with connection.cursor() as cursor:
        if guarded:
            # The deferred foreign-key checks of the entries just written must run first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE " + trigger.format("DISABLE"))
        LogEntry.objects.filter(action=LogEntry.Action.ACCESS).update(
            timestamp=timezone.now() - timedelta(days=days)
        )
        if guarded:
            cursor.execute("ALTER TABLE " + trigger.format("ENABLE"))
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_the_view_log_names_who_opened_which_case_and_which_documents(
    client: Client,
    manager: User,
    officer: User,
    service_manager_a: User,
    log: Callable[..., Contact],
) -> None:
    first, second = log(), log()
    document = services.add_attachment(
        second,
        upload=SimpleUploadedFile("notes.txt", b"Visit notes"),
        content_type="text/plain",
        description="",
        by=officer,
    )
    client.force_login(officer)
    client.get(reverse("casework:case", args=[first.reference]))
    client.get(reverse("casework:download-attachment", args=[second.reference, document.pk]))
    client.force_login(service_manager_a)
    client.get(reverse("casework:case", args=[second.reference]))
    client.force_login(manager)

    everyone = client.get(reverse("casework:view-log"))
    officers = client.get(reverse("casework:view-log"), {"viewer": officer.pk})

    rows = [(e.actor, e.object_repr) for e in everyone.context["page"].object_list]
    assert rows == [
        (service_manager_a, second.reference),
        (officer, "notes.txt"),
        (officer, first.reference),
    ]
    assert everyone.context["page"].object_list[1].case_reference == second.reference
    assert [e.actor for e in officers.context["page"].object_list] == [officer, officer]
    page = everyone.content.decode()
    assert "Document notes.txt of case" in page
    assert reverse("casework:case", args=[first.reference]) in page


def test_the_view_log_filters_by_day_and_explains_a_backwards_range(
    client: Client, manager: User, officer: User, log: Callable[..., Contact]
) -> None:
    contact = log()
    client.force_login(officer)
    client.get(reverse("casework:case", args=[contact.reference]))
    _backdate_views(days=10)
    client.get(reverse("casework:case", args=[contact.reference]))
    client.force_login(manager)
    today = timezone.localdate()

    recent = client.get(reverse("casework:view-log"), {"viewed_from": f"{today:%d/%m/%Y}"})
    backwards = client.get(
        reverse("casework:view-log"),
        {"viewed_from": f"{today:%d/%m/%Y}", "viewed_to": "1/1/2020"},
    )

    assert recent.context["page"].paginator.count == 1
    assert "“Viewed to” must be the same as or after “viewed from”" in backwards.content.decode()
    assert backwards.context["page"].paginator.count == 2, "a bad filter narrows nothing"


def test_the_view_log_reads_a_page_in_the_same_few_queries_however_many_views(
    client: Client, manager: User, officer: User, log: Callable[..., Contact]
) -> None:
    contacts = [log() for _ in range(3)]
    client.force_login(officer)
    client.get(reverse("casework:case", args=[contacts[0].reference]))
    client.force_login(manager)
    client.get(reverse("casework:view-log"))  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("casework:view-log"))
    client.force_login(officer)
    for contact in contacts * 5:
        client.get(reverse("casework:case", args=[contact.reference]))
    client.force_login(manager)
    client.get(reverse("casework:view-log"))
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("casework:view-log"))

    assert response.context["page"].paginator.count == 16
    assert len(many) == len(few)


def test_opening_a_cases_details_step_is_logged_as_a_view(
    client: Client, officer: User, log: Callable[..., Contact]
) -> None:
    contact = log()
    client.force_login(officer)

    details = client.get(reverse("casework:step", args=[contact.reference, "details"]))

    assert details.status_code == 200
    views = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(contact.pk))
    assert [e.actor for e in views] == [officer]


def _views_of(record: object) -> list[User | None]:
    entries = LogEntry.objects.get_for_object(record).filter(action=LogEntry.Action.ACCESS)
    return [entry.actor for entry in entries.order_by("pk")]


def test_opening_a_cases_history_is_logged_as_a_view_after_the_page_shows_the_earlier_ones(
    client: Client, manager: User, officer: User, log: Callable[..., Contact]
) -> None:
    case = log()
    client.force_login(officer)
    client.get(reverse("casework:case", args=[case.reference]))
    client.force_login(manager)

    first = client.get(reverse("casework:history", args=[case.reference]))
    second = client.get(reverse("casework:history", args=[case.reference]))

    assert _views_of(case) == [officer, manager, manager]
    assert [entry.actor for entry in first.context["views"]] == [officer]
    assert [entry.actor for entry in second.context["views"]] == [manager, officer]
    shown = client.get(reverse("casework:view-log")).context["page"].object_list
    assert [(entry.actor, entry.object_repr) for entry in shown][:1] == [(manager, case.reference)]


def test_a_refused_or_posted_history_is_not_logged_as_a_view(
    client: Client, manager: User, officer: User, log: Callable[..., Contact]
) -> None:
    case = log()
    client.force_login(officer)  # may open the case, not its audit history
    refused = client.get(reverse("casework:history", args=[case.reference]))
    client.force_login(manager)
    posted = client.post(reverse("casework:history", args=[case.reference]))

    assert (refused.status_code, posted.status_code) == (403, 405)
    assert _views_of(case) == []


def test_opening_an_unlinked_ombudsman_cases_history_is_logged_as_a_view(
    client: Client, manager: User, officer: User, unlinked: OmbudsmanCase
) -> None:
    history = reverse("casework:ombudsman-history", args=[unlinked.lgsco_reference])
    client.force_login(officer)
    refused = client.get(history)
    client.force_login(manager)
    posted = client.post(history)

    shown = client.get(history)

    assert (refused.status_code, posted.status_code) == (403, 405)
    assert list(shown.context["views"]) == []
    assert _views_of(unlinked) == [manager]


def test_a_refused_or_posted_document_download_is_not_logged(
    client: Client, officer: User, service_manager_b: User, log: Callable[..., Contact]
) -> None:
    case = log()
    document = services.add_attachment(
        case,
        upload=SimpleUploadedFile("notes.txt", b"Visit notes"),
        content_type="text/plain",
        description="",
        by=officer,
    )
    address = reverse("casework:download-attachment", args=[case.reference, document.pk])
    client.force_login(service_manager_b)  # another area's case: not found
    refused = client.get(address)
    client.force_login(officer)
    posted = client.post(address)

    assert (refused.status_code, posted.status_code) == (404, 405)
    assert _views_of(document) == []
    client.get(address)
    assert _views_of(document) == [officer]
