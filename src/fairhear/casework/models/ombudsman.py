"""The Ombudsman's cases: enquiries, decisions, remedies and the council's compliance."""

from django.db import models
from django.db.models import F, Q

from fairhear.casework.codes import (
    LgscoDecision,
)
from fairhear.casework.models.contacts import Contact
from fairhear.organisation.models import ServiceArea, Team


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
