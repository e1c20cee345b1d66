from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from fairhear.interchange import files, services
from fairhear.interchange.management.commands._user import user_named


class Command(BaseCommand):
    help = (
        "Import a case file (interchange format v1.1): a folder of CSV files, a .zip of them or "
        "an .xlsx workbook. Checks everything first; with any error nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--user", help="Username recorded as the person who imported it.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        by = user_named(options["user"])
        try:
            tables = files.read_case_file(path)
        except files.CaseFileError as unreadable:
            raise CommandError(str(unreadable)) from None
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=True,
            disable=not self.stdout.isatty(),
        ) as bar:
            tasks: dict[str, Any] = {}

            def report(step: str, done: int, total: int) -> None:
                if step not in tasks:
                    tasks[step] = bar.add_task(step, total=total)
                bar.update(tasks[step], completed=done)

            result = services.import_case_file(tables, file_name=path.name, by=by, progress=report)
        for warning in result.warnings:
            self.stdout.write(f"warning: {warning}")
        if not result.imported:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(result.errors)} error(s): nothing was imported. Correct the file and "
                "import it again."
            )
        assert result.summary is not None
        for file, counts in result.run.counts.items():
            self.stdout.write(
                f"{file}: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged"
            )
        for kind, names in result.summary.created_names.items():
            if names:
                self.stdout.write(f"New {kind}: {', '.join(names)}")
        self.stdout.write(
            f"People: {result.summary.people_created} new, "
            f"{result.summary.people_matched} matched by their key"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {path.name} with {len(result.warnings)} warning(s) "
                f"(import {result.run.pk})."
            )
        )
