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
