"""The rights and dates a letter gives are the statutory clocks', across a bank holiday."""

from datetime import date

import pytest
from django.contrib.auth.models import User

from fairhear.casework import services
from fairhear.casework.codes import Outcome
from fairhear.casework.models import Contact, Practitioner
from fairhear.core.procedure import DeclineReason
from fairhear.letters import engine
from fairhear.letters.kinds import Audience, LetterKind, missing_fields
from fairhear.letters.selectors import letter_values, suggested_letter, wording_of
from tests import builders
from tests.db.letters.conftest import fresh

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 12)


def _values(contact: Contact, by: User) -> dict[str, str]:
    return letter_values(fresh(contact), sender=by, today=TODAY)


def test_the_acknowledgement_gives_the_reply_date_after_christmas(
    complaint: Contact, officer: User
) -> None:
    values = _values(complaint, officer)

    # 10 working days from Friday 11 December 2026, skipping 25 and 28 December.
    assert values["stage_1_due"] == "29 December 2026"
    assert suggested_letter(complaint) is LetterKind.ACKNOWLEDGEMENT
    text = engine.render(wording_of(LetterKind.ACKNOWLEDGEMENT, Audience.STANDARD).body, values)
    assert "will reply to you by 29 December 2026" in text
    assert "Dear Jo Bloggs" in text


def test_the_stage_one_response_gives_the_last_day_to_ask_for_stage_two_after_new_year(
    replied: Contact, officer: User
) -> None:
    values = _values(replied, officer)

    # 20 working days from Friday 18 December 2026, skipping 25 and 28 December and 1 January.
    assert values["stage_2_request_by"] == "20 January 2027"
    assert suggested_letter(replied) is LetterKind.STAGE_1_RESPONSE
    for audience in Audience:
        text = engine.render(wording_of(LetterKind.STAGE_1_RESPONSE, audience).body, values)
        assert "by 20 January 2027" in text


def test_each_letter_through_stages_one_to_three_has_its_clock_date(
    replied: Contact, officer: User, people: dict[str, Practitioner]
) -> None:
    contact = builders.request_stage_two(replied, officer, on=date(2027, 1, 5))
    contact = builders.accept_stage_two(contact, officer, on=date(2027, 1, 6))
    assert suggested_letter(contact) is LetterKind.STAGE_2_ACCEPTANCE
    values = _values(contact, officer)
    assert (values["stage_2_accepted"], values["stage_2_due"]) == (
        "6 January 2027",
        "9 February 2027",  # 25 working days from the request (no statement agreed yet)
    )

    contact = builders.start_stage_two(
        contact,
        officer,
        investigating_officer=people["ivan"],
        independent_person=people["iris"],
        on=date(2027, 1, 12),
    )
    # The council's default: from the statement of complaint once it is agreed.
    assert _values(contact, officer)["stage_2_due"] == "16 February 2027"

    contact = builders.adjudicate_stage_two(contact, officer, on=date(2027, 2, 5))
    assert suggested_letter(contact) is LetterKind.ADJUDICATION
    assert _values(contact, officer)["stage_3_request_by"] == "5 March 2027"

    contact = builders.request_stage_three(contact, officer, on=date(2027, 2, 10))
    contact = builders.accept_stage_three(contact, officer, on=date(2027, 2, 11))
    assert suggested_letter(contact) is LetterKind.PANEL_INVITATION
    assert _values(contact, officer)["panel_due"] == "24 March 2027"

    members = [people["pat"], people["paula"], people["piers"]]
    contact = builders.hold_panel(contact, officer, members=members, on=date(2027, 3, 1))
    contact = services.record_chair_report(
        contact, version=contact.version, on=date(2027, 3, 3), by=officer
    )
    contact = services.respond_stage_three(
        contact, version=contact.version, on=date(2027, 3, 10), outcome=Outcome.UPHELD, by=officer
    )
    assert suggested_letter(contact) is LetterKind.STAGE_3_RESPONSE
    values = _values(contact, officer)
    assert values["stage_3_responded"] == "10 March 2027"
    text = engine.render(wording_of(LetterKind.STAGE_3_RESPONSE, Audience.STANDARD).body, values)
    assert "PO Box 4771" in text
    for kind in LetterKind:
        if kind not in (LetterKind.EXTENSION, LetterKind.DECLINE):
            assert missing_fields(kind, values) == [], kind


def test_a_declined_request_gives_the_lawful_reason_and_the_ombudsman(
    replied: Contact, officer: User
) -> None:
    contact = builders.request_stage_two(replied, officer, on=date(2027, 1, 5))
    contact = services.decline_request(
        contact,
        number=2,
        version=contact.version,
        on=date(2027, 1, 7),
        reason=DeclineReason.LEGAL_PROCEEDINGS,
        explanation="Care proceedings are under way about the same matter.",
        by=officer,
    )
    values = _values(contact, officer)

    assert suggested_letter(contact) is LetterKind.DECLINE
    assert values["declined_stage"] == "Stage 2 (investigation)"
    assert values["declined_on"] == "7 January 2027"
    assert values["decline_reason"] == (
        "Legal proceedings. Care proceedings are under way about the same matter."
    )
    assert missing_fields(LetterKind.DECLINE, values) == []


def test_an_extension_gives_the_new_date_and_the_reason(complaint: Contact, officer: User) -> None:
    contact = services.extend_stage_one(
        complaint,
        version=complaint.version,
        on=date(2026, 12, 15),
        reason="We need to speak to two teams.",
        complainant_told=True,
        complainant_agreed=True,
        by=officer,
    )
    values = _values(contact, officer)

    assert suggested_letter(contact) is LetterKind.EXTENSION
    assert values["extended_stage"] == "Stage 1"
    # 20 working days from 11 December 2026, skipping 25 and 28 December and 1 January.
    assert values["extended_due"] == "13 January 2027"
    assert values["extension_reason"] == "We need to speak to two teams."


def test_a_letter_for_a_later_stage_is_missing_its_dates_before_the_case_gets_there(
    complaint: Contact, officer: User
) -> None:
    values = _values(complaint, officer)

    assert missing_fields(LetterKind.STAGE_1_RESPONSE, values) == [
        "The date of the Stage 1 reply",
        "The last day to ask for Stage 2 (20 working days from the reply)",
    ]
