from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    """Keeping personal data only as long as the council's retention schedule says, and
    answering people who ask for theirs."""

    name = "fairhear.dataprotection"
    label = "dataprotection"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fairhear.dataprotection.models import (
            LegalHold,
            RetentionPolicy,
            RetentionRun,
            SubjectAccessBundle,
            SubjectAccessRequest,
        )

        auditlog.register(RetentionPolicy)
        auditlog.register(LegalHold)
        auditlog.register(RetentionRun)
        auditlog.register(SubjectAccessRequest)
        auditlog.register(SubjectAccessBundle, m2m_fields={"cases"})
