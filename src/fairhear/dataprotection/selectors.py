"""What the retention schedule makes due today, and what holds it back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet

from fairhear.casework.facts import case_facts
from fairhear.casework.models import Compliment, Contact, OmbudsmanCase
from fairhear.core.procedure import CaseState
from fairhear.core.retention import add_years, keep_until
from fairhear.dataprotection.models import LegalHold, RetentionPolicy, RetentionRun


@dataclass(frozen=True)
class ExpiredCase:
    """A closed case past its retention date: due for anonymisation unless `held_because`."""

    contact: Contact
    closed: date
    keep_until: date
    held_because: str = ""


@dataclass(frozen=True)
class RetentionReview:
    """What the schedule makes due on a day: cases to anonymise, cases held, compliments."""

    as_of: date
    policy: RetentionPolicy
    due: list[ExpiredCase]
    held: list[ExpiredCase]
    compliments: list[Compliment]

    @property
    def references(self) -> list[str]:
        return [case.contact.reference for case in self.due]

    @property
    def is_empty(self) -> bool:
        return not self.due and not self.compliments


def current_policy() -> RetentionPolicy:
    policy, _ = RetentionPolicy.objects.get_or_create(pk=1)
    return policy


def _youngest_age(age_band: str) -> int | None:
    # Age bands are "0-4" … "18-24", "25+": the first number is the youngest age in the band.
    digits = age_band.split("-")[0].rstrip("+")
    return int(digits) if digits.isdigit() else None


def _candidates(oldest_received: date) -> QuerySet[Contact]:
    # A case closes on or after it is received, so nothing received later can be due yet.
    return (
        Contact.objects.filter(
            state__in=[CaseState.CLOSED.value, CaseState.WITHDRAWN.value],
            received__lte=oldest_received,
            anonymised__isnull=True,
        )
        .annotate(
            on_hold=Exists(LegalHold.objects.filter(contact=OuterRef("pk"), lifted_on=None)),
            ombudsman_open=Exists(
                OmbudsmanCase.objects.filter(contact=OuterRef("pk"), decided=None)
            ),
        )
        .prefetch_related("stages__panel_memberships__practitioner", "ombudsman_cases")
        .order_by("received", "reference")
    )


def retention_review(as_of: date) -> RetentionReview:
    """Every closed case whose retention date has come by `as_of`, split into those due for
    anonymisation and those held (a legal hold in force, or an Ombudsman case still open),
    and the compliments older than the schedule's years that still hold personal data."""
    policy = current_policy()
    schedule = policy.schedule
    due: list[ExpiredCase] = []
    held: list[ExpiredCase] = []
    oldest = add_years(as_of, -schedule.years_after_closure)
    for contact in _candidates(oldest):
        facts = case_facts(contact)
        closed = facts.withdrawn or facts.closed
        if closed is None:
            continue
        until = keep_until(
            closed=closed,
            received=contact.received,
            youngest_age=_youngest_age(contact.age_band),
            schedule=schedule,
        )
        if until > as_of:
            continue
        reasons = []
        if contact.on_hold:  # type: ignore[attr-defined]
            reasons.append("a legal hold is in force")
        if contact.ombudsman_open:  # type: ignore[attr-defined]
            reasons.append("an Ombudsman case is still open")
        case = ExpiredCase(contact, closed, until, held_because=" and ".join(reasons))
        (held if reasons else due).append(case)
    compliments = list(
        Compliment.objects.filter(received__lte=oldest)
        .exclude(text="", public_details__isnull=True)
        .order_by("received", "pk")
    )
    return RetentionReview(as_of, policy, due, held, compliments)


def legal_holds_in_force() -> QuerySet[LegalHold]:
    return LegalHold.objects.filter(lifted_on=None).select_related("contact", "set_by")


def retention_runs() -> QuerySet[RetentionRun]:
    return RetentionRun.objects.select_related("by")
