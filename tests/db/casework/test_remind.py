"""`fairhear remind`: managers hear of their cases due soon and overdue; the team gets a
digest; running it twice in a day sends nothing twice."""

from collections.abc import Callable
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import CommandError, call_command
from pytest_django.fixtures import Settings

from fairhear.casework import services
from fairhear.casework.models import Contact, ReminderSent
from tests.builders import triage_statutory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(
    log: Callable[..., Contact], officer: User, service_manager_a: User, manager: User
) -> Contact:
    service_manager_a.email = "tomasz@example.org"
    service_manager_a.save()
    manager.email = "morgan@example.org"
    manager.save()
    contact = triage_statutory(log(), officer)
    return services.assign_responsible_manager(
        contact, version=contact.version, manager=service_manager_a, by=officer
    )


def _remind(today: str, *extra: str) -> str:
    out = StringIO()
    call_command("remind", "--today", today, *extra, stdout=out)
    return out.getvalue()


def test_a_manager_is_reminded_of_a_case_due_within_the_window(assigned: Contact) -> None:
    _remind("2024-05-13")  # due 16 May: 3 working days ahead

    to_manager = [m for m in mail.outbox if m.to == ["tomasz@example.org"]]
    assert len(to_manager) == 1
    assert assigned.reference in to_manager[0].body
    assert "Stage 1 reply due 16 May 2024" in to_manager[0].body
    assert "overdue" not in to_manager[0].subject


def test_a_manager_is_not_reminded_of_a_case_due_later(assigned: Contact) -> None:
    _remind("2024-05-08")
    assert not [m for m in mail.outbox if m.to == ["tomasz@example.org"]]


def test_overdue_cases_are_called_overdue(assigned: Contact) -> None:
    _remind("2024-05-20")
    (message,) = [m for m in mail.outbox if m.to == ["tomasz@example.org"]]
    assert "1 overdue" in message.subject
    assert "was due 16 May 2024" in message.body


def test_the_complaints_team_gets_a_daily_digest(
    assigned: Contact, log: Callable[..., Contact]
) -> None:
    log()
    _remind("2024-05-20")
    (digest,) = [m for m in mail.outbox if m.to == ["morgan@example.org"]]
    assert "Awaiting triage: 1" in digest.body
    assert "Overdue: 1" in digest.body
    assert assigned.reference in digest.body


def test_the_digest_goes_to_the_complaints_inbox_when_one_is_set(
    assigned: Contact, settings: Settings
) -> None:
    settings.FAIRHEAR_COMPLAINTS_EMAIL = "complaints@example.org"
    _remind("2024-05-20")
    assert [m.to for m in mail.outbox if m.subject.startswith("Complaints digest")] == [
        ["complaints@example.org"]
    ]


def test_running_twice_in_a_day_sends_each_email_once(assigned: Contact) -> None:
    _remind("2024-05-20")
    first = len(mail.outbox)
    output = _remind("2024-05-20")

    assert len(mail.outbox) == first == 2
    assert "2 were already sent today" in output
    assert ReminderSent.objects.count() == 2
    _remind("2024-05-21")
    assert len(mail.outbox) == 4, "a new day, new reminders"


def test_a_replied_case_needs_no_reminder(assigned: Contact, officer: User) -> None:
    services.reply_stage_one(
        assigned, version=assigned.version, on=date(2024, 5, 14), outcome="upheld", by=officer
    )
    _remind("2024-05-20")
    assert not [m for m in mail.outbox if m.to == ["tomasz@example.org"]]


def test_a_bad_date_is_explained() -> None:
    with pytest.raises(CommandError, match="--today must be a date like 2024-05-01"):
        _remind("20/05/2024")
