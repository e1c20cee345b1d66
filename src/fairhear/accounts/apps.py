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
        post_migrate.connect(_sync_roles, sender=self)
