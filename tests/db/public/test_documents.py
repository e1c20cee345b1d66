from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fairhear.casework.models import Attachment, CaseEvent, Contact
from fairhear.public.models import DraftAttachment
from tests.db.public.conftest import COMPLAINT_ANSWERS, walk

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


def _upload(client: Client, name: str, content: bytes, action: str = "upload") -> str:
    response = client.post(
        "/complaint/documents/", {"action": action, "file": SimpleUploadedFile(name, content)}
    )
    return response.content.decode() if response.status_code == 200 else response["Location"]


def test_uploaded_files_are_kept_in_media_storage_and_go_with_the_complaint(
    client: Client, media_in_tmp: Path
) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS, until="documents")

    assert _upload(client, "letter.pdf", PDF) == "/complaint/documents/"
    assert "letter.pdf" in client.get("/complaint/documents/").content.decode()
    assert _upload(client, "photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 10, "continue") == (
        "/complaint/equality/"
    )
    walk(client, "complaint", {"equality": COMPLAINT_ANSWERS["equality"]})
    client.post("/complaint/check/")

    contact = Contact.objects.get()
    files = Attachment.objects.filter(contact=contact)
    assert sorted(f.original_name for f in files) == ["letter.pdf", "photo.png"]
    assert all(f.uploaded_by is None for f in files)
    assert LogEntry.objects.get_for_objects(files).count() == 2, "each file is audited"
    assert not DraftAttachment.objects.exists()
    for attachment in files:
        path = Path(attachment.file.path)
        assert path.is_relative_to(media_in_tmp)
        assert path.exists()
    assert Path(files[0].file.path).read_bytes() == PDF
    assert CaseEvent.objects.get(
        contact=contact, action="fairhear.contact.documents_received"
    ).description == ("2 documents sent with the online form.")


def test_a_file_can_be_removed_before_sending(client: Client) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS, until="documents")
    _upload(client, "letter.pdf", PDF)
    attachment = DraftAttachment.objects.get()
    path = Path(attachment.file.path)

    client.post("/complaint/documents/", {"remove": str(attachment.pk)})

    assert not DraftAttachment.objects.exists()
    assert not path.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ", "The selected file must be a PDF, JPG, PNG, DOCX, ODT or TXT"),
        ("fake.pdf", b"MZ\x90\x00", "The selected file is not a real PDF file"),
        ("fake.png", b"%PDF-", "The selected file is not a real PNG file"),
        ("binary.txt", b"abc\x00\xff\xfe", "The selected file is not a plain text file"),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_files_of_the_wrong_type_are_refused(
    client: Client, name: str, content: bytes, message: str
) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS, until="documents")

    page = _upload(client, name, content)

    assert page.count(message) == 2
    assert not DraftAttachment.objects.exists()


def test_files_over_the_size_limit_are_refused(client: Client, settings: object) -> None:
    settings.FAIRHEAR_UPLOAD_MAX_MB = 1  # type: ignore[attr-defined]
    walk(client, "complaint", COMPLAINT_ANSWERS, until="documents")

    page = _upload(client, "big.pdf", PDF + b"0" * (1024 * 1024))

    assert page.count("The selected file must be smaller than 1 MB") == 2
    assert not DraftAttachment.objects.exists()


def test_no_more_than_the_limit_of_files(client: Client, settings: object) -> None:
    settings.FAIRHEAR_PUBLIC_UPLOAD_MAX_FILES = 2  # type: ignore[attr-defined]
    walk(client, "complaint", COMPLAINT_ANSWERS, until="documents")
    _upload(client, "a.pdf", PDF)
    _upload(client, "b.pdf", PDF)

    page = _upload(client, "c.pdf", PDF)

    assert page.count("You can upload up to 2 files") == 2
    assert DraftAttachment.objects.count() == 2
