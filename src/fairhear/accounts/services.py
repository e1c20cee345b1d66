"""Writes for staff accounts: each runs in one transaction and is recorded in the audit log."""

import secrets
from collections.abc import Collection

from auditlog.models import LogEntry
from django.contrib.auth.models import AbstractBaseUser, Group, Permission, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from fairhear.accounts.models import StaffProfile
from fairhear.accounts.roles import ROLE_PERMISSIONS, Role, roles_of
from fairhear.audit import acting_as
from fairhear.organisation.models import ServiceArea

# Letters and digits that cannot be mistaken for one another when read out or copied by hand.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class StaffError(Exception):
    """A change to a staff account that cannot be made, with the reason in plain words.

    `field` names the form field the reason belongs to, if any.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


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


def service_area_problem(roles: Collection[Role], service_areas: Collection[ServiceArea]) -> str:
    """Why these service areas do not fit these roles, or "" if they do.

    A service manager sees only their own service areas' cases, so needs at least one; for
    anyone else service areas would mean nothing, and keeping them would mislead.
    """
    if Role.SERVICE_MANAGER in roles and not service_areas:
        return "Choose the service areas a service manager looks after"
    if Role.SERVICE_MANAGER not in roles and service_areas:
        return "Only a service manager has service areas: untick them, or choose Service manager"
    return ""


def username_problem(username: str, *, exclude: User | None = None) -> str:
    """Why this username cannot be used, or "" if it can.

    Usernames differing only in case would be confused by people and by sign-in alike.
    """
    clash = User.objects.filter(username__iexact=username.strip())
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    if clash.exists():
        return f"The username {username.strip()!r} is already taken: choose another"
    return ""


def generate_password(user: User | None = None) -> str:
    """A strong random password in four groups of four, such as "k7qm-vx3r-9dte-wp4h"."""
    while True:
        password = "-".join(
            "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4)
        )
        try:
            validate_password(password, user)
        except ValidationError:
            continue  # for example all digits: vanishingly rare, so simply draw again
        return password


def add_staff(
    *,
    first_name: str,
    last_name: str,
    email: str,
    username: str,
    roles: Collection[Role],
    service_areas: Collection[ServiceArea],
    by: AbstractBaseUser,
) -> tuple[User, str]:
    """Give a member of staff an account. Returns it with its first password, to pass on once."""
    with transaction.atomic(), acting_as(by):
        username = _check_username_free(username)
        _check_roles(roles, service_areas)
        user = User(
            username=username,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=User.objects.normalize_email(email.strip()),
        )
        password = generate_password(user)
        user.set_password(password)
        user.save()
        profile = StaffProfile.objects.create(user=user)
        _set_roles(user, roles)
        profile.service_areas.set(service_areas)
        return user, password


def change_staff(
    user: User,
    *,
    first_name: str,
    last_name: str,
    email: str,
    username: str,
    roles: Collection[Role],
    service_areas: Collection[ServiceArea],
    by: AbstractBaseUser,
) -> User:
    with transaction.atomic(), acting_as(by):
        user = _lock(user)
        _check_may_manage(user, by=by)
        username = _check_username_free(username, exclude=user)
        _check_roles(roles, service_areas)
        removing_manager = (
            Role.COMPLAINTS_MANAGER in roles_of(user) and Role.COMPLAINTS_MANAGER not in roles
        )
        if user.pk == by.pk and removing_manager:
            # Otherwise a manager could lock themself out of this very page.
            raise StaffError(
                "You cannot take away your own Complaints manager role: "
                "ask another complaints manager",
                field="roles",
            )
        user.username = username
        user.first_name = first_name.strip()
        user.last_name = last_name.strip()
        user.email = User.objects.normalize_email(email.strip())
        user.save(update_fields=["username", "first_name", "last_name", "email"])
        profile, _ = StaffProfile.objects.get_or_create(user=user)
        _set_roles(user, roles)
        profile.service_areas.set(service_areas)
        return user


def set_active(user: User, *, active: bool, by: AbstractBaseUser) -> User:
    """Switch an account off or on again. Accounts are never deleted: the audit trail names them."""
    with transaction.atomic(), acting_as(by):
        user = _lock(user)
        _check_may_manage(user, by=by)
        if not active and user.pk == by.pk:
            raise StaffError(
                "You cannot deactivate your own account: ask another complaints manager"
            )
        if user.is_active != active:
            user.is_active = active
            user.save(update_fields=["is_active"])
        return user


def set_new_password(user: User, *, by: AbstractBaseUser) -> str:
    """Replace a member of staff's password with a new random one, returned to pass on once."""
    with transaction.atomic(), acting_as(by):
        user = _lock(user)
        _check_may_manage(user, by=by)
        password = generate_password(user)
        _save_password(user, password, how="a new one was generated")
        return password


def change_own_password(user: User, *, password: str) -> User:
    """The signed-in user's own change of password (already checked by Django's form)."""
    with transaction.atomic(), acting_as(user):
        user = _lock(user)
        _save_password(user, password, how="changed by its owner")
        return user


def _save_password(user: User, password: str, *, how: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    # The audit log leaves the password field out (it would keep the hash), so record
    # that it changed, and how, by hand.
    LogEntry.objects.log_create(
        user, action=LogEntry.Action.UPDATE, changes={"password": ["(hidden)", f"({how})"]}
    )


def _lock(user: User) -> User:
    """The user's row, locked so that two managers' changes to it cannot interleave."""
    return User.objects.select_for_update().get(pk=user.pk)


def may_manage(user: User, *, by: AbstractBaseUser) -> bool:
    """Whether `by` may change this account. A superuser holds every right there is, so only
    another superuser may change their account: a complaints manager who could set a
    superuser's password could become one."""
    return not user.is_superuser or bool(getattr(by, "is_superuser", False))


def _check_may_manage(user: User, *, by: AbstractBaseUser) -> None:
    if not may_manage(user, by=by):
        raise StaffError("Only a superuser can change a superuser's account")


def _check_username_free(username: str, *, exclude: User | None = None) -> str:
    username = username.strip()
    if not username:
        raise StaffError("Enter a username", field="username")
    problem = username_problem(username, exclude=exclude)
    if problem:
        raise StaffError(problem, field="username")
    return username


def _check_roles(roles: Collection[Role], service_areas: Collection[ServiceArea]) -> None:
    if not roles:
        raise StaffError("Choose at least one role", field="roles")
    problem = service_area_problem(roles, service_areas)
    if problem:
        raise StaffError(problem, field="service_areas")


def _set_roles(user: User, roles: Collection[Role]) -> None:
    """Give the user exactly these roles, keeping any other groups they belong to."""
    others = user.groups.exclude(name__in=[role.value for role in Role])
    chosen = Group.objects.filter(name__in=[role.value for role in roles])
    user.groups.set([*others, *chosen])


def apply_provider_access(
    user: User, *, roles: Collection[Role], service_areas: Collection[ServiceArea]
) -> User:
    """Give an account that signs in through single sign-on exactly the roles and service
    areas its provider's groups map to. The change is recorded as made by the user's sign-in."""
    with transaction.atomic(), acting_as(user):
        user = _lock(user)
        _check_roles(roles, service_areas)
        profile, _ = StaffProfile.objects.get_or_create(user=user)
        _set_roles(user, roles)
        profile.service_areas.set(service_areas)
        return user
