from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    """The council's service areas and teams, and how they changed in restructures."""

    name = "fairhear.organisation"
    label = "organisation"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fairhear.organisation.models import ServiceArea, Team

        auditlog.register(ServiceArea)
        auditlog.register(Team)
