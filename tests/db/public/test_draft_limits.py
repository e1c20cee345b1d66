"""Unsent forms come from anyone: limits per address, and a quota on their files."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fairhear.public.models import Draft, DraftAttachment
from tests.db.public.conftest import COMPLAINT_ANSWERS, walk

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


def _upload(client: Client, size: int) -> tuple[int, str]:
    content = PDF + b"0" * (size - len(PDF))
    response = client.post(
        "/complaint/documents/",
        {"action": "upload", "file": SimpleUploadedFile("letter.pdf", content)},
    )
    return response.status_code, response.content.decode()


def test_forms_started_from_one_address_are_limited(settings: object) -> None:
    settings.FAIRHEAR_PUBLIC_DRAFTS_PER_HOUR = 2  # type: ignore[attr-defined]
    for _ in range(2):
        assert Client().post("/complaint/name/", {"name": "Sam"}).status_code == 302

    refused = Client().post("/complaint/name/", {"name": "Sam"})
    elsewhere = Client(REMOTE_ADDR="192.0.2.44").post("/complaint/name/", {"name": "Sam"})

    assert refused.status_code == 429
    assert "Too many forms started" in refused.content.decode()
    assert elsewhere.status_code == 302
    assert Draft.objects.count() == 3


def test_files_uploaded_from_one_address_are_limited(client: Client, settings: object) -> None:
    settings.FAIRHEAR_PUBLIC_UPLOADS_PER_HOUR = 2  # type: ignore[attr-defined]
    walk(client, "complaint", COMPLAINT_ANSWERS, until="documents")
    assert _upload(client, 1000)[0] == 302
    assert _upload(client, 1000)[0] == 302

    status, page = _upload(client, 1000)

    assert status == 200
    assert "Too many files have been uploaded from your connection" in page
    assert DraftAttachment.objects.count() == 2


def test_unsent_forms_files_together_stay_within_the_quota(
    settings: object, media_in_tmp: Path
) -> None:
    settings.FAIRHEAR_PUBLIC_DRAFT_STORAGE_MB = 1  # type: ignore[attr-defined]
    first, second = Client(), Client()
    walk(first, "complaint", COMPLAINT_ANSWERS, until="documents")
    walk(second, "complaint", COMPLAINT_ANSWERS, until="documents")
    assert _upload(first, 600_000)[0] == 302

    status, page = _upload(second, 600_000)

    assert status == 200
    assert "We cannot take more files just now" in page
    assert DraftAttachment.objects.count() == 1
    assert sum(1 for p in media_in_tmp.rglob("*") if p.is_file()) == 1, "nothing half-written"
