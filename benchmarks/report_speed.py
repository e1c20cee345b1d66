"""How fast the annual report is on a big database (prints figures; not a test).

Run against PostgreSQL holding about a million contacts over ten years, e.g. after
`fairhear demo --scale 50 --years 10`:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fh_reports \
        .venv/bin/python benchmarks/report_speed.py --year 2024

With --generate N, it first adds N contacts spread over ten years with bulk inserts (for a
database without the demo data). Targets: the annual report's JSON under 1 s, the Word
document with its charts under 5 s.
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


def timed(what: str, run: Callable[[], Any], repeat: int = 3) -> Any:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    print(f"{what:<58} best {min(times):7.3f} s   median {statistics.median(times):7.3f} s")
    return result


def generate(count: int, last_year: int) -> None:
    """Add `count` contacts over the ten years to `last_year`, a fifth of them statutory with
    a Stage 1, some with a Stage 2, categories and costs."""
    from fairhear.casework.models import Category, Contact, ContactCategory, Cost, Person, Stage
    from fairhear.organisation.models import ServiceArea

    rng = random.Random(2019)
    areas = list(ServiceArea.objects.values_list("id", flat=True)) or [
        ServiceArea.objects.create(name=f"Benchmark area {n}").pk for n in range(8)
    ]
    categories = [Category.objects.get_or_create(name=f"Benchmark {n}")[0].pk for n in range(12)]
    people = Person.objects.bulk_create(
        [Person(key=f"bench-{n}-{rng.random()}") for n in range(20_000)], batch_size=5000
    )
    first = date(last_year - 9, 4, 1)
    days = (date(last_year + 1, 3, 31) - first).days
    # About a fifth statutory, as in the busier councils' reports.
    routes = ["statutory", "corporate", "representation", "member_enquiry"] * 3 + ["mp_enquiry"] * 2
    stamp = int(time.time())
    batch = 20_000
    for offset in range(0, count, batch):
        contacts = []
        for n in range(offset, min(count, offset + batch)):
            received = first + timedelta(days=rng.randrange(days))
            contacts.append(
                Contact(
                    reference=f"B-{stamp}-{n}",
                    received=received,
                    route=rng.choice(routes),
                    channel=rng.choice(["email", "letter", "telephone", "online_form", ""]),
                    complainant_role=rng.choice(["parent", "child", "advocate", "other", ""]),
                    complainant_id=rng.choice(people).pk,
                    service_area_id=rng.choice(areas),
                    gender=rng.choice(["Female", "Male", ""]),
                    responded=received + timedelta(days=rng.randint(0, 30)),
                )
            )
        Contact.objects.bulk_create(contacts, batch_size=5000)
        links, stages, costs = [], [], []
        for contact in contacts:
            links.append(
                ContactCategory(contact=contact, category_id=rng.choice(categories), position=0)
            )
            if contact.route != "statutory":
                continue
            stages.append(
                Stage(
                    contact=contact,
                    number=1,
                    responded=contact.received + timedelta(days=rng.randint(0, 40)),
                    outcome=rng.choices(
                        ["upheld", "partly_upheld", "not_upheld", "no_finding", "withdrawn"],
                        weights=[30, 30, 30, 5, 5],
                    )[0],
                    extended=rng.random() < 0.2,
                )
            )
            if rng.random() < 0.05:
                asked = contact.received + timedelta(days=50)
                stages.append(
                    Stage(
                        contact=contact,
                        number=2,
                        requested=asked,
                        responded=asked + timedelta(days=rng.randint(20, 120)),
                        outcome="not_upheld",
                    )
                )
                costs.append(
                    Cost(contact=contact, date=asked, kind="investigating_officer", amount=1500)
                )
        ContactCategory.objects.bulk_create(links, batch_size=5000)
        Stage.objects.bulk_create(stages, batch_size=5000)
        Cost.objects.bulk_create(costs, batch_size=5000)
        print(f"  generated {min(count, offset + batch):,} of {count:,} contacts", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, help="financial year (default: the last complete)")
    parser.add_argument("--generate", type=int, default=0, help="first add this many contacts")
    options = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairhear.settings")
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from fairhear.casework.models import Contact
    from fairhear.core.report import Period, financial_year_of
    from fairhear.reports.engine import build_report
    from fairhear.reports.output import render

    year = options.year or financial_year_of(date.today()) - 1
    if options.generate:
        generate(options.generate, year)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    period = Period.financial_year(year)
    as_at = date(year + 1, 6, 30)
    print(f"Database: {connection.vendor}, {Contact.objects.count():,} contacts")
    print(f"Report: {period.label}, as at {as_at.isoformat()}")
    build_report(period, as_at=as_at)  # warm the calendar and the database's caches

    with CaptureQueriesContext(connection) as queries:
        report = build_report(period, as_at=as_at)
    sql = [q["sql"] for q in queries.captured_queries]
    reset_queries()
    timed("Annual report JSON (all tables, narrative)", lambda: build_report(period, as_at=as_at))

    def bare_sql() -> None:
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)
                cursor.fetchall()

    timed(f"  of which the bare SQL ({len(sql)} queries)", bare_sql)
    slowest = []
    with connection.cursor() as cursor:
        for statement in sql:
            start = time.perf_counter()
            cursor.execute(statement)
            cursor.fetchall()
            slowest.append((time.perf_counter() - start, statement))
    for seconds, statement in sorted(slowest, reverse=True)[:5]:
        source = statement.split(" FROM ", 1)[1][:70] if " FROM " in statement else statement[:70]
        print(f"    {seconds:6.3f} s  FROM {source}")
    timed("Word document with charts, from the JSON", lambda: render(report, "docx"), repeat=2)
    timed("Excel workbook, from the JSON", lambda: render(report, "xlsx"), repeat=2)
    timed("Web page with SVG charts, from the JSON", lambda: render(report, "html"), repeat=2)
    statutory = next(r for r in report["tables"]["volumes"]["rows"] if r["key"] == "total")
    print(f"Contacts received in {period.label}: {statutory['cells']['current']:,}")


if __name__ == "__main__":
    main()
