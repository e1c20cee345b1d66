"""The case data: every contact, the stages of statutory complaints, the Ombudsman's cases,
costs, learning actions and compliments.

Every field of the interchange format (spec: interchange.md) has a home here, and every table
of the annual report (spec: report.md) can be computed from these tables with queries.
A nullable boolean or an empty code means "not known", as an empty cell does in the format.
"""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from fairhear.casework.codes import (
    ActionKind,
    AgeBand,
    Channel,
    ChildStatus,
    ComplainantRole,
    ComplimentSource,
    CostKind,
    LgscoDecision,
    Outcome,
    Route,
    StageDecision,
    StageNumber,
)
from fairhear.core.dates import long_date
from fairhear.core.procedure import CaseState, DeclineReason
from fairhear.organisation.models import ServiceArea, Team

#: Where a case stands, in the words the complaints team uses.
CASE_STATE_LABELS: dict[str, str] = {
    CaseState.RECEIVED.value: "Received",
    CaseState.STAGE_1.value: "Stage 1",
    CaseState.STAGE_2_REQUESTED.value: "Stage 2 requested",
    CaseState.STAGE_2_ACCEPTED.value: "Stage 2 accepted",
    CaseState.STAGE_2.value: "Stage 2",
    CaseState.STAGE_3_REQUESTED.value: "Stage 3 requested",
    CaseState.STAGE_3_ACCEPTED.value: "Stage 3 accepted",
    CaseState.STAGE_3.value: "Stage 3",
    CaseState.CLOSED.value: "Closed",
    CaseState.WITHDRAWN.value: "Withdrawn",
}


class Category(models.Model):
    """What a complaint is about, from the council's own list."""

    name = models.CharField(max_length=200)
    active = models.BooleanField(default=True, help_text="Offered for new contacts.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"
        constraints = [models.UniqueConstraint(Lower("name"), name="category_name_unique")]

    def __str__(self) -> str:
        return self.name


def phone_digits(phone: str) -> str:
    """A phone number as stored and searched: digits and a leading plus, no spaces."""
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")


class Person(models.Model):
    """Someone who complains, compliments or enquires: found again when they come back."""

    key = models.CharField(
        max_length=100,
        unique=True,
        help_text="A stable pseudonymous key (the interchange `complainant` column).",
    )
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    address = models.TextField(blank=True)
    preferred_contact = models.CharField(max_length=50, blank=True)

    class Meta:
        indexes = [
            models.Index(Lower("name"), name="person_name_lower"),
            models.Index(Lower("email"), name="person_email_lower"),
            models.Index(fields=["phone"], name="person_phone"),
        ]

    def __str__(self) -> str:
        return self.name or self.key


class Practitioner(models.Model):
    """Someone who works on a complaint from outside the complaints team: an investigating
    officer, an independent person, a panel member or chair (often not council staff)."""

    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    is_staff = models.BooleanField(
        default=False, help_text="Works for the council (so cannot be independent)."
    )
    is_councillor = models.BooleanField(default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practitioner_records",
        help_text="Their Fairhear sign-in, when they have one (investigators).",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_independent(self) -> bool:
        return not (self.is_staff or self.is_councillor)


class ReferenceCounter(models.Model):
    """The last contact number used in each financial year, for `C-YYYY-NNNN` references."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}: {self.last_number}"


class Contact(models.Model):
    """Anything that reaches the complaints team: a complaint, an enquiry, a representation.

    A contact with no route is awaiting triage.
    """

    reference = models.CharField(max_length=40, unique=True)
    received = models.DateField()
    route = models.CharField(max_length=20, choices=Route.choices, blank=True)
    route_reason = models.TextField(blank=True, help_text="Why triage chose this route.")
    triaged_on = models.DateField(null=True, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    complainant = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    complainant_role = models.CharField(max_length=20, choices=ComplainantRole.choices, blank=True)
    relationship = models.CharField(
        max_length=200, blank=True, help_text="Their relationship to the child, in their words."
    )
    advocate = models.BooleanField(
        null=True, blank=True, help_text="An advocate acts for or supports the child."
    )
    advocacy_requested = models.BooleanField(
        null=True, blank=True, help_text="The complainant asked for an advocate."
    )
    advocacy_offered = models.DateField(null=True, blank=True)
    advocacy_accepted = models.BooleanField(null=True, blank=True)
    advocacy_provider = models.CharField(
        max_length=200, blank=True, help_text="Who advocates: a service, charity or person."
    )
    call_back_requested = models.BooleanField(
        default=False, help_text="The complainant asked us to phone them."
    )
    child_name = models.CharField(
        max_length=200, blank=True, help_text="The child or young person, when not the complainant."
    )
    child_status = models.CharField(max_length=20, choices=ChildStatus.choices, blank=True)
    service_area = models.ForeignKey(
        ServiceArea, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    categories: "models.ManyToManyField[Category, ContactCategory]" = models.ManyToManyField(
        Category, through="ContactCategory", related_name="contacts", blank=True
    )
    # Eligibility, confirmed by an officer at triage.
    eligible = models.BooleanField(null=True, blank=True)
    eligibility_reason = models.TextField(blank=True)
    matter_date = models.DateField(
        null=True, blank=True, help_text="When the matter complained about happened."
    )
    late_discretion_used = models.BooleanField(
        null=True, blank=True, help_text="Accepted although made more than 12 months after."
    )
    late_discretion_decided = models.DateField(
        null=True, blank=True, help_text="When the decision on a late complaint was made."
    )
    late_discretion_reason = models.TextField(
        blank=True, help_text="The reasoned decision on a complaint made over 12 months after."
    )
    withdrawn = models.DateField(null=True, blank=True, help_text="Withdrawn or cancelled on.")
    withdrawn_reason = models.TextField(blank=True)
    responded = models.DateField(
        null=True, blank=True, help_text="The reply, for routes other than statutory."
    )
    age_band = models.CharField(max_length=5, choices=AgeBand.choices, blank=True)
    gender = models.CharField(max_length=100, blank=True)
    ethnicity = models.CharField(max_length=200, blank=True)
    disability = models.BooleanField(null=True, blank=True)
    summary = models.TextField(blank=True)
    desired_outcome = models.TextField(
        blank=True, help_text="What the complainant would like to happen."
    )
    created = models.DateTimeField(auto_now_add=True)
    # Optimistic locking: a save that did not start from the latest version is refused.
    version = models.PositiveIntegerField(default=1)
    # Kept up to date by the casework services (casework.status.refresh_status) so that lists
    # and the dashboard filter and count in SQL: where the case stands, and the next step the
    # council owes with its due date (empty when it owes none).
    state = models.CharField(
        max_length=20, choices=list(CASE_STATE_LABELS.items()), default=CaseState.RECEIVED.value
    )
    next_step = models.CharField(max_length=30, blank=True, help_text="A core ClockName.")
    next_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received", "-reference"]
        indexes = [
            models.Index(fields=["route", "received"], name="contact_route_received"),
            models.Index(fields=["received"], name="contact_received"),
            models.Index(fields=["service_area", "received"], name="contact_area_received"),
            models.Index(fields=["state", "next_due"], name="contact_state_due"),
            models.Index(fields=["next_due"], name="contact_next_due"),
        ]
        permissions = [
            ("view_cases", "Can open the cases within their own scope"),
            ("view_all_cases", "Can see every case of the council"),
            ("manage_cases", "Can log, triage and take cases through the stages"),
            ("respond_stage_one", "Can record Stage 1 extensions and replies"),
            ("view_audit", "Can see a case's audit history and who viewed it"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn__isnull=True) | Q(withdrawn__gte=F("received")),
                name="contact_withdrawn_after_received",
            ),
            models.CheckConstraint(
                condition=Q(responded__isnull=True) | Q(responded__gte=F("received")),
                name="contact_responded_after_received",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def advocacy_summary(self) -> str:
        """Advocacy on the case in one sentence: who advocates, whether they asked for an
        advocate, and whether one was offered and taken up."""
        if self.advocate is None:
            parts = ["Not known whether an advocate is involved"]
        else:
            parts = [
                "An advocate acts for or supports the child" if self.advocate else "No advocate"
            ]
        if self.advocacy_provider:
            parts.append(f"advocate: {self.advocacy_provider}")
        if self.advocacy_requested is not None:
            parts.append("asked for one" if self.advocacy_requested else "did not ask for one")
        if self.advocacy_offered is not None:
            taken = ""
            if self.advocacy_accepted is not None:
                taken = ", accepted" if self.advocacy_accepted else ", declined"
            parts.append(f"offered {long_date(self.advocacy_offered)}{taken}")
        return "; ".join(parts) + "."


class ContactCategory(models.Model):
    """A category of a contact, in order: position 0 is the best fit."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="category_links")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="contact_links")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["contact", "position"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "category"], name="contact_category_once"),
            models.UniqueConstraint(
                fields=["contact", "position"], name="contact_category_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact.reference}: {self.category.name}"

    def get_additional_data(self) -> dict[str, int]:
        """Kept on each audit entry, so a case's history finds this link after it is removed."""
        return {"contact": self.contact_id}


def _attachment_path(instance: "Attachment", filename: str) -> str:
    # A random folder per file keeps addresses unguessable and lets two files share a name.
    return f"cases/{secrets.token_hex(16)}/{filename}"


class Attachment(models.Model):
    """A file sent with a contact, online or by staff: kept in storage, never in the database."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    description = models.CharField(max_length=200, blank=True)
    uploaded = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the complainant sent it with the online form.",
    )

    class Meta:
        ordering = ["contact", "uploaded", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Stage(models.Model):
    """One stage a statutory complaint reached, with its dates, people and outcome."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField(choices=StageNumber.choices)
    requested = models.DateField(
        null=True, blank=True, help_text="Stages 2 and 3: when the complainant asked for it."
    )
    decision = models.CharField(
        max_length=10, choices=StageDecision.choices, default=StageDecision.ACCEPTED
    )
    decision_date = models.DateField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    request_discretion = models.TextField(
        blank=True, help_text="The manager's reasoned decision on a request out of time."
    )
    request_discretion_accepted = models.BooleanField(
        null=True, blank=True, help_text="The decision on a late request: consider it or not."
    )
    request_discretion_date = models.DateField(null=True, blank=True)
    decline_code = models.CharField(
        max_length=20,
        choices=[(str(r.value), r.label) for r in DeclineReason],
        blank=True,
        help_text="The lawful reason a request was declined.",
    )
    started = models.DateField(
        null=True,
        blank=True,
        help_text="When the clock started if not the request (Stage 2: statement agreed).",
    )
    extended = models.BooleanField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    extension_date = models.DateField(null=True, blank=True)
    extension_complainant_told = models.BooleanField(null=True, blank=True)
    extension_complainant_agreed = models.BooleanField(null=True, blank=True)
    extension_new_due = models.DateField(
        null=True, blank=True, help_text="The new date the complainant was told."
    )
    responded = models.DateField(
        null=True,
        blank=True,
        help_text="Stage 1 reply; Stage 2 adjudication; Stage 3 authority's response.",
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    what_was_done = models.TextField(blank=True)
    investigation_report = models.DateField(null=True, blank=True)
    panel_held = models.DateField(null=True, blank=True)
    panel_report = models.DateField(null=True, blank=True)
    closed = models.DateField(
        null=True,
        blank=True,
        help_text="Closed administratively, when it differs from the reply (or withdrawal).",
    )
    responsible_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stages_managed",
    )
    investigating_officer = models.ForeignKey(
        Practitioner, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    independent_person = models.ForeignKey(
        Practitioner, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adjudicating_officer = models.CharField(max_length=200, blank=True)
    panel_members: "models.ManyToManyField[Practitioner, PanelMembership]" = models.ManyToManyField(
        Practitioner, through="PanelMembership", related_name="panels", blank=True
    )

    class Meta:
        ordering = ["contact", "number"]
        indexes = [
            models.Index(fields=["number", "responded"], name="stage_number_responded"),
            models.Index(fields=["number", "requested"], name="stage_number_requested"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["contact", "number"], name="one_stage_of_each_number"),
            models.CheckConstraint(
                condition=Q(started__isnull=True)
                | Q(requested__isnull=True)
                | Q(started__gte=F("requested")),
                name="stage_started_after_requested",
            ),
            models.CheckConstraint(
                condition=Q(panel_report__isnull=True)
                | Q(panel_held__isnull=True)
                | Q(panel_report__gte=F("panel_held")),
                name="stage_panel_report_after_panel",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact.reference} stage {self.number}"

    @property
    def is_open(self) -> bool:
        return self.decision == StageDecision.ACCEPTED and not self.outcome

    def closed_on(self, contact_withdrawn: date | None) -> date | None:
        """The administrative close (interchange.md: defaults to the reply, or the withdrawal)."""
        if self.closed is not None:
            return self.closed
        if self.outcome == Outcome.WITHDRAWN and contact_withdrawn is not None:
            return contact_withdrawn
        return self.responded


class CategoryOutcome(models.Model):
    """The outcome for one category of a complaint at one stage."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="category_outcomes")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stage", "category"], name="one_outcome_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.stage}: {self.category.name} {self.outcome}"


class PanelMembership(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="panel_memberships")
    practitioner = models.ForeignKey(Practitioner, on_delete=models.PROTECT, related_name="+")
    is_chair = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stage", "practitioner"], name="panel_member_once"),
            models.UniqueConstraint(
                fields=["stage"], condition=Q(is_chair=True), name="one_panel_chair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage}: {self.practitioner.name}{' (chair)' if self.is_chair else ''}"

    def get_additional_data(self) -> dict[str, int]:
        """Kept on each audit entry, so a case's history finds a member after a new panel."""
        return {"contact": self.stage.contact_id}


class OmbudsmanCase(models.Model):
    """A case of the Local Government and Social Care Ombudsman (LGSCO)."""

    lgsco_reference = models.CharField(max_length=50, unique=True)
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.PROTECT, related_name="ombudsman_cases"
    )
    received = models.DateField(null=True, blank=True, help_text="The enquiry arrived.")
    enquiry_due = models.DateField(
        null=True, blank=True, help_text="Empty: 28 calendar days after it arrived."
    )
    council_replied = models.DateField(null=True, blank=True)
    decided = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=40, choices=LgscoDecision.choices, blank=True)
    remedies = models.JSONField(
        default=list, blank=True, help_text="LgscoRemedy codes, in the order recorded."
    )
    financial_remedy = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    satisfactory_remedy_by_council = models.BooleanField(null=True, blank=True)
    complied = models.BooleanField(null=True, blank=True)
    service_area = models.ForeignKey(
        ServiceArea, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-received", "lgsco_reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided__isnull=True)
                | Q(received__isnull=True)
                | Q(decided__gte=F("received")),
                name="lgsco_decided_after_received",
            ),
        ]

    def __str__(self) -> str:
        return self.lgsco_reference


class Cost(models.Model):
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.PROTECT, related_name="costs"
    )
    date = models.DateField()
    kind = models.CharField(max_length=30, choices=CostKind.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["date"], name="cost_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} £{self.amount} on {self.date:%d/%m/%Y}"


class LearningAction(models.Model):
    """What was done and learnt: an action with an owner, a due date and evidence."""

    contact = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="Empty for an action from the Ombudsman or a general review.",
    )
    kind = models.CharField(max_length=30, choices=ActionKind.choices)
    description = models.TextField(blank=True)
    owner_team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    owner_service_area = models.ForeignKey(
        ServiceArea, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    due = models.DateField(null=True, blank=True)
    completed = models.DateField(null=True, blank=True)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["due", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_team__isnull=True) | Q(owner_service_area__isnull=True),
                name="action_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"


class Compliment(models.Model):
    received = models.DateField()
    service_area = models.ForeignKey(
        ServiceArea, null=True, blank=True, on_delete=models.PROTECT, related_name="compliments"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="compliments"
    )
    source = models.CharField(max_length=20, choices=ComplimentSource.choices, blank=True)
    internal = models.BooleanField(null=True, blank=True, help_text="From inside the council.")
    text = models.TextField(blank=True)
    publish = models.BooleanField(null=True, blank=True, help_text="Consent to publish given.")

    class Meta:
        ordering = ["-received", "pk"]
        indexes = [models.Index(fields=["received"], name="compliment_received")]

    def __str__(self) -> str:
        return f"Compliment received {self.received:%d/%m/%Y}"


class CaseEvent(models.Model):
    """One thing that happened to a contact, for its timeline: who, what, when."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(
        max_length=100, help_text="A dotted code, e.g. fairhear.case.escalated"
    )
    description = models.TextField()
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.contact.reference}: {self.description}"


class CaseAssignment(models.Model):
    """A member of staff given a case to work on beyond their usual scope (an investigator
    without a practitioner record, or a manager of another service asked to help)."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_assignments"
    )
    assigned = models.DateField()
    reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "user"], name="case_assigned_once")
        ]

    def __str__(self) -> str:
        return f"{self.contact.reference}: {self.user}"


class ReminderSent(models.Model):
    """A reminder email sent on a day, so that running the reminders twice sends it once."""

    day = models.DateField()
    recipient = models.EmailField()
    kind = models.CharField(max_length=20, help_text="manager or digest")
    cases = models.PositiveIntegerField(help_text="How many cases it listed.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "recipient"]
        constraints = [
            models.UniqueConstraint(fields=["day", "recipient", "kind"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder to {self.recipient} on {self.day:%d/%m/%Y}"
