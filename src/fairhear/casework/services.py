"""Every change to case data. Each runs in one transaction, refuses bad changes with a
CaseworkError in plain words, is audited, and adds an event to the case's timeline."""

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from fairhear.audit import acting_as
from fairhear.casework.codes import Channel, ChildStatus, ComplainantRole
from fairhear.casework.models import CaseEvent, Category, Contact, ContactCategory, Person
from fairhear.casework.references import next_reference
from fairhear.core.dates import long_date
from fairhear.organisation.models import ServiceArea, Team


class CaseworkError(Exception):
    """A change to a case that cannot be made, with the reason in plain words."""


def record_event(contact: Contact, action: str, description: str, by: User | None) -> CaseEvent:
    """Add a line to the contact's timeline. `action` is a dotted code: fairhear.<thing>.<verb>."""
    return CaseEvent.objects.create(contact=contact, action=action, description=description, by=by)


def log_contact(
    *,
    received: date,
    channel: Channel | str,
    by: User | None,
    summary: str = "",
    complainant: Person | None = None,
    complainant_role: ComplainantRole | str = "",
    advocate: bool | None = None,
    child_status: ChildStatus | str = "",
    service_area: ServiceArea | None = None,
    team: Team | None = None,
    categories: Sequence[Category] = (),
    today: date | None = None,
) -> Contact:
    """Log a contact from any channel. It waits for triage to decide its route.

    `by` is the member of staff who logged it, or None for a public online form.
    """
    today = today or date.today()
    if received > today:
        raise CaseworkError(
            f"The date received cannot be in the future: {long_date(received)} is after today."
        )
    if team is not None and service_area is not None and team.service_area_id != service_area.pk:
        raise CaseworkError(f"{team.name} is not a team in {service_area.name}.")
    if len(set(categories)) != len(categories):
        raise CaseworkError("Each category can be chosen once.")
    with transaction.atomic(), _actor(by):
        contact = Contact.objects.create(
            reference=next_reference(received),
            received=received,
            channel=channel,
            summary=summary,
            complainant=complainant,
            complainant_role=complainant_role,
            advocate=advocate,
            child_status=child_status,
            service_area=service_area or (team.service_area if team else None),
            team=team,
        )
        ContactCategory.objects.bulk_create(
            ContactCategory(contact=contact, category=category, position=position)
            for position, category in enumerate(categories)
        )
        how = Channel(channel).label.lower() if channel else "an unrecorded channel"
        record_event(contact, "fairhear.contact.logged", f"Contact received by {how}.", by)
    return contact


def _actor(by: User | None) -> AbstractContextManager[None]:
    # A public submission has no member of staff behind it.
    return acting_as(by) if by is not None else nullcontext()
