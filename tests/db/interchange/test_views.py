"""The case file pages: upload, see the report, confirm or cancel; download an export."""

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fairhear.casework.models import Contact
from fairhear.interchange.models import CaseFileExport, ImportRun
from fairhear.interchange.services import import_case_file
from tests.db.interchange.helpers import CONTACTS, STAGES, case_file_zip, tables

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return tmp_path


def _upload(client: Client, upload: SimpleUploadedFile) -> ImportRun:
    response = client.post(reverse("interchange:home"), {"case_file": upload})
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("interchange:report", args=[run.pk])
    return run


def test_the_manager_checks_a_file_then_confirms_it(
    client: Client, manager: User, media: Path
) -> None:
    client.force_login(manager)

    run = _upload(client, case_file_zip(contacts=CONTACTS, stages=STAGES))

    assert run.status == ImportRun.Status.CHECKED
    assert not Contact.objects.exists()  # nothing until confirmed
    assert (media / run.upload).exists()
    report = client.get(reverse("interchange:report", args=[run.pk]))
    assert b"Import the file" in report.content

    client.post(reverse("interchange:confirm", args=[run.pk]))

    run.refresh_from_db()
    assert run.status == ImportRun.Status.IMPORTED
    assert Contact.objects.count() == 2
    assert run.upload == ""
    assert not any(media.rglob("*.zip"))
    page = client.get(reverse("interchange:report", args=[run.pk]))
    assert b"contacts.csv" in page.content


def test_a_file_with_errors_shows_them_and_cannot_be_confirmed(
    client: Client, manager: User, media: Path
) -> None:
    client.force_login(manager)

    run = _upload(client, case_file_zip(contacts=CONTACTS, stages="reference,stage\nC-404,1\n"))

    assert run.status == ImportRun.Status.REFUSED
    report = client.get(reverse("interchange:report", args=[run.pk]))
    assert b"stages.csv:2:reference: no contact" in report.content
    assert b"Import the file" not in report.content
    client.post(reverse("interchange:confirm", args=[run.pk]))
    assert not Contact.objects.exists()
    assert not any(media.rglob("*.zip"))


def test_a_confirmed_upload_cannot_be_imported_twice(client: Client, manager: User) -> None:
    client.force_login(manager)
    run = _upload(client, case_file_zip(contacts=CONTACTS))
    client.post(reverse("interchange:confirm", args=[run.pk]))

    response = client.post(reverse("interchange:confirm", args=[run.pk]), follow=True)

    assert b"already been imported or cancelled" in response.content


def test_cancelling_discards_the_upload(client: Client, manager: User, media: Path) -> None:
    client.force_login(manager)
    run = _upload(client, case_file_zip(contacts=CONTACTS))

    client.post(reverse("interchange:cancel", args=[run.pk]))

    run.refresh_from_db()
    assert run.status == ImportRun.Status.CANCELLED
    assert not any(media.rglob("*.zip"))
    assert not Contact.objects.exists()


def test_it_refuses_a_file_that_is_not_a_case_file(client: Client, manager: User) -> None:
    client.force_login(manager)

    response = client.post(
        reverse("interchange:home"),
        {"case_file": SimpleUploadedFile("notes.txt", b"hello", "text/plain")},
    )

    assert response.status_code == 200
    assert b"must be a .zip of CSV files or an .xlsx" in response.content
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("kind", ["zip", "xlsx"])
def test_the_manager_downloads_the_case_file(client: Client, manager: User, kind: str) -> None:
    client.force_login(manager)

    response = client.get(reverse("interchange:export", args=[kind]))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{kind}"')
    if kind == "zip":
        names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
        assert len(names) == 14
        assert {"letters.csv", "people.csv", "events.csv", "documents.csv"} <= set(names)
        assert "organisation.csv" in names


def test_each_download_is_recorded_and_audited_with_who_and_what(
    client: Client, manager: User
) -> None:
    import_case_file(tables(), file_name="first", by=manager)
    client.force_login(manager)

    client.get(reverse("interchange:export", args=["xlsx"]))

    export = CaseFileExport.objects.get()
    assert (export.by, export.form, export.rows["contacts.csv"]) == (manager, "xlsx", 2)
    entry = LogEntry.objects.get_for_object(export).get()
    assert (entry.action, entry.actor) == (LogEntry.Action.CREATE, manager)
    assert "Excel workbook" in client.get(reverse("interchange:home")).content.decode()


def test_the_upload_is_checked_again_when_confirmed(
    client: Client, manager: User, media: Path
) -> None:
    Contact.objects.create(reference="C-2023-0404", received=date(2023, 5, 1), route="statutory")
    client.force_login(manager)
    stages = "reference,stage,responded\nC-2023-0404,1,2023-05-10\n"
    run = _upload(client, case_file_zip(contacts=CONTACTS, stages=stages))
    assert run.status == ImportRun.Status.CHECKED
    # Meanwhile the stored contact is corrected: the reply in the upload is now before it.
    Contact.objects.filter(reference="C-2023-0404").update(received=date(2023, 5, 20))

    response = client.post(reverse("interchange:confirm", args=[run.pk]), follow=True)

    run.refresh_from_db()
    assert run.status == ImportRun.Status.REFUSED
    assert b"nothing was imported" in response.content
    assert run.errors[0].startswith("stages.csv:2:responded: 10 May 2023 is before")
    assert Contact.objects.count() == 1
    assert not any(media.rglob("*.zip"))
