"""The council's letter templates, and every letter sent on a case."""

from django.conf import settings
from django.db import models

from fairhear.casework.codes import LetterChannel
from fairhear.casework.models import Contact
from fairhear.letters.kinds import KIND_TITLES, Audience, LetterKind

KIND_CHOICES = [(kind.value, title) for kind, title in KIND_TITLES.items()]
AUDIENCE_CHOICES = [(audience.value, audience.label) for audience in Audience]


class LetterTemplate(models.Model):
    """The council's own wording of one letter for one audience. A kind without one uses the
    default set (`letters.defaults`)."""

    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    audience = models.CharField(max_length=20, choices=AUDIENCE_CHOICES)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    changed = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kind", "audience"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "audience"], name="one_template_per_letter")
        ]

    def __str__(self) -> str:
        return f"{LetterKind(self.kind).label} ({Audience(self.audience).label.lower()})"


class Letter(models.Model):
    """A letter sent on a case, kept as it was sent: its text, when, how and by whom."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    audience = models.CharField(max_length=20, choices=AUDIENCE_CHOICES)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    channel = models.CharField(max_length=10, choices=LetterChannel.choices)
    sent_to = models.TextField(help_text="The email address, or the postal address.")
    large_print = models.BooleanField(default=False)
    sent = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="letters_sent"
    )

    class Meta:
        ordering = ["contact", "sent", "pk"]

    def __str__(self) -> str:
        return f"{self.contact.reference}: {self.get_kind_display()}"

    def get_additional_data(self) -> dict[str, int]:
        """Kept on each audit entry, so a case's history finds its letters."""
        return {"contact": self.contact_id}


class StepNotices(models.Model):
    """Whether the council tells complainants, by email or text, when their case moves to a
    new step. One row at most; none means off."""

    switched_on = models.BooleanField(default=False)
    changed = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "step notices setting"

    def __str__(self) -> str:
        return "Step notices on" if self.switched_on else "Step notices off"


class Notice(models.Model):
    """A short email or text sent to the complainant when their case moved to a new step, or
    the attempt, with why it failed."""

    class By(models.TextChoices):
        EMAIL = "email", "Email"
        TEXT = "text", "Text message"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="notices")
    step = models.CharField(max_length=60, help_text="The timeline's action code of the step.")
    by = models.CharField(max_length=10, choices=By.choices)
    sent_to = models.CharField(max_length=254)
    subject = models.CharField(max_length=300)
    text = models.TextField()
    sent = models.DateTimeField(auto_now_add=True)
    failure = models.TextField(blank=True, help_text="Why it could not be sent; empty if sent.")

    class Meta:
        ordering = ["contact", "sent", "pk"]

    def __str__(self) -> str:
        return f"{self.contact.reference}: {self.subject}"

    def get_additional_data(self) -> dict[str, int]:
        """Kept on each audit entry, so a case's history finds its notices."""
        return {"contact": self.contact_id}
