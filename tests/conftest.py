"""Personas shared by the database and browser tests: one member of staff per role."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User

from fairhear.accounts.models import StaffProfile
from fairhear.accounts.roles import Role
from fairhear.organisation.models import ServiceArea, Team

PASSWORD = "correct horse battery staple"

#: One member of staff per role, by the name of their fixture below; two service managers, one
#: for each service area, so that scope shows. Tests that go through the roles take them here.
ROLES = (
    "manager",
    "officer",
    "service_manager_a",
    "service_manager_b",
    "investigator",
    "report_viewer",
    "no_role",
)


@pytest.fixture(autouse=True)
def media_in_tmp(settings: Any, tmp_path: Path) -> Path:
    """Files that tests upload go to a folder of the test's own, never the real media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def make_user(
    username: str, role: Role | None, *, service_areas: tuple[ServiceArea, ...] = ()
) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=username)
    if role is not None:
        user.groups.add(Group.objects.get(name=role.value))
    profile = StaffProfile.objects.create(user=user)
    profile.service_areas.set(service_areas)
    return user


@pytest.fixture
def area_a(db: None) -> ServiceArea:
    area = ServiceArea.objects.create(name="Children in Care", started=date(2015, 4, 1))
    Team.objects.create(service_area=area, name="Fostering Service", started=date(2015, 4, 1))
    return area


@pytest.fixture
def area_b(db: None) -> ServiceArea:
    area = ServiceArea.objects.create(name="Front Door", started=date(2015, 4, 1))
    Team.objects.create(service_area=area, name="Safeguarding Hub", started=date(2015, 4, 1))
    return area


@pytest.fixture
def manager(db: None) -> User:
    return make_user("morgan", Role.COMPLAINTS_MANAGER)


@pytest.fixture
def officer(db: None) -> User:
    return make_user("priya", Role.COMPLAINTS_OFFICER)


@pytest.fixture
def service_manager_a(area_a: ServiceArea) -> User:
    return make_user("tomasz", Role.SERVICE_MANAGER, service_areas=(area_a,))


@pytest.fixture
def service_manager_b(area_b: ServiceArea) -> User:
    return make_user("bea", Role.SERVICE_MANAGER, service_areas=(area_b,))


@pytest.fixture
def investigator(db: None) -> User:
    return make_user("ade", Role.INVESTIGATOR)


@pytest.fixture
def report_viewer(db: None) -> User:
    return make_user("hollis", Role.REPORT_VIEWER)


@pytest.fixture
def no_role(db: None) -> User:
    return make_user("newstarter", None)
