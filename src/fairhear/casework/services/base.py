"""What every casework service shares: the error, the timeline, the lock and version check,
the bridge to the core's rules, and the cached status kept on each contact."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from fairhear.audit import acting_as
from fairhear.casework.facts import case_facts, next_owed
from fairhear.casework.models import (
    CaseEvent,
    Contact,
    Stage,
)
from fairhear.core.dates import long_date
from fairhear.core.procedure import (
    CaseFacts,
    Discretion,
    ProcedureError,
)
from fairhear.versions import is_current


class CaseworkError(Exception):
    """A change to a case that cannot be made, with the reason in plain words."""


def record_event(contact: Contact, action: str, description: str, by: User | None) -> CaseEvent:
    """Add a line to the contact's timeline. `action` is a dotted code: fairhear.<thing>.<verb>."""
    return CaseEvent.objects.create(contact=contact, action=action, description=description, by=by)


def actor(by: User | None) -> AbstractContextManager[None]:
    # A public submission has no member of staff behind it.
    return acting_as(by) if by is not None else nullcontext()


@contextmanager
def core_rules() -> Iterator[None]:
    """The core's refusal, as the casework's."""
    try:
        yield
    except ProcedureError as error:
        raise CaseworkError(str(error)) from error


def refresh_status(contact: Contact) -> None:
    """Recompute where the case stands and the next step owed (not saved). Imports that write
    contacts directly call this (or `refresh_statuses`) so lists and reminders see them."""
    facts = case_facts(contact)
    contact.state = facts.state
    contact.next_step, contact.next_due = next_owed(contact, facts)


def refresh_statuses_of(contact_ids: Iterable[int], *, batch_size: int = 2000) -> int:
    """Recompute the status of contacts written in bulk (imports, the demo), in batches.

    The status fields are a cache of what the stages say, so they are written outside the
    audit log, with one prepared UPDATE run for many rows (Django's bulk_update builds a
    CASE expression per row, which is far slower). Returns how many changed.
    """
    ids = sorted(set(contact_ids))
    table = connection.ops.quote_name(Contact._meta.db_table)
    update = f"UPDATE {table} SET state = %s, next_step = %s, next_due = %s WHERE id = %s"
    changed = 0
    for start in range(0, len(ids), batch_size):
        batch = Contact.objects.filter(pk__in=ids[start : start + batch_size]).prefetch_related(
            "stages__panel_memberships__practitioner", "ombudsman_cases"
        )
        rows = []
        for contact in batch:
            before = (contact.state, contact.next_step, contact.next_due)
            refresh_status(contact)
            if (contact.state, contact.next_step, contact.next_due) != before:
                rows.append((contact.state, contact.next_step, contact.next_due, contact.pk))
        with connection.cursor() as cursor:
            cursor.executemany(update, rows)
        changed += len(rows)
    return changed


def refresh_statuses(contacts: Iterable[Contact]) -> int:
    """Recompute and save the status of many contacts; returns how many changed."""
    changed = 0
    for contact in contacts:
        before = (contact.state, contact.next_step, contact.next_due)
        refresh_status(contact)
        if (contact.state, contact.next_step, contact.next_due) != before:
            contact.save(update_fields=["state", "next_step", "next_due"])
            changed += 1
    return changed


@contextmanager
def changing(contact: Contact, *, version: int, by: User) -> Iterator[Contact]:
    """Lock the contact, refuse a stale edit, and let the caller change it, in one transaction.

    The caller records its own event; the status and version are saved on the way out.
    """
    with transaction.atomic(), acting_as(by):
        locked = Contact.objects.select_for_update().get(pk=contact.pk)
        if locked.version != version:
            last = locked.events.select_related("by").order_by("-at", "-pk").first()
            what = "its details were changed"
            if last is not None:
                who = last.by.get_full_name() or last.by.get_username() if last.by else "someone"
                when = timezone.localtime(last.at)
                what = f"{last.description} ({who}, {long_date(when.date())} {when:%H:%M})"
            raise CaseworkError(
                f"Someone else changed this case while you were editing it: {what}. "
                "Check the case and make your change again."
            )
        yield locked
        refresh_status(locked)
        locked.version += 1
        locked.save()


@contextmanager
def taking_step(
    contact: Contact,
    *,
    version: int,
    by: User,
    transition: Callable[[CaseFacts], CaseFacts],
) -> Iterator[tuple[Contact, CaseFacts]]:
    """One step of the procedure, the skeleton every step shares: lock the case and refuse a
    stale edit (`changing`), ask the core's transition for the case's new facts (a refusal in
    the core's words), let the caller write them, then check that the case read back from
    the database stands where the core moved it, so the rules that are tested are the rules
    that run. A mismatch is a bug: it rolls the whole step back."""
    with changing(contact, version=version, by=by) as locked:
        with core_rules():
            after = transition(case_facts(locked))
        yield locked, after
        stands = case_facts(locked).state
        if stands is not after.state:
            raise AssertionError(
                f"{locked.reference} was written as {stands}, but the procedure moved it to "
                f"{after.state}."
            )


def check_current(record: Model, version: str | None, what: str) -> None:
    """Refuse to save over a change someone else made since the form was shown."""
    if not is_current(record, version):
        raise CaseworkError(
            f"Someone else changed this {what} while you were editing it, so nothing was "
            "saved. Check it as it is now and make your change again."
        )


def stage_of(contact: Contact, number: int) -> Stage:
    try:
        return contact.stages.get(number=number)
    except Stage.DoesNotExist:
        raise CaseworkError(f"The case has no Stage {number}.") from None


def require_text(value: str, message: str) -> str:
    if not value.strip():
        raise CaseworkError(message)
    return value.strip()


def discretion_of(accepted: bool | None, reason: str, on: date | None) -> Discretion | None:
    if accepted is None:
        return None
    if on is None:
        raise CaseworkError("Enter the date of the decision on discretion.")
    return Discretion(decided_on=on, reason=reason.strip(), accepted=accepted)


def what_changed(words: Callable[[str, str, str], str], *fields: tuple[str, str, str]) -> str:
    """The fields, given as (what, old, new) in words, whose value changes, put by `words`
    for a case's timeline; refused when nothing does."""
    changed = [words(what, old, new) for what, old, new in fields if old != new]
    if not changed:
        raise CaseworkError("Nothing was changed.")
    return "; ".join(changed)


def listed(words: list[str]) -> str:
    """Words as a list in a sentence: "a", "a and b", "a, b and c"."""
    return ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + words[-1]


def day_or_none(day: date | None) -> str:
    return long_date(day) if day else "none"
