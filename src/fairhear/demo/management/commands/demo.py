from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from fairhear.demo.council import (
    DemoError,
    build_organisation,
    fill_case_data,
    has_case_data,
    link_service_areas,
    reset_demo_users,
)
from fairhear.demo.workload import fill_todays_work


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = (
        "Fill an empty database with the fictional demo council (organisation and years of "
        "case data), and create or reset a sign-in for each role with a new password, printed "
        "here. A database that already has case data is left as it is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2024, help="Same seed, same council.")
        parser.add_argument(
            "--scale", type=_positive, default=1, help="Multiply every volume (50: big data)."
        )
        parser.add_argument(
            "--years", type=_positive, default=5, help="Financial years of data, up to today."
        )
        parser.add_argument(
            "--until",
            type=date.fromisoformat,
            default=None,
            help="The last day of data (YYYY-MM-DD); today unless given.",
        )
        parser.add_argument(
            "--site",
            default="http://127.0.0.1:8000",
            help="Where the site is served, for the sign-in link printed at the end.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password, users = reset_demo_users()
        manager = get_user_model().objects.get(username=users[0].username)
        if build_organisation(by=manager):
            self.stdout.write("Created the demo council's service areas and teams.")
        else:
            self.stdout.write("The database already has an organisation: left it as it is.")
        link_service_areas()
        if has_case_data():
            self.stdout.write("The database already has case data: left it as it is.")
        else:
            self._fill(manager, options)
        self.stdout.write("")
        site = options["site"].rstrip("/")
        self.stdout.write(self.style.SUCCESS(f"Sign in at {site}/staff/"))
        for user in users:
            self.stdout.write(f"  {user.role.value:<20} username: {user.username}")
        self.stdout.write(f"  Password for all of them: {password}")
        self.stdout.write("")

    def _fill(self, manager: Any, options: dict[str, Any]) -> None:
        until = options["until"] or date.today()
        with Progress(
            TextColumn("Financial years"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=True,
            disable=not self.stdout.isatty(),
        ) as bar:
            task = bar.add_task("years", total=options["years"])
            try:
                created = fill_case_data(
                    seed=options["seed"],
                    scale=options["scale"],
                    years=options["years"],
                    until=until,
                    by=manager,
                    progress=lambda done, total: bar.update(task, completed=done),
                )
            except DemoError as error:
                self.stdout.write(str(error))
                return
        figures = ", ".join(
            f"{count} {file.removesuffix('.csv')}" for file, count in created.items()
        )
        self.stdout.write(f"Created the demo case data up to {until.isoformat()}: {figures}.")
        day = fill_todays_work(seed=options["seed"], until=until, by=manager)
        self.stdout.write(
            f"Named {day['people named']} people and the investigators of "
            f"{day['past investigations']} past investigations; started "
            f"{day['investigations started']} investigations and logged today's contacts."
        )
