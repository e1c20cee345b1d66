"""Costs of a case or of the service: added and corrected, never deleted."""

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from fairhear.audit import acting_as
from fairhear.casework.codes import CostKind
from fairhear.casework.models import (
    Contact,
    Cost,
)
from fairhear.casework.services.base import (
    CaseworkError,
    check_current,
    record_event,
    what_changed,
)
from fairhear.core.dates import long_date

PENNY = Decimal("0.01")


def add_cost(
    *,
    on: date,
    kind: CostKind | str,
    amount: Decimal,
    by: User,
    contact: Contact | None = None,
) -> Cost:
    """A cost of handling complaints (of one case, or general such as publicity)."""
    if kind not in CostKind.values:
        raise CaseworkError("Choose what the cost was for.")
    if amount <= 0:
        raise CaseworkError("Enter an amount of more than £0.")
    with transaction.atomic(), acting_as(by):
        cost = Cost.objects.create(contact=contact, date=on, kind=kind, amount=amount)
        if contact is not None:
            record_event(
                contact,
                "fairhear.cost.added",
                f"Cost recorded: {CostKind(kind).label.lower()}, £{amount:,.2f}.",
                by,
            )
    return cost


def correct_cost(
    cost: Cost,
    *,
    on: date,
    kind: CostKind | str,
    amount: Decimal,
    by: User,
    version: str | None = None,
) -> Cost:
    """Put right a cost entered wrongly: its date, what it was for or its amount. Costs are
    never deleted; a correction is audited, and its case's timeline says old and new."""
    if kind not in CostKind.values:
        raise CaseworkError("Choose what the cost was for.")
    if amount <= 0:
        raise CaseworkError("Enter an amount of more than £0.")
    if amount != amount.quantize(PENNY):
        raise CaseworkError("Enter the amount in pounds and pence, like 1250.00.")
    amount = amount.quantize(PENNY)  # as stored, so the audit log sees no change in 300 → 300.00
    with transaction.atomic(), acting_as(by):
        cost = Cost.objects.select_for_update().get(pk=cost.pk)
        check_current(cost, version, "cost")
        changed = what_changed(
            lambda what, old, new: f"{what} {old} → {new}",
            ("date", long_date(cost.date), long_date(on)),
            ("kind", cost.get_kind_display().lower(), CostKind(kind).label.lower()),
            ("amount", f"£{cost.amount:,.2f}", f"£{amount:,.2f}"),
        )
        cost.date = on
        cost.kind = kind
        cost.amount = amount
        cost.save()
        if cost.contact is not None:
            record_event(
                cost.contact,
                "fairhear.cost.corrected",
                f"Cost corrected: {changed}.",
                by,
            )
    return cost
