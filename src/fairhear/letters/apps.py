from django.apps import AppConfig


class LettersConfig(AppConfig):
    """Letters to complainants from the council's templates, and the letters sent on a case."""

    name = "fairhear.letters"
    label = "letters"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fairhear.casework.selectors.audit import add_case_record
        from fairhear.letters import models

        auditlog.register(models.LetterTemplate)
        auditlog.register(models.Letter)
        add_case_record(models.Letter)
