"""Staff are told of new online contacts on their dashboard; complainants see their
complaint's progress as the staff pages show it."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from fairhear.casework import services
from fairhear.casework.codes import Channel, Outcome, Route
from fairhear.casework.models import Contact, Stage
from fairhear.casework.selectors import likely_duplicates
from fairhear.core.procedure import DeclineReason
from fairhear.public.selectors import progress_of
from tests import builders
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
    builders.log(officer, received=timezone.localdate(), channel=Channel.EMAIL)
    client.force_login(officer)

    response = client.get("/staff/")

    new_online = response.context["work"].new_online
    assert {case.reference for case in new_online.cases} == {first.reference, second.reference}
    assert "New online contacts to triage" in response.content.decode()
    listed = client.get("/staff/cases/?status=awaiting_triage&channel=online_form").content
    assert first.reference.encode() in listed
    assert second.reference.encode() in listed
    assert triaged.reference.encode() not in listed


def test_someone_who_complained_online_is_found_again_by_their_phone_number() -> None:
    _submit()  # the young person's form gives the phone number as "07700 900 123"

    found = likely_duplicates(phone="077009 00123")

    assert [person.phone for person in found] == ["07700900123"]


def test_an_open_case_is_read_from_its_stored_status_alone(
    officer: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    contact = Contact.objects.get(pk=builders.stage_one(officer).pk)

    with django_assert_num_queries(0):
        progress = progress_of(contact)

    assert progress.stage == "Stage 1: local resolution"
    assert progress.due == contact.next_due


def test_a_declined_request_tells_the_complainant_they_can_go_to_the_ombudsman(
    officer: User,
) -> None:
    contact = builders.stage_one(officer)
    contact = builders.reply_stage_one(contact, officer, outcome=Outcome.UPHELD)
    contact = builders.request_stage_two(contact, officer)
    contact = services.decline_request(
        contact,
        number=2,
        version=contact.version,
        on=date(2024, 5, 22),
        reason=DeclineReason.OUT_OF_SCOPE,
        explanation="It is about a school, not children's social care.",
        by=officer,
    )

    progress = progress_of(contact)

    assert progress.stage == "Closed"
    assert progress.due is None
    assert "We wrote to you on 22 May 2024" in progress.what_happens_next
    assert "Stage 2" in progress.what_happens_next
    assert "Ombudsman" in progress.what_happens_next
    assert "school" not in progress.what_happens_next  # the council's reasons stay in its letter


def test_a_stage_closed_without_a_reply_shows_closed_with_the_date(officer: User) -> None:
    contact = builders.stage_one(officer)
    # An import writes the stage as the council's old system had it, then refreshes the status.
    Stage.objects.filter(contact=contact, number=1).update(closed=date(2024, 5, 9))
    services.refresh_statuses([contact])

    progress = progress_of(Contact.objects.get(pk=contact.pk))

    assert progress.stage == "Closed"
    assert progress.what_happens_next == "Your complaint was closed on 9 May 2024."
    assert progress.due is None


def test_an_enquiry_outside_the_procedure_shows_its_reply_date_as_on_the_staff_pages(
    officer: User,
) -> None:
    contact = builders.triage(builders.log(officer), officer, Route.MEMBER_ENQUIRY)

    progress = progress_of(contact)

    assert progress.stage == "Member enquiry"
    assert (progress.due_label, progress.due) == ("Reply due by", date(2024, 5, 16))
    assert progress.due == contact.next_due, "the same date as on the staff pages"
    assert "will reply" in progress.what_happens_next
