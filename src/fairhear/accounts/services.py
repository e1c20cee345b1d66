"""Writes for staff accounts."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from fairhear.accounts.roles import ROLE_PERMISSIONS


@transaction.atomic
def sync_role_groups() -> None:
    """Create each role's group and give it exactly the permissions ROLE_PERMISSIONS lists.

    Runs after every migration, so a role's rights in the database always match the code.
    """
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        permissions = []
        for dotted in sorted(codenames):
            app_label, codename = dotted.split(".")
            permissions.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)
