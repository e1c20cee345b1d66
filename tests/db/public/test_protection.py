from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from fairhear.casework.models import Contact
from fairhear.public import services
from fairhear.public.models import Draft, DraftAttachment, RateLimitBucket
from fairhear.public.ratelimit import take_token
from tests.db.public.conftest import COMPLAINT_ANSWERS, YOUNG_ANSWERS, walk

pytestmark = pytest.mark.django_db


def test_a_filled_in_honeypot_is_refused_and_nothing_is_recorded(client: Client) -> None:
    walk(client, "young-person", YOUNG_ANSWERS)

    response = client.post("/young-person/check/", {"website": "http://spam.example"})

    assert response.status_code == 400
    assert "We could not accept this form" in response.content.decode()
    assert not Contact.objects.exists()


def test_a_filled_in_honeypot_on_a_question_page_saves_nothing(client: Client) -> None:
    response = client.post("/complaint/name/", {"name": "Bot", "website": "x"})

    assert response.status_code == 400
    assert not Draft.objects.exists()


def test_a_post_without_the_csrf_token_is_refused() -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post("/complaint/name/", {"name": "Sam"})

    assert response.status_code == 403
    assert not Draft.objects.exists()


def test_too_many_submissions_from_one_address_are_refused_and_answers_kept(
    settings: object,
) -> None:
    settings.FAIRHEAR_PUBLIC_RATE_LIMIT = 2  # type: ignore[attr-defined]
    for _ in range(2):
        client = Client()
        walk(client, "young-person", YOUNG_ANSWERS)
        assert client.post("/young-person/check/").status_code == 302

    client = Client()
    walk(client, "young-person", YOUNG_ANSWERS)
    response = client.post("/young-person/check/")

    assert response.status_code == 429
    assert "Too many forms sent" in response.content.decode()
    assert Contact.objects.count() == 2
    assert client.get("/young-person/check/").status_code == 200  # the answers are still there


def test_the_bucket_refills_over_the_hour(settings: object) -> None:
    settings.FAIRHEAR_PUBLIC_RATE_LIMIT = 4  # type: ignore[attr-defined]
    start = timezone.now()
    assert all(take_token("submit", "192.0.2.1", now=start) for _ in range(4))
    assert not take_token("submit", "192.0.2.1", now=start)
    assert take_token("submit", "192.0.2.2", now=start)  # another address has its own bucket

    assert take_token("submit", "192.0.2.1", now=start + timedelta(minutes=15))
    assert not take_token("submit", "192.0.2.1", now=start + timedelta(minutes=16))
    assert "192.0.2.1" not in "".join(RateLimitBucket.objects.values_list("key", flat=True))


def test_a_rate_limit_of_zero_turns_the_check_off(settings: object) -> None:
    settings.FAIRHEAR_PUBLIC_RATE_LIMIT = 0  # type: ignore[attr-defined]

    assert all(take_token("submit", "192.0.2.1") for _ in range(50))
    assert not RateLimitBucket.objects.exists()


def test_answers_survive_the_end_of_the_session(client: Client) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS, until="service")
    client.session.flush()
    client.cookies.pop("sessionid", None)

    response = client.get("/complaint/")

    assert response["Location"] == "/complaint/service/"
    assert "Sam Jones" in client.get("/complaint/name/").content.decode()


def test_an_expired_draft_is_removed_on_access_with_its_files(
    client: Client, settings: object, media_in_tmp: Path
) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS, until="documents")
    client.post(
        "/complaint/documents/",
        {"action": "upload", "file": _upload("letter.txt", b"Dear council")},
    )
    stored = Path(DraftAttachment.objects.get().file.path)
    assert stored.exists()
    Draft.objects.update(updated=timezone.now() - timedelta(days=8))

    response = client.get("/complaint/")

    assert response["Location"] == "/complaint/name/"
    assert not Draft.objects.exists()
    assert not stored.exists()


def test_the_clean_up_command_removes_expired_drafts_only(client: Client) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS, until="service")
    walk(Client(), "young-person", YOUNG_ANSWERS, until="help")
    Draft.objects.filter(journey="complaint").update(updated=timezone.now() - timedelta(days=8))

    call_command("clear_public_drafts")

    assert list(Draft.objects.values_list("journey", flat=True)) == ["young-person"]


def test_a_draft_sent_twice_at_once_makes_one_contact(client: Client) -> None:
    walk(client, "young-person", YOUNG_ANSWERS)
    draft = Draft.objects.get()
    stale_copy = Draft.objects.get()  # what a second request holding the same cookie read
    services.submit_complaint(draft, status_url=str)

    with pytest.raises(services.PublicFormError, match="already been sent"):
        services.submit_complaint(stale_copy, status_url=str)

    assert Contact.objects.count() == 1


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
