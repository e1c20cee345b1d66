"""Contacts: logging them from any channel, triage to a route, what they are about and who they
concern, replies outside the statutory procedure, withdrawal, advocacy, documents and
assignments."""

import secrets
from collections.abc import Sequence
from datetime import date

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fairhear.audit import acting_as
from fairhear.casework.codes import (
    AgeBand,
    Channel,
    ChildStatus,
    ComplainantRole,
    Outcome,
    Route,
)
from fairhear.casework.facts import case_facts
from fairhear.casework.models import (
    Attachment,
    CaseAssignment,
    Category,
    Contact,
    ContactCategory,
    EndedAppointment,
    Person,
    Stage,
    phone_digits,
)
from fairhear.casework.references import next_reference
from fairhear.casework.services.base import (
    CaseworkError,
    actor,
    changing,
    check_current,
    core_rules,
    discretion_of,
    listed,
    record_event,
    require_text,
)
from fairhear.core import procedure
from fairhear.core.dates import long_date
from fairhear.organisation.models import ServiceArea, Team


def log_contact(
    *,
    received: date,
    channel: Channel | str,
    by: User | None,
    summary: str = "",
    desired_outcome: str = "",
    complainant: Person | None = None,
    complainant_role: ComplainantRole | str = "",
    relationship: str = "",
    child_name: str = "",
    advocate: bool | None = None,
    advocacy_requested: bool | None = None,
    advocacy_provider: str = "",
    call_back_requested: bool = False,
    child_status: ChildStatus | str = "",
    service_area: ServiceArea | None = None,
    team: Team | None = None,
    categories: Sequence[Category] = (),
    age_band: AgeBand | str = "",
    gender: str = "",
    ethnicity: str = "",
    disability: bool | None = None,
    today: date | None = None,
) -> Contact:
    """Log a contact from any channel. It waits for triage to decide its route.

    The equality monitoring answers (age band of the child, gender, ethnicity, disability)
    are optional: empty means not known. A request for an advocate or a call back goes on the
    timeline too, where the team will see it.

    `by` is the member of staff who logged it, or None for a public online form.
    """
    today = today or date.today()
    if received > today:
        raise CaseworkError(
            f"The date received cannot be in the future: {long_date(received)} is after today."
        )
    _check_service_and_categories(service_area, team, categories)
    with transaction.atomic(), actor(by):
        contact = Contact.objects.create(
            reference=next_reference(received),
            received=received,
            channel=channel,
            summary=summary,
            desired_outcome=desired_outcome.strip(),
            complainant=complainant,
            complainant_role=complainant_role,
            relationship=relationship.strip(),
            child_name=child_name.strip(),
            advocate=advocate,
            advocacy_requested=advocacy_requested,
            advocacy_provider=advocacy_provider.strip(),
            call_back_requested=call_back_requested,
            child_status=child_status,
            service_area=service_area or (team.service_area if team else None),
            team=team,
            age_band=age_band,
            gender=gender.strip(),
            ethnicity=ethnicity.strip(),
            disability=disability,
        )
        ContactCategory.objects.bulk_create(
            ContactCategory(contact=contact, category=category, position=position)
            for position, category in enumerate(categories)
        )
        how = Channel(channel).label.lower() if channel else "an unrecorded channel"
        record_event(contact, "fairhear.contact.logged", f"Contact received by {how}.", by)
        if advocacy_requested:
            record_event(
                contact, "fairhear.contact.advocate_requested", "Asked for an advocate.", by
            )
        if call_back_requested:
            record_event(
                contact, "fairhear.contact.call_back_requested", "Asked us to phone them.", by
            )
    return contact


def _check_service_and_categories(
    service_area: ServiceArea | None, team: Team | None, categories: Sequence[Category]
) -> None:
    if team is not None and service_area is not None and team.service_area_id != service_area.pk:
        raise CaseworkError(f"{team.name} is not a team in {service_area.name}.")
    if len(set(categories)) != len(categories):
        raise CaseworkError("Each category can be chosen once.")


#: The details of a contact staff can correct after logging it, with their names in words.
CONTACT_DETAILS: dict[str, str] = {
    "complainant_role": "who is complaining",
    "relationship": "relationship to the child",
    "child_name": "the child's name",
    "child_status": "the child's situation",
    "service_area": "service area",
    "team": "team",
    "summary": "summary",
    "desired_outcome": "what they would like to happen",
    "age_band": "age",
    "gender": "gender",
    "ethnicity": "ethnicity",
    "disability": "disability",
}


def change_contact_details(
    contact: Contact,
    *,
    version: int,
    by: User,
    service_area: ServiceArea | None,
    team: Team | None,
    categories: Sequence[Category],
    **details: str | bool | None,
) -> Contact:
    """Correct or complete what a contact is about and who it concerns: the service area
    and team (which decide which service manager sees it), the categories in order of fit,
    and the rest of what `CONTACT_DETAILS` names. The timeline says which changed."""
    unknown = set(details) - set(CONTACT_DETAILS)
    if unknown:
        raise TypeError(f"Not a contact detail: {', '.join(sorted(unknown))}")
    if team is not None and service_area is None:
        service_area = team.service_area
    _check_service_and_categories(service_area, team, categories)
    wanted: dict[str, object] = {
        field: value.strip() if isinstance(value, str) else value
        for field, value in details.items()
    }
    wanted.update(service_area=service_area, team=team)
    with changing(contact, version=version, by=by) as locked:
        changed = [
            words
            for field, words in CONTACT_DETAILS.items()
            if field in wanted and getattr(locked, field) != wanted[field]
        ]
        for field, value in wanted.items():
            setattr(locked, field, value)
        links = locked.category_links.order_by("position")
        if list(links.values_list("category", flat=True)) != [c.pk for c in categories]:
            for link in links:
                link.delete()  # one by one, so each goes into the audit log
            for position, category in enumerate(categories):
                ContactCategory.objects.create(contact=locked, category=category, position=position)
            changed.append("categories")
        if not changed:
            raise CaseworkError("Nothing was changed.")
        record_event(locked, "fairhear.contact.details_changed", f"Changed {listed(changed)}.", by)
    return locked


def record_person(
    *,
    name: str,
    by: User | None,
    email: str = "",
    phone: str = "",
    address: str = "",
    preferred_contact: str = "",
) -> Person:
    """Record someone new who complains, compliments or enquires (a fresh pseudonymous key).

    `by` is the member of staff, or None for someone who wrote in through a public form.
    """
    name = require_text(name, "Enter the person's name.")
    with transaction.atomic(), actor(by):
        return Person.objects.create(
            key=f"P-{secrets.token_hex(6)}",
            name=name,
            email=email.strip(),
            phone=phone_digits(phone),
            address=address.strip(),
            preferred_contact=preferred_contact.strip(),
        )


#: The details of a person staff can correct, with their names in words.
PERSON_DETAILS: dict[str, str] = {
    "name": "name",
    "email": "email address",
    "phone": "phone number",
    "address": "address",
}


def correct_person(person: Person, *, version: str | None, by: User, **details: str) -> Person:
    """Correct someone's name or contact details (`PERSON_DETAILS`), refusing a save over
    another's change (`fairhear.versions`). The audit trail keeps the old and new values; each
    of their cases' timelines says which details changed."""
    unknown = set(details) - set(PERSON_DETAILS)
    if unknown:
        raise TypeError(f"Not a person's detail: {', '.join(sorted(unknown))}")
    wanted = {
        field: phone_digits(value) if field == "phone" else value.strip()
        for field, value in details.items()
    }
    if "name" in wanted:
        require_text(wanted["name"], "Enter the person's name.")
    with transaction.atomic(), actor(by):
        locked = Person.objects.select_for_update().get(pk=person.pk)
        check_current(locked, version, "person's details")
        changed = [
            words
            for field, words in PERSON_DETAILS.items()
            if field in wanted and getattr(locked, field) != wanted[field]
        ]
        if not changed:
            raise CaseworkError("Nothing was changed.")
        for field, value in wanted.items():
            setattr(locked, field, value)
        locked.save()
        for contact in locked.contacts.all():
            record_event(
                contact,
                "fairhear.person.corrected",
                f"Corrected the complainant's {listed(changed)}.",
                by,
            )
    return locked


def triage_contact(
    contact: Contact,
    *,
    version: int,
    route: Route | str,
    reason: str,
    on: date,
    by: User,
    eligible: bool | None = None,
    eligibility_reason: str = "",
    matter_date: date | None = None,
    late_discretion: bool | None = None,
    late_discretion_reason: str = "",
) -> Contact:
    """Decide how a contact is handled. A statutory complaint needs its eligibility confirmed
    and, when made more than 12 months after the matter, a reasoned decision on discretion;
    it then enters Stage 1."""
    if route not in Route.values:
        raise CaseworkError("Choose how the contact will be handled.")
    reason = require_text(reason, "Record why this route was chosen.")
    with changing(contact, version=version, by=by) as locked:
        if locked.withdrawn is not None:
            raise CaseworkError(
                f"The contact was withdrawn on {long_date(locked.withdrawn)}: it cannot be triaged."
            )
        if locked.stages.exists():
            raise CaseworkError(
                "The complaint is already in the statutory procedure: its route cannot change."
            )
        if on < locked.received:
            raise CaseworkError(
                f"Triage cannot be dated {long_date(on)}, before the contact was received on "
                f"{long_date(locked.received)}."
            )
        if matter_date is not None and matter_date > locked.received:
            raise CaseworkError(
                f"The matter complained about cannot be after the contact was received "
                f"({long_date(matter_date)} is after {long_date(locked.received)})."
            )
        locked.route = route
        locked.route_reason = reason
        locked.triaged_on = on
        locked.eligible = eligible
        locked.eligibility_reason = eligibility_reason.strip()
        locked.matter_date = matter_date
        discretion = discretion_of(late_discretion, late_discretion_reason, on)
        if route == Route.STATUTORY:
            if eligible is not True:
                raise CaseworkError(
                    "Confirm that the complainant is eligible to make a statutory complaint; "
                    "if they are not, handle it as a corporate complaint."
                )
            facts = procedure.CaseFacts(received=locked.received, matter_date=matter_date)
            with core_rules():
                procedure.check_can_start_stage_one(facts, on=on, discretion=discretion)
            Stage.objects.create(contact=locked, number=1)
        if discretion is not None:
            locked.late_discretion_used = discretion.accepted
            locked.late_discretion_decided = discretion.decided_on
            locked.late_discretion_reason = discretion.reason
        label = Route(route).label.lower()
        record_event(locked, "fairhear.contact.triaged", f"Triaged as {label}: {reason}", by)
    return locked


def record_response(contact: Contact, *, version: int, on: date, by: User) -> Contact:
    """The reply to a contact that is not a statutory complaint (an MP's or member's enquiry,
    a representation, a corporate complaint)."""
    with changing(contact, version=version, by=by) as locked:
        if not locked.route or locked.route == Route.STATUTORY:
            raise CaseworkError(
                "Record the reply of a statutory complaint at its stage; triage a new contact "
                "first."
            )
        if locked.responded is not None:
            raise CaseworkError(f"The reply was already sent on {long_date(locked.responded)}.")
        if locked.withdrawn is not None:
            raise CaseworkError(f"The contact was withdrawn on {long_date(locked.withdrawn)}.")
        if on < locked.received:
            raise CaseworkError(
                f"The reply cannot be dated {long_date(on)}, before the contact was received on "
                f"{long_date(locked.received)}."
            )
        locked.responded = on
        record_event(locked, "fairhear.contact.responded", f"Replied on {long_date(on)}.", by)
    return locked


def withdraw_contact(contact: Contact, *, version: int, on: date, reason: str, by: User) -> Contact:
    """The complainant withdrew, or the contact was cancelled: every running clock stops."""
    reason = require_text(reason, "Record why the contact was withdrawn or cancelled.")
    with changing(contact, version=version, by=by) as locked:
        if locked.route == Route.STATUTORY:
            with core_rules():
                procedure.check_can_withdraw(case_facts(locked), on=on)
        elif locked.withdrawn is not None:
            raise CaseworkError(
                f"The contact was already withdrawn on {long_date(locked.withdrawn)}."
            )
        elif on < locked.received:
            raise CaseworkError(
                f"The withdrawal cannot be dated {long_date(on)}, before the contact was "
                f"received on {long_date(locked.received)}."
            )
        locked.withdrawn = on
        locked.withdrawn_reason = reason
        for stage in locked.stages.all():
            if stage.is_open:
                stage.outcome = Outcome.WITHDRAWN
                stage.save()
        record_event(
            locked, "fairhear.contact.withdrawn", f"Withdrawn on {long_date(on)}: {reason}", by
        )
    return locked


def record_advocacy(
    contact: Contact,
    *,
    version: int,
    by: User,
    advocate: bool | None,
    requested: bool | None,
    offered: date | None,
    accepted: bool | None,
    provider: str,
    today: date | None = None,
) -> Contact:
    """What the child or young person asked for and was offered in advocacy, and who
    advocates. Recorded as it becomes known, so each call replaces what was there."""
    today = today or date.today()
    if accepted is not None and offered is None:
        raise CaseworkError("Enter the date advocacy was offered before whether it was accepted.")
    if offered is not None and offered > today:
        raise CaseworkError(
            f"The date advocacy was offered cannot be in the future: {long_date(offered)} is "
            "after today."
        )
    with changing(contact, version=version, by=by) as locked:
        if offered is not None and offered < locked.received:
            raise CaseworkError(
                f"Advocacy cannot have been offered on {long_date(offered)}, before the contact "
                f"was received on {long_date(locked.received)}."
            )
        locked.advocate = advocate
        locked.advocacy_requested = requested
        locked.advocacy_offered = offered
        locked.advocacy_accepted = accepted
        locked.advocacy_provider = provider.strip()
        record_event(locked, "fairhear.contact.advocacy_recorded", locked.advocacy_summary(), by)
    return locked


def add_attachment(
    contact: Contact, *, upload: UploadedFile, content_type: str, description: str, by: User
) -> Attachment:
    """Keep a file with the case (the form has checked its size and type). The file goes to
    storage first; if the row cannot be written, the stored file is removed again."""
    attachment = Attachment(
        contact=contact,
        original_name=(upload.name or "file")[:255],
        content_type=content_type,
        size=upload.size or 0,
        description=description.strip(),
        uploaded_by=by,
    )
    attachment.file.save(upload.name or "file", upload, save=False)
    try:
        with transaction.atomic(), acting_as(by):
            attachment.save()
            record_event(
                contact,
                "fairhear.contact.document_added",
                f"Added the document {attachment.original_name}"
                f"{f' ({attachment.description})' if attachment.description else ''}.",
                by,
            )
    except BaseException:
        attachment.file.delete(save=False)
        raise
    return attachment


def assign_case(contact: Contact, *, user: User, on: date, reason: str, by: User) -> CaseAssignment:
    """Let a member of staff see and work on one case beyond their usual scope (again, if
    their appointment to it had ended)."""
    with transaction.atomic(), acting_as(by):
        ended = EndedAppointment.objects.select_for_update().filter(contact=contact, user=user)
        again = ended.exists()
        for appointment in ended:
            appointment.delete()  # one by one, so the audit log keeps it
        assignment, created = CaseAssignment.objects.get_or_create(
            contact=contact, user=user, defaults={"assigned": on, "reason": reason.strip()}
        )
        if not created and not again:
            raise CaseworkError(f"{user.get_full_name() or user} is already assigned to this case.")
        if not created:
            assignment.assigned = on
            assignment.reason = reason.strip()
            assignment.save()
        who = user.get_full_name() or user.get_username()
        record_event(contact, "fairhear.case.assigned", f"Assigned to {who}.", by)
    return assignment


def end_appointment(
    contact: Contact, *, user: User, on: date, reason: str, by: User
) -> EndedAppointment:
    """End a person's appointment to a case: from now they no longer see it through the work
    they did on it (their names stay in its stages). Assigning them again restores it."""
    with transaction.atomic(), acting_as(by):
        if EndedAppointment.objects.filter(contact=contact, user=user).exists():
            raise CaseworkError(
                f"{user.get_full_name() or user}'s appointment to this case has already ended."
            )
        ended = EndedAppointment.objects.create(
            contact=contact, user=user, ended=on, reason=reason.strip()
        )
        who = user.get_full_name() or user.get_username()
        record_event(
            contact,
            "fairhear.case.appointment_ended",
            f"{who}'s appointment to the case ended on {long_date(on)}: they no longer see it.",
            by,
        )
    return ended
