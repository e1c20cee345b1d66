"""What the public front door keeps: answers in progress, what a submission said beyond the
case record, the files sent with it, and the buckets that limit submissions per address."""

from django.db import models

from fairhear.casework.models import Compliment, Contact


class Draft(models.Model):
    """A form in progress, found by the hash of a token kept in the visitor's cookie.

    Answers live here rather than in the session, so a visitor who pauses mid-form (or whose
    session ends) comes back to what they typed. Expired drafts are removed on access and by
    `fairhear clear_public_drafts`.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    journey = models.CharField(max_length=20)
    answers = models.JSONField(default=dict)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.journey} draft {self.pk}"


class PublicSubmission(models.Model):
    """How a complaint came in online: which form, and the private status link. What the
    complainant told us is on the contact."""

    class Journey(models.TextChoices):
        COMPLAINT = "complaint", "Complaint form"
        YOUNG_PERSON = "young_person", "Young person's form"

    contact = models.OneToOneField(
        Contact, on_delete=models.CASCADE, related_name="public_submission"
    )
    journey = models.CharField(max_length=20, choices=Journey.choices)
    # The private status link's token is never stored: only its SHA-256, which is as good as
    # unguessable to look up and useless to anyone who reads the database.
    status_token_hash = models.CharField(max_length=64, unique=True)
    submitted = models.DateTimeField(auto_now_add=True)
    # The acknowledgement email could not be sent: shown to staff, tried again by `fairhear
    # remind`. Only while it is owed is the status link kept, so the retry can give it; a
    # reader of the database sees nothing through it that the database does not hold already.
    acknowledgement_failed = models.BooleanField(default=False)
    acknowledgement_link = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return f"Online submission for {self.contact.reference}"


def _attachment_path(instance: "DraftAttachment", filename: str) -> str:
    # A random folder per draft keeps names unguessable and lets two people send "letter.pdf".
    return f"public/{instance.folder}/{filename}"


class DraftAttachment(models.Model):
    """A file uploaded to a form not yet sent, kept in storage under MEDIA_ROOT. On sending,
    it becomes the contact's `casework.Attachment` (the stored file stays where it is)."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="attachments")
    folder = models.CharField(max_length=64)
    file = models.FileField(upload_to=_attachment_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded", "pk"]

    def __str__(self) -> str:
        return self.original_name


class PublicCompliment(models.Model):
    """Who sent a compliment and whom it praises, beside the compliment itself."""

    compliment = models.OneToOneField(
        Compliment, on_delete=models.CASCADE, related_name="public_details"
    )
    person_praised = models.CharField(max_length=200, blank=True)
    sender_name = models.CharField(max_length=200, blank=True)
    sender_email = models.EmailField(blank=True)

    def __str__(self) -> str:
        return f"Online compliment {self.compliment_id}"


class RateLimitBucket(models.Model):
    """A token bucket per address (stored as a hash): each submission takes one token."""

    key = models.CharField(max_length=64, unique=True)
    tokens = models.FloatField()
    updated = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.key[:8]}: {self.tokens:.1f}"
