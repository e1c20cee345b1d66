"""The fictional council of the demo. No real person or council is named."""

import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group, User
from django.db import transaction

from fairhear.accounts.models import StaffProfile
from fairhear.accounts.roles import Role
from fairhear.audit import acting_as
from fairhear.casework.models import Contact
from fairhear.demo.casework import DemoTeam, Generator
from fairhear.interchange.writers import write_case_file
from fairhear.organisation import services as organisation
from fairhear.organisation.models import ServiceArea, Team

# The restructure of 1 April 2023 renames one team and merges two others, so the demo's
# year-on-year figures have old names to map onto new ones.
RESTRUCTURE = date(2023, 4, 1)

SERVICE_AREAS: dict[str, list[str]] = {
    "Early Help and Front Door": ["Multi-Agency Safeguarding Hub", "Early Help Locality Team"],
    "Children in Need and Protection": [
        "Assessment Team",
        "Child Protection Team North",
        "Child Protection Team South",
    ],
    "Children in Care and Care Leavers": [
        "Children in Care Team",
        "Leaving Care Team",
        "Fostering Service",
        "Adoption Service",
    ],
    "Disabled Children's Service": ["Disabled Children's Team", "Short Breaks Team"],
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role
    service_areas: tuple[str, ...] = ()


DEMO_USERS = (
    DemoUser("manager", "Morgan Ashdown", Role.COMPLAINTS_MANAGER),
    DemoUser("officer", "Priya Fenwick", Role.COMPLAINTS_OFFICER),
    DemoUser(
        "service-manager",
        "Tomasz Kellaway",
        Role.SERVICE_MANAGER,
        ("Children in Care and Care Leavers",),
    ),
    DemoUser("investigator", "Ade Marchbank", Role.INVESTIGATOR),
    DemoUser("viewer", "Hollis Penrose", Role.REPORT_VIEWER),
)


@transaction.atomic
def build_organisation(by: AbstractUser) -> bool:
    """Create the demo organisation in an empty database. Returns False if one exists."""
    if ServiceArea.objects.exists():
        return False
    start = date(2015, 4, 1)
    for area_name, team_names in SERVICE_AREAS.items():
        area = organisation.add_service_area(name=area_name, started=start, by=by)
        for team_name in team_names:
            organisation.add_team(service_area=area, name=team_name, started=start, by=by)
    teams = {team.name: team for team in Team.objects.all()}
    organisation.rename(
        teams["Assessment Team"],
        name="Assessment and Intervention Team",
        from_day=RESTRUCTURE,
        by=by,
    )
    protection = ServiceArea.objects.get(name="Children in Need and Protection")
    merged = organisation.add_team(
        service_area=protection, name="Child Protection Team", started=RESTRUCTURE, by=by
    )
    organisation.merge(
        [teams["Child Protection Team North"], teams["Child Protection Team South"]],
        into=merged,
        last_day=date(2023, 3, 31),
        by=by,
    )
    return True


@transaction.atomic
def reset_demo_users() -> tuple[str, list[DemoUser]]:
    """Create or reset one sign-in per role, all with one new random password."""
    password = secrets.token_urlsafe(9)
    user_model = get_user_model()
    for demo_user in DEMO_USERS:
        first, last = demo_user.full_name.split(" ", 1)
        user, _ = user_model.objects.update_or_create(
            username=demo_user.username,
            defaults={"first_name": first, "last_name": last, "is_active": True},
        )
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=demo_user.role.value)])
    return password, list(DEMO_USERS)


@transaction.atomic
def link_service_areas() -> None:
    """Give each demo service manager the service areas they look after."""
    user_model = get_user_model()
    for demo_user in DEMO_USERS:
        user = user_model.objects.get(username=demo_user.username)
        profile, _ = StaffProfile.objects.get_or_create(user=user)
        profile.service_areas.set(ServiceArea.objects.filter(name__in=demo_user.service_areas))


def demo_teams() -> list[DemoTeam]:
    """The demo organisation's teams with their dates, in name order."""
    return [
        DemoTeam(team.name, team.service_area.name, team.started, team.ended)
        for team in Team.objects.select_related("service_area").order_by("name")
    ]


def has_case_data() -> bool:
    return Contact.objects.exists()


def fill_case_data(
    *,
    seed: int,
    scale: int,
    years: int,
    until: date,
    by: User,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Fill the demo organisation with years of case data, all in one transaction.

    Refuses a database that already holds contacts or lacks the demo's teams: the demo never
    mixes its fictional cases into a council's own.
    """
    teams = demo_teams()
    missing = {name for names in SERVICE_AREAS.values() for name in names} - {
        team.name for team in teams
    }
    if has_case_data() or missing:
        raise DemoError(
            "The database already has an organisation or case data of its own: the demo left "
            "it as it is."
        )
    generator = Generator(seed=seed, scale=scale, teams=teams, until=until)
    totals: Counter[str] = Counter()
    with transaction.atomic(), acting_as(by):
        for done, case_file in enumerate(generator.years(years), start=1):
            summary = write_case_file(case_file, file_name=f"demo (seed {seed})", by=by)
            for file, counts in summary.counts.items():
                totals[file] += counts["created"]
            if progress is not None:
                progress(done, years)
    return dict(totals)


class DemoError(Exception):
    """The demo cannot fill this database, with the reason in plain words."""
