"""Contacts from any channel and who they come from, their categories, documents, timeline,
assignments and reminders."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from fairhear.casework.codes import (
    AgeBand,
    Channel,
    ChildStatus,
    ComplainantRole,
    LetterChannel,
    Route,
)
from fairhear.casework.models.lists import Category
from fairhear.core.dates import long_date
from fairhear.core.procedure import CaseState
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
    # How the complainant would like letters, offered first when one is sent.
    letters_by = models.CharField(max_length=10, choices=LetterChannel.choices, blank=True)
    large_print = models.BooleanField(default=False)
    easy_read = models.BooleanField(default=False)
    language = models.CharField(
        max_length=100, blank=True, help_text="Letters in another language: which one."
    )
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
    by_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="Who, by username, when their account is not in this Fairhear (a timeline "
        "imported with the case file from another).",
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


class EndedAppointment(models.Model):
    """A person's appointment to a case has ended: they no longer see it through the stages
    (as investigating officer, independent person, panel member or responsible manager) nor
    through an assignment. Their names stay in the stages, which are the case's history."""

    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="ended_appointments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ended_appointments"
    )
    ended = models.DateField()
    reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "user"], name="appointment_ended_once")
        ]

    def __str__(self) -> str:
        return f"{self.contact.reference}: {self.user} (ended {self.ended})"


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
