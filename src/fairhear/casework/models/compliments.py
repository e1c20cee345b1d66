"""Compliments, kept apart from contacts: praise is not a complaint."""

from django.db import models

from fairhear.casework.codes import (
    ComplimentSource,
)
from fairhear.organisation.models import ServiceArea, Team


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
