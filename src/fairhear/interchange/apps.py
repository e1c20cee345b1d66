from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    """The case file (interchange format v1.1): import, export and validation."""

    name = "fairhear.interchange"
    label = "interchange"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fairhear.interchange.models import CaseFileExport, ExportRequest, ImportRun

        auditlog.register(ImportRun)
        auditlog.register(CaseFileExport)
        # Asked for and downloaded (a view, by the one person who may); its progress and
        # status are conditional updates, which the log does not see.
        auditlog.register(ExportRequest)
