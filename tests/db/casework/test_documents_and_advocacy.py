"""Documents kept with a case, and what the complainant asked for: advocacy, a call back and
the outcome they want, recorded by staff as well as by the online forms."""

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.models import Attachment, CaseEvent, Contact
from fairhear.casework.services import contacts
from tests.builders import log_through_pages

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


def _day(name: str, day: date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_staff_log_a_contact_with_what_the_complainant_asked_for_and_a_document(
    client: Client, officer: User, media_in_tmp: Path
) -> None:
    client.force_login(officer)

    response = log_through_pages(
        client,
        document=SimpleUploadedFile("letter.pdf", PDF),
        **_day("received", date(2024, 5, 1)),
        channel="letter",
        name="Sam Jones",
        child_name="Alex Jones",
        summary="Nobody came to the review.",
        desired_outcome="An apology and a new meeting.",
        advocacy_requested="yes",
        call_back_requested="on",
    )

    contact = Contact.objects.get()
    assert response.context["contact"] == contact
    assert (contact.child_name, contact.desired_outcome) == (
        "Alex Jones",
        "An apology and a new meeting.",
    )
    assert (contact.advocacy_requested, contact.call_back_requested) == (True, True)
    document = contact.attachments.get()
    assert (document.original_name, document.content_type, document.uploaded_by) == (
        "letter.pdf",
        "application/pdf",
        officer,
    )
    assert Path(document.file.path).read_bytes() == PDF
    assert Path(document.file.path).is_relative_to(media_in_tmp)
    assert {"fairhear.contact.advocate_requested", "fairhear.contact.call_back_requested"} <= set(
        contact.events.values_list("action", flat=True)
    )
    page = client.get(reverse("casework:case", args=[contact.reference])).content.decode()
    for shown in ("Alex Jones", "An apology and a new meeting.", "Asked us to phone them"):
        assert shown in page
    assert "letter.pdf" in page


def test_a_contact_with_a_refused_document_is_not_logged_and_nothing_is_stored(
    client: Client, officer: User, media_in_tmp: Path
) -> None:
    client.force_login(officer)

    response = log_through_pages(
        client,
        document=SimpleUploadedFile("letter.pdf", b"MZ\x90\x00"),
        **_day("received", date(2024, 5, 1)),
        channel="letter",
    )

    assert response.status_code == 200
    assert "The selected file is not a real PDF file" in response.content.decode()
    assert not Contact.objects.exists()
    assert _stored_files(media_in_tmp) == []


def test_a_document_added_to_a_case_can_be_downloaded_and_the_download_is_recorded(
    client: Client, officer: User, manager: User, log: Callable[..., Contact]
) -> None:
    contact = log()
    client.force_login(officer)
    added = client.post(
        reverse("casework:step", args=[contact.reference, "document"]),
        {
            "version": contact.version,
            "document": SimpleUploadedFile("notes.txt", "Visit notes: café".encode()),
            "description": "Social worker's notes",
        },
    )
    document = Attachment.objects.get()

    download = client.get(
        reverse("casework:download-attachment", args=[contact.reference, document.pk])
    )

    assert added["Location"] == reverse("casework:case", args=[contact.reference])
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="notes.txt"'
    assert download["Content-Type"] == "text/plain"
    assert b"".join(download.streaming_content) == "Visit notes: café".encode()  # type: ignore[attr-defined]
    assert CaseEvent.objects.filter(
        contact=contact,
        action="fairhear.contact.document_added",
        description="Added the document notes.txt (Social worker's notes).",
    ).exists()
    client.force_login(manager)
    history = client.get(reverse("casework:history", args=[contact.reference])).content.decode()
    assert "Who downloaded its documents" in history
    assert officer.get_username() in history


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ", "The selected file must be a PDF, JPG, PNG, DOCX, ODT or TXT"),
        ("fake.png", PDF, "The selected file is not a real PNG file"),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_a_document_of_the_wrong_kind_is_refused_and_nothing_is_kept(
    client: Client,
    officer: User,
    log: Callable[..., Contact],
    media_in_tmp: Path,
    name: str,
    content: bytes,
    message: str,
) -> None:
    contact = log()
    client.force_login(officer)

    response = client.post(
        reverse("casework:step", args=[contact.reference, "document"]),
        {"version": contact.version, "document": SimpleUploadedFile(name, content)},
    )

    assert response.content.decode().count(message) == 2, "in the summary and by the field"
    assert not Attachment.objects.exists()
    assert _stored_files(media_in_tmp) == []


def test_a_document_over_the_size_limit_is_refused(
    client: Client, officer: User, log: Callable[..., Contact], settings: Any
) -> None:
    settings.FAIRHEAR_UPLOAD_MAX_MB = 1
    contact = log()
    client.force_login(officer)

    response = client.post(
        reverse("casework:step", args=[contact.reference, "document"]),
        {
            "version": contact.version,
            "document": SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024)),
        },
    )

    assert "The selected file must be smaller than 1 MB" in response.content.decode()
    assert not Attachment.objects.exists()


def test_if_the_document_cannot_be_recorded_its_stored_file_is_removed(
    officer: User, log: Callable[..., Contact], media_in_tmp: Path, monkeypatch: Any
) -> None:
    contact = log()

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away")

    # The timeline write is the last thing the attachment's transaction does.
    monkeypatch.setattr(contacts, "record_event", fail)
    with pytest.raises(RuntimeError):
        services.add_attachment(
            contact,
            upload=SimpleUploadedFile("letter.pdf", PDF),
            content_type="application/pdf",
            description="",
            by=officer,
        )

    assert not Attachment.objects.exists()
    assert _stored_files(media_in_tmp) == []


def test_another_service_areas_manager_cannot_download_a_document_by_its_address(
    client: Client,
    officer: User,
    service_manager_b: User,
    investigator: User,
    log: Callable[..., Contact],
) -> None:
    contact = log()
    document = services.add_attachment(
        contact,
        upload=SimpleUploadedFile("letter.pdf", PDF),
        content_type="application/pdf",
        description="",
        by=officer,
    )
    address = reverse("casework:download-attachment", args=[contact.reference, document.pk])

    for outsider in (service_manager_b, investigator):
        client.force_login(outsider)
        assert client.get(address).status_code == 404


def test_advocacy_is_recorded_from_the_case_page_and_shown_in_words(
    client: Client, officer: User, log: Callable[..., Contact]
) -> None:
    contact = log(advocacy_requested=True)
    client.force_login(officer)
    form = client.get(reverse("casework:step", args=[contact.reference, "advocacy"]))
    assert form.context["form"].initial["requested"] == "yes"

    response = client.post(
        reverse("casework:step", args=[contact.reference, "advocacy"]),
        {
            "version": contact.version,
            "advocate": "yes",
            "requested": "yes",
            **_day("offered", date(2024, 5, 3)),
            "accepted": "yes",
            "provider": "Coram Voice",
        },
    )

    contact.refresh_from_db()
    assert response.status_code == 302
    assert (contact.advocate, contact.advocacy_offered, contact.advocacy_accepted) == (
        True,
        date(2024, 5, 3),
        True,
    )
    summary = (
        "An advocate acts for or supports the child; advocate: Coram Voice; asked for one; "
        "offered 3 May 2024, accepted."
    )
    assert contact.events.filter(
        action="fairhear.contact.advocacy_recorded", description=summary
    ).exists()
    assert summary in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"accepted": True}, "Enter the date advocacy was offered before whether it was accepted"),
        ({"offered": date(2024, 4, 30)}, "before the contact was received on 1 May 2024"),
        ({"offered": date(2999, 1, 1)}, "cannot be in the future"),
    ],
)
def test_advocacy_that_cannot_be_right_is_refused_and_nothing_changes(
    officer: User, log: Callable[..., Contact], changes: dict[str, Any], message: str
) -> None:
    contact = log()
    fields: dict[str, Any] = {
        "advocate": None,
        "requested": None,
        "offered": None,
        "accepted": None,
        "provider": "",
    }

    with pytest.raises(services.CaseworkError, match=message):
        services.record_advocacy(
            contact, version=contact.version, by=officer, **{**fields, **changes}
        )

    assert Contact.objects.get(pk=contact.pk).version == contact.version
    assert not contact.events.filter(action="fairhear.contact.advocacy_recorded").exists()


def test_advocacy_from_a_stale_page_is_refused(
    officer: User, manager: User, log: Callable[..., Contact]
) -> None:
    contact = log()
    seen = contact.version
    services.record_advocacy(
        contact,
        version=seen,
        by=manager,
        advocate=True,
        requested=None,
        offered=None,
        accepted=None,
        provider="NYAS",
    )

    with pytest.raises(services.CaseworkError, match="Someone else changed this case"):
        services.record_advocacy(
            contact,
            version=seen,
            by=officer,
            advocate=False,
            requested=None,
            offered=None,
            accepted=None,
            provider="",
        )

    assert Contact.objects.get(pk=contact.pk).advocacy_provider == "NYAS"
