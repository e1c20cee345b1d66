"""A small factory for report tests: contacts with their stages, made directly as rows."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from fairhear.casework.codes import Route
from fairhear.casework.models import (
    Category,
    CategoryOutcome,
    Contact,
    ContactCategory,
    Cost,
    Person,
    Stage,
)
from fairhear.organisation.models import ServiceArea

_numbers = itertools.count(1)


def category(name: str) -> Category:
    found, _ = Category.objects.get_or_create(name=name)
    return found


def complaint(
    received: date,
    *,
    route: str = Route.STATUTORY,
    area: ServiceArea | None = None,
    categories: tuple[str, ...] = (),
    person: str | None = None,
    replied: date | None = None,
    outcome: str = "",
    extended: bool | None = None,
    **fields: Any,
) -> Contact:
    """A contact; a statutory one gets its Stage 1 (replied and outcome when given)."""
    contact = Contact.objects.create(
        reference=f"C-{received.year}-{next(_numbers):04d}",
        received=received,
        route=route,
        service_area=area,
        complainant=Person.objects.get_or_create(key=person)[0] if person else None,
        **fields,
    )
    for position, name in enumerate(categories):
        ContactCategory.objects.create(contact=contact, category=category(name), position=position)
    if route == Route.STATUTORY:
        Stage.objects.create(
            contact=contact, number=1, responded=replied, outcome=outcome, extended=extended
        )
    return contact


def stage(contact: Contact, number: int, **fields: Any) -> Stage:
    return Stage.objects.create(contact=contact, number=number, **fields)


def category_outcome(contact: Contact, name: str, outcome: str) -> CategoryOutcome:
    return CategoryOutcome.objects.create(
        stage=contact.stages.get(number=1), category=category(name), outcome=outcome
    )


def cost(contact: Contact | None, day: date, kind: str, amount: str) -> Cost:
    return Cost.objects.create(contact=contact, date=day, kind=kind, amount=Decimal(amount))
