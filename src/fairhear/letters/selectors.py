"""Reads for letters: the template of each letter, a case's fields, and its letters sent."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from fairhear.casework.codes import ComplainantRole, LetterChannel, StageDecision
from fairhear.casework.facts import case_facts, statutory_timescales, step_label
from fairhear.casework.models import Contact, Stage
from fairhear.core.clocks import Clock, ClockName, stage_one_reply_clock
from fairhear.core.dates import long_date
from fairhear.core.procedure import DeclineReason, clocks_for
from fairhear.letters.defaults import DEFAULTS
from fairhear.letters.kinds import (
    OMBUDSMAN_ADDRESS,
    OMBUDSMAN_PHONE,
    OMBUDSMAN_WEBSITE,
    Audience,
    LetterKind,
    suggested_kind,
)
from fairhear.letters.models import Letter, LetterTemplate, Notice


@dataclass(frozen=True)
class Wording:
    """A letter's template as it is used now: the council's own, or the default."""

    kind: LetterKind
    audience: Audience
    subject: str
    body: str
    saved: LetterTemplate | None

    @property
    def is_default(self) -> bool:
        return self.saved is None


def wording_of(kind: LetterKind, audience: Audience) -> Wording:
    saved = LetterTemplate.objects.filter(kind=kind, audience=audience).first()
    if saved is not None:
        return Wording(kind, audience, saved.subject, saved.body, saved)
    subject, body = DEFAULTS[(kind, audience)]
    return Wording(kind, audience, subject, body, None)


def every_wording() -> list[Wording]:
    """Every letter's two versions, in the order of the procedure."""
    saved = {(t.kind, t.audience): t for t in LetterTemplate.objects.select_related("changed_by")}
    found = []
    for kind in LetterKind:
        for audience in Audience:
            template = saved.get((kind.value, audience.value))
            if template is not None:
                found.append(Wording(kind, audience, template.subject, template.body, template))
            else:
                subject, body = DEFAULTS[(kind, audience)]
                found.append(Wording(kind, audience, subject, body, None))
    return found


def _day(day: date | None) -> str:
    return long_date(day) if day is not None else ""


def _stage_name(number: int) -> str:
    return {1: "Stage 1", 2: "Stage 2 (investigation)", 3: "Stage 3 (review panel)"}[number]


def letter_values(contact: Contact, *, sender: User | None, today: date) -> dict[str, str]:
    """Every field of a letter about `contact`, as plain strings: its dates are the
    statutory clocks' (an empty string where the case has not got there). No sender for
    what Fairhear sends by itself (a step's notice)."""
    facts = case_facts(contact)
    clocks = clocks_for(facts, timescales=statutory_timescales())
    stages = {stage.number: stage for stage in contact.stages.all()}
    person = contact.complainant

    def due(name: ClockName) -> str:
        clock = clocks.get(name)
        return _day(clock.due) if clock is not None else ""

    stage_1_due = due(ClockName.STAGE_1_REPLY)
    if not stage_1_due and not contact.route:
        # Before triage no clock runs yet: the acknowledgement promises the statutory date.
        stage_1_due = _day(stage_one_reply_clock(contact.received).due)
    values = {
        "council_name": settings.FAIRHEAR_COUNCIL_NAME,
        "council_address": settings.FAIRHEAR_COUNCIL_ADDRESS,
        "complaints_email": settings.FAIRHEAR_COMPLAINTS_EMAIL,
        "complaints_phone": settings.FAIRHEAR_COMPLAINTS_PHONE,
        "today": _day(today),
        "sender_name": (sender.get_full_name() or sender.get_username()) if sender else "",
        "reference": contact.reference,
        "complainant_name": person.name if person is not None else "",
        "complainant_address": person.address if person is not None else "",
        "child_name": contact.child_name,
        "received": _day(contact.received),
        "stage_1_due": stage_1_due,
        "stage_1_replied": _day(facts.stage_1_replied),
        "stage_2_request_by": due(ClockName.STAGE_2_REQUEST),
        "stage_2_requested": _day(facts.stage_2_requested),
        "stage_2_accepted": _day(facts.stage_2_accepted),
        "stage_2_due": due(ClockName.STAGE_2),
        "stage_2_adjudicated": _day(facts.stage_2_adjudicated),
        "stage_3_request_by": due(ClockName.STAGE_3_REQUEST),
        "stage_3_requested": _day(facts.stage_3_requested),
        "panel_due": due(ClockName.STAGE_3_PANEL),
        "stage_3_responded": _day(facts.stage_3_responded),
        "next_step": step_label(contact.next_step, contact.route) if contact.next_due else "",
        "next_step_due": _day(contact.next_due),
        "ombudsman_address": OMBUDSMAN_ADDRESS,
        "ombudsman_phone": OMBUDSMAN_PHONE,
        "ombudsman_website": OMBUDSMAN_WEBSITE,
        "advocacy_service": contact.advocacy_provider or settings.FAIRHEAR_ADVOCACY_SERVICE,
        **_extension(stages, clocks),
        **_declined(stages),
    }
    return values


def _extension(stages: dict[int, Stage], clocks: dict[ClockName, Clock]) -> dict[str, str]:
    """The latest extended stage: which, the new due date it was given, and why."""
    for number, clock_name in ((2, ClockName.STAGE_2), (1, ClockName.STAGE_1_REPLY)):
        stage = stages.get(number)
        if stage is not None and stage.extended:
            clock = clocks.get(clock_name)
            new_due = stage.extension_new_due or (clock.due if clock is not None else None)
            return {
                "extended_stage": _stage_name(number),
                "extended_due": _day(new_due),
                "extension_reason": stage.extension_reason,
            }
    return {"extended_stage": "", "extended_due": "", "extension_reason": ""}


def _declined(stages: dict[int, Stage]) -> dict[str, str]:
    """The latest declined request: which stage, when, and the lawful reason with its why."""
    for number in (3, 2):
        stage = stages.get(number)
        if stage is not None and stage.decision == StageDecision.DECLINED:
            reason = DeclineReason(stage.decline_code).label if stage.decline_code else ""
            why = stage.decline_reason.strip()
            words = f"{reason[:1].upper()}{reason[1:]}" if reason else ""
            if why:
                words = f"{words}. {why}" if words else why
            return {
                "declined_stage": _stage_name(number),
                "declined_on": _day(stage.decision_date),
                "decline_reason": words,
            }
    return {"declined_stage": "", "declined_on": "", "decline_reason": ""}


def suggested_letter(contact: Contact) -> LetterKind:
    return suggested_kind(case_facts(contact))


def preferred_audience(contact: Contact) -> Audience:
    """The plain-words version for a child or young person, or whoever asked for easy read."""
    if contact.easy_read or contact.complainant_role == ComplainantRole.CHILD:
        return Audience.YOUNG_PERSON
    return Audience.STANDARD


#: What the public form's "how would you like us to contact you?" means for letters.
_ASKED_ONLINE = {"email": LetterChannel.EMAIL, "letter": LetterChannel.POST}


def channels_offered(contact: Contact) -> list[LetterChannel]:
    """Email and post, the complainant's preference first: recorded on the case, else as they
    asked on the online form, else email when they have an address."""
    person = contact.complainant
    first = contact.letters_by
    if not first and person is not None:
        first = _ASKED_ONLINE.get(person.preferred_contact) or (
            LetterChannel.EMAIL if person.email else LetterChannel.POST
        )
    return sorted(LetterChannel, key=lambda channel: channel != (first or LetterChannel.POST))


def letters_of(contact: Contact) -> QuerySet[Letter]:
    return contact.letters.select_related("sent_by").order_by("-sent", "-pk")


def notices_of(contact: Contact) -> QuerySet[Notice]:
    return contact.notices.order_by("-sent", "-pk")


def letter_on(contact: Contact, pk: int) -> Letter:
    """One letter of a case (Http404 for another case's)."""
    return get_object_or_404(Letter, contact=contact, pk=pk)
