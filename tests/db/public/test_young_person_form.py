import pytest
from django.test import Client

from fairhear.casework.codes import Channel, ComplainantRole
from fairhear.casework.models import CaseEvent, Contact
from fairhear.public.models import PublicSubmission
from tests.db.public.conftest import YOUNG_ANSWERS, walk

pytestmark = pytest.mark.django_db


def test_it_asks_few_questions_in_plain_words(client: Client) -> None:
    assert client.get("/young-person/")["Location"] == "/young-person/name/"
    assert "What is your name?" in client.get("/young-person/name/").content.decode()
    walk(client, "young-person", YOUNG_ANSWERS, until="help")
    page = client.get("/young-person/help/").content.decode()
    assert "I want an advocate: someone on my side who helps me say what I think" in page
    assert "I want someone to phone me" in page


def test_it_makes_a_contact_from_the_child_awaiting_triage(client: Client) -> None:
    walk(client, "young-person", YOUNG_ANSWERS)

    client.post("/young-person/check/")

    contact = Contact.objects.get()
    assert contact.route == ""
    assert contact.channel == Channel.ONLINE_FORM
    assert contact.complainant_role == ComplainantRole.CHILD
    assert PublicSubmission.objects.get(contact=contact).journey == "young_person"
    assert contact.advocacy_requested is True
    assert contact.call_back_requested is True
    assert contact.desired_outcome == "One worker who stays."
    assert set(CaseEvent.objects.filter(contact=contact).values_list("action", flat=True)) == {
        "fairhear.contact.logged",
        "fairhear.contact.advocate_requested",
        "fairhear.contact.call_back_requested",
    }


def test_it_needs_a_way_to_get_in_touch(client: Client) -> None:
    walk(client, "young-person", YOUNG_ANSWERS, until="contact")

    page = client.post("/young-person/contact/", {"phone": "", "email": ""}).content.decode()

    assert page.count("Give us a phone number or an email address") == 2


def test_asking_for_a_call_needs_a_phone_number(client: Client) -> None:
    answers = {**YOUNG_ANSWERS, "contact": {"phone": "", "email": "jo@example.com"}}
    walk(client, "young-person", answers, until="help")

    page = client.post("/young-person/help/", {"help_wanted": ["call"]}).content.decode()

    assert page.count("To phone you we need your phone number") == 2
