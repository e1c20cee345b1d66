"""Reads for subject access requests: those answered, and everything that may be
about the person who asked: cases they complained on, cases about them as the child, and
cases whose free text names them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q, QuerySet

from fairhear.casework.models import (
    Attachment,
    CaseEvent,
    Contact,
    LearningAction,
    OmbudsmanCase,
    Person,
    Stage,
    phone_digits,
)
from fairhear.dataprotection.free_text import free_text_fields
from fairhear.dataprotection.models import SubjectAccessBundle, SubjectAccessRequest
from fairhear.letters.models import Letter

#: Shorter names match too much free text to be worth reviewing.
SHORTEST_NAME = 3

# Text fields that are codes or keys, never what someone wrote; the child's name is
# searched as such.
_NOT_FREE_TEXT: dict[type[models.Model], frozenset[str]] = {
    Contact: frozenset({"reference", "gender", "ethnicity", "next_step", "child_name"}),
    OmbudsmanCase: frozenset({"lgsco_reference"}),
    Attachment: frozenset({"file", "content_type"}),
    Letter: frozenset(),
}

#: Where on a case free text is searched, and how the match is described.
_FREE_TEXT: dict[type[models.Model], str] = {
    Contact: "the case's details",
    Stage: "a stage",
    OmbudsmanCase: "an Ombudsman case",
    LearningAction: "a learning action",
    CaseEvent: "the timeline",
    Letter: "a letter",
    Attachment: "a document's name or description",
}


def _free_text_fields(model: type[models.Model]) -> list[str]:
    return free_text_fields(model, except_=_NOT_FREE_TEXT.get(model, frozenset()))


@dataclass(frozen=True)
class Search:
    """Who is being looked for: any of a name, an email address and a phone number."""

    name: str = ""
    email: str = ""
    phone: str = ""

    @property
    def terms(self) -> list[str]:
        """What is looked for in free text."""
        return [term for term in (self.name, self.email, self.phone) if term]

    def __str__(self) -> str:
        parts = [
            f"{label} {value}"
            for label, value in (("name", self.name), ("email", self.email), ("phone", self.phone))
            if value
        ]
        return "; ".join(parts)


@dataclass
class Match:
    """A case that may be about the person, and why."""

    contact: Contact
    as_complainant: bool = False
    as_child: bool = False
    named_in: list[str] = field(default_factory=list)

    @property
    def why(self) -> str:
        reasons = []
        if self.as_complainant:
            reasons.append("the complainant")
        if self.as_child:
            reasons.append("the child")
        if self.named_in:
            reasons.append("named in " + ", ".join(self.named_in))
        return "; ".join(reasons).capitalize()


def requester_people(search: Search) -> QuerySet[Person]:
    """The complainants the search finds: by name, email or phone."""
    wanted = []
    if search.name:
        wanted.append(Q(name__icontains=search.name))
    if search.email:
        wanted.append(Q(email__iexact=search.email))
    digits = phone_digits(search.phone)
    if digits:
        wanted.append(Q(phone=digits))
    if not wanted:
        return Person.objects.none()
    return Person.objects.filter(reduce(or_, wanted))


def is_the_child(contact: Contact, search: Search) -> bool:
    return bool(search.name) and search.name.casefold() in contact.child_name.casefold()


def _named_in(search: Search) -> dict[int, set[str]]:
    """The cases whose free text holds any of the search's terms, and where."""
    found: dict[int, set[str]] = defaultdict(set)
    terms = search.terms
    if not terms:
        return found
    for model, where in _FREE_TEXT.items():
        fields = _free_text_fields(model)
        link = "pk" if model is Contact else "contact_id"
        condition = reduce(or_, (Q(**{f"{f}__icontains": t}) for f in fields for t in terms))
        rows = model._default_manager.filter(condition).values_list(link, flat=True)
        for contact_id in rows:
            if contact_id is not None:
                found[contact_id].add(where)
    return found


def find_cases(search: Search) -> list[Match]:
    """Every case that may hold personal data about the person searched for, oldest first."""
    matches: dict[int, Match] = {}

    def match(contact: Contact) -> Match:
        return matches.setdefault(contact.pk, Match(contact))

    cases = Contact.objects.select_related("complainant")
    for contact in cases.filter(complainant__in=requester_people(search)):
        match(contact).as_complainant = True
    if search.name:
        for contact in cases.filter(child_name__icontains=search.name):
            match(contact).as_child = True
    named = _named_in(search)
    for contact in cases.filter(pk__in=list(named)):
        match(contact).named_in = sorted(named[contact.pk])
    return sorted(matches.values(), key=lambda m: (m.contact.received, m.contact.reference))


def answered_requests() -> QuerySet[SubjectAccessRequest]:
    return SubjectAccessRequest.objects.exclude(answered=None).order_by("-answered", "-pk")


def bundles_of(request: SubjectAccessRequest) -> QuerySet[SubjectAccessBundle]:
    return request.bundles.select_related("by")
