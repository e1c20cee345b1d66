"""`fairhear import PATH` and `fairhear export PATH` on the command line."""

import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from fairhear.casework import services
from fairhear.casework.models import Contact
from fairhear.interchange.models import CaseFileExport
from tests.db.interchange.helpers import CONTACTS, STAGES

pytestmark = pytest.mark.django_db


def _folder(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "case-file"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def test_it_imports_a_folder_and_says_what_it_created(tmp_path: Path) -> None:
    out = StringIO()

    call_command("import", _folder(tmp_path, contacts=CONTACTS, stages=STAGES), stdout=out)

    assert "contacts.csv: 2 created, 0 updated, 0 unchanged" in out.getvalue()
    assert "New teams: Fostering Service" in out.getvalue()
    assert "People: 1 new, 0 matched by their key" in out.getvalue()
    assert Contact.objects.count() == 2


def test_with_an_error_it_lists_it_writes_nothing_and_fails(tmp_path: Path) -> None:
    folder = _folder(tmp_path, contacts=CONTACTS, stages="reference,stage\nC-404,1\n")
    err = StringIO()

    with pytest.raises(CommandError, match="1 error"):
        call_command("import", folder, stderr=err)

    assert "stages.csv:2:reference: no contact 'C-404'" in err.getvalue()
    assert not Contact.objects.exists()


def test_export_writes_every_file_and_a_workbook(tmp_path: Path) -> None:
    call_command("import", _folder(tmp_path, contacts=CONTACTS), stdout=StringIO())

    call_command("export", tmp_path / "out", stdout=StringIO())
    call_command("export", tmp_path / "out.xlsx", stdout=StringIO())

    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        "actions.csv",
        "benchmarks.csv",
        "category_outcomes.csv",
        "compliments.csv",
        "contacts.csv",
        "context.csv",
        "costs.csv",
        "documents.csv",
        "events.csv",
        "letters.csv",
        "ombudsman.csv",
        "organisation.csv",
        "people.csv",
        "stages.csv",
    ]
    assert (tmp_path / "out.xlsx").stat().st_size > 0


def test_export_to_a_zip_writes_one_that_import_reads_back(tmp_path: Path) -> None:
    call_command("import", _folder(tmp_path, contacts=CONTACTS), stdout=StringIO())
    archive = tmp_path / "exports" / "case-file.zip"

    call_command("export", archive, stdout=StringIO())
    out = StringIO()
    call_command("import", archive, stdout=out)

    with zipfile.ZipFile(archive) as written:
        assert "contacts.csv" in written.namelist()
    assert "contacts.csv: 0 created, 0 updated, 2 unchanged" in out.getvalue()


def test_export_holds_contacts_awaiting_triage_with_an_empty_route(tmp_path: Path) -> None:
    call_command("import", _folder(tmp_path, contacts=CONTACTS), stdout=StringIO())
    Contact.objects.filter(reference="C-2023-0002").update(route="")

    call_command("export", tmp_path / "out", stdout=StringIO())

    assert (
        b"\r\nC-2023-0002,2023-06-01,,letter," in (tmp_path / "out" / "contacts.csv").read_bytes()
    )


def test_an_export_from_the_command_line_is_recorded_with_its_user(
    tmp_path: Path, manager: User
) -> None:
    call_command("export", str(tmp_path / "out"), "--user", manager.username, stdout=StringIO())

    export = CaseFileExport.objects.get()
    assert (export.by, export.form) == (manager, CaseFileExport.Form.FOLDER)


def test_a_folder_export_holds_the_documents_and_a_workbook_says_it_cannot(
    tmp_path: Path, manager: User
) -> None:
    call_command("import", _folder(tmp_path, contacts=CONTACTS), stdout=StringIO())
    contact = Contact.objects.get(reference="C-2023-0001")
    services.add_attachment(
        contact,
        upload=SimpleUploadedFile("notes.txt", b"Visit notes"),
        content_type="text/plain",
        description="",
        by=manager,
    )
    out = StringIO()

    call_command("export", tmp_path / "out", stdout=StringIO())
    call_command("export", tmp_path / "out.xlsx", stdout=out)

    assert (tmp_path / "out" / "documents" / "C-2023-0001" / "1-notes.txt").read_bytes() == (
        b"Visit notes"
    )
    assert "The workbook holds none of the 1 documents" in out.getvalue()
    Contact.objects.all().delete()
    call_command("import", tmp_path / "out", stdout=StringIO())
    assert Contact.objects.get(reference="C-2023-0001").attachments.get().file.read() == (
        b"Visit notes"
    )
