from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(**kwargs: Any) -> None:
    from fairhear.accounts.services import sync_role_groups

    sync_role_groups()


class AccountsConfig(AppConfig):
    """Staff sign-in and the roles that decide what each member of staff may do."""

    name = "fairhear.accounts"
    label = "accounts"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.contrib.auth.models import User

        from fairhear.accounts.models import StaffProfile

        post_migrate.connect(_sync_roles, sender=self)
        # The password hash is never kept in the log (services record that it changed), and
        # each sign-in's last_login would only bury the changes that matter.
        auditlog.register(User, exclude_fields=["password", "last_login"], m2m_fields={"groups"})
        auditlog.register(StaffProfile, m2m_fields={"service_areas"})
