from django.apps import AppConfig


class LettersConfig(AppConfig):
    """Letters to complainants from the council's templates, and the letters sent on a case."""

    name = "fairhear.letters"
    label = "letters"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.db.models.signals import post_save

        from fairhear.casework.models import CaseEvent
        from fairhear.casework.selectors.audit import add_case_record
        from fairhear.letters import models, notices

        auditlog.register(models.LetterTemplate)
        auditlog.register(models.Letter)
        auditlog.register(models.StepNotices)
        auditlog.register(models.Notice)
        add_case_record(models.Letter)
        add_case_record(models.Notice)
        post_save.connect(notices.on_case_event, sender=CaseEvent, dispatch_uid="letters.notices")
