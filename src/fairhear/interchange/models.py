"""A record of every import of a case file: who, when, which file, what it changed.

The import writes in bulk, which django-auditlog does not see, so this record (itself audited)
is the import's entry in the history.
"""

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    class Status(models.TextChoices):
        CHECKED = "checked", "Checked, waiting to be confirmed"
        REFUSED = "refused", "Refused: the file has errors"
        IMPORTED = "imported", "Imported"
        CANCELLED = "cancelled", "Cancelled"

    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when run from the command line without --user.",
    )
    file_name = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices)
    upload = models.CharField(
        max_length=255,
        blank=True,
        help_text="The uploaded file under MEDIA_ROOT, kept until it is confirmed or cancelled.",
    )
    counts = models.JSONField(
        default=dict, blank=True, help_text="Per file: rows created, updated and unchanged."
    )
    created_names = models.JSONField(
        default=dict, blank=True, help_text="Service areas, teams and categories it created."
    )
    warnings = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        permissions = [("import_case_file", "Can import and export the case file")]

    def __str__(self) -> str:
        return f"Import of {self.file_name} ({self.get_status_display()})"


class CaseFileExport(models.Model):
    """An export of the case file: who took all of it out, when, in what form, how much.

    The whole case file is every complainant's personal data, so each export is recorded
    (and audited) by the export service, from the staff page and the command line alike."""

    class Form(models.TextChoices):
        FOLDER = "folder", "Folder of CSV files"
        ZIP = "zip", "Zip of CSV files"
        XLSX = "xlsx", "Excel workbook"

    created = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when run from the command line without --user.",
    )
    form = models.CharField(max_length=6, choices=Form.choices)
    rows = models.JSONField(default=dict, blank=True, help_text="Rows written, per file.")

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"Export of the case file as a {self.get_form_display().lower()}"


class ExportRequest(models.Model):
    """A complaints manager's request for the case file, written in the background.

    The export itself is recorded as a `CaseFileExport` when the data is read; this record is
    the file it made, kept in private storage until it expires, for the one person who asked."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being written"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Failed"
        EXPIRED = "expired", "Deleted"

    class Form(models.TextChoices):
        ZIP = "zip", "Zip of CSV files"
        XLSX = "xlsx", "Excel workbook"

    created = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    form = models.CharField(max_length=4, choices=Form.choices)
    status = models.CharField(max_length=7, choices=Status.choices, default=Status.QUEUED)
    progress = models.CharField(
        max_length=200, blank=True, help_text="What the export is doing, in words, for the page."
    )
    updated = models.DateTimeField(
        auto_now=True, help_text="The last sign of life: an export silent for long has stopped."
    )
    finished = models.DateTimeField(null=True, blank=True)
    file = models.CharField(
        max_length=255, blank=True, help_text="The file in the default storage while it is kept."
    )
    size = models.PositiveBigIntegerField(null=True, blank=True, help_text="In bytes.")
    expires = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="interchange_exportrequest_ready_has_a_file",
                condition=~models.Q(status="ready") | ~models.Q(file=""),
            )
        ]

    def __str__(self) -> str:
        return f"Case file export ({self.get_form_display()})"
