"""`fairhear refresh_statuses`: stored due dates follow a change of the council's settings."""

from collections.abc import Callable
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from pytest_django.fixtures import Settings

from fairhear.casework import services
from fairhear.casework.codes import Route
from fairhear.casework.models import Contact
from tests.builders import RECEIVED

pytestmark = pytest.mark.django_db

# Wednesday 1 May 2024: ten working days later is Thursday 16 May, five is Thursday 9 May
# (Monday 6 May is a bank holiday).
DUE_IN_10 = date(2024, 5, 16)
DUE_IN_5 = date(2024, 5, 9)


def _run() -> str:
    out = StringIO()
    call_command("refresh_statuses", stdout=out)
    return out.getvalue()


def test_after_the_enquiry_days_change_the_stored_due_date_is_recomputed(
    log: Callable[..., Contact], officer: User, settings: Settings
) -> None:
    settings.FAIRHEAR_ENQUIRY_REPLY_DAYS = 10
    contact = log()
    enquiry = services.triage_contact(
        contact,
        version=contact.version,
        route=Route.MP_ENQUIRY,
        reason="The MP writes on a family's behalf.",
        on=RECEIVED,
        by=officer,
    )
    untouched = log()
    assert enquiry.next_due == DUE_IN_10

    settings.FAIRHEAR_ENQUIRY_REPLY_DAYS = 5
    output = _run()

    enquiry.refresh_from_db()
    assert enquiry.next_due == DUE_IN_5
    assert Contact.objects.get(pk=untouched.pk).next_due == untouched.next_due
    assert output == "Checked 2 contact(s); 1 had a stale status or due date, now corrected.\n"


def test_a_wrong_stored_status_is_corrected_and_a_second_run_changes_nothing(
    stage_one: Contact,
) -> None:
    right = (stage_one.state, stage_one.next_step, stage_one.next_due)
    Contact.objects.filter(pk=stage_one.pk).update(state="closed", next_step="", next_due=None)

    first = _run()
    second = _run()

    stage_one.refresh_from_db()
    assert (stage_one.state, stage_one.next_step, stage_one.next_due) == right
    assert "Checked 1 contact(s); 1 had" in first
    assert "Checked 1 contact(s); 0 had" in second


def test_with_no_contacts_it_says_so() -> None:
    assert _run().startswith("Checked 0 contact(s); 0 had")
