"""The case file exported from the staff pages in the background: asked for, written, shown,
downloaded by the one who asked, failed, stalled and expired.

The tests write the export where it is asked for (FAIRHEAR_EXPORTS_IN_BACKGROUND is off in
the test settings); the last test runs the real thread."""

import io
import threading
import zipfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fairhear.accounts.roles import Role
from fairhear.interchange import exports, services
from fairhear.interchange.models import CaseFileExport, ExportRequest
from fairhear.interchange.services import import_case_file
from tests.conftest import make_user
from tests.db.interchange.helpers import tables

pytestmark = pytest.mark.django_db

Status = ExportRequest.Status
Capture = Callable[..., Any]


@pytest.fixture
def signed_in(client: Client, manager: User) -> Client:
    import_case_file(tables(), file_name="first", by=manager)
    client.force_login(manager)
    return client


def _ask(client: Client, capture: Capture, form: str = "zip") -> ExportRequest:
    with capture(execute=True):
        response = client.post(reverse("interchange:ask-export"), {"form": form})
    export = ExportRequest.objects.first()
    assert export is not None
    assert response.status_code == 302
    assert response["Location"] == reverse("interchange:export-status", args=[export.pk])
    export.refresh_from_db()
    return export


def _page(client: Client, export: ExportRequest) -> str:
    response = client.get(reverse("interchange:export-status", args=[export.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _stored(media: Path) -> list[Path]:
    return [path for path in (media / exports.FOLDER).rglob("*") if path.is_file()]


def test_the_manager_asks_for_a_zip_and_downloads_it_from_the_link(
    signed_in: Client, manager: User, django_capture_on_commit_callbacks: Capture
) -> None:
    export = _ask(signed_in, django_capture_on_commit_callbacks)

    assert (export.status, export.by, export.form) == (Status.READY, manager, "zip")
    page = _page(signed_in, export)
    assert "The case file is ready" in page
    assert "Download the case file (zip, " in page
    download = reverse("interchange:export-download", args=[export.pk])
    assert download in page
    response = signed_in.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    day = timezone.localdate(export.created).isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="case-file-{day}.zip"'
    assert "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    assert archive.read("contacts.csv").decode().count("C-2023-000") == 2


def test_a_workbook_is_written_as_a_workbook(
    signed_in: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    export = _ask(signed_in, django_capture_on_commit_callbacks, form="xlsx")

    response = signed_in.get(reverse("interchange:export-download", args=[export.pk]))

    assert response["Content-Disposition"].endswith('.xlsx"')
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    assert "contacts" in workbook.sheetnames


def test_the_export_and_each_download_are_in_the_audit_log_with_who(
    signed_in: Client, manager: User, django_capture_on_commit_callbacks: Capture
) -> None:
    export = _ask(signed_in, django_capture_on_commit_callbacks, form="xlsx")

    signed_in.get(reverse("interchange:export-download", args=[export.pk]))

    recorded = CaseFileExport.objects.get()
    assert (recorded.by, recorded.form, recorded.rows["contacts.csv"]) == (manager, "xlsx", 2)
    entry = LogEntry.objects.get_for_object(recorded).get()
    assert (entry.action, entry.actor) == (LogEntry.Action.CREATE, manager)
    entries = LogEntry.objects.get_for_object(export).order_by("pk")
    assert [(e.action, e.actor) for e in entries] == [
        (LogEntry.Action.CREATE, manager),
        (LogEntry.Action.ACCESS, manager),
    ]
    assert "Excel workbook" in signed_in.get(reverse("interchange:home")).content.decode()


def test_the_page_says_which_file_is_being_written(
    signed_in: Client, django_capture_on_commit_callbacks: Capture, monkeypatch: Any
) -> None:
    said: list[str] = []
    move = exports._move

    def listening(pk: int, current: str, /, **changes: Any) -> bool:
        said.append(changes.get("progress", ""))
        return move(pk, current, **changes)

    monkeypatch.setattr(exports, "_move", listening)

    _ask(signed_in, django_capture_on_commit_callbacks)

    names = [
        table.name
        for table in services.export_case_file(by=None, form=CaseFileExport.Form.ZIP).tables
    ]
    assert said[0] == "Reading the database"
    writing = [f"Writing file {n} of {len(names)}: {name}" for n, name in enumerate(names, 1)]
    assert [words for words in said if words.startswith("Writing")] == writing
    assert said[-2:] == ["Saving the file", ""]


def test_an_export_being_written_shows_its_progress_and_a_link_to_check_again(
    signed_in: Client, manager: User
) -> None:
    export = ExportRequest.objects.create(
        by=manager, form="zip", status=Status.RUNNING, progress="Writing file 3 of 11: stages"
    )

    page = _page(signed_in, export)
    panel = signed_in.get(reverse("interchange:export-progress", args=[export.pk]))

    assert "Being written" in page
    assert "Writing file 3 of 11: stages." in page
    assert "check again</a>" in page
    assert "build/refresh.js" in page
    assert reverse("interchange:export-progress", args=[export.pk]) in page
    assert "data-refreshing" in panel.content.decode()
    assert "Writing file 3 of 11: stages." in panel.content.decode()
    assert "<html" not in panel.content.decode()


def test_asking_again_while_one_is_being_written_shows_that_one(
    signed_in: Client, manager: User, django_capture_on_commit_callbacks: Capture
) -> None:
    export = ExportRequest.objects.create(by=manager, form="zip", status=Status.RUNNING)

    asked = _ask(signed_in, django_capture_on_commit_callbacks, form="xlsx")

    assert asked == export
    assert ExportRequest.objects.count() == 1
    assert "still being written" in _page(signed_in, export)


def test_an_export_that_fails_says_so_and_can_be_asked_for_again(
    signed_in: Client,
    django_capture_on_commit_callbacks: Capture,
    monkeypatch: Any,
    media_in_tmp: Path,
) -> None:
    def broken(**kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(services, "export_case_file", broken)

    export = _ask(signed_in, django_capture_on_commit_callbacks)

    assert (export.status, export.error, export.file) == (Status.FAILED, exports.FAILED, "")
    page = _page(signed_in, export)
    assert "The export failed" in page
    assert "the server&#x27;s log says what went wrong" in page
    assert "Ask for it again" in page
    assert "disk full" not in page
    assert not (media_in_tmp / exports.FOLDER).exists()
    monkeypatch.undo()
    again = _ask(signed_in, django_capture_on_commit_callbacks)
    assert again != export
    assert again.status == Status.READY


def test_an_export_silent_too_long_is_shown_as_failed_and_never_turns_ready(
    signed_in: Client, manager: User
) -> None:
    export = ExportRequest.objects.create(by=manager, form="zip", status=Status.RUNNING)
    silent = timezone.now() - exports.STALLED_AFTER - timedelta(minutes=1)
    ExportRequest.objects.filter(pk=export.pk).update(updated=silent)

    page = _page(signed_in, export)

    assert "The export failed" in page
    assert "the server may have restarted" in page
    export.refresh_from_db()
    assert export.status == Status.FAILED
    assert not exports._move(export.pk, Status.RUNNING, status=Status.READY)


def test_an_export_given_up_on_while_it_was_written_leaves_no_file(
    signed_in: Client,
    django_capture_on_commit_callbacks: Capture,
    monkeypatch: Any,
    media_in_tmp: Path,
) -> None:
    reading = services.export_case_file

    def slow(**kwargs: Any) -> Any:
        tables = reading(**kwargs)
        # Meanwhile a page found it silent for too long (as after a restart) and gave up.
        silent = timezone.now() - exports.STALLED_AFTER - timedelta(minutes=1)
        ExportRequest.objects.update(updated=silent)
        exports.settle(ExportRequest.objects.get())
        return tables

    monkeypatch.setattr(services, "export_case_file", slow)

    export = _ask(signed_in, django_capture_on_commit_callbacks)

    assert (export.status, export.error, export.file) == (Status.FAILED, exports.STALLED, "")
    assert _stored(media_in_tmp) == []


def test_an_export_still_working_is_not_given_up_on(signed_in: Client, manager: User) -> None:
    export = ExportRequest.objects.create(by=manager, form="zip", status=Status.RUNNING)
    recent = timezone.now() - exports.STALLED_AFTER + timedelta(minutes=1)
    ExportRequest.objects.filter(pk=export.pk).update(updated=recent)

    assert "Being written" in _page(signed_in, export)


def test_a_file_past_its_time_is_deleted_and_no_longer_downloaded(
    signed_in: Client, django_capture_on_commit_callbacks: Capture, media_in_tmp: Path
) -> None:
    export = _ask(signed_in, django_capture_on_commit_callbacks)
    assert export.expires == export.finished + exports.KEPT_FOR  # type: ignore[operator]
    assert len(_stored(media_in_tmp)) == 1
    ExportRequest.objects.filter(pk=export.pk).update(expires=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.get(reverse("interchange:export-download", args=[export.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("interchange:export-status", args=[export.pk])
    assert "The file has been deleted" in _page(signed_in, export)
    assert "Export it again" in _page(signed_in, export)
    assert _stored(media_in_tmp) == []
    export.refresh_from_db()
    assert (export.status, export.file) == (Status.EXPIRED, "")


def test_the_daily_job_deletes_expired_files_and_fails_stalled_exports(
    signed_in: Client,
    manager: User,
    django_capture_on_commit_callbacks: Capture,
    media_in_tmp: Path,
) -> None:
    expired = _ask(signed_in, django_capture_on_commit_callbacks)
    ExportRequest.objects.filter(pk=expired.pk).update(expires=timezone.now())
    kept = ExportRequest.objects.create(
        by=make_user("sam", Role.COMPLAINTS_MANAGER), form="zip", status=Status.RUNNING
    )
    stalled = ExportRequest.objects.create(by=manager, form="zip", status=Status.QUEUED)
    silent = timezone.now() - exports.STALLED_AFTER - timedelta(seconds=1)
    ExportRequest.objects.filter(pk=stalled.pk).update(updated=silent)
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("clear_exports", stdout=out)

    assert out.getvalue() == "Settled 2 case file exports (expired or stopped).\n"
    statuses = dict(ExportRequest.objects.values_list("pk", "status"))
    assert statuses == {
        expired.pk: Status.EXPIRED,
        kept.pk: Status.RUNNING,
        stalled.pk: Status.FAILED,
    }
    assert _stored(media_in_tmp) == []


def test_the_next_export_deletes_the_last_file(
    signed_in: Client, django_capture_on_commit_callbacks: Capture, media_in_tmp: Path
) -> None:
    first = _ask(signed_in, django_capture_on_commit_callbacks)
    first_file = media_in_tmp / first.file

    second = _ask(signed_in, django_capture_on_commit_callbacks, form="xlsx")

    first.refresh_from_db()
    assert (first.status, second.status) == (Status.EXPIRED, Status.READY)
    assert _stored(media_in_tmp) == [media_in_tmp / second.file]
    assert not first_file.exists()


def test_the_manager_deletes_the_file_before_its_time(
    signed_in: Client, django_capture_on_commit_callbacks: Capture, media_in_tmp: Path
) -> None:
    export = _ask(signed_in, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(reverse("interchange:export-delete", args=[export.pk]))

    assert response.status_code == 302
    export.refresh_from_db()
    assert export.status == Status.EXPIRED
    assert _stored(media_in_tmp) == []


def test_a_file_gone_from_the_storage_is_said_so_and_can_be_exported_again(
    signed_in: Client, django_capture_on_commit_callbacks: Capture, media_in_tmp: Path
) -> None:
    export = _ask(signed_in, django_capture_on_commit_callbacks)
    (media_in_tmp / export.file).unlink()

    response = signed_in.get(reverse("interchange:export-download", args=[export.pk]), follow=True)

    page = response.content.decode()
    assert "The exported file has gone from the storage: export it again." in page
    assert "Export it again" in page
    assert not LogEntry.objects.get_for_object(export).filter(action=LogEntry.Action.ACCESS)


def test_only_the_manager_who_asked_sees_or_downloads_the_export(
    signed_in: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    export = _ask(signed_in, django_capture_on_commit_callbacks)
    other = Client()
    other.force_login(make_user("sam", Role.COMPLAINTS_MANAGER))

    for name in ("export-status", "export-progress", "export-download"):
        assert other.get(reverse(f"interchange:{name}", args=[export.pk])).status_code == 404
    assert other.post(reverse("interchange:export-delete", args=[export.pk])).status_code == 404
    export.refresh_from_db()
    assert export.status == Status.READY
    assert not LogEntry.objects.get_for_object(export).filter(action=LogEntry.Action.ACCESS)


def test_an_unknown_form_is_refused_with_a_message(signed_in: Client) -> None:
    response = signed_in.post(reverse("interchange:ask-export"), {"form": "pdf"}, follow=True)

    assert "Choose a zip of CSV files or an Excel workbook to export." in response.content.decode()
    assert not ExportRequest.objects.exists()


def test_the_case_file_page_links_to_the_managers_last_export(
    signed_in: Client, manager: User
) -> None:
    export = ExportRequest.objects.create(by=manager, form="zip", status=Status.RUNNING)

    page = signed_in.get(reverse("interchange:home")).content.decode()

    assert reverse("interchange:export-status", args=[export.pk]) in page
    assert "being written</a>" in page


def test_the_case_file_page_shows_a_stalled_last_export_as_failed(
    signed_in: Client, manager: User
) -> None:
    export = ExportRequest.objects.create(by=manager, form="zip", status=Status.QUEUED)
    silent = timezone.now() - exports.STALLED_AFTER - timedelta(minutes=1)
    ExportRequest.objects.filter(pk=export.pk).update(updated=silent)

    page = signed_in.get(reverse("interchange:home")).content.decode()

    assert "failed</a>" in page


@pytest.mark.django_db(transaction=True)
def test_the_export_is_written_in_a_thread_after_the_request(
    client: Client, manager: User, settings: Any, media_in_tmp: Path
) -> None:
    settings.FAIRHEAR_EXPORTS_IN_BACKGROUND = True
    import_case_file(tables(), file_name="first", by=manager)
    client.force_login(manager)

    client.post(reverse("interchange:ask-export"), {"form": "zip"})

    export = ExportRequest.objects.get()
    for writing in threading.enumerate():
        if writing.name == f"export-{export.pk}":  # unless it has finished already
            writing.join(timeout=60)
    export.refresh_from_db()
    assert export.status == Status.READY
    assert _stored(media_in_tmp) == [media_in_tmp / export.file]
    assert CaseFileExport.objects.get().by == manager
