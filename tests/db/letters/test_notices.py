"""Notices when a case moves to a new step: sent once the step commits, when the council
switched them on, by the complainant's way of being reached; kept, audited and on the
timeline; a failure recorded and the step kept."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from fairhear.casework import services as casework
from fairhear.casework.codes import Outcome, Route
from fairhear.casework.models import Contact
from fairhear.casework.selectors.audit import case_audit_trail
from fairhear.core.procedure import DeclineReason
from fairhear.letters import notices, services
from fairhear.letters.models import Notice
from fairhear.organisation.models import ServiceArea
from fairhear.public.models import PublicSubmission
from tests import builders
from tests.db.letters.conftest import RECEIVED, STAGE_1_REPLIED, fresh

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]


@pytest.fixture
def switched_on(manager: User) -> None:
    services.switch_step_notices(on=True, by=manager)


@pytest.fixture
def logged(officer: User, area_a: ServiceArea) -> Contact:
    """A complaint from Jo Bloggs, by email, not yet triaged."""
    person = casework.record_person(name="Jo Bloggs", email="jo@example.com", by=officer)
    return builders.log(
        officer, received=RECEIVED, today=RECEIVED, complainant=person, service_area=area_a
    )


def _step(capture: Capture, do: Callable[[], Contact]) -> Contact:
    with capture(execute=True):
        return do()


@pytest.mark.usefixtures("switched_on")
def test_each_step_of_stages_one_to_three_sends_its_notice_with_the_clock_date(
    logged: Contact,
    officer: User,
    settings: Any,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    settings.FAIRHEAR_COUNCIL_NAME = "Exampleshire County Council"
    settings.FAIRHEAR_COMPLAINTS_PHONE = "01234 567890"
    people = builders.practitioners()

    def step(do: Callable[[Contact], Contact]) -> str:
        nonlocal contact
        before = len(mail.outbox)
        contact = _step(django_capture_on_commit_callbacks, lambda: do(fresh(contact)))
        [sent] = mail.outbox[before:]
        assert sent.to == ["jo@example.com"]
        return f"{sent.subject}\n{sent.body}"

    contact = logged
    text = step(lambda c: builders.triage_statutory(c, officer, on=RECEIVED))
    assert "Stage 1 has started" in text
    assert "We will reply by 29 December 2026." in text  # past Christmas and Boxing Day
    assert f"Your reference is {contact.reference}." in text
    assert "If you have a question, call 01234 567890" in text
    assert text.endswith("Exampleshire County Council")

    text = step(lambda c: builders.reply_stage_one(c, officer, on=STAGE_1_REPLIED))
    assert "you can ask for Stage 2 (an investigation) by 20 January 2027." in text

    # The complainant's own request is not a step the council tells them of.
    contact = _step(
        django_capture_on_commit_callbacks,
        lambda: builders.request_stage_two(fresh(contact), officer, on=date(2027, 1, 5)),
    )
    text = step(lambda c: builders.accept_stage_two(c, officer, on=date(2027, 1, 6)))
    assert "We will send you the result by 9 February 2027." in text

    contact = _step(
        django_capture_on_commit_callbacks,
        lambda: builders.start_stage_two(
            fresh(contact),
            officer,
            investigating_officer=people["ivan"],
            independent_person=people["iris"],
            on=date(2027, 1, 12),
        ),
    )
    text = step(
        lambda c: casework.extend_stage_two(
            c,
            version=c.version,
            on=date(2027, 2, 1),
            reason="A key witness is away.",
            complainant_told=True,
            by=officer,
        )
    )
    assert "needs more time" in text
    assert "We will send you the result by " in text

    text = step(lambda c: builders.adjudicate_stage_two(c, officer, on=date(2027, 2, 5)))
    assert "ask for a review panel (Stage 3) by 5 March 2027." in text

    contact = _step(
        django_capture_on_commit_callbacks,
        lambda: builders.request_stage_three(fresh(contact), officer, on=date(2027, 2, 10)),
    )
    text = step(lambda c: builders.accept_stage_three(c, officer, on=date(2027, 2, 11)))
    assert "It will meet by 24 March 2027." in text

    members = [people["pat"], people["paula"], people["piers"]]
    contact = _step(
        django_capture_on_commit_callbacks,
        lambda: builders.hold_panel(fresh(contact), officer, members=members, on=date(2027, 3, 1)),
    )
    contact = casework.record_chair_report(
        contact, version=contact.version, on=date(2027, 3, 3), by=officer
    )
    text = step(
        lambda c: casework.respond_stage_three(
            c, version=c.version, on=date(2027, 3, 10), outcome=Outcome.UPHELD, by=officer
        )
    )
    assert "Ombudsman" in text

    kept = list(Notice.objects.filter(contact=contact).values_list("step", flat=True))
    assert kept == [
        "fairhear.contact.triaged",
        "fairhear.stage1.replied",
        "fairhear.stage2.accepted",
        "fairhear.stage2.extended",
        "fairhear.stage2.adjudicated",
        "fairhear.stage3.accepted",
        "fairhear.stage3.responded",
    ]
    timeline = contact.events.filter(action="fairhear.notice.sent").order_by("pk")
    assert timeline.count() == 7
    assert [event.description for event in timeline[:1]] == [
        "Notice sent by email to jo@example.com: Stage 1 has started."
    ]
    audited = case_audit_trail(contact).filter(content_type__model="notice")
    assert audited.count() == 7


@pytest.mark.usefixtures("switched_on")
def test_a_declined_request_and_a_stage_one_extension_are_told(
    logged: Contact, officer: User, django_capture_on_commit_callbacks: Capture
) -> None:
    contact = builders.triage_statutory(logged, officer, on=RECEIVED)
    with django_capture_on_commit_callbacks(execute=True):
        contact = casework.extend_stage_one(
            fresh(contact),
            version=fresh(contact).version,
            on=date(2026, 12, 16),
            reason="We are waiting for records.",
            complainant_told=True,
            by=officer,
        )
    assert "We need more time" in mail.outbox[-1].subject
    contact = builders.reply_stage_one(fresh(contact), officer, on=STAGE_1_REPLIED)
    contact = builders.request_stage_two(contact, officer, on=date(2027, 1, 5))
    with django_capture_on_commit_callbacks(execute=True):
        casework.decline_request(
            contact,
            number=2,
            version=contact.version,
            on=date(2027, 1, 7),
            reason=DeclineReason.LEGAL_PROCEEDINGS,
            explanation="Care proceedings are under way.",
            by=officer,
        )
    assert "not to investigate your complaint at Stage 2" in mail.outbox[-1].body
    assert "Ombudsman" in mail.outbox[-1].body


def test_nothing_is_sent_until_the_council_switches_notices_on(
    logged: Contact, officer: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        builders.triage_statutory(logged, officer, on=RECEIVED)

    assert mail.outbox == []
    assert not Notice.objects.exists()


@pytest.mark.usefixtures("switched_on")
def test_no_notice_until_the_step_commits(
    logged: Contact, officer: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        builders.triage_statutory(logged, officer, on=RECEIVED)

    assert mail.outbox == []
    assert len(callbacks) == 1


@pytest.mark.usefixtures("switched_on")
def test_a_complainant_who_asked_for_post_gets_no_notice(
    logged: Contact, officer: User, django_capture_on_commit_callbacks: Capture
) -> None:
    services.set_letter_preferences(
        logged,
        version=logged.version,
        letters_by="post",
        large_print=False,
        easy_read=False,
        language="",
        by=officer,
    )
    with django_capture_on_commit_callbacks(execute=True):
        builders.triage_statutory(fresh(logged), officer, on=RECEIVED)

    assert mail.outbox == []


@pytest.mark.usefixtures("switched_on")
def test_a_corporate_complaint_does_not_start_stage_one(
    logged: Contact, officer: User, django_capture_on_commit_callbacks: Capture
) -> None:

    with django_capture_on_commit_callbacks(execute=True):
        builders.triage(logged, officer, Route.CORPORATE, on=RECEIVED)

    assert mail.outbox == []


class FakeTexts:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    def send_sms_notification(
        self, phone_number: str, template_id: str, personalisation: dict[str, str]
    ) -> dict[str, str]:
        self.sent.append({"to": phone_number, "template": template_id, **personalisation})
        return {"id": "fake"}


@pytest.mark.usefixtures("switched_on")
def test_a_complainant_who_prefers_the_phone_gets_a_text_through_notify(
    officer: User,
    area_a: ServiceArea,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    settings.FAIRHEAR_NOTIFY_API_KEY = "test-key"
    settings.FAIRHEAR_NOTIFY_SMS_TEMPLATE_ID = "texts-template"
    fake = FakeTexts()
    monkeypatch.setattr(notices, "text_client", lambda: fake)
    person = casework.record_person(
        name="Sam",
        email="sam@example.com",
        phone="07700 900123",
        preferred_contact="phone",
        by=officer,
    )
    contact = builders.log(
        officer, received=RECEIVED, today=RECEIVED, complainant=person, service_area=area_a
    )
    PublicSubmission.objects.create(contact=contact, journey="complaint", status_token_hash="x")

    with django_capture_on_commit_callbacks(execute=True):
        builders.triage_statutory(contact, officer, on=RECEIVED)

    [text] = fake.sent
    assert (text["to"], text["template"]) == ("07700900123", "texts-template")
    assert "We will reply by 29 December 2026." in text["body"]
    assert "with the private link we sent when you made it" in text["body"]
    assert mail.outbox == []
    notice = Notice.objects.get()
    assert (notice.by, notice.sent_to, notice.failure) == ("text", "07700900123", "")


@pytest.mark.usefixtures("switched_on")
def test_a_failed_notice_is_recorded_and_the_step_stands(
    logged: Contact, officer: User, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    settings.EMAIL_BACKEND = "tests.db.letters.test_notices.BrokenEmail"

    with django_capture_on_commit_callbacks(execute=True):
        contact = builders.triage_statutory(logged, officer, on=RECEIVED)

    assert fresh(contact).stages.filter(number=1).exists()
    notice = Notice.objects.get()
    assert notice.failure == "The mail server is down."
    event = contact.events.order_by("-pk").first()
    assert event is not None
    assert event.action == "fairhear.notice.failed"
    assert event.description == (
        "The notice by email to jo@example.com could not be sent: The mail server is down."
    )
    assert LogEntry.objects.get_for_object(notice).exists()


def test_the_case_letters_page_lists_the_notices(
    client: Client,
    manager: User,
    logged: Contact,
    settings: Any,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    settings.EMAIL_BACKEND = "tests.db.letters.test_notices.BrokenEmail"
    services.switch_step_notices(on=True, by=manager)
    with django_capture_on_commit_callbacks(execute=True):
        builders.triage_statutory(logged, manager, on=RECEIVED)
    client.force_login(manager)

    page = client.get(f"/staff/cases/{logged.reference}/letters/").content.decode()

    assert "Notices of new steps" in page
    assert f"Your complaint {logged.reference}: Stage 1 has started" in page
    assert "Not sent</strong> The mail server is down." in page


class BrokenEmail:
    def __init__(self, **kwargs: Any) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise ConnectionRefusedError("The mail server is down.")


def test_the_complaints_manager_switches_notices_on_and_off(client: Client, manager: User) -> None:
    client.force_login(manager)
    page = client.get("/staff/letters/templates/").content.decode()
    assert "Off: complainants hear of each step only by the letters you send." in page

    response = client.post("/staff/letters/notices/", {"switched_on": "yes"})

    assert response.status_code == 302
    assert notices.switched_on()
    again = client.post("/staff/letters/notices/", {"switched_on": "yes"})
    assert "Nothing was changed." in again.content.decode()
    client.post("/staff/letters/notices/", {"switched_on": "no"})
    assert not notices.switched_on()
