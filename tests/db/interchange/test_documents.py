"""documents.csv and documents/ (v1.1): the files kept with each case survive the round trip
through a zip and a folder, are checked against their index, and are stored as uploads are."""

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.models import Attachment, Contact
from fairhear.interchange import files
from fairhear.interchange.models import CaseFileExport, ExportRequest, ImportRun
from fairhear.interchange.services import export_case_file, import_case_file
from tests import builders
from tests.db.interchange.helpers import fingerprint
from tests.db.interchange.test_round_trip import _empty_the_database

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(40))


def _attach(contact: Contact, by: User | None, name: str, data: bytes, kind: str) -> Attachment:
    return services.add_attachment(
        contact,
        upload=SimpleUploadedFile(name, data),
        content_type=kind,
        description=f"=sent with {name}",
        by=by,  # type: ignore[arg-type]  # the online form sends without a member of staff
    )


def _cases_with_documents(manager: User) -> None:
    first = builders.log(manager, summary="Missed visits")
    second = builders.log(manager)
    _attach(first, manager, "letter from mum.pdf", PDF, "application/pdf")
    _attach(first, None, "photo.png", PNG, "image/png")
    _attach(second, manager, "notes.txt", "Visit notes, café".encode(), "text/plain")
    _attach(second, manager, "notes.txt", b"Second notes", "text/plain")


def _zip() -> dict[str, bytes]:
    exported = export_case_file(by=None, form=CaseFileExport.Form.ZIP)
    buffer = io.BytesIO()
    files.write_zip(exported.tables, buffer, exported.files())
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _as_zip(members: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_documents_survive_the_round_trip_through_a_zip(manager: User) -> None:
    _cases_with_documents(manager)
    first = _zip()
    index = first["documents.csv"].decode()
    assert index.startswith(
        "reference,file,original_name,content_type,description,size,sha256,uploaded,uploaded_by\r\n"
    )
    assert f",{hashlib.sha256(PDF).hexdigest()}," in index
    assert ",'=sent with photo.png," in index
    reference = Contact.objects.order_by("reference")[1].reference
    assert first[f"documents/{reference}/2-notes.txt"] == b"Second notes"
    _empty_the_database()
    assert not Attachment.objects.exists()

    tables = files.read_upload(_as_zip(first), "case-file.zip")
    result = import_case_file(tables, file_name="case-file.zip", by=None)

    assert result.imported, [str(error) for error in result.errors]
    assert _zip() == first
    photo = Attachment.objects.get(original_name="photo.png")
    assert (photo.uploaded_by, photo.content_type, photo.file.read()) == (None, "image/png", PNG)
    assert photo.file.name.startswith("cases/")  # stored as an upload is
    again = import_case_file(tables, file_name="again", by=None)
    assert again.run.counts["documents.csv"] == {"created": 0, "updated": 0, "unchanged": 4}
    assert Attachment.objects.count() == 4


def test_documents_survive_the_round_trip_through_a_folder(manager: User, tmp_path: Path) -> None:
    _cases_with_documents(manager)
    exported = export_case_file(by=None, form=CaseFileExport.Form.FOLDER)
    files.write_folder(exported.tables, tmp_path / "first", exported.files())
    _empty_the_database()

    result = import_case_file(files.read_case_file(tmp_path / "first"), file_name="f", by=None)
    assert result.imported, [str(error) for error in result.errors]
    exported = export_case_file(by=None, form=CaseFileExport.Form.FOLDER)
    files.write_folder(exported.tables, tmp_path / "second", exported.files())

    def contents(folder: Path) -> dict[str, bytes]:
        return {
            path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*")
            if path.is_file()
        }

    first = contents(tmp_path / "first")
    assert contents(tmp_path / "second") == first
    assert len([name for name in first if name.startswith("documents/")]) == 4


def test_a_workbook_leaves_the_documents_out_and_its_import_leaves_them_alone(
    manager: User, tmp_path: Path
) -> None:
    _cases_with_documents(manager)
    exported = export_case_file(by=None, form=CaseFileExport.Form.XLSX)
    assert "documents" not in {table.name for table in exported.tables}
    assert exported.documents_left_out == 4
    files.write_workbook(exported.tables, tmp_path / "x.xlsx")

    result = import_case_file(files.read_case_file(tmp_path / "x.xlsx"), file_name="x", by=None)

    assert result.imported
    assert Attachment.objects.count() == 4


def _damaged(manager: User, change: str) -> dict[str, bytes]:
    _cases_with_documents(manager)
    members = _zip()
    index = members["documents.csv"].decode()
    reference = Contact.objects.order_by("reference")[0].reference
    pdf = f"documents/{reference}/1-letter_from_mum.pdf"
    if change == "sha256":
        index = index.replace(hashlib.sha256(PDF).hexdigest(), "0" * 64)
    elif change == "missing":
        del members[pdf]
    elif change == "content":
        members[pdf] = b"MZ\x90\x00" + PDF[4:]  # a program, named .pdf, of the same size
        index = index.replace(
            hashlib.sha256(PDF).hexdigest(), hashlib.sha256(members[pdf]).hexdigest()
        )
    members["documents.csv"] = index.encode()
    return members


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("sha256", "documents.csv:2:sha256: the file's SHA-256 is not this"),
        ("missing", "documents.csv:2:file: the case file holds no documents/"),
        ("content", "documents.csv:2:content_type: The selected file is not a real PDF file"),
    ],
)
def test_a_document_that_is_not_what_its_row_says_is_refused(
    manager: User, change: str, expected: str
) -> None:
    members = _damaged(manager, change)
    _empty_the_database()
    before = fingerprint()

    tables = files.read_upload(_as_zip(members), "case-file.zip")
    result = import_case_file(tables, file_name="bad.zip", by=None)

    assert not result.imported
    assert any(str(error).startswith(expected) for error in result.errors), result.errors
    assert result.run.status == ImportRun.Status.REFUSED
    assert fingerprint() == before
    assert not Attachment.objects.exists()


def test_an_index_without_its_files_is_refused(manager: User) -> None:
    _cases_with_documents(manager)
    members = _zip()
    tables = {
        name.removesuffix(".csv"): files.read_csv(data, name)
        for name, data in members.items()
        if name.endswith(".csv")
    }

    result = import_case_file(tables, file_name="csv only", by=None)

    assert [str(error) for error in result.errors] == [
        "documents.csv: the case file holds no documents/ folder with the files this index "
        "lists: import the .zip or folder the export wrote (a workbook cannot hold files)"
    ]


def test_an_export_missing_a_stored_file_says_which_and_writes_nothing(
    client: Client, manager: User, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    _cases_with_documents(manager)
    photo = Attachment.objects.get(original_name="photo.png")
    photo.file.delete(save=False)
    client.force_login(manager)

    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(reverse("interchange:ask-export"), {"form": "zip"})
    page = client.get(asked["Location"]).content.decode()

    assert "The document &#x27;photo.png&#x27; of C-" in page
    assert ExportRequest.objects.get().status == ExportRequest.Status.FAILED
    with pytest.raises(CommandError, match=r"'photo\.png' of C-.* is not in storage"):
        call_command("export", tmp_path / "out.zip", stdout=io.StringIO())
    assert not (tmp_path / "out.zip").exists()
    # A workbook holds no documents: it is still written.
    call_command("export", tmp_path / "out.xlsx", stdout=io.StringIO())
