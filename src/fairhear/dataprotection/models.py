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


class SubjectAccessRequest(models.Model):
    """A person's request for their personal data (UK GDPR article 15), due in a month."""

    requester = models.CharField(max_length=200, help_text="Who asked, as they gave their name.")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    address = models.TextField(blank=True)
    received = models.DateField()
    due = models.DateField(help_text="One calendar month after it was received.")
    notes = models.TextField(blank=True, help_text="How they asked, proof of identity, and so on.")
    logged = models.DateTimeField(auto_now_add=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered = models.DateField(null=True, blank=True, help_text="The day the answer was sent.")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due__gte=models.F("received")),
                name="subject_access_due_after_received",
            ),
            models.CheckConstraint(
                condition=models.Q(answered__isnull=True)
                | models.Q(answered__gte=models.F("received")),
                name="subject_access_answered_after_received",
            ),
        ]

    def __str__(self) -> str:
        return f"Subject access request from {self.requester}"


class SubjectAccessBundle(models.Model):
    """One bundle produced for a request: who downloaded it, when, and which cases it held."""

    request = models.ForeignKey(
        SubjectAccessRequest, on_delete=models.CASCADE, related_name="bundles"
    )
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cases = models.ManyToManyField(Contact, related_name="+")
    references = models.TextField(help_text="The cases' references, as they were when produced.")
    searched_for = models.TextField(help_text="The name, email and phone searched for.")

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Subject access bundle of {self.at:%d/%m/%Y}: {self.references}"
