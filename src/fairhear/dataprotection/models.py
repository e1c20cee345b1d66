"""The retention schedule, legal holds, and each run that anonymised cases under them; and
people's requests about their data (subject access, correction, erasure)."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from fairhear.casework.models import Contact
from fairhear.core.retention import RetentionSchedule
from fairhear.core.subject_access import request_due


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
    request_years_after_answer = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Keep a request about personal data this many whole years after its answer.",
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
            years_after_closure=self.years_after_closure,
            child_until_age=self.child_until_age,
            request_years_after_answer=self.request_years_after_answer,
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
    # Empty for runs made before requests about personal data came under the schedule.
    request_years_after_answer = models.PositiveSmallIntegerField(null=True, blank=True)
    cases = models.PositiveIntegerField()
    people = models.PositiveIntegerField()
    compliments = models.PositiveIntegerField()
    requests = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Retention run of {self.at:%d/%m/%Y}: {self.what}"

    @property
    def what(self) -> str:
        """What the run anonymised, in words: "2 cases, 1 person and 0 compliments", with
        the requests about personal data when there were any."""
        parts = [
            _count(self.cases, "case", "cases"),
            _count(self.people, "person", "people"),
            _count(self.compliments, "compliment", "compliments"),
        ]
        if self.requests:
            parts.append(
                _count(self.requests, "request about personal data", "requests about personal data")
            )
        return ", ".join(parts[:-1]) + " and " + parts[-1]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class PersonsRequest(models.Model):
    """What every request a person makes about their data shares: who asked, when, when the
    answer is due (a month, or up to three when extended), and when it was sent."""

    requester = models.CharField(max_length=200, help_text="Who asked, as they gave their name.")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    address = models.TextField(blank=True)
    received = models.DateField()
    due = models.DateField(
        help_text="One calendar month after it was received; up to three when extended."
    )
    notes = models.TextField(blank=True, help_text="How they asked, proof of identity, and so on.")
    logged = models.DateTimeField(auto_now_add=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered = models.DateField(null=True, blank=True, help_text="The day the answer was sent.")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    extended_on = models.DateField(
        null=True, blank=True, help_text="The day the answer was put off (article 12(3))."
    )
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    extension_reason = models.TextField(
        blank=True, help_text="Why more time is needed, as the person was told."
    )
    anonymised_in = models.ForeignKey(
        RetentionRun,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The retention run that removed the requester's details, once answered long "
        "enough ago.",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True

    @property
    def first_due(self) -> date:
        """The day the answer was due before any extension."""
        return request_due(self.received)


class SubjectAccessRequest(PersonsRequest):
    """A person's request for their personal data (UK GDPR article 15), due in a month."""

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


class RightsRequest(PersonsRequest):
    """A person's request to correct (UK GDPR article 16) or erase (article 17) the personal
    data held about them, due in a month like subject access."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        ERASURE = "erasure", "Erasure"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    asked_for = models.TextField(help_text="What they ask to be corrected or erased.")

    class Meta:
        ordering = ["due", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due__gte=models.F("received")),
                name="rights_request_due_after_received",
            ),
            models.CheckConstraint(
                condition=models.Q(answered__isnull=True)
                | models.Q(answered__gte=models.F("received")),
                name="rights_request_answered_after_received",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} request from {self.requester}"


class Correction(models.Model):
    """Details corrected on a case for a correction request. Which details only: the old and
    new values are in the case's audit trail, which retention redacts with the case."""

    request = models.ForeignKey(RightsRequest, on_delete=models.CASCADE, related_name="corrections")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    details = models.TextField(help_text="Which details, in words: “the child's name”.")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.contact.reference}: corrected {self.details}"

    def get_additional_data(self) -> dict[str, int]:
        """Kept on each audit entry, so the case's history lists it."""
        return {"contact": self.contact_id}


class ErasureDecision(models.Model):
    """What an erasure request decided for one case: erased, or kept and why."""

    class Outcome(models.TextChoices):
        ERASED = "erased", "Erased"
        KEPT = "kept", "Kept"
        ALREADY_ANONYMISED = "already", "Already anonymised"

    request = models.ForeignKey(RightsRequest, on_delete=models.CASCADE, related_name="erasures")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.TextField(blank=True, help_text="Why it was kept, in plain words.")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "contact"], name="one_erasure_decision")
        ]

    def __str__(self) -> str:
        return f"{self.contact.reference}: {self.get_outcome_display().lower()}"

    def get_additional_data(self) -> dict[str, int]:
        """Kept on each audit entry, so the case's history lists it."""
        return {"contact": self.contact_id}


class Anonymised(models.Model):
    """A case whose personal data was removed: by a retention run, or at the person's request."""

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="anonymised")
    run = models.ForeignKey(
        RetentionRun, null=True, blank=True, on_delete=models.PROTECT, related_name="anonymised"
    )
    erasure = models.ForeignKey(
        RightsRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="anonymised"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(run__isnull=True, erasure__isnull=False)
                | models.Q(run__isnull=False, erasure__isnull=True),
                name="anonymised_by_a_run_or_an_erasure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact.reference} anonymised"
