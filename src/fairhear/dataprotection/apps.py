from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    """Keeping personal data only as long as the council's retention schedule says, and
    answering people who ask for theirs, or to correct or erase it."""

    name = "fairhear.dataprotection"
    label = "dataprotection"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fairhear.casework.selectors.audit import add_case_record
        from fairhear.dataprotection.models import (
            Correction,
            ErasureDecision,
            LegalHold,
            RetentionPolicy,
            RetentionRun,
            RightsRequest,
            SubjectAccessBundle,
            SubjectAccessRequest,
        )

        auditlog.register(RetentionPolicy)
        auditlog.register(LegalHold)
        auditlog.register(RetentionRun)
        auditlog.register(SubjectAccessRequest)
        auditlog.register(SubjectAccessBundle, m2m_fields={"cases"})
        auditlog.register(RightsRequest)
        auditlog.register(Correction)
        auditlog.register(ErasureDecision)
        add_case_record(Correction)
        add_case_record(ErasureDecision)
