"""The case file exported from the staff pages in the background, for a download link.

A big council's case file takes tens of seconds to write, too long for a request with no
feedback. So the manager's request is recorded in one transaction, and after it commits the
export is written in a thread of the web process (no queue or worker to run: `make demo`
works as it is), to the default storage (private, local or S3), while the page shows its
progress. The file holds everyone's personal data: only the person who asked may download
it, and it is deleted after `KEPT_FOR`, or when they ask for the next one.

Every change of status is a conditional update (`_move`), so an export given up on as
stalled can never turn ready afterwards, and a thread that finds its export taken stops.
"""

from __future__ import annotations

import logging
import secrets
import tempfile
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections, transaction
from django.utils import timezone

from fairhear.audit import acting_as
from fairhear.interchange import files, services
from fairhear.interchange.format import Table
from fairhear.interchange.models import CaseFileExport, ExportRequest

logger = logging.getLogger(__name__)

FOLDER = "exports"
#: How long a file is kept for its download: it is every complainant's personal data.
KEPT_FOR = timedelta(hours=24)
#: An export that has said nothing for this long has stopped (its process ended, as in a
#: restart); its longest silent step, the contacts file, takes minutes only for the biggest
#: histories as a workbook (docs/interchange.md, "Web exports").
STALLED_AFTER = timedelta(minutes=10)

Status = ExportRequest.Status
UNFINISHED = (Status.QUEUED, Status.RUNNING)
CONTENT_TYPES: dict[str, str] = {
    ExportRequest.Form.ZIP: "application/zip",
    ExportRequest.Form.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FAILED = (
    "The export stopped with an error, so there is no file. Ask for it again; if it fails "
    "again, tell whoever looks after Fairhear (the server's log says what went wrong)."
)
STALLED = (
    "The export stopped before it finished (the server may have restarted while it was "
    "being written), so there is no file. Ask for it again."
)


def ask_for_export(*, by: User, form: ExportRequest.Form) -> tuple[ExportRequest, bool]:
    """Record `by`'s request and write it once the request is committed; with `by`'s export
    still being written, that one instead (False: nothing new was asked for).

    Their earlier file is deleted (one copy at a time), and so is anyone's that has expired."""
    with transaction.atomic(), acting_as(by):
        # One request at a time per person, even from two tabs at once.
        User.objects.select_for_update().get(pk=by.pk)
        settle_all()
        unfinished = ExportRequest.objects.filter(by=by, status__in=UNFINISHED).first()
        if unfinished is not None:
            return unfinished, False
        for earlier in ExportRequest.objects.filter(by=by, status=Status.READY):
            _delete_file(earlier)
        export = ExportRequest.objects.create(by=by, form=form, progress="Waiting to start")
        transaction.on_commit(lambda: start(export.pk))
    return export, True


def start(pk: int) -> None:
    """Write the export in a thread of this process; with FAIRHEAR_EXPORTS_IN_BACKGROUND off
    (the tests), here and now."""
    if not settings.FAIRHEAR_EXPORTS_IN_BACKGROUND:
        write(pk)
        return
    threading.Thread(target=_write_in_thread, args=(pk,), name=f"export-{pk}", daemon=True).start()


def _write_in_thread(pk: int) -> None:
    try:
        write(pk)
    finally:
        # The thread's own database connection, which nothing else would close.
        connections.close_all()


def write(pk: int) -> None:
    """Read the case file (recorded as a `CaseFileExport` by the person who asked), write it
    to a temporary file, then keep it in the default storage for its download."""
    if not _move(pk, Status.QUEUED, status=Status.RUNNING, progress="Reading the database"):
        return
    export = ExportRequest.objects.select_related("by").get(pk=pk)
    try:
        exported = services.export_case_file(by=export.by, form=CaseFileExport.Form(export.form))
        tables = _reporting(pk, exported.tables)
        with tempfile.TemporaryFile() as spool:
            if export.form == ExportRequest.Form.ZIP:
                files.write_zip(tables, spool, exported.files())
            else:  # a workbook cannot hold the documents: export_case_file left them out
                files.write_workbook(tables, spool)
            size = spool.tell()
            spool.seek(0)
            _move(pk, Status.RUNNING, progress="Saving the file")
            # A random name, no folder of its own to leave behind; downloaded as file_name().
            stored = f"{FOLDER}/{secrets.token_hex(16)}.{export.form}"
            name = default_storage.save(stored, File(spool, name=stored))
    except services.InterchangeError as error:  # a document gone from the storage, say
        _move(pk, Status.RUNNING, status=Status.FAILED, error=str(error), finished=timezone.now())
        return
    except Exception:
        logger.exception("The case file export %s failed", pk)
        _move(pk, Status.RUNNING, status=Status.FAILED, error=FAILED, finished=timezone.now())
        return
    now = timezone.now()
    ready = _move(
        pk,
        Status.RUNNING,
        status=Status.READY,
        progress="",
        file=name,
        size=size,
        finished=now,
        expires=now + KEPT_FOR,
    )
    if not ready:  # given up on as stalled meanwhile: nobody will be offered it
        default_storage.delete(name)


def _reporting(pk: int, tables: list[Table]) -> Iterator[Table]:
    """The tables, saying on the export which one is being written."""
    for number, table in enumerate(tables, start=1):
        _move(pk, Status.RUNNING, progress=f"Writing file {number} of {len(tables)}: {table.name}")
        yield table


def _move(pk: int, current: str, /, **changes: Any) -> bool:
    """Change the export only while its status is `current`; False when it has moved on."""
    changes["updated"] = timezone.now()
    return ExportRequest.objects.filter(pk=pk, status=current).update(**changes) == 1


def kept_hours() -> int:
    return KEPT_FOR // timedelta(hours=1)


def file_name(export: ExportRequest) -> str:
    return f"case-file-{timezone.localdate(export.created).isoformat()}.{export.form}"


def settle(export: ExportRequest, *, now: datetime | None = None) -> ExportRequest:
    """The export as it stands now: one silent for STALLED_AFTER has failed, a file past its
    time is deleted. Written back, so every page and the daily job agree."""
    now = now or timezone.now()
    if export.status in UNFINISHED and export.updated < now - STALLED_AFTER:
        _move(export.pk, export.status, status=Status.FAILED, error=STALLED, finished=now)
    elif export.status == Status.READY and export.expires is not None and export.expires <= now:
        _delete_file(export)
    export.refresh_from_db()
    return export


def settle_all(*, now: datetime | None = None) -> int:
    """Settle every export that has stalled or expired (the daily job); how many there were."""
    now = now or timezone.now()
    due = ExportRequest.objects.filter(
        status__in=UNFINISHED, updated__lt=now - STALLED_AFTER
    ) | ExportRequest.objects.filter(status=Status.READY, expires__lte=now)
    settled = list(due)
    for export in settled:
        settle(export, now=now)
    return len(settled)


def delete_now(export: ExportRequest) -> None:
    """Delete a ready file before its time: asked by the person who asked for it, or found
    gone from the storage."""
    with transaction.atomic():
        _delete_file(export)


def _delete_file(export: ExportRequest) -> None:
    name = export.file
    if _move(export.pk, Status.READY, status=Status.EXPIRED, file=""):
        # After the commit: a rolled-back change must not lose a file still offered.
        transaction.on_commit(lambda: default_storage.delete(name))
