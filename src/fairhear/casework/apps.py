from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    """Contacts, the three stages, the Ombudsman, costs, learning actions and compliments."""

    name = "fairhear.casework"
    label = "casework"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fairhear.casework import models

        for model in (
            models.Category,
            models.Person,
            models.Practitioner,
            models.EqualityOption,
            models.Contact,
            models.ContactCategory,
            models.Attachment,
            models.Stage,
            models.CategoryOutcome,
            models.PanelMembership,
            models.OmbudsmanCase,
            models.Cost,
            models.LearningAction,
            models.Compliment,
            models.CaseAssignment,
            models.EndedAppointment,
        ):
            auditlog.register(model)
