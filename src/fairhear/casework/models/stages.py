"""The stages of a statutory complaint, each category's outcome at a stage, and review panel
members."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from fairhear.casework.codes import (
    Outcome,
    StageDecision,
    StageNumber,
)
from fairhear.casework.models.contacts import Contact
from fairhear.casework.models.lists import Category, Practitioner
from fairhear.core.procedure import DeclineReason


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
