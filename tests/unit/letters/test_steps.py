"""A step's notice: its words and dates, and how it reaches the complainant."""

import pytest

from fairhear.letters.steps import STEPS, By, notice, reach

VALUES = {
    "reference": "C-2026-0001",
    "council_name": "Exampleshire County Council",
    "complaints_phone": "",
    "complaints_email": "complaints@example.gov.uk",
    "stage_1_due": "29 December 2026",
    "stage_2_request_by": "",
}


def test_a_notice_gives_the_step_its_date_the_reference_and_who_to_ask() -> None:
    subject, text = notice(STEPS["fairhear.contact.triaged"], VALUES, followed_online=False)

    assert subject == "Your complaint C-2026-0001: Stage 1 has started"
    assert text.split("\n\n") == [
        "Your complaint is at Stage 1 of the complaints procedure.",
        "We will reply by 29 December 2026.",
        "Your reference is C-2026-0001.",
        "If you have a question, email complaints@example.gov.uk.",
        "Exampleshire County Council",
    ]


def test_a_date_the_case_lacks_leaves_its_sentence_out_rather_than_a_gap() -> None:
    _, text = notice(STEPS["fairhear.stage1.replied"], VALUES, followed_online=True)

    assert "Stage 2" not in text
    assert "by ." not in text
    assert "with the private link we sent when you made it" in text


def test_every_step_names_a_letter_field_only_with_a_place_for_its_date() -> None:
    for step in STEPS.values():
        assert ("{}" in step.then) == bool(step.field), step.subject


@pytest.mark.parametrize(
    ("prefers", "letters_by", "email", "phone", "texts", "expected"),
    [
        ("email", "", "jo@example.com", "07700900123", True, (By.EMAIL, "jo@example.com")),
        ("phone", "", "jo@example.com", "07700900123", True, (By.TEXT, "07700900123")),
        # Texts not set up: the phone's preference falls back to email.
        ("phone", "", "jo@example.com", "07700900123", False, (By.EMAIL, "jo@example.com")),
        ("", "", "", "07700900123", True, (By.TEXT, "07700900123")),
        ("", "", "", "07700900123", False, None),
        ("letter", "", "jo@example.com", "", True, None),
        ("email", "post", "jo@example.com", "", True, None),
        # Letters by email recorded on the case outweigh the form's "letter".
        ("letter", "email", "jo@example.com", "", True, (By.EMAIL, "jo@example.com")),
    ],
)
def test_a_notice_reaches_the_complainant_as_they_asked(
    prefers: str, letters_by: str, email: str, phone: str, texts: bool, expected: object
) -> None:
    got = reach(prefers=prefers, letters_by=letters_by, email=email, phone=phone, texts=texts)
    assert got == expected
