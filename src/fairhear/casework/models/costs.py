"""Costs of complaints: investigators, independent people, panels, mediation and redress."""

from django.db import models

from fairhear.casework.codes import (
    CostKind,
)
from fairhear.casework.models.contacts import Contact


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
