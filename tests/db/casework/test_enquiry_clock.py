"""Councillors' and MPs' enquiries are answered within the council's own number of working
days (FAIRHEAR_ENQUIRY_REPLY_DAYS), the same limit the reports judge them by."""

from collections.abc import Callable
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from fairhear.casework import services
from fairhear.casework.codes import Route
from fairhear.casework.facts import case_clocks
from fairhear.casework.models import Contact
from fairhear.casework.selectors import dashboard_counts
from fairhear.core.clocks import ClockStatus
from fairhear.core.procedure import CaseState
from fairhear.core.report import Period
from fairhear.reports.engine import build_report
from tests.builders import RECEIVED

pytestmark = pytest.mark.django_db

# Wednesday 1 May 2024: five working days later is Thursday 9 May (Monday 6 May is a bank
# holiday), ten is Thursday 16 May.
DUE_IN_5 = date(2024, 5, 9)
DUE_IN_10 = date(2024, 5, 16)


@pytest.fixture
def enquiry(log: Callable[..., Contact], officer: User) -> Callable[..., Contact]:
    def enquiry(route: Route = Route.MP_ENQUIRY) -> Contact:
        contact = log()
        return services.triage_contact(
            contact,
            version=contact.version,
            route=route,
            reason="The MP writes on a family's behalf.",
            on=RECEIVED,
            by=officer,
        )

    return enquiry


def _enquiry_clock(contact: Contact, today: date) -> ClockStatus:
    (clock,) = (c for c in case_clocks(contact, today=today) if c.label == "Reply to the enquiry")
    assert clock.owed
    return clock.reading.status


@pytest.mark.parametrize("route", [Route.MP_ENQUIRY, Route.MEMBER_ENQUIRY])
@pytest.mark.parametrize(("days", "due"), [(5, DUE_IN_5), (10, DUE_IN_10)])
def test_an_open_enquiry_owes_a_reply_within_the_councils_working_days(
    enquiry: Callable[..., Contact], settings: Settings, route: Route, days: int, due: date
) -> None:
    settings.FAIRHEAR_ENQUIRY_REPLY_DAYS = days

    contact = enquiry(route)

    assert (contact.state, contact.next_step, contact.next_due) == (
        CaseState.RECEIVED,
        "enquiry_reply",
        due,
    )
    assert _enquiry_clock(contact, RECEIVED) is ClockStatus.RUNNING


def test_the_case_page_shows_the_reply_owed_and_how_it_stands(
    enquiry: Callable[..., Contact], officer: User, client: Client, settings: Settings
) -> None:
    settings.FAIRHEAR_ENQUIRY_REPLY_DAYS = 10
    contact = enquiry()
    client.force_login(officer)

    page = client.get(reverse("casework:case", args=[contact.reference])).content.decode()

    next_row = page.split('<dt class="govuk-summary-list__key">Next</dt>')[1].split("</div>")[0]
    assert "Reply to the enquiry due 16 May 2024" in " ".join(next_row.split())
    row = page.split('<th scope="row" class="govuk-table__header">Reply to the enquiry</th>')[1]
    assert "16 May 2024" in row.split("</tr>")[0]
    assert "Overdue" in row.split("</tr>")[0]  # the page is read today, long after


def test_an_enquiry_past_its_due_date_counts_as_overdue_on_the_dashboard(
    enquiry: Callable[..., Contact], officer: User, settings: Settings
) -> None:
    settings.FAIRHEAR_ENQUIRY_REPLY_DAYS = 5
    contact = enquiry()

    on_the_day = dashboard_counts(officer, DUE_IN_5)
    day_after = dashboard_counts(officer, date(2024, 5, 10))

    assert (on_the_day["overdue"], on_the_day["due_this_week"]) == (0, 1)
    assert (day_after["overdue"], day_after["due_this_week"]) == (1, 0)
    assert _enquiry_clock(contact, DUE_IN_5) is ClockStatus.DUE_SOON
    assert _enquiry_clock(contact, date(2024, 5, 10)) is ClockStatus.OVERDUE


@pytest.mark.parametrize(
    ("replied", "status"), [(DUE_IN_5, ClockStatus.MET), (date(2024, 5, 10), ClockStatus.MISSED)]
)
def test_the_reply_closes_the_enquiry_and_its_clock_reads_met_or_missed(
    enquiry: Callable[..., Contact],
    officer: User,
    settings: Settings,
    replied: date,
    status: ClockStatus,
) -> None:
    settings.FAIRHEAR_ENQUIRY_REPLY_DAYS = 5
    contact = enquiry()

    contact = services.record_response(contact, version=contact.version, on=replied, by=officer)

    assert (contact.state, contact.next_step, contact.next_due) == (CaseState.CLOSED, "", None)
    assert _enquiry_clock(contact, date(2024, 6, 3)) is status
    assert dashboard_counts(officer, date(2024, 6, 3))["overdue"] == 0


def test_a_withdrawn_enquiry_owes_nothing_and_its_clock_stops(
    enquiry: Callable[..., Contact], officer: User
) -> None:
    contact = enquiry()

    contact = services.withdraw_contact(
        contact, version=contact.version, on=date(2024, 5, 3), reason="Resolved.", by=officer
    )

    assert (contact.next_step, contact.next_due) == ("", None)
    assert _enquiry_clock(contact, date(2024, 6, 3)) is ClockStatus.STOPPED


def test_a_changed_setting_reaches_stored_statuses_when_they_are_refreshed(
    enquiry: Callable[..., Contact], settings: Settings
) -> None:
    settings.FAIRHEAR_ENQUIRY_REPLY_DAYS = 10
    contact = enquiry()
    assert contact.next_due == DUE_IN_10

    settings.FAIRHEAR_ENQUIRY_REPLY_DAYS = 5

    assert services.refresh_statuses_of([contact.pk]) == 1
    contact.refresh_from_db()
    assert contact.next_due == DUE_IN_5


def test_the_report_counts_in_time_the_enquiries_whose_clock_was_met(
    enquiry: Callable[..., Contact], officer: User, settings: Settings
) -> None:
    settings.FAIRHEAR_ENQUIRY_REPLY_DAYS = 5
    replies = (date(2024, 5, 8), DUE_IN_5, date(2024, 5, 10), date(2024, 5, 13))
    answered = []
    for on in replies:
        contact = enquiry()
        answered.append(
            services.record_response(contact, version=contact.version, on=on, by=officer)
        )

    report = build_report(Period.financial_year(2024), as_at=date(2025, 6, 30))

    (total,) = (r for r in report["tables"]["enquiries"]["rows"] if r["key"] == "total")
    met = [c for c in answered if _enquiry_clock(c, date(2024, 6, 3)) is ClockStatus.MET]
    assert total["cells"]["responded_in_time"] == len(met) == 2
