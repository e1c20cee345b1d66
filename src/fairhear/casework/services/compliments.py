"""Compliments: praise is its own record, never a contact; a contact awaiting triage that is
really praise becomes one."""

from datetime import date
from typing import TypedDict, Unpack

from django.contrib.auth.models import User
from django.db import transaction

from fairhear.audit import acting_as
from fairhear.casework.codes import (
    Channel,
    ComplimentSource,
    Route,
)
from fairhear.casework.models import (
    Compliment,
    Contact,
)
from fairhear.casework.services.base import CaseworkError, changing, check_current
from fairhear.core.dates import long_date
from fairhear.organisation.models import ServiceArea, Team


class ComplimentDetails(TypedDict, total=False):
    """What a compliment says besides when it came: each left out is not known (or empty)."""

    text: str
    service_area: ServiceArea | None
    team: Team | None
    source: ComplimentSource | str
    internal: bool | None
    publish: bool | None


def record_compliment(
    *,
    received: date,
    by: User,
    today: date | None = None,
    **details: Unpack[ComplimentDetails],
) -> Compliment:
    """A compliment about a service or a team."""
    fields = _compliment_fields(received, details, today=today)
    with transaction.atomic(), acting_as(by):
        return Compliment.objects.create(**fields)


def _compliment_fields(
    received: date, details: ComplimentDetails, *, today: date | None
) -> dict[str, object]:
    """A compliment's fields, checked: received by today, and the team in the service area
    (which is the team's when only the team is given)."""
    today = today or date.today()
    if received > today:
        raise CaseworkError(
            f"The date received cannot be in the future: {long_date(received)} is after today."
        )
    service_area, team = details.get("service_area"), details.get("team")
    if team is not None and service_area is not None and team.service_area_id != service_area.pk:
        raise CaseworkError(f"{team.name} is not a team in {service_area.name}.")
    return {
        "received": received,
        "service_area": service_area or (team.service_area if team else None),
        "team": team,
        "source": details.get("source", ""),
        "internal": details.get("internal"),
        "text": details.get("text", "").strip(),
        "publish": details.get("publish"),
    }


def correct_compliment(
    compliment: Compliment,
    *,
    received: date,
    by: User,
    today: date | None = None,
    version: str | None = None,
    **details: Unpack[ComplimentDetails],
) -> Compliment:
    """Correct a compliment: every detail is given again (one left out becomes not known),
    checked as when it was recorded. The audit log keeps the old values beside the new."""
    fields = _compliment_fields(received, details, today=today)
    with transaction.atomic(), acting_as(by):
        compliment = Compliment.objects.select_for_update().get(pk=compliment.pk)
        check_current(compliment, version, "compliment")
        if all(getattr(compliment, field) == value for field, value in fields.items()):
            raise CaseworkError("Nothing was changed.")
        for field, value in fields.items():
            setattr(compliment, field, value)
        compliment.save()
    return compliment


def record_contact_as_compliment(
    contact: Contact,
    *,
    version: int,
    by: User,
    source: ComplimentSource | str = "",
    internal: bool | None = None,
    publish: bool | None = None,
) -> Compliment:
    """A contact logged by phone, letter, email or in person that turns out to be praise.

    The interchange route codes have no `compliment`: a compliment is its own record, never a
    contact. So the compliment is recorded from the contact's date received, service area,
    team and summary, and the mistaken contact is removed, in one transaction. The audit log
    keeps the removed contact's values; its reference is never given to another contact
    (the reference counter only counts up).
    """
    with transaction.atomic():
        with changing(contact, version=version, by=by) as locked:
            _check_can_become_compliment(locked)
            compliment = Compliment.objects.create(
                received=locked.received,
                service_area=locked.service_area,
                team=locked.team,
                source=source,
                internal=internal,
                text=locked.summary.strip(),
                publish=publish,
            )
        # Removed after `changing` has saved it (inside, that save would write it back), and
        # through Model.delete, whose signal per row puts the contact's deletion (and its
        # category links') in the audit log with every value.
        with acting_as(by):
            locked.delete()
    return compliment


def _check_can_become_compliment(contact: Contact) -> None:
    reference = contact.reference
    instead = "only a contact awaiting triage can be recorded as a compliment instead."
    if contact.route:
        route = Route(contact.route).label
        raise CaseworkError(f"{reference} was already triaged ({route}): {instead}")
    if contact.withdrawn is not None:
        raise CaseworkError(
            f"{reference} was withdrawn on {long_date(contact.withdrawn)}: {instead}"
        )
    if contact.channel == Channel.ONLINE_FORM:
        raise CaseworkError(
            f"{reference} came in through the online complaint form, and the person who sent "
            "it may be checking its status page: triage it as a representation instead."
        )
    kept = [
        words
        for words, records in (
            ("documents attached", contact.attachments),
            ("costs", contact.costs),
            ("learning actions", contact.actions),
            ("an Ombudsman case", contact.ombudsman_cases),
        )
        if records.exists()
    ]
    if kept:
        listed = ", ".join(kept[:-1]) + (" and " if len(kept) > 1 else "") + kept[-1]
        raise CaseworkError(
            f"{reference} has {listed}, which a compliment cannot keep: triage it as a "
            "representation instead, so nothing is lost."
        )
