"""Reads for staff accounts."""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Prefetch

from fairhear.accounts.models import StaffProfile
from fairhear.accounts.roles import Role
from fairhear.organisation.models import ServiceArea


@dataclass(frozen=True)
class StaffMember:
    user: User
    roles: list[Role]
    service_areas: list[ServiceArea]


def staff_members() -> list[StaffMember]:
    """Every account, active or not, by name, with its roles and service areas."""
    users = User.objects.order_by("last_name", "first_name", "username").prefetch_related(
        "groups",
        Prefetch("staff_profile__service_areas", queryset=ServiceArea.objects.order_by("name")),
    )
    return [
        StaffMember(user=user, roles=_roles(user), service_areas=service_areas_of(user))
        for user in users
    ]


def service_areas_of(user: User) -> list[ServiceArea]:
    try:
        profile = user.staff_profile
    except StaffProfile.DoesNotExist:
        return []  # for example a superuser made with createsuperuser
    return list(profile.service_areas.all())


def _roles(user: User) -> list[Role]:
    names = {group.name for group in user.groups.all()}
    return [role for role in Role if role.value in names]
