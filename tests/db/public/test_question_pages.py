"""How the complaint form's pages read: the documents page's heading and its buttons' order,
the contact page's one rule, and the check page's sections."""

import re

import pytest
from django.test import Client

from tests.db.public.conftest import COMPLAINT_ANSWERS, walk

pytestmark = pytest.mark.django_db


def test_the_documents_page_has_a_heading_and_enter_continues(client: Client) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS, until="documents")

    page = client.get("/complaint/documents/").content.decode()

    assert re.search(r"<h1[^>]*>\s*Upload documents or photos \(optional\)\s*</h1>", page)
    # The first submit button in the form is the one Enter presses.
    assert page.index('value="continue"') < page.index('value="upload"')


def test_the_contact_page_states_its_rule_once_and_marks_no_field_optional(
    client: Client,
) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS, until="contact-details")

    page = client.get("/complaint/contact-details/").content.decode()
    refused = client.post(
        "/complaint/contact-details/", {"email": "", "phone": "", "address": ""}
    ).content.decode()

    assert "(optional)" not in page
    assert "Give us at least one of these" in page
    assert "Enter an email address, a phone number or a postal address" in refused


def test_check_your_answers_shows_the_answers_in_sections(client: Client) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS)

    page = client.get("/complaint/check/").content.decode()

    headings = re.findall(r'<h2 class="govuk-heading-m">([^<]+)</h2>', page)
    assert headings == [
        "About you",
        "The child or young person",
        "Your complaint",
        "Help with your complaint",
        "Equality monitoring",
    ]
    assert page.index("Sam Jones") < page.index("The child or young person")
