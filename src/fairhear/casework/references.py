"""Contact references: `C-YYYY-NNNN`, numbered within each financial year."""

from datetime import date

from django.db import transaction

from fairhear.casework.models import ReferenceCounter


def financial_year(day: date) -> int:
    """The starting year of the financial year (1 April to 31 March) that holds `day`."""
    return day.year if day.month >= 4 else day.year - 1


def next_reference(received: date) -> str:
    """The next free reference for a contact received on `received`.

    Call inside the transaction that creates the contact: the counter row stays locked until
    it commits, so two contacts created at the same instant never get the same number.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_reference must run inside the transaction that uses it.")
    year = financial_year(received)
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"C-{year}-{counter.last_number:04d}"
