"""How fast the complaints dashboard and a filtered case list are with 100,000 contacts
(prints figures; not a test). Target: under 200 ms each.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fh_casework .venv/bin/fairhear migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fh_casework \\
        .venv/bin/python benchmarks/casework_pages.py --generate 100000

--generate N first adds N contacts over five years with bulk inserts: most closed, some open
at each stage with due dates around today, a tenth awaiting triage. The pages are then timed
through Django's test client (the whole request: middleware, queries, templates) for a
complaints officer (every case) and a service manager (one service area's cases).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any


def timed(what: str, run: Callable[[], Any], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    best, median = min(times) * 1000, statistics.median(times) * 1000
    print(f"{what:<62} best {best:7.1f} ms   median {median:7.1f} ms")
    return median


def generate(count: int) -> None:
    from django.contrib.auth.models import User

    from fairhear.casework.models import Contact, Person, Stage
    from fairhear.core.procedure import CaseState
    from fairhear.organisation.models import ServiceArea, Team

    rng = random.Random(2024)
    areas = list(ServiceArea.objects.all()) or [
        ServiceArea.objects.create(name=f"Benchmark area {n}") for n in range(8)
    ]
    teams = {
        area.pk: list(area.teams.all())
        or [Team.objects.create(service_area=area, name=f"{area.name} team")]
        for area in areas
    }
    manager = User.objects.get(username="bench-manager")
    people = Person.objects.bulk_create(
        [Person(key=f"bench-{time.time_ns()}-{n}", name=f"Person {n}") for n in range(20_000)],
        batch_size=5000,
    )
    today = date.today()
    open_states = [
        CaseState.STAGE_1,
        CaseState.STAGE_1,
        CaseState.STAGE_1,
        CaseState.STAGE_2_REQUESTED,
        CaseState.STAGE_2,
        CaseState.STAGE_3,
    ]
    stamp = time.time_ns()
    batch = 20_000
    for offset in range(0, count, batch):
        contacts = []
        for n in range(offset, min(count, offset + batch)):
            area = rng.choice(areas)
            received = today - timedelta(days=rng.randrange(5 * 365))
            roll = rng.random()
            route, state, due = "statutory", CaseState.CLOSED.value, None
            if roll < 0.1:
                route, state = "", CaseState.RECEIVED.value
            elif roll < 0.16:
                state = rng.choice(open_states).value
                received = today - timedelta(days=rng.randrange(60))
                due = today + timedelta(days=rng.randrange(-15, 30))
            elif roll < 0.4:
                route = rng.choice(["corporate", "representation", "member_enquiry", "mp_enquiry"])
            contacts.append(
                Contact(
                    reference=f"B-{stamp}-{n}",
                    received=received,
                    route=route,
                    channel="email",
                    complainant=rng.choice(people),
                    service_area=area,
                    team=rng.choice(teams[area.pk]),
                    summary=f"Benchmark contact {n}",
                    state=state,
                    next_due=due,
                    next_step="stage_1_reply" if due else "",
                )
            )
        Contact.objects.bulk_create(contacts, batch_size=5000)
        Stage.objects.bulk_create(
            [
                Stage(
                    contact=c, number=1, responsible_manager=manager if rng.random() < 0.3 else None
                )
                for c in contacts
                if c.route == "statutory"
            ],
            batch_size=5000,
        )
        print(f"  {offset + len(contacts):,} contacts added")


def staff(username: str, role: str, area_name: str | None = None) -> Any:
    from django.contrib.auth.models import Group, User

    from fairhear.accounts.models import StaffProfile
    from fairhear.organisation.models import ServiceArea

    user, _ = User.objects.get_or_create(username=username)
    user.groups.add(Group.objects.get(name=role))
    profile, _ = StaffProfile.objects.get_or_create(user=user)
    if area_name:
        profile.service_areas.set(ServiceArea.objects.filter(name=area_name))
    return user


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--generate", type=int, default=0, help="add this many contacts first")
    parser.add_argument(
        "--urlconf", help="time against this URL configuration instead of the project's"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairhear.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from fairhear.accounts.roles import Role
    from fairhear.casework.models import Contact
    from fairhear.organisation.models import ServiceArea

    setup_test_environment()
    if args.urlconf:
        settings.ROOT_URLCONF = args.urlconf
    settings.ALLOWED_HOSTS = ["testserver"]
    staff("bench-manager", Role.SERVICE_MANAGER.value)
    if args.generate:
        generate(args.generate)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    area = ServiceArea.objects.order_by("pk").first()
    assert area is not None
    print(f"{connection.vendor}: {Contact.objects.count():,} contacts")
    officer = staff("bench-officer", Role.COMPLAINTS_OFFICER.value)
    area_manager = staff("bench-area-manager", Role.SERVICE_MANAGER.value, area.name)
    filtered = f"/staff/cases/?status=overdue&service_area={area.pk}&sort=due"
    searched = "/staff/cases/?q=Person+1234&stage=1"
    manager = User.objects.get(username="bench-manager")
    by_manager = f"/staff/cases/?manager={manager.pk}&status=open&sort=due"
    for user, who in ((officer, "officer"), (area_manager, "service manager")):
        client = Client()
        client.force_login(user)
        for path, what in (
            ("/staff/organisation/", "baseline: a simple staff page (organisation)"),
            ("/staff/", "dashboard (staff home)"),
            ("/staff/cases/", "case list, newest first"),
            (filtered, "case list: overdue in one area, by due date"),
            (searched, "case list: search a name at Stage 1"),
            (by_manager, "case list: one manager's open cases, by due date"),
        ):
            assert client.get(path).status_code == 200, path
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            timed(
                f"{who}: {what} ({len(queries)} queries)",
                lambda client=client, path=path: client.get(path),
            )


if __name__ == "__main__":
    main()
