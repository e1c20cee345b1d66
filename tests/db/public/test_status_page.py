from datetime import date

import pytest
from django.core import mail
from django.test import Client

from fairhear.casework.codes import Outcome, Route
from fairhear.casework.models import Contact, Stage
from fairhear.core.clocks import (
    stage_one_reply_clock,
    stage_two_clock,
    stage_two_request_window,
)
from fairhear.core.dates import long_date
from fairhear.public.models import PublicSubmission
from fairhear.public.selectors import progress_of
from tests.db.public.conftest import COMPLAINT_ANSWERS, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def status_path(client: Client, django_capture_on_commit_callbacks: object) -> str:
    walk(client, "complaint", COMPLAINT_ANSWERS)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post("/complaint/check/")
    link = next(line for line in mail.outbox[0].body.splitlines() if "/status/" in line)
    return link.removeprefix("http://testserver")


def test_the_status_page_shows_the_stage_and_due_date_and_no_personal_data(
    status_path: str,
) -> None:
    response = Client().get(status_path)

    page = response.content.decode()
    contact = Contact.objects.get()
    assert "Received: we are deciding how to handle it" in page
    assert long_date(stage_one_reply_clock(contact.received).due) in page
    for private in ("Sam Jones", "sam@example.com", "07700", "Alex Jones", "review meeting"):
        assert private not in page
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in page


def test_the_token_is_not_stored_and_neither_a_wrong_token_nor_the_reference_opens_it(
    status_path: str,
) -> None:
    token = status_path.split("/")[2]
    contact = Contact.objects.get()

    assert token not in PublicSubmission.objects.get().status_token_hash
    assert len(token) >= 40
    assert Client().get(f"/status/{token[:-1]}x/").status_code == 404
    assert Client().get(f"/status/{contact.reference}/").status_code == 404


def test_the_status_follows_the_case_through_its_stages(status_path: str) -> None:
    contact = Contact.objects.get()
    contact.received = date(2024, 1, 8)
    contact.route = Route.STATUTORY
    contact.save()
    stage = Stage.objects.create(contact=contact, number=1)

    page = Client().get(status_path).content.decode()
    assert "Stage 1: local resolution" in page
    assert "22 January 2024" in page  # 10 working days after 8 January 2024

    stage.responded = date(2024, 1, 19)
    stage.outcome = Outcome.PARTLY_UPHELD
    stage.save()
    page = Client().get(status_path).content.decode()
    window = stage_two_request_window(date(2024, 1, 19)).due
    assert "Stage 1: reply sent" in page
    assert f"by {long_date(window)}" in page

    Stage.objects.create(contact=contact, number=2, requested=date(2024, 2, 1))
    progress = progress_of(contact)
    assert progress.stage == "Stage 2: independent investigation"
    assert progress.reply_due == stage_two_clock(date(2024, 2, 1)).due


def test_a_withdrawn_complaint_shows_as_closed(status_path: str) -> None:
    contact = Contact.objects.get()
    contact.withdrawn = contact.received
    contact.save()

    page = Client().get(status_path).content.decode()

    assert "Closed" in page
    assert "Next reply due by" not in page
