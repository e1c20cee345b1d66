"""The letters the procedure calls for, the named fields their templates may use, and which
letter a case's last step calls for. Pure: no Django, so the rules are unit-tested."""

from enum import StrEnum

from fairhear.core.procedure import CaseFacts, CaseState


class LetterKind(StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    EXTENSION = "extension"
    STAGE_1_RESPONSE = "stage_1_response"
    STAGE_2_ACCEPTANCE = "stage_2_acceptance"
    DECLINE = "decline"
    ADJUDICATION = "adjudication"
    PANEL_INVITATION = "panel_invitation"
    STAGE_3_RESPONSE = "stage_3_response"

    @property
    def label(self) -> str:
        return KIND_TITLES[self]


KIND_TITLES: dict[LetterKind, str] = {
    LetterKind.ACKNOWLEDGEMENT: "Acknowledgement",
    LetterKind.EXTENSION: "Extension of the time to reply",
    LetterKind.STAGE_1_RESPONSE: "Stage 1 response",
    LetterKind.STAGE_2_ACCEPTANCE: "Stage 2 acceptance",
    LetterKind.DECLINE: "Request for a later stage declined",
    LetterKind.ADJUDICATION: "Stage 2 adjudication",
    LetterKind.PANEL_INVITATION: "Review panel invitation",
    LetterKind.STAGE_3_RESPONSE: "The authority's response to the review panel",
}


class Audience(StrEnum):
    STANDARD = "standard"
    YOUNG_PERSON = "young_person"

    @property
    def label(self) -> str:
        return "Young person's version" if self is Audience.YOUNG_PERSON else "Standard version"


#: Every field a template may name, with what it holds. A template naming anything else is
#: refused when it is saved; the values are plain strings, so a template reaches nothing else.
FIELDS: dict[str, str] = {
    "council_name": "The council's name",
    "council_address": "The council's postal address",
    "complaints_email": "The complaints team's email address",
    "complaints_phone": "The complaints team's phone number",
    "today": "The date of the letter",
    "sender_name": "The name of the member of staff sending the letter",
    "reference": "The case reference",
    "complainant_name": "The complainant's name",
    "complainant_address": "The complainant's postal address",
    "child_name": "The child or young person's name",
    "received": "The date the complaint was received",
    "stage_1_due": "The date the Stage 1 reply is due (the statutory clock)",
    "extended_stage": "The stage whose time to reply was extended",
    "extended_due": "The new date the extended stage's reply is due",
    "extension_reason": "Why the time to reply was extended",
    "stage_1_replied": "The date of the Stage 1 reply",
    "stage_2_request_by": "The last day to ask for Stage 2 (20 working days from the reply)",
    "stage_2_requested": "The date Stage 2 was asked for",
    "stage_2_accepted": "The date the Stage 2 request was accepted",
    "stage_2_due": "The date the Stage 2 adjudication is due (the statutory clock)",
    "declined_stage": "The stage whose request was declined",
    "declined_on": "The date the request was declined",
    "decline_reason": "The lawful reason the request was declined, with the explanation",
    "stage_2_adjudicated": "The date of the adjudication",
    "stage_3_request_by": "The last day to ask for a review panel (20 working days)",
    "stage_3_requested": "The date the review panel was asked for",
    "panel_due": "The date by which the review panel must meet (30 working days)",
    "stage_3_responded": "The date of the authority's response to the panel",
    "next_step": "The next step the council owes",
    "next_step_due": "The date the next step is due (the statutory clock)",
    "ombudsman_address": "The Ombudsman's name and postal address",
    "ombudsman_phone": "The Ombudsman's phone number",
    "ombudsman_website": "The Ombudsman's website",
    "advocacy_service": "The advocacy service for children and young people",
}

_WHO = ("complainant_name", "reference")

#: What each letter cannot be sent without: the dates that give the complainant their rights.
REQUIRED: dict[LetterKind, tuple[str, ...]] = {
    LetterKind.ACKNOWLEDGEMENT: (*_WHO, "received", "stage_1_due"),
    LetterKind.EXTENSION: (*_WHO, "extended_stage", "extended_due", "extension_reason"),
    LetterKind.STAGE_1_RESPONSE: (*_WHO, "stage_1_replied", "stage_2_request_by"),
    LetterKind.STAGE_2_ACCEPTANCE: (*_WHO, "stage_2_accepted", "stage_2_due"),
    LetterKind.DECLINE: (
        *_WHO,
        "declined_stage",
        "declined_on",
        "decline_reason",
        "ombudsman_address",
    ),
    LetterKind.ADJUDICATION: (*_WHO, "stage_2_adjudicated", "stage_3_request_by"),
    LetterKind.PANEL_INVITATION: (*_WHO, "stage_3_requested", "panel_due"),
    LetterKind.STAGE_3_RESPONSE: (*_WHO, "stage_3_responded", "ombudsman_address"),
}

#: The Local Government and Social Care Ombudsman's published contact details.
OMBUDSMAN_ADDRESS = "Local Government and Social Care Ombudsman\nPO Box 4771\nCoventry\nCV4 0EH"
OMBUDSMAN_PHONE = "0300 061 0614"
OMBUDSMAN_WEBSITE = "www.lgo.org.uk"


def missing_fields(kind: LetterKind, values: dict[str, str]) -> list[str]:
    """The fields `kind` needs that the case has no value for, as their descriptions."""
    return [FIELDS[name] for name in REQUIRED[kind] if not values.get(name, "").strip()]


def marking_gaps(kind: LetterKind, values: dict[str, str]) -> dict[str, str]:
    """The values with each empty field the letter needs shown as a gap in square brackets,
    so whoever reviews the letter sees what is missing (and it cannot be sent)."""
    marked = dict(values)
    for name in REQUIRED[kind]:
        if not marked.get(name, "").strip():
            marked[name] = f"[{FIELDS[name].lower()}: not recorded]"
    return marked


def suggested_kind(facts: CaseFacts) -> LetterKind:
    """The letter the case's latest step calls for."""
    if facts.stage_3_declined is not None or (
        facts.stage_2_declined is not None and facts.stage_3_requested is None
    ):
        return LetterKind.DECLINE
    if facts.stage_3_responded is not None:
        return LetterKind.STAGE_3_RESPONSE
    if facts.stage_3_requested is not None:
        return LetterKind.PANEL_INVITATION
    if facts.stage_2_adjudicated is not None:
        return LetterKind.ADJUDICATION
    if facts.stage_2_extension is not None:
        return LetterKind.EXTENSION
    if facts.stage_2_requested is not None and facts.state is not CaseState.STAGE_2_REQUESTED:
        return LetterKind.STAGE_2_ACCEPTANCE
    if facts.stage_1_replied is not None:
        return LetterKind.STAGE_1_RESPONSE
    if facts.stage_1_extension is not None:
        return LetterKind.EXTENSION
    return LetterKind.ACKNOWLEDGEMENT
