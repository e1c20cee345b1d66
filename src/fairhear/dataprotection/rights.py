"""Reads for people's requests about their data: every request still to answer, in one list,
and the plain answer to a correction or erasure request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import CharField, F, QuerySet, Value
from django.urls import reverse

from fairhear.core.dates import long_date
from fairhear.dataprotection.models import (
    Correction,
    ErasureDecision,
    PersonsRequest,
    RightsRequest,
    SubjectAccessRequest,
)

#: What each kind of request is called in lists.
KIND_WORDS = {
    "access": "Subject access",
    RightsRequest.Kind.CORRECTION.value: "Correction",
    RightsRequest.Kind.ERASURE.value: "Erasure",
}


@dataclass(frozen=True)
class OpenRequest:
    """A request still to answer, of any kind."""

    kind: str
    pk: int
    requester: str
    received: date
    due: date
    extended: bool

    @property
    def what(self) -> str:
        return KIND_WORDS[self.kind]

    @property
    def url(self) -> str:
        return request_url(self.kind, self.pk)


def kind_of(request: PersonsRequest) -> str:
    """The request's kind as `KIND_WORDS` keys it."""
    return request.kind if isinstance(request, RightsRequest) else "access"


def request_url(kind: str, pk: int) -> str:
    """The page of a request of this kind."""
    name = "dataprotection:request" if kind == "access" else "dataprotection:rights"
    return reverse(name, args=[pk])


_COLUMNS = ("id", "requester", "received", "due", "extended_on", "request_kind")


def requests_to_answer() -> list[OpenRequest]:
    """Every request not yet answered, soonest due first: one query, so the dashboard can
    list them all."""
    access = (
        SubjectAccessRequest.objects.filter(answered=None)
        .annotate(request_kind=Value("access", output_field=CharField()))
        .values_list(*_COLUMNS)
        .order_by()
    )
    rights = (
        RightsRequest.objects.filter(answered=None)
        .annotate(request_kind=F("kind"))
        .values_list(*_COLUMNS)
        .order_by()
    )
    rows = access.union(rights, all=True).order_by("due", "id")
    return [
        OpenRequest(kind, pk, requester, received, due, extended is not None)
        for pk, requester, received, due, extended, kind in rows
    ]


def answered_rights_requests() -> QuerySet[RightsRequest]:
    return RightsRequest.objects.exclude(answered=None).order_by("-answered", "-pk")


def corrections_of(request: RightsRequest) -> QuerySet[Correction]:
    return request.corrections.select_related("contact", "by")


def erasures_of(request: RightsRequest) -> QuerySet[ErasureDecision]:
    return request.erasures.select_related("contact", "by").order_by("contact__reference")


def response_summary(request: RightsRequest) -> list[str]:
    """The answer to send, in paragraphs: what was asked, what was corrected or erased and
    what was kept and why, and where the person can go if unhappy (UK GDPR article 12(4))."""
    what = "correct" if request.kind == RightsRequest.Kind.CORRECTION else "erase"
    paragraphs = [
        f"Dear {request.requester}",
        f"You asked us on {long_date(request.received)} to {what} personal data we hold about "
        f"you in our complaints records: {request.asked_for}",
    ]
    if request.extended_on is not None:
        paragraphs.append(
            f"On {long_date(request.extended_on)} we told you we needed until "
            f"{long_date(request.due)} to answer, because {request.extension_reason}"
        )
    if request.kind == RightsRequest.Kind.CORRECTION:
        corrections = list(corrections_of(request))
        if corrections:
            paragraphs.append("We have corrected:")
            paragraphs += [f"- on {c.contact.reference}, {c.details}" for c in corrections]
        else:
            paragraphs.append("We have not changed any of the details we hold.")
    else:
        decisions = list(erasures_of(request))
        erased = [d for d in decisions if d.outcome == ErasureDecision.Outcome.ERASED]
        kept = [d for d in decisions if d.outcome == ErasureDecision.Outcome.KEPT]
        gone = [d for d in decisions if d.outcome == ErasureDecision.Outcome.ALREADY_ANONYMISED]
        if erased:
            paragraphs.append(
                "We have erased your personal data from these complaint records. What is left "
                "are dates and categories with nothing that identifies you, which we use for "
                "statistics:"
            )
            paragraphs += [f"- {d.contact.reference}" for d in erased]
        if gone:
            paragraphs.append("These records held no personal data any more:")
            paragraphs += [f"- {d.contact.reference}" for d in gone]
        if kept:
            paragraphs.append("The law lets us keep these records, for the reasons given:")
            paragraphs += [f"- {d.contact.reference}: {d.reason}" for d in kept]
        if not decisions:
            paragraphs.append("We found no complaint records about you.")
    paragraphs.append(
        "If you are unhappy with this answer, you can complain to the Information "
        "Commissioner's Office (ico.org.uk) or ask a court to decide."
    )
    return paragraphs
