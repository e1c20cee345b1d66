import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from fairhear.accounts.roles import ROLE_PERMISSIONS, Role

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group_with_exactly_its_permissions() -> None:
    for role in Role:
        group = Group.objects.get(name=role.value)
        granted = {
            f"{app}.{codename}"
            for app, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert granted == ROLE_PERMISSIONS[role], role


def test_migrating_again_puts_back_a_permission_removed_by_hand() -> None:
    group = Group.objects.get(name=Role.COMPLAINTS_MANAGER.value)
    group.permissions.clear()

    call_command("migrate", verbosity=0)

    assert group.permissions.count() == len(ROLE_PERMISSIONS[Role.COMPLAINTS_MANAGER])
