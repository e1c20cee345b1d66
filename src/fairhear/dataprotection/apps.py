from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    """Keeping personal data only as long as the council's retention schedule says."""

    name = "fairhear.dataprotection"
    label = "dataprotection"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fairhear.dataprotection.models import LegalHold, RetentionPolicy, RetentionRun

        auditlog.register(RetentionPolicy)
        auditlog.register(LegalHold)
        auditlog.register(RetentionRun)
