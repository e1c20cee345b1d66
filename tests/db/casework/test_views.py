"""The casework pages: what they show, and that forms reach the services. Who may open which
is in the permission matrix, tests/db/test_permissions.py."""

from collections.abc import Callable
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.forms import PanelHeldForm
from fairhear.casework.models import Category, Contact, Person
from fairhear.core.procedure import CaseState
from fairhear.organisation.models import ServiceArea
from tests.builders import log_through_pages, triage_statutory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(stage_one: Contact, area_b: ServiceArea) -> Contact:
    return stage_one  # in area A; area B exists so service_manager_b has a scope


def test_a_service_manager_posting_to_another_teams_case_is_not_found_and_nothing_changes(
    client: Client, service_manager_b: User, case: Contact
) -> None:
    client.force_login(service_manager_b)
    response = client.post(
        reverse("casework:step", args=[case.reference, "stage-1-reply"]),
        {"version": case.version, "on_0": "10", "on_1": "5", "on_2": "2024", "outcome": "upheld"},
    )
    assert response.status_code == 404
    assert Contact.objects.get(pk=case.pk).stages.get().responded is None


def test_the_dashboard_counts_in_a_bounded_number_of_queries(
    client: Client, officer: User, log: Callable[..., Contact]
) -> None:
    client.force_login(officer)
    client.get(reverse("staff-home"))  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("staff-home"))
    for _ in range(15):
        log()
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("staff-home"))

    # 21st: the complaints not acknowledged by email; 22nd: the requests about personal data
    # open (subject access, correction and erasure, in one query).
    assert len(many) == len(few) <= 22
    assert response.context["figures"]["awaiting_triage"] == 15


def test_a_filtered_case_list_runs_the_same_few_queries_however_many_cases_it_shows(
    client: Client, officer: User, log: Callable[..., Contact], area_a: ServiceArea
) -> None:
    filters = {
        "status": "open",
        "service_area": str(area_a.pk),
        "received_from": "1/4/2024",
        "sort": "due",
    }
    client.force_login(officer)
    client.get(reverse("casework:list"), filters)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("casework:list"), filters)
    for _ in range(30):
        triage_statutory(log(), officer)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("casework:list"), filters)

    assert response.context["page"].paginator.count == 30
    assert len(many) <= 12
    assert len(many) - len(few) <= 1, "a page of rows may add one query, never one per row"


def test_the_case_list_filters_searches_and_paginates(
    client: Client, officer: User, log: Callable[..., Contact]
) -> None:
    jo = Person.objects.create(key="P-jo", name="Jo Bloggs")
    found = log(complainant=jo, summary="Missed visits")
    for _ in range(55):
        log()
    client.force_login(officer)

    by_name = client.get(reverse("casework:list"), {"q": "bloggs"})
    by_words = client.get(reverse("casework:list"), {"q": "missed VISITS"})
    by_reference = client.get(reverse("casework:list"), {"q": found.reference})
    second_page = client.get(reverse("casework:list"), {"status": "awaiting_triage", "page": "2"})

    for response in (by_name, by_words, by_reference):
        assert [c.reference for c in response.context["page"].object_list] == [found.reference]
    assert second_page.context["page"].paginator.count == 56
    assert len(second_page.context["page"].object_list) == 6
    assert "govuk-pagination" in second_page.content.decode()


def test_a_bad_filter_is_explained_not_ignored_silently(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.get(reverse("casework:list"), {"received_from": "31/02/2024"})
    assert "received from" in response.content.decode().lower()
    assert response.context["form"].errors


def test_viewing_a_case_is_recorded_for_the_complaints_manager(
    client: Client, officer: User, manager: User, case: Contact
) -> None:
    client.force_login(officer)
    client.get(reverse("casework:case", args=[case.reference]))
    client.force_login(manager)

    history = client.get(reverse("casework:history", args=[case.reference]))

    views = LogEntry.objects.get_for_object(case).filter(action=LogEntry.Action.ACCESS)
    # The manager's opening of the history is a view too, logged after the page is written.
    assert [view.actor for view in views.order_by("pk")] == [officer, manager]
    assert [view.actor for view in history.context["views"]] == [officer]
    assert "priya" in history.content.decode()


def test_logging_a_contact_warns_of_a_likely_duplicate_and_links_the_chosen_person(
    client: Client, officer: User, area_a: ServiceArea
) -> None:
    jo = Person.objects.create(key="P-jo", name="Jo Bloggs", email="jo@example.org")
    client.force_login(officer)
    arrival = {"received_0": "1", "received_1": "5", "received_2": "2024", "channel": "telephone"}
    client.post(reverse("casework:log-page", args=["arrival"]), arrival)
    client.post(reverse("casework:log-page", args=["complainant"]), {"name": "Jo Bloggs"})
    details = reverse("casework:log-page", args=["contact-details"])

    warned = client.post(details, {"email": "", "phone": ""})

    assert warned.status_code == 200
    page = warned.content.decode()
    assert "already recorded" in page
    assert "Choose whether the complainant is one of the people already recorded" in page

    client.post(details, {"person": str(jo.pk)})
    for slug in ("child", "about", "equality"):
        client.post(reverse("casework:log-page", args=[slug]), {})
    check = client.get(reverse("casework:log-check"))
    assert ("Is this someone already recorded?", "Jo Bloggs, jo@example.org, no phone") in (
        check.context["sections"][2]["rows"]
    )
    assert not Contact.objects.exists(), "nothing is logged until the answers are checked"
    client.post(reverse("casework:log-check"), {"shown": check.context["form"]["shown"].value()})

    contact = Contact.objects.get()
    assert contact.complainant == jo
    assert Person.objects.count() == 1


def test_logging_a_contact_records_the_advocate_and_equality_monitoring(
    client: Client, officer: User
) -> None:
    client.force_login(officer)

    response = log_through_pages(
        client,
        received_0="1",
        received_1="5",
        received_2="2024",
        channel="advocate",
        complainant_role="child",
        advocate="yes",
        age_band="10-15",
        gender="Female",
        ethnicity="White: Irish",
        disability="",
    )

    contact = Contact.objects.get()
    assert response.context["contact"] == contact
    assert contact.advocate is True
    assert (contact.age_band, contact.gender, contact.ethnicity) == (
        "10-15",
        "Female",
        "White: Irish",
    )
    assert contact.disability is None, "not answered is not known, never no"


def test_a_stale_form_is_refused_with_a_clear_message(
    client: Client, officer: User, manager: User, case: Contact
) -> None:
    seen = case.version
    services.extend_stage_one(
        case,
        version=seen,
        on=date(2024, 5, 7),
        reason="Records.",
        complainant_told=True,
        by=manager,
    )
    client.force_login(officer)

    response = client.post(
        reverse("casework:step", args=[case.reference, "stage-1-reply"]),
        {"version": seen, "on_0": "10", "on_1": "5", "on_2": "2024", "outcome": "upheld"},
    )

    assert response.status_code == 200
    assert "Someone else changed this case while you were editing it" in response.content.decode()


def test_triage_through_the_form_starts_stage_one(
    client: Client, officer: User, log: Callable[..., Contact]
) -> None:
    contact = log()
    client.force_login(officer)

    response = client.post(
        reverse("casework:step", args=[contact.reference, "triage"]),
        {
            "version": contact.version,
            "route": "statutory",
            "reason": "Parent of a child in care.",
            "on_0": "1",
            "on_1": "5",
            "on_2": "2024",
            "eligible": "yes",
        },
    )

    assert response.status_code == 302
    assert Contact.objects.get(pk=contact.pk).state == CaseState.STAGE_1


def test_a_core_refusal_shows_as_an_error_on_the_form(
    client: Client, officer: User, case: Contact
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("casework:step", args=[case.reference, "stage-2-decision"]),
        {"version": case.version, "decision": "decline", "on_0": "1", "on_1": "6", "on_2": "2024"},
    )
    assert "Choose the lawful reason to decline" in response.content.decode()


def test_an_impossible_date_on_a_dated_step_names_that_date(
    client: Client, officer: User, case: Contact
) -> None:
    form = PanelHeldForm(
        {"version": case.version, "on_0": "31", "on_1": "2", "on_2": "2024"}, contact=case
    )

    assert not form.is_valid()
    assert form.errors["on"] == ["The date the review panel met must be a real date"]


def test_the_audit_history_shows_old_and_new_values_of_a_stages_changes(
    client: Client, manager: User, officer: User, case: Contact
) -> None:
    services.extend_stage_one(
        case,
        version=case.version,
        on=date(2024, 5, 7),
        reason="Records are with another team.",
        complainant_told=True,
        by=officer,
    )
    client.force_login(manager)

    page = client.get(reverse("casework:history", args=[case.reference])).content.decode()

    assert f"{case.reference} stage 1" in page
    assert "Extension reason: none → Records are with another team." in page
    assert officer.get_full_name() in page


def test_the_audit_history_keeps_a_category_removed_from_the_case(
    client: Client, manager: User, officer: User, log: Callable[..., Contact], area_a: ServiceArea
) -> None:
    visits, letters = (
        Category.objects.create(name="Visits"),
        Category.objects.create(name="Letters"),
    )
    contact = log(categories=[visits, letters])
    services.change_contact_details(
        contact,
        version=contact.version,
        service_area=area_a,
        team=None,
        categories=[visits],
        by=officer,
    )
    client.force_login(manager)

    page = client.get(reverse("casework:history", args=[contact.reference])).content.decode()

    assert f"{contact.reference}: Letters (delete)" in page
