"""The short notice a complainant is sent when their case moves to a new step, and how it
reaches them. Pure: the words and the choice of channel, tested without a database."""

from dataclasses import dataclass
from enum import StrEnum

_OMBUDSMAN = (
    "If you are not happy with this, you can ask the Local Government and Social Care "
    "Ombudsman to look at your complaint."
)


@dataclass(frozen=True)
class Step:
    """A step the complainant hears about: what happened, and what comes next (its date a
    letter field, left out when the case has no such date)."""

    subject: str
    happened: str
    then: str = ""
    field: str = ""


#: Each step, by the case timeline's action code.
STEPS: dict[str, Step] = {
    "fairhear.contact.triaged": Step(
        "Stage 1 has started",
        "Your complaint is at Stage 1 of the complaints procedure.",
        "We will reply by {}.",
        "stage_1_due",
    ),
    "fairhear.stage1.extended": Step(
        "We need more time",
        "We need more time to reply to your complaint at Stage 1.",
        "We will reply by {}.",
        "extended_due",
    ),
    "fairhear.stage1.replied": Step(
        "Our reply",
        "We have sent you our reply to your complaint.",
        "If you are not happy with it, you can ask for Stage 2 (an investigation) by {}.",
        "stage_2_request_by",
    ),
    "fairhear.stage2.accepted": Step(
        "Stage 2 has started",
        "Your complaint will be investigated at Stage 2.",
        "We will send you the result by {}.",
        "stage_2_due",
    ),
    "fairhear.stage2.extended": Step(
        "The investigation needs more time",
        "The investigation of your complaint needs more time.",
        "We will send you the result by {}.",
        "extended_due",
    ),
    "fairhear.stage2.declined": Step(
        "Your request for Stage 2",
        "We have decided not to investigate your complaint at Stage 2. We have written to "
        "you to say why.",
        _OMBUDSMAN,
    ),
    "fairhear.stage2.adjudicated": Step(
        "The result of the investigation",
        "We have sent you the result of the Stage 2 investigation.",
        "If you are not happy with it, you can ask for a review panel (Stage 3) by {}.",
        "stage_3_request_by",
    ),
    "fairhear.stage3.accepted": Step(
        "A review panel will meet",
        "A review panel will look at your complaint (Stage 3).",
        "It will meet by {}.",
        "panel_due",
    ),
    "fairhear.stage3.declined": Step(
        "Your request for a review panel",
        "We have decided not to hold a review panel. We have written to you to say why.",
        _OMBUDSMAN,
    ),
    "fairhear.stage3.responded": Step(
        "Our response to the review panel",
        "We have sent you our response to the review panel's recommendations.",
        _OMBUDSMAN,
    ),
}


class By(StrEnum):
    EMAIL = "email"
    TEXT = "text"


def notice(step: Step, values: dict[str, str], *, followed_online: bool) -> tuple[str, str]:
    """The subject and text of the notice: the step, what comes next (with its date from the
    statutory clock), the reference and who to contact, in a few plain sentences."""
    sentences = [step.happened]
    if step.then and (not step.field or values.get(step.field)):
        sentences.append(step.then.format(values.get(step.field, "")))
    sentences.append(f"Your reference is {values['reference']}.")
    if followed_online:
        # The status page's address holds a secret only the complainant was given.
        sentences.append(
            "You can follow your complaint online with the private link we sent when you made it."
        )
    ask = " or ".join(
        part
        for part in (
            f"call {values['complaints_phone']}" if values.get("complaints_phone") else "",
            f"email {values['complaints_email']}" if values.get("complaints_email") else "",
        )
        if part
    )
    if ask:
        sentences.append(f"If you have a question, {ask}.")
    sentences.append(values["council_name"])
    subject = f"Your complaint {values['reference']}: {step.subject}"
    return subject, "\n\n".join(sentences)


def reach(
    *, prefers: str, letters_by: str, email: str, phone: str, texts: bool
) -> tuple[By, str] | None:
    """How to reach the complainant, as they asked: by text when they prefer the phone (and
    the council sends texts), else by email; nothing when they asked for letters by post or
    gave no way to reach them that way."""
    if letters_by == "post" or (not letters_by and prefers == "letter"):
        return None
    if prefers == "phone" and phone and texts:
        return By.TEXT, phone
    if email:
        return By.EMAIL, email
    if phone and texts:
        return By.TEXT, phone
    return None
