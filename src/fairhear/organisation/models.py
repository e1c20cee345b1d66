"""Service areas and teams, with the dates they ran and who took over their work.

A restructure never rewrites history: a renamed or merged unit is ended on its last day and
names its successor, so reports for earlier years can map old names onto today's.
"""

from datetime import date

from django.db import models
from django.db.models.functions import Lower


class OrganisationUnit(models.Model):
    name = models.CharField(max_length=200)
    started = models.DateField(
        null=True, blank=True, help_text="The first day it ran. Empty: it always existed."
    )
    ended = models.DateField(
        null=True, blank=True, help_text="The last day it ran. Empty: still running."
    )
    # "self" in an abstract model means the concrete model: a team succeeds a team.
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        help_text="The unit that took over its work when it ended.",
    )
    successor_id: int | None

    objects = models.Manager()

    class Meta:
        abstract = True
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="%(class)s_name_unique"),
            models.CheckConstraint(
                condition=models.Q(started__isnull=True)
                | models.Q(ended__isnull=True)
                | models.Q(ended__gte=models.F("started")),
                name="%(class)s_ends_on_or_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(successor__isnull=True) | models.Q(ended__isnull=False),
                name="%(class)s_successor_only_when_ended",
            ),
            models.CheckConstraint(
                condition=~models.Q(successor=models.F("pk")),
                name="%(class)s_not_its_own_successor",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_running_on(self, day: date) -> bool:
        return (self.started is None or self.started <= day) and (
            self.ended is None or day <= self.ended
        )


class ServiceArea(OrganisationUnit):
    class Meta(OrganisationUnit.Meta):
        verbose_name = "service area"


class Team(OrganisationUnit):
    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="teams")

    class Meta(OrganisationUnit.Meta):
        verbose_name = "team"
