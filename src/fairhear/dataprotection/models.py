"""The retention schedule, legal holds, and each run that anonymised cases under them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from fairhear.casework.models import Contact
from fairhear.core.retention import RetentionSchedule


class RetentionPolicy(models.Model):
    """The council's retention schedule for complaint records: one row."""

    years_after_closure = models.PositiveSmallIntegerField(
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Keep a case this many whole years after it closed.",
    )
    child_until_age = models.PositiveSmallIntegerField(
        default=25,
        validators=[MinValueValidator(18), MaxValueValidator(100)],
        help_text="Keep a child's case at least until the child is this old.",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        permissions = [
            ("manage_retention", "Can set the retention schedule and anonymise expired cases")
        ]

    def __str__(self) -> str:
        return (
            f"{self.years_after_closure} years after closure; "
            f"a child's case until they are {self.child_until_age}"
        )

    @property
    def schedule(self) -> RetentionSchedule:
        return RetentionSchedule(
            years_after_closure=self.years_after_closure, child_until_age=self.child_until_age
        )


class LegalHold(models.Model):
    """A case that must not be anonymised (a claim, an inquiry, a court order) until lifted."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.TextField()
    set_on = models.DateField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lifted_on = models.DateField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-set_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contact"],
                condition=models.Q(lifted_on__isnull=True),
                name="one_legal_hold_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"Legal hold on {self.contact.reference}"


class RetentionRun(models.Model):
    """One confirmed anonymisation: when, by whom, under which schedule, and how much."""

    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    as_of = models.DateField(help_text="The day the schedule was applied for.")
    years_after_closure = models.PositiveSmallIntegerField()
    child_until_age = models.PositiveSmallIntegerField()
    cases = models.PositiveIntegerField()
    people = models.PositiveIntegerField()
    compliments = models.PositiveIntegerField()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Retention run of {self.at:%d/%m/%Y}: {self.what}"

    @property
    def what(self) -> str:
        """What the run anonymised, in words: "2 cases, 1 person and 0 compliments"."""
        return (
            f"{_count(self.cases, 'case', 'cases')}, "
            f"{_count(self.people, 'person', 'people')} and "
            f"{_count(self.compliments, 'compliment', 'compliments')}"
        )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class Anonymised(models.Model):
    """A case whose personal data a retention run removed."""

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="anonymised")
    run = models.ForeignKey(RetentionRun, on_delete=models.PROTECT, related_name="anonymised")

    def __str__(self) -> str:
        return f"{self.contact.reference} anonymised"
