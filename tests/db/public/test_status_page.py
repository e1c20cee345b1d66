import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from fairhear.casework import services
from fairhear.casework.codes import Outcome, Route
from fairhear.casework.models import Contact
from fairhear.core.clocks import stage_one_reply_clock
from fairhear.core.dates import long_date
from fairhear.core.procedure import OPEN_STATES, CaseState, DeclineReason
from fairhear.public.models import PublicSubmission
from tests import builders
from tests.builders import RECEIVED
from tests.db.public.conftest import COMPLAINT_ANSWERS, YOUNG_ANSWERS, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def status_path(client: Client, django_capture_on_commit_callbacks: object) -> str:
    walk(client, "complaint", COMPLAINT_ANSWERS)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post("/complaint/check/")
    link = next(line for line in mail.outbox[0].body.splitlines() if "/status/" in line)
    return link.removeprefix("http://testserver")


@dataclass(frozen=True)
class Shown:
    """What the status page says, as the complainant reads it."""

    stage: str
    due_label: str | None
    due: str | None
    next: str


def _shown(path: str) -> Shown:
    response = Client().get(path)
    assert response.status_code == 200
    page = response.content.decode()

    def text(pattern: str) -> str | None:
        found = re.search(pattern, page, re.DOTALL)
        return html.unescape(found.group(1)).strip() if found else None

    stage = text(r'id="stage">(.*?)</dd>')
    next_ = text(r'id="next">(.*?)</p>')
    assert stage is not None
    assert next_ is not None
    return Shown(
        stage=stage,
        due_label=text(
            r'<dt class="govuk-summary-list__key">([^<]*)</dt>\s*<dd[^>]*id="reply-due"'
        ),
        due=text(r'id="reply-due">(.*?)</dd>'),
        next=next_,
    )


def _complain_online() -> tuple[Contact, str]:
    """A young person complains online; their contact (received on RECEIVED) and status page."""
    client = Client()
    walk(client, "young-person", YOUNG_ANSWERS)
    sent = client.post("/young-person/check/", follow=True).content.decode()
    link = re.search(r'id="status-link">([^<]+)<', sent)
    assert link is not None
    contact = Contact.objects.latest("pk")
    # A fixed past date keeps the dates of the steps staff record after it plain.
    Contact.objects.filter(pk=contact.pk).update(received=RECEIVED)
    contact.refresh_from_db()
    return contact, link.group(1).removeprefix("http://testserver")


def test_the_status_page_shows_the_stage_and_due_date_and_no_personal_data(
    status_path: str,
) -> None:
    response = Client().get(status_path)

    page = response.content.decode()
    contact = Contact.objects.get()
    assert "Received: we are deciding how to handle it" in page
    assert long_date(stage_one_reply_clock(contact.received).due) in page
    for private in ("Sam Jones", "sam@example.com", "07700", "Alex Jones", "review meeting"):
        assert private not in page
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in page


def test_the_token_is_not_stored_and_neither_a_wrong_token_nor_the_reference_opens_it(
    status_path: str,
) -> None:
    token = status_path.split("/")[2]
    contact = Contact.objects.get()

    assert token not in PublicSubmission.objects.get().status_token_hash
    assert len(token) >= 40
    assert Client().get(f"/status/{token[:-1]}x/").status_code == 404
    assert Client().get(f"/status/{contact.reference}/").status_code == 404


def test_the_status_follows_the_case_through_stage_one(status_path: str, officer: User) -> None:
    contact = Contact.objects.get()
    Contact.objects.filter(pk=contact.pk).update(received=date(2024, 1, 8))
    contact.refresh_from_db()
    contact = builders.triage_statutory(contact, officer, on=date(2024, 1, 8))

    shown = _shown(status_path)
    assert shown.stage == "Stage 1: local resolution"
    assert shown.due == "22 January 2024"  # 10 working days after 8 January 2024

    builders.reply_stage_one(contact, officer, on=date(2024, 1, 19), outcome=Outcome.PARTLY_UPHELD)
    shown = _shown(status_path)
    assert shown.stage == "Stage 1: reply sent"
    assert shown.due is None
    assert "by 16 February 2024" in shown.next  # 20 working days after the reply


def test_a_withdrawn_complaint_shows_as_closed_with_the_date(
    status_path: str, officer: User
) -> None:
    contact = Contact.objects.get()
    services.withdraw_contact(
        contact,
        version=contact.version,
        on=contact.received,
        reason="The parent sorted it out with the social worker.",
        by=officer,
    )

    shown = _shown(status_path)

    assert shown.stage == "Closed"
    assert shown.next == f"Your complaint was closed on {long_date(contact.received)}."
    assert shown.due is None


def test_the_status_page_shows_the_stored_next_due_date_in_every_state(officer: User) -> None:
    """Whatever the case's state, the page gives the date the staff pages give, and no other."""
    seen: set[CaseState] = set()
    people = builders.practitioners()
    panel = [people["pat"], people["paula"], people["piers"]]

    def check(contact: Contact, path: str) -> Shown:
        contact.refresh_from_db()
        shown = _shown(path)
        seen.add(CaseState(contact.state))
        if contact.route:
            due = contact.next_due if contact.state in OPEN_STATES else None
            assert shown.due == (long_date(due) if due else None)
        else:
            # Before triage the council owes no step yet: the page repeats the date the
            # acknowledgement gave.
            assert contact.next_due is None
            assert shown.due == long_date(stage_one_reply_clock(contact.received).due)
        return shown

    Step = Callable[[Contact], Contact]

    def steps(path: str, contact: Contact, *taken: tuple[Step, str]) -> Contact:
        """Take each step through the casework services, checking the page after it."""
        for step, stage in taken:
            contact = step(contact)
            assert check(contact, path).stage == stage, step
        return contact

    def by_officer(build: Callable[[Contact, User], Contact]) -> Step:
        return lambda c: build(c, officer)

    def triage(route: Route) -> Step:
        return lambda c: builders.triage(c, officer, route)

    reply_stage_one = by_officer(builders.reply_stage_one)
    request_stage_two = by_officer(builders.request_stage_two)
    accept_stage_two = by_officer(builders.accept_stage_two)

    def start_stage_two(c: Contact) -> Contact:
        return builders.start_stage_two(
            c, officer, investigating_officer=people["ivan"], independent_person=people["iris"]
        )

    # A statutory complaint through all three stages.
    contact, path = _complain_online()
    assert check(contact, path).stage == "Received: we are deciding how to handle it"
    contact = steps(
        path,
        contact,
        (triage(Route.STATUTORY), "Stage 1: local resolution"),
        (
            lambda c: services.extend_stage_one(
                c,
                version=c.version,
                on=date(2024, 5, 8),
                reason="The manager is away.",
                complainant_told=True,
                by=officer,
            ),
            "Stage 1: local resolution",
        ),
        (reply_stage_one, "Stage 1: reply sent"),
        (request_stage_two, "Stage 2: request received"),
        (accept_stage_two, "Stage 2: independent investigation"),
        (start_stage_two, "Stage 2: independent investigation"),
        (by_officer(builders.adjudicate_stage_two), "Stage 2: decision sent"),
    )
    assert "ask for a review panel (Stage 3) by 18 July 2024" in _shown(path).next
    contact = steps(
        path,
        contact,
        (by_officer(builders.request_stage_three), "Stage 3: request received"),
        (by_officer(builders.accept_stage_three), "Stage 3: review panel"),
        (lambda c: builders.hold_panel(c, officer, members=panel), "Stage 3: review panel"),
        (
            lambda c: services.record_chair_report(
                c, version=c.version, on=date(2024, 8, 5), by=officer
            ),
            "Stage 3: review panel",
        ),
    )
    assert "The council will write to you with its response" in _shown(path).next
    steps(
        path,
        contact,
        (
            lambda c: services.respond_stage_three(
                c, version=c.version, on=date(2024, 8, 20), outcome=Outcome.UPHELD, by=officer
            ),
            "Stage 3: review panel",
        ),
    )
    assert "Local Government and Social Care Ombudsman" in _shown(path).next

    # A Stage 2 request declined, and a withdrawal during Stage 2.
    contact, path = _complain_online()
    steps(
        path,
        contact,
        (triage(Route.STATUTORY), "Stage 1: local resolution"),
        (reply_stage_one, "Stage 1: reply sent"),
        (request_stage_two, "Stage 2: request received"),
        (
            lambda c: services.decline_request(
                c,
                number=2,
                version=c.version,
                on=date(2024, 5, 22),
                reason=DeclineReason.OUT_OF_SCOPE,
                explanation="It is about a school, not children's social care.",
                by=officer,
            ),
            "Closed",
        ),
    )
    contact, path = _complain_online()
    steps(
        path,
        contact,
        (triage(Route.STATUTORY), "Stage 1: local resolution"),
        (reply_stage_one, "Stage 1: reply sent"),
        (request_stage_two, "Stage 2: request received"),
        (accept_stage_two, "Stage 2: independent investigation"),
        (
            lambda c: services.withdraw_contact(
                c, version=c.version, on=date(2024, 5, 23), reason="Resolved.", by=officer
            ),
            "Closed",
        ),
    )

    # The other routes: a corporate complaint and an MP's enquiry each have a reply due.
    contact, path = _complain_online()
    steps(
        path,
        contact,
        (triage(Route.CORPORATE), "Corporate complaint"),
        (
            lambda c: services.record_response(
                c, version=c.version, on=date(2024, 5, 9), by=officer
            ),
            "Corporate complaint",
        ),
    )
    assert _shown(path).next == "We replied on 9 May 2024."
    contact, path = _complain_online()
    steps(path, contact, (triage(Route.MP_ENQUIRY), "MP enquiry"))

    assert seen == set(CaseState)


def test_the_due_date_says_what_the_council_owes_next(officer: User) -> None:
    contact, path = _complain_online()
    assert _shown(path).due_label == "Reply due by"
    contact = builders.triage_statutory(contact, officer)
    contact = builders.reply_stage_one(contact, officer, outcome=Outcome.UPHELD)
    builders.request_stage_two(contact, officer)

    shown = _shown(path)

    assert shown.due_label == "Stage 2 decision due by"
    assert "Stage 1" not in shown.next
