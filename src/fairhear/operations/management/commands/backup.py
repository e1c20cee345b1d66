from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairhear.operations.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files to one zip archive, which "
        "`fairhear restore` reads on SQLite or PostgreSQL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, required=True, help="the archive to write, e.g. backup.zip"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = write_backup(options["output"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {manifest.records} records and {len(manifest.files)} files "
                f"to {options['output']}."
            )
        )
