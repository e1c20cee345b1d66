"""Reading and writing a case file on disk: a folder of CSV files, a zip of them, or one XLSX
workbook with a sheet per file. Pure: no database."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

import openpyxl
from openpyxl.cell import WriteOnlyCell

from fairhear.interchange.cells import neutralise, restore
from fairhear.interchange.format import Table

# A zip may expand to far more than it weighs; refuse one that would fill the disk or memory.
MAX_UNPACKED_BYTES = 500 * 1024 * 1024


class CaseFileError(Exception):
    """The case file cannot be read at all (not a folder, zip or workbook; not UTF-8; ...)."""


# Where a folder or zip holds its documents (v1.1), named in documents.csv's `file` column.
DOCUMENTS = "documents"


class CaseFileTables(dict[str, Table]):
    """The tables of a case file by name (without .csv), and the documents it holds: the
    files under documents/ of a folder or zip by their path there (a workbook holds none)."""

    def __init__(
        self, tables: dict[str, Table] | None = None, documents: dict[str, bytes] | None = None
    ) -> None:
        super().__init__(tables or {})
        self.documents: dict[str, bytes] = documents or {}


def read_case_file(path: Path) -> CaseFileTables:
    """The tables of a folder of CSV files, a .zip of CSV files or an .xlsx workbook."""
    if path.is_dir():
        return read_folder(path)
    if not path.exists():
        raise CaseFileError(f"There is no file or folder at {path}.")
    with path.open("rb") as stream:
        return read_upload(stream, path.name)


def read_upload(stream: IO[bytes], name: str) -> CaseFileTables:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".xlsx":
        return CaseFileTables(read_workbook(stream))
    if suffix == ".zip":
        return read_zip(stream)
    if suffix == ".csv":
        stem = PurePosixPath(name).stem
        return CaseFileTables({stem: read_csv(stream.read(), f"{stem}.csv")})
    raise CaseFileError(
        f"{name} is not a case file: give a folder of CSV files, a .zip of them or an .xlsx "
        "workbook."
    )


def read_folder(folder: Path) -> CaseFileTables:
    tables: dict[str, Table] = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() == ".csv":
            tables[path.stem.lower()] = read_csv(path.read_bytes(), path.name)
    if not tables:
        raise CaseFileError(f"There are no CSV files in {folder}.")
    documents = {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted((folder / DOCUMENTS).rglob("*"))
        if path.is_file()
    }
    return CaseFileTables(tables, documents)


def _is_document(info: zipfile.ZipInfo) -> bool:
    return not info.is_dir() and info.filename.startswith(f"{DOCUMENTS}/")


def read_zip(stream: IO[bytes]) -> CaseFileTables:
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile:
        raise CaseFileError("The file is not a zip archive that can be opened.") from None
    with archive:
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir()
            and info.filename.lower().endswith(".csv")
            and not info.filename.startswith(("__MACOSX/", f"{DOCUMENTS}/"))
        ]
        documents = [info for info in archive.infolist() if _is_document(info)]
        if sum(info.file_size for info in [*members, *documents]) > MAX_UNPACKED_BYTES:
            raise CaseFileError(
                f"The zip archive unpacks to more than {_megabytes(MAX_UNPACKED_BYTES)}: "
                "split it up."
            )
        tables: dict[str, Table] = {}
        for info in members:
            stem = PurePosixPath(info.filename).stem.lower()
            if stem in tables:
                raise CaseFileError(f"The zip archive holds two files called {stem}.csv.")
            tables[stem] = read_csv(archive.read(info), f"{stem}.csv")
        files = {info.filename: archive.read(info) for info in documents}
    if not tables:
        raise CaseFileError("The zip archive holds no CSV files.")
    return CaseFileTables(tables, files)


def read_csv(data: bytes, file_name: str) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CaseFileError(
            f"{file_name} is not in UTF-8 (byte {error.start + 1}): save it as "
            "'CSV UTF-8 (comma delimited)'."
        ) from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise CaseFileError(f"{file_name} is not a CSV file that can be read: {error}.") from None
    stem = file_name.removesuffix(".csv")
    if not rows:
        return Table(stem, [], [])
    return Table(stem, rows[0], rows[1:])


def read_workbook(stream: IO[bytes]) -> dict[str, Table]:
    _refuse_large_workbook(stream)
    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise CaseFileError(f"The workbook cannot be opened: {error}.") from None
    tables: dict[str, Table] = {}
    try:
        for sheet in workbook.worksheets:
            stem = sheet.title.strip().lower().removesuffix(".csv")
            rows = [
                [_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)
            ]
            tables[stem] = Table(stem, rows[0] if rows else [], rows[1:])
    finally:
        workbook.close()
    return tables


def _refuse_large_workbook(stream: IO[bytes]) -> None:
    """A workbook is a zip of XML: refuse one that unpacks to more than the limit before
    openpyxl reads it. The sizes are those the zip declares, which Python's zipfile holds each
    member to when it unpacks it, so a member cannot unpack to more than it declares."""
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise CaseFileError("The workbook cannot be opened: it is not an .xlsx file.") from None
    finally:
        stream.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:
        raise CaseFileError(
            f"The workbook unpacks to {_megabytes(unpacked)}, more than the "
            f"{_megabytes(MAX_UNPACKED_BYTES)} Fairhear reads: split it into smaller workbooks, "
            "or export it as a .zip of CSV files."
        )


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


def _cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV file would hold (text that looks like a formula with
    the quote a CSV file holds before it: a workbook's text cells are what they say)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def csv_bytes(table: Table) -> bytes:
    """One file as the export writes it: UTF-8, CRLF line ends (RFC 4180), minimal quoting."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return buffer.getvalue().encode("utf-8")


def write_folder(
    tables: Iterable[Table], folder: Path, documents: Iterable[tuple[str, bytes]] = ()
) -> list[Path]:
    """The CSV files, and the documents (path under documents/, content) in a subfolder."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = folder / f"{table.name}.csv"
        path.write_bytes(csv_bytes(table))
        written.append(path)
    for name, data in documents:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def write_zip(
    tables: Iterable[Table], stream: IO[bytes], documents: Iterable[tuple[str, bytes]] = ()
) -> None:
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            archive.writestr(f"{table.name}.csv", csv_bytes(table))
        for name, data in documents:
            archive.writestr(name, data)


def write_workbook(tables: Iterable[Table], stream: IO[bytes] | Path) -> None:
    """One sheet per file, every cell written as text so that nothing is reinterpreted.

    A workbook needs no quote before text that looks like a formula: its cells are string
    cells, never formulas, so the quote the CSV text carries is taken off."""
    workbook = openpyxl.Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(title=table.name)
        sheet.append(table.header)
        for row in table.rows:
            sheet.append([_text_cell(sheet, restore(value)) for value in row])
    workbook.save(stream)


def _text_cell(sheet: Any, value: str) -> Any:
    # openpyxl takes text starting with "=" for a formula; keep it as the text it is.
    if value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
