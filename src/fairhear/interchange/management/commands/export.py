from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairhear.interchange import files, services
from fairhear.interchange.management.commands._user import user_named
from fairhear.interchange.models import CaseFileExport


class Command(BaseCommand):
    help = (
        "Export everything as a case file (interchange format v1.1): a folder of CSV files with "
        "the documents in documents/, a .zip of them when PATH ends in .zip, or one .xlsx "
        "workbook (without the documents) when it ends in .xlsx."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--user", help="Username recorded as the person who exported it.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        by = user_named(options["user"])
        suffix = path.suffix.lower()
        form = {".xlsx": CaseFileExport.Form.XLSX, ".zip": CaseFileExport.Form.ZIP}.get(
            suffix, CaseFileExport.Form.FOLDER
        )
        try:
            exported = services.export_case_file(by=by, form=form)
        except services.InterchangeError as error:
            raise CommandError(str(error)) from None
        if suffix in (".xlsx", ".zip"):
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as stream:
                if suffix == ".zip":
                    files.write_zip(exported.tables, stream, exported.files())
                else:
                    files.write_workbook(exported.tables, stream)
        else:
            files.write_folder(exported.tables, path, exported.files())
        for table in exported.tables:
            self.stdout.write(f"{table.name}.csv: {len(table.rows)} rows")
        if exported.documents_left_out:
            self.stdout.write(
                f"The workbook holds none of the {exported.documents_left_out} documents (a "
                "workbook cannot hold files): export a .zip or a folder for them."
            )
        self.stdout.write(self.style.SUCCESS(f"Exported the case file to {path}."))
