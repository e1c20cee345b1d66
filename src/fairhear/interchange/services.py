"""Importing and exporting the case file. An import checks everything first and writes
nothing when anything is wrong; otherwise it writes everything in one transaction."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from fairhear.audit import acting_as
from fairhear.interchange import files, selectors, validation
from fairhear.interchange.bulk import Progress
from fairhear.interchange.documents import check_documents
from fairhear.interchange.format import Problem, Table, cap_errors, parse_tables, serialise
from fairhear.interchange.models import CaseFileExport, ImportRun
from fairhear.interchange.records import CaseFile, DocumentRecord
from fairhear.interchange.writers import write_case_file
from fairhear.interchange.writers.summary import WriteSummary

UPLOAD_FOLDER = "interchange"


class InterchangeError(Exception):
    """An import or export that cannot go ahead, with the reason in plain words."""


@dataclass
class CheckedCaseFile:
    case_file: CaseFile
    errors: list[Problem]
    warnings: list[Problem]


def check_case_file(
    tables: Mapping[str, Table], *, today: date | None = None, by: User | None = None
) -> CheckedCaseFile:
    """Read and check every row of every file against the format and the database, and the
    documents a folder or zip holds against their index."""
    case_file, problems = parse_tables(dict(tables))
    existing = selectors.existing_for(
        validation.needed_references(case_file), validation.needed_usernames(case_file)
    )
    problems += validation.check(
        case_file, existing, today=today or date.today(), importer=by is not None
    )
    problems += check_documents(case_file, _documents_of(tables))
    problems = cap_errors(problems)
    return CheckedCaseFile(
        case_file,
        [problem for problem in problems if problem.is_error],
        [problem for problem in problems if not problem.is_error],
    )


@dataclass
class ImportResult:
    run: ImportRun
    errors: list[Problem]
    warnings: list[Problem]
    summary: WriteSummary | None

    @property
    def imported(self) -> bool:
        return self.run.status == ImportRun.Status.IMPORTED


def _documents_of(tables: Mapping[str, Table]) -> Mapping[str, bytes]:
    return tables.documents if isinstance(tables, files.CaseFileTables) else {}


def import_case_file(
    tables: Mapping[str, Table],
    *,
    file_name: str,
    by: User | None,
    run: ImportRun | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> ImportResult:
    """Check the case file and, when it has no errors, write all of it in one transaction.

    The run (created here unless a checked web upload's run is given) records the outcome
    either way, so a refused import is in the history too.
    """
    checked = check_case_file(tables, today=today, by=by)
    summary: WriteSummary | None = None
    if run is None:
        run = ImportRun(file_name=file_name, by=by)
    run.warnings = [str(problem) for problem in checked.warnings]
    run.errors = [str(problem) for problem in checked.errors]
    run.finished = timezone.now()
    if checked.errors:
        run.status = ImportRun.Status.REFUSED
        with _actor(by):
            run.save()
        _discard_upload(run)
        return ImportResult(run, checked.errors, checked.warnings, None)
    with transaction.atomic(), _actor(by):
        summary = write_case_file(
            checked.case_file,
            file_name=file_name,
            by=by,
            progress=progress,
            documents=_documents_of(tables),
        )
        run.status = ImportRun.Status.IMPORTED
        run.counts = summary.as_json()
        run.created_names = {
            **{kind: names for kind, names in summary.created_names.items() if names},
            "people": {"created": summary.people_created, "matched": summary.people_matched},
        }
        run.finished = timezone.now()
        run.save()
    _discard_upload(run)
    return ImportResult(run, [], checked.warnings, summary)


def _actor(by: User | None) -> AbstractContextManager[None]:
    # From the command line without --user there is no member of staff to record.
    return acting_as(by) if by is not None else nullcontext()


# ---------------------------------------------------------------------------- web uploads


def check_upload(
    stream: IO[bytes], *, file_name: str, by: User
) -> tuple[ImportRun, CheckedCaseFile]:
    """Keep an upload under MEDIA_ROOT and check it; the manager confirms it afterwards."""
    data = stream.read()
    suffix = Path(file_name).suffix.lower()
    if suffix not in (".zip", ".xlsx"):
        raise InterchangeError("Choose a .zip of CSV files or an .xlsx workbook.")
    tables = _read_bytes(data, file_name)
    checked = check_case_file(tables, by=by)
    relative = f"{UPLOAD_FOLDER}/{uuid.uuid4().hex}{suffix}"
    stored = Path(settings.MEDIA_ROOT) / relative
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(data)
    with acting_as(by):
        run = ImportRun.objects.create(
            by=by,
            file_name=Path(file_name).name[:255],
            status=ImportRun.Status.REFUSED if checked.errors else ImportRun.Status.CHECKED,
            upload="" if checked.errors else relative,
            errors=[str(problem) for problem in checked.errors],
            warnings=[str(problem) for problem in checked.warnings],
        )
    if checked.errors:
        stored.unlink()
    return run, checked


def confirm_upload(run: ImportRun, *, by: User) -> ImportResult:
    """Import a checked upload. It is checked again: the database may have changed since."""
    with transaction.atomic():
        locked = ImportRun.objects.select_for_update().get(pk=run.pk)
        if locked.status != ImportRun.Status.CHECKED or not locked.upload:
            raise InterchangeError("This upload has already been imported or cancelled.")
        path = Path(settings.MEDIA_ROOT) / locked.upload
        if not path.exists():
            raise InterchangeError("The uploaded file has gone: upload it again.")
        tables = _read_bytes(path.read_bytes(), locked.file_name)
        return import_case_file(tables, file_name=locked.file_name, by=by, run=locked)


def cancel_upload(run: ImportRun, *, by: User) -> None:
    with transaction.atomic(), acting_as(by):
        locked = ImportRun.objects.select_for_update().get(pk=run.pk)
        if locked.status != ImportRun.Status.CHECKED:
            raise InterchangeError("This upload has already been imported or cancelled.")
        locked.status = ImportRun.Status.CANCELLED
        locked.finished = timezone.now()
        locked.save()
        _discard_upload(locked)


def _discard_upload(run: ImportRun) -> None:
    if run.upload:
        (Path(settings.MEDIA_ROOT) / run.upload).unlink(missing_ok=True)
        ImportRun.objects.filter(pk=run.pk).update(upload="")
        run.upload = ""


def _read_bytes(data: bytes, file_name: str) -> files.CaseFileTables:
    try:
        return files.read_upload(io.BytesIO(data), file_name)
    except files.CaseFileError as error:
        raise InterchangeError(str(error)) from None


# ---------------------------------------------------------------------------- export


@dataclass
class ExportedCaseFile:
    """The case file's tables, and the documents documents.csv indexes (a workbook has
    neither documents.csv nor the files)."""

    tables: list[Table]
    documents: list[DocumentRecord]
    documents_left_out: int = 0  # by a workbook

    def files(self) -> Iterator[tuple[str, bytes]]:
        """Each document's path under documents/ and its content, read one at a time."""
        return selectors.document_files(self.documents)


def export_case_file(*, by: User | None, form: CaseFileExport.Form) -> ExportedCaseFile:
    """Everything as the case file, recorded as an export by `by` (audited: the case file
    is every complainant's personal data)."""
    workbook = form == CaseFileExport.Form.XLSX
    try:
        case_file = selectors.case_file_for_export(with_documents=not workbook)
    except selectors.MissingDocument as error:
        raise InterchangeError(str(error)) from None
    tables = [
        table
        for table in serialise(case_file).values()
        if not (workbook and table.name == "documents")
    ]
    with _actor(by):
        CaseFileExport.objects.create(
            by=by, form=form, rows={f"{table.name}.csv": len(table.rows) for table in tables}
        )
    left_out = selectors.document_count() if workbook else 0
    return ExportedCaseFile(tables, case_file.documents, left_out)
