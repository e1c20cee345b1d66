"""The typed records of the case file (spec: interchange.md), one class per file.

Pure: no database. `format.parse_tables` makes them from cells and `format.serialise` turns
them back; the writer stores them and the export's selectors read them from the database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from fairhear.casework.codes import StageDecision


@dataclass(slots=True)
class OrganisationUnitRecord:
    kind: str
    name: str
    parent: str = ""
    started: date | None = None
    ended: date | None = None
    successor: str = ""
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class ContactRecord:
    reference: str
    received: date
    route: str = ""  # empty: awaiting triage (v1.1)
    channel: str = ""
    complainant: str = ""
    complainant_role: str = ""
    advocate: bool | None = None
    child_status: str = ""
    service_area: str = ""
    team: str = ""
    categories: tuple[str, ...] = ()
    withdrawn: date | None = None
    responded: date | None = None
    age_band: str = ""
    gender: str = ""
    ethnicity: str = ""
    disability: bool | None = None
    summary: str = ""
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class StageRecord:
    reference: str
    stage: int
    requested: date | None = None
    decision: str = StageDecision.ACCEPTED.value
    decline_reason: str = ""
    started: date | None = None
    extended: bool | None = None
    extension_reason: str = ""
    responded: date | None = None
    outcome: str = ""
    investigation_report: date | None = None
    panel_held: date | None = None
    panel_report: date | None = None
    closed: date | None = None
    row: int = field(default=0, compare=False)


# The attributes of a StageRecord that a stage stores under the same names.
STAGE_FIELDS = [
    "requested",
    "decision",
    "decline_reason",
    "started",
    "extended",
    "extension_reason",
    "responded",
    "outcome",
    "investigation_report",
    "panel_held",
    "panel_report",
    "closed",
]


@dataclass(slots=True)
class CategoryOutcomeRecord:
    reference: str
    stage: int
    category: str
    outcome: str
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class ActionRecord:
    id: int | None
    reference: str
    kind: str
    description: str = ""
    owner: str = ""
    due: date | None = None
    completed: date | None = None
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class CostRecord:
    id: int | None
    reference: str
    date: date
    kind: str
    amount: Decimal
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class OmbudsmanRecord:
    lgsco_reference: str
    reference: str = ""
    received: date | None = None
    enquiry_due: date | None = None
    council_replied: date | None = None
    decided: date | None = None
    decision: str = ""
    remedy: tuple[str, ...] = ()
    financial_remedy: Decimal | None = None
    satisfactory_remedy_by_council: bool | None = None
    complied: bool | None = None
    service_area: str = ""
    team: str = ""
    summary: str = ""
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class ComplimentRecord:
    id: int | None
    received: date
    service_area: str = ""
    team: str = ""
    source: str = ""
    internal: bool | None = None
    text: str = ""
    publish: bool | None = None
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class ContextRecord:
    year: int
    measure: str
    value: Decimal
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class BenchmarkRecord:
    year: int
    council: str
    complaints_received: int | None = None
    percent_upheld: Decimal | None = None
    percent_in_timescale: Decimal | None = None
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class LetterRecord:
    """A letter sent on a case (v1.1), as it was sent. `sent_by` is a username; empty means
    not known (the person running the import is recorded for a new letter)."""

    reference: str
    kind: str
    audience: str
    channel: str
    sent: datetime
    sent_by: str = ""
    sent_to: str = ""
    large_print: bool | None = None
    subject: str = ""
    body: str = ""
    row: int = field(default=0, compare=False)


PERSON_KINDS = ("complainant", "child")
# What a complainant's row sets on their Person (the key stays).
PERSON_FIELDS = ["name", "email", "phone", "address", "preferred_contact"]


@dataclass(slots=True)
class PersonRecord:
    """A row of people.csv (v1.1): a complainant's name and contact details, found by their
    key; or the name of the child a contact is about, found by the contact's reference."""

    kind: str
    key: str = ""
    reference: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    preferred_contact: str = ""
    row: int = field(default=0, compare=False)


EVENT_KINDS = ("timeline", "audit")
# An audit entry's action, as django-auditlog numbers them.
AUDIT_ACTIONS = ("create", "update", "delete", "access")


@dataclass(slots=True)
class EventRecord:
    """A row of events.csv (v1.1): a line of a case's timeline, or an audit entry of a change
    to the case or a record hanging from it (or of someone viewing it). `changes` and
    `details` are JSON text as the case file writes it (keys sorted)."""

    reference: str
    at: datetime
    kind: str
    action: str
    by: str = ""
    record: str = ""
    object: str = ""
    description: str = ""
    changes: str = ""
    details: str = ""
    row: int = field(default=0, compare=False)

    def sort_key(self) -> tuple[str, datetime, str, str, str, str, str, str, str, str]:
        return (
            self.reference,
            self.at,
            self.kind,
            self.action,
            self.record,
            self.object,
            self.by,
            self.description,
            self.changes,
            self.details,
        )


@dataclass(slots=True)
class DocumentRecord:
    """A row of documents.csv (v1.1): a file kept with a case, held in the case file at
    `file` (a path under documents/). `uploaded_by` is a username; empty when the
    complainant sent it with the online form."""

    reference: str
    file: str
    original_name: str
    content_type: str
    size: int
    sha256: str
    uploaded: datetime
    description: str = ""
    uploaded_by: str = ""
    # Where the export reads the file from (its name in storage); not a column.
    stored: str = field(default="", compare=False)
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class CaseFile:
    """Everything in one case file, typed. `organisation` is None when the file was absent."""

    contacts: list[ContactRecord] = field(default_factory=list)
    stages: list[StageRecord] = field(default_factory=list)
    category_outcomes: list[CategoryOutcomeRecord] = field(default_factory=list)
    actions: list[ActionRecord] = field(default_factory=list)
    costs: list[CostRecord] = field(default_factory=list)
    ombudsman: list[OmbudsmanRecord] = field(default_factory=list)
    compliments: list[ComplimentRecord] = field(default_factory=list)
    context: list[ContextRecord] = field(default_factory=list)
    benchmarks: list[BenchmarkRecord] = field(default_factory=list)
    letters: list[LetterRecord] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    documents: list[DocumentRecord] = field(default_factory=list)
    organisation: list[OrganisationUnitRecord] | None = None
    # Per file, the keys of rows that had errors: other rows may still point at them, and
    # are not reported again for it.
    broken_keys: defaultdict[str, set[tuple[Any, ...]]] = field(
        default_factory=lambda: defaultdict(set), compare=False
    )
    # Files whose key column is missing: what points at their rows cannot be checked.
    unreadable: set[str] = field(default_factory=set, compare=False)

    @property
    def broken_references(self) -> set[str]:
        """References of contacts whose rows had errors."""
        return {key[0] for key in self.broken_keys["contacts"]}
