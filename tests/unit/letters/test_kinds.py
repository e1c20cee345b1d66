"""Which letter a case calls for, and what a letter cannot be sent without."""

from dataclasses import replace
from datetime import date

from fairhear.core.procedure import CaseFacts, DeclineReason, Extension
from fairhear.letters.kinds import (
    FIELDS,
    REQUIRED,
    LetterKind,
    marking_gaps,
    missing_fields,
    suggested_kind,
)

RECEIVED = date(2026, 11, 2)
STAGE_1 = CaseFacts(received=RECEIVED, stage_1_started=RECEIVED)


def test_every_letter_needs_only_fields_that_exist() -> None:
    assert set(REQUIRED) == set(LetterKind)
    for names in REQUIRED.values():
        assert set(names) <= FIELDS.keys()


def test_a_new_complaint_calls_for_the_acknowledgement() -> None:
    assert suggested_kind(STAGE_1) is LetterKind.ACKNOWLEDGEMENT


def test_an_extended_stage_one_calls_for_the_extension_letter() -> None:
    extension = Extension(
        decided_on=date(2026, 11, 10),
        reason="Complex",
        complainant_told=True,
        complainant_agreed=True,
        new_due=None,
    )

    assert suggested_kind(replace(STAGE_1, stage_1_extension=extension)) is LetterKind.EXTENSION


def test_each_step_through_the_stages_calls_for_its_letter() -> None:
    replied = replace(STAGE_1, stage_1_replied=date(2026, 11, 13))
    requested = replace(replied, stage_2_requested=date(2026, 11, 20))
    accepted = replace(requested, stage_2_accepted=date(2026, 11, 23))
    adjudicated = replace(accepted, stage_2_adjudicated=date(2027, 1, 8))
    panel = replace(adjudicated, stage_3_requested=date(2027, 1, 15))
    responded = replace(
        panel,
        stage_3_accepted=date(2027, 1, 18),
        stage_3_panel_held=date(2027, 2, 1),
        stage_3_chair_report=date(2027, 2, 3),
        stage_3_responded=date(2027, 2, 10),
    )

    assert [suggested_kind(f) for f in (replied, accepted, adjudicated, panel, responded)] == [
        LetterKind.STAGE_1_RESPONSE,
        LetterKind.STAGE_2_ACCEPTANCE,
        LetterKind.ADJUDICATION,
        LetterKind.PANEL_INVITATION,
        LetterKind.STAGE_3_RESPONSE,
    ]


def test_a_declined_request_calls_for_the_decline_letter() -> None:
    declined = replace(
        STAGE_1,
        stage_1_replied=date(2026, 11, 13),
        stage_2_requested=date(2026, 11, 20),
        stage_2_declined=date(2026, 11, 23),
        stage_2_decline_reason=DeclineReason.OUT_OF_SCOPE,
    )

    assert suggested_kind(declined) is LetterKind.DECLINE


def test_an_empty_field_a_letter_needs_is_missing_and_marked_as_a_gap() -> None:
    values = {"complainant_name": "Jo", "reference": "C-2026-0001", "stage_1_replied": ""}

    assert missing_fields(LetterKind.STAGE_1_RESPONSE, values) == [
        FIELDS["stage_1_replied"],
        FIELDS["stage_2_request_by"],
    ]
    marked = marking_gaps(LetterKind.STAGE_1_RESPONSE, values)
    assert marked["stage_1_replied"] == "[the date of the stage 1 reply: not recorded]"
    assert marked["complainant_name"] == "Jo"
