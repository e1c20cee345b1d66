"""Learning actions: what the council will change, owned by a team or service area."""

from django.db import models
from django.db.models import Q

from fairhear.casework.codes import (
    ActionKind,
)
from fairhear.casework.models.contacts import Contact
from fairhear.organisation.models import ServiceArea, Team


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
