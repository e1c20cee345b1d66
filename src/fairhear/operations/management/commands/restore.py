from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairhear.operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a `fairhear backup` archive into an empty, migrated database (--replace "
        "deletes everything in a database that is not empty first)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="the archive `fairhear backup` wrote")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete every record in the database first, then restore",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore_backup(options["archive"], replace=options["replace"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {manifest.records} records and {len(manifest.files)} files from "
                f"{options['archive']} (made by Fairhear {manifest.fairhear_version} on "
                f"{manifest.made})."
            )
        )
