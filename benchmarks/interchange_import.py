"""Time the case-file import: 100,000 contacts with their stages, into PostgreSQL.

Makes a case file with the demo council's generator (one financial year at scale 60: about
100,000 contacts), writes it as CSV files, then times reading, checking and writing it into an
empty database, a second import of the same file (which changes nothing), and an export; then
imports that export (people and events included) into a second empty database with the command
line, exports again and says whether the bytes are the same.

Run from the repository root (PostgreSQL on 127.0.0.1, user postgres):
    .venv/bin/python benchmarks/interchange_import.py [--scale 60] [--database fh_interchange_bench]
It drops and re-creates the database and the one named with "_again" after it. Prints the
figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=60)
    parser.add_argument("--database", default="fh_interchange_bench")
    args = parser.parse_args()

    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
        db.execute(f'CREATE DATABASE "{args.database}"')
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairhear.settings")

    import django

    django.setup()
    from django.core.management import call_command

    from fairhear.demo.casework import DemoTeam, Generator
    from fairhear.demo.council import SERVICE_AREAS
    from fairhear.interchange import files
    from fairhear.interchange.format import serialise
    from fairhear.interchange.models import CaseFileExport
    from fairhear.interchange.services import export_case_file, import_case_file

    call_command("migrate", verbosity=0)
    teams = [
        DemoTeam(team, area, None, None) for area, names in SERVICE_AREAS.items() for team in names
    ]
    generator = Generator(seed=1, scale=args.scale, teams=teams, until=date(2024, 3, 31))
    case_file = next(generator.years(1))
    folder = Path(tempfile.mkdtemp(prefix="fairhear-bench-"))
    tables = serialise(case_file)
    del tables["organisation"]  # names are created as recorded
    files.write_folder(tables.values(), folder)
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs")
    print(
        f"case file: {len(case_file.contacts):,} contacts, {len(case_file.stages):,} stages, "
        f"{len(case_file.costs):,} costs, {len(case_file.compliments):,} compliments "
        f"({sum(p.stat().st_size for p in folder.iterdir()) / 1e6:.1f} MB of CSV)"
    )

    def timed(label: str) -> float:
        start = time.perf_counter()
        tables = files.read_case_file(folder)
        read = time.perf_counter()
        result = import_case_file(tables, file_name=folder.name, by=None)
        done = time.perf_counter()
        assert result.imported, [str(error) for error in result.errors[:5]]
        counts = result.run.counts["contacts.csv"]
        print(
            f"{label:<28} {done - start:6.1f} s  (read {read - start:.1f} s, check and write "
            f"{done - read:.1f} s; contacts {counts})"
        )
        return done - start

    timed("import into an empty db")
    timed("import again (no change)")
    start = time.perf_counter()
    tables = export_case_file(by=None, form=CaseFileExport.Form.FOLDER).tables
    exported = folder / "export"
    files.write_folder(tables, exported)
    print(f"{'export to CSV':<28} {time.perf_counter() - start:6.1f} s")
    round_trip(exported, f"{args.database}_again")


def round_trip(exported: Path, database: str) -> None:
    """Import the export (people and every case's events, as v1.1 writes them) into another
    empty database through the command line, export it again, and compare the bytes."""
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{database}"')
        db.execute(f'CREATE DATABASE "{database}"')
    env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}"}
    fairhear = [sys.executable, "-m", "fairhear"]
    subprocess.run([*fairhear, "migrate", "-v0"], env=env, check=True)
    events = sum(1 for _ in (exported / "events.csv").open()) - 1
    for label, command in (
        (f"import the export ({events:,} events) into another empty db", "import"),
        ("export that db again", "export"),
    ):
        target = exported if command == "import" else exported.parent / "again"
        start = time.perf_counter()
        subprocess.run([*fairhear, command, str(target)], env=env, check=True, capture_output=True)
        took = time.perf_counter() - start
        print(f"{label:<28} {took:6.1f} s  (command line, start-up included)")
    same = all(
        (exported / name).read_bytes() == (exported.parent / "again" / name).read_bytes()
        for name in sorted(p.name for p in exported.iterdir() if p.is_file())
    )
    print(f"the second export is byte for byte the first: {same}")


if __name__ == "__main__":
    main()
