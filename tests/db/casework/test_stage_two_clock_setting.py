"""The council chooses what starts the Stage 2 clock; the Ombudsman's view stays beside it."""

from datetime import date

import pytest
from django.test import override_settings

from fairhear.casework.facts import case_clocks
from fairhear.casework.models import Contact, Stage
from fairhear.core.calendar import england_calendar

pytestmark = pytest.mark.django_db

REQUESTED = date(2024, 6, 3)
STATEMENT_AGREED = date(2024, 6, 17)  # ten working days after the request


@pytest.fixture
def at_stage_two() -> Contact:
    contact = Contact.objects.create(
        reference="C-2024-0001", received=date(2024, 5, 1), route="statutory"
    )
    Stage.objects.create(contact=contact, number=1, responded=date(2024, 5, 14), outcome="upheld")
    Stage.objects.create(
        contact=contact,
        number=2,
        requested=REQUESTED,
        decision="accepted",
        started=STATEMENT_AGREED,
    )
    return contact


def _stage_two_due(contact: Contact) -> date:
    clocks = case_clocks(contact, today=date(2024, 6, 20))
    return next(c.reading.due for c in clocks if c.label == "Stage 2 adjudication")


def test_by_default_the_stage_two_clock_starts_when_the_statement_is_agreed(
    at_stage_two: Contact,
) -> None:
    assert _stage_two_due(at_stage_two) == england_calendar().add_working_days(STATEMENT_AGREED, 25)


@override_settings(FAIRHEAR_STAGE_2_CLOCK_START="request")
def test_a_council_can_start_the_stage_two_clock_at_the_request(at_stage_two: Contact) -> None:
    assert _stage_two_due(at_stage_two) == england_calendar().add_working_days(REQUESTED, 25)
