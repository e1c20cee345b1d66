from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fairhear.interchange import files, services


class Command(BaseCommand):
    help = (
        "Export everything as a case file (interchange format v1): a folder of CSV files, a "
        ".zip of them when PATH ends in .zip, or one .xlsx workbook when it ends in .xlsx."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        tables, export = services.export_tables()
        suffix = path.suffix.lower()
        if suffix in (".xlsx", ".zip"):
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as stream:
                if suffix == ".zip":
                    files.write_zip(tables, stream)
                else:
                    files.write_workbook(tables, stream)
        else:
            files.write_folder(tables, path)
        for table in tables:
            self.stdout.write(f"{table.name}.csv: {len(table.rows)} rows")
        if export.left_out_contacts:
            self.stdout.write(
                f"Left out {export.left_out_contacts} contact(s) awaiting triage (they have no "
                f"route yet) and {export.left_out_rows} row(s) that belong to them."
            )
        self.stdout.write(self.style.SUCCESS(f"Exported the case file to {path}."))
