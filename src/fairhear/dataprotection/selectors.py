"""What the retention schedule makes due today, what holds it back, and whether a case may
be erased at its subject's request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, QuerySet

from fairhear.casework.facts import case_facts
from fairhear.casework.models import Compliment, Contact, OmbudsmanCase
from fairhear.core.dates import long_date
from fairhear.core.procedure import CaseState
from fairhear.core.retention import RetentionSchedule, add_years, keep_until, request_kept_until
from fairhear.dataprotection.models import (
    Anonymised,
    LegalHold,
    PersonsRequest,
    RetentionPolicy,
    RetentionRun,
    RightsRequest,
    SubjectAccessRequest,
)
from fairhear.dataprotection.rights import KIND_WORDS, kind_of, request_url

CLOSED_STATES = [CaseState.CLOSED.value, CaseState.WITHDRAWN.value]


@dataclass(frozen=True)
class ExpiredCase:
    """A closed case past its retention date: due for anonymisation unless `held_because`."""

    contact: Contact
    closed: date
    keep_until: date
    held_because: str = ""


@dataclass(frozen=True)
class ExpiredRequest:
    """An answered request about personal data whose requester's details are past the
    schedule."""

    request: PersonsRequest
    keep_until: date

    @property
    def what(self) -> str:
        return KIND_WORDS[kind_of(self.request)]

    @property
    def url(self) -> str:
        return request_url(kind_of(self.request), self.request.pk)


@dataclass(frozen=True)
class RetentionReview:
    """What the schedule makes due on a day: cases to anonymise, cases held, compliments,
    and answered requests about personal data."""

    as_of: date
    policy: RetentionPolicy
    due: list[ExpiredCase]
    held: list[ExpiredCase]
    compliments: list[Compliment]
    requests: list[ExpiredRequest]

    @property
    def references(self) -> list[str]:
        return [case.contact.reference for case in self.due]

    @property
    def is_empty(self) -> bool:
        return not self.due and not self.compliments and not self.requests


def current_policy() -> RetentionPolicy:
    policy, _ = RetentionPolicy.objects.get_or_create(pk=1)
    return policy


def _youngest_age(age_band: str) -> int | None:
    # Age bands are "0-4" … "18-24", "25+": the first number is the youngest age in the band.
    digits = age_band.split("-")[0].rstrip("+")
    return int(digits) if digits.isdigit() else None


def _with_holds(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    """The contacts with what keeps them whatever the schedule says, and what their closing
    day is worked out from."""
    return contacts.annotate(
        on_hold=Exists(LegalHold.objects.filter(contact=OuterRef("pk"), lifted_on=None)),
        ombudsman_open=Exists(OmbudsmanCase.objects.filter(contact=OuterRef("pk"), decided=None)),
    ).prefetch_related("stages__panel_memberships__practitioner", "ombudsman_cases")


def _candidates(oldest_received: date) -> QuerySet[Contact]:
    # A case closes on or after it is received, so nothing received later can be due yet.
    return _with_holds(
        Contact.objects.filter(
            state__in=CLOSED_STATES, received__lte=oldest_received, anonymised__isnull=True
        )
    ).order_by("received", "reference")


def _closed_and_kept_until(
    contact: Contact, schedule: RetentionSchedule
) -> tuple[date, date] | None:
    """The day the case closed and the day the schedule keeps it until; None while open."""
    facts = case_facts(contact)
    closed = facts.withdrawn or facts.closed
    if closed is None:
        return None
    until = keep_until(
        closed=closed,
        received=contact.received,
        youngest_age=_youngest_age(contact.age_band),
        schedule=schedule,
    )
    return closed, until


def retention_review(as_of: date) -> RetentionReview:
    """Every closed case whose retention date has come by `as_of`, split into those due for
    anonymisation and those held (a legal hold in force, or an Ombudsman case still open),
    the compliments older than the schedule's years that still hold personal data, and the
    answered requests about personal data past theirs."""
    policy = current_policy()
    schedule = policy.schedule
    due: list[ExpiredCase] = []
    held: list[ExpiredCase] = []
    oldest = add_years(as_of, -schedule.years_after_closure)
    for contact in _candidates(oldest):
        dates = _closed_and_kept_until(contact, schedule)
        if dates is None:
            continue
        closed, until = dates
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
    return RetentionReview(
        as_of, policy, due, held, compliments, _expired_requests(as_of, schedule)
    )


def _expired_requests(as_of: date, schedule: RetentionSchedule) -> list[ExpiredRequest]:
    """Answered requests still holding the requester's details past the schedule; an open
    request is never due, however old."""
    # A day's slack for 29 February, which the exact rule below settles.
    latest = add_years(as_of, -schedule.request_years_after_answer) + timedelta(days=1)
    expired = []
    for model in (SubjectAccessRequest, RightsRequest):
        for request in model._default_manager.filter(
            answered__lte=latest, anonymised_in=None
        ).order_by("answered", "pk"):
            if request.answered is None:  # excluded by the filter; narrows the type
                continue
            until = request_kept_until(answered=request.answered, schedule=schedule)
            if until <= as_of:
                expired.append(ExpiredRequest(request, until))
    return expired


def legal_holds_in_force() -> QuerySet[LegalHold]:
    return LegalHold.objects.filter(lifted_on=None).select_related("contact", "set_by")


def retention_runs() -> QuerySet[RetentionRun]:
    return RetentionRun.objects.select_related("by")


@dataclass(frozen=True)
class ErasureCheck:
    """Whether a case may be erased at its subject's request now, and if not, why in words
    the person can read. `kept_because` is empty when it may."""

    contact: Contact
    kept_because: list[str]
    already_anonymised: bool = False

    @property
    def erasable(self) -> bool:
        return not self.kept_because and not self.already_anonymised


def _schedule_words(schedule: RetentionSchedule) -> str:
    return (
        f"the council's retention schedule keeps complaint records for "
        f"{schedule.years_after_closure} years after they close, and a child's until the child "
        f"is {schedule.child_until_age}, in case of legal claims"
    )


def erasure_checks(contacts: QuerySet[Contact], as_of: date) -> list[ErasureCheck]:
    """For each contact, whether the law lets the council erase it on `as_of` (UK GDPR
    article 17(3)(b) and (e): records needed for a legal obligation or for legal claims
    stay). Kept: an open complaint, an Ombudsman case still open, a legal hold in force, or
    a case within the retention schedule, the council's statement of what it must keep."""
    schedule = current_policy().schedule
    anonymised = set(
        Anonymised.objects.filter(contact__in=contacts).values_list("contact_id", flat=True)
    )
    checks = []
    for contact in _with_holds(contacts).order_by("received", "reference"):
        if contact.pk in anonymised:
            checks.append(ErasureCheck(contact, [], already_anonymised=True))
            continue
        reasons = []
        dates = _closed_and_kept_until(contact, schedule)
        if contact.state not in CLOSED_STATES or dates is None:
            reasons.append("Kept: the complaint is still being dealt with")
        if contact.ombudsman_open:  # type: ignore[attr-defined]
            reasons.append("Kept: the Ombudsman is still looking at this case")
        if contact.on_hold:  # type: ignore[attr-defined]
            reasons.append("Kept: it is needed for a legal claim or inquiry (a legal hold)")
        if dates is not None and dates[1] > as_of:
            reasons.append(f"Kept until {long_date(dates[1])}: {_schedule_words(schedule)}")
        checks.append(ErasureCheck(contact, reasons))
    return checks
