from datetime import date

import pytest
from django.core import mail
from django.test import Client

from fairhear.casework.codes import Channel
from fairhear.casework.models import CaseEvent, Contact
from fairhear.core.clocks import stage_one_reply_clock
from fairhear.core.dates import long_date
from fairhear.organisation.models import ServiceArea
from fairhear.public.models import Draft, PublicSubmission
from tests.db.public.conftest import COMPLAINT_ANSWERS, walk

pytestmark = pytest.mark.django_db


def test_the_start_link_opens_the_first_question(client: Client) -> None:
    response = client.get("/complaint/")

    assert response.status_code == 302
    assert response["Location"] == "/complaint/name/"
    page = client.get("/complaint/name/").content.decode()
    assert '<h1 class="govuk-label-wrapper">' in page
    assert "What is your full name?" in page


def test_each_page_leads_to_the_next_and_the_last_to_check_your_answers(client: Client) -> None:
    slugs = list(COMPLAINT_ANSWERS)
    for position, slug in enumerate(slugs):
        response = client.post(f"/complaint/{slug}/", COMPLAINT_ANSWERS[slug])
        following = slugs[position + 1] if position + 1 < len(slugs) else None
        expected = f"/complaint/{following}/" if following else "/complaint/check/"
        assert response["Location"] == expected, slug


def test_a_later_page_cannot_be_reached_before_the_earlier_ones(client: Client) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS, until="preferred-contact")

    response = client.get("/complaint/what-happened/")

    assert response["Location"] == "/complaint/preferred-contact/"


@pytest.mark.parametrize(
    ("slug", "data", "message"),
    [
        ("name", {"name": ""}, "Enter your full name"),
        ("name", {"name": "x" * 201}, "Full name must be 200 characters or fewer"),
        (
            "contact-details",
            {"email": "", "phone": "", "address": ""},
            "Enter an email address, a phone number or a postal address",
        ),
        (
            "contact-details",
            {"email": "sam-at-example", "phone": "", "address": ""},
            "Enter an email address in the correct format, like name@example.com",
        ),
        (
            "contact-details",
            {"email": "", "phone": "call me", "address": ""},
            "Enter a phone number, like 01632 960 001 or 07700 900 982",
        ),
        (
            "preferred-contact",
            {},
            "Choose how you would like us to contact you",
        ),
        (
            "relationship",
            {"complainant_role": "landlord"},
            "Choose your relationship to the child or young person",
        ),
        ("service", {}, "Choose the service, or choose I am not sure"),
        ("what-happened", {"what_happened": "  "}, "Tell us what happened"),
        ("what-you-want", {"desired_outcome": ""}, "Tell us what you would like to happen"),
        (
            "advocate",
            {"advocacy": ""},
            "Choose whether the child or young person would like an advocate",
        ),
    ],
)
def test_each_page_says_what_is_wrong_in_the_error_summary_and_by_the_field(
    client: Client, service_area: ServiceArea, slug: str, data: dict[str, str], message: str
) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS, until=slug)

    response = client.post(f"/complaint/{slug}/", data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert 'class="govuk-error-summary"' in page
    assert page.count(message) == 2, page  # in the summary and beside the field


def test_it_refuses_a_way_of_contact_the_complainant_gave_no_details_for(client: Client) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS, until="preferred-contact")

    response = client.post("/complaint/preferred-contact/", {"preferred_contact": "letter"})

    assert "You have not given us an address" in response.content.decode()


def test_the_service_page_offers_only_services_running_today(client: Client) -> None:
    ServiceArea.objects.create(name="Front Door")
    ServiceArea.objects.create(name="Old Duty Team", ended=date(2020, 3, 31))
    walk(client, "complaint", COMPLAINT_ANSWERS, until="service")

    page = client.get("/complaint/service/").content.decode()

    assert "Front Door" in page
    assert "Old Duty Team" not in page
    assert "I am not sure" in page


def test_check_your_answers_shows_every_answer_with_a_link_to_change_it(client: Client) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS)

    page = client.get("/complaint/check/").content.decode()

    for shown in ("Sam Jones", "sam@example.com", "I am their parent", "Child in care"):
        assert shown in page
    assert "Nobody came to the review meeting." in page
    assert 'href="/complaint/what-you-want/?change=1"' in page
    response = client.post("/complaint/what-you-want/?change=1", {"desired_outcome": "Sorry."})
    assert response["Location"] == "/complaint/check/"
    assert "Sorry." in client.get("/complaint/check/").content.decode()


def test_sending_creates_a_contact_awaiting_triage_from_the_online_form(
    client: Client, service_area: ServiceArea
) -> None:
    answers = {**COMPLAINT_ANSWERS, "service": {"service_area": str(service_area.pk)}}
    walk(client, "complaint", answers)

    response = client.post("/complaint/check/")

    assert response["Location"] == "/complaint/sent/"
    contact = Contact.objects.get()
    assert contact.route == ""
    assert contact.channel == Channel.ONLINE_FORM
    assert contact.complainant_role == "parent"
    assert contact.child_status == "child_in_care"
    assert contact.service_area == service_area
    assert contact.summary == "Nobody came to the review meeting."
    assert (contact.age_band, contact.gender, contact.disability) == ("10-15", "Female", False)
    person = contact.complainant
    assert person is not None
    assert person.key.startswith("P-")
    assert (person.name, person.email, person.preferred_contact) == (
        "Sam Jones",
        "sam@example.com",
        "email",
    )
    assert PublicSubmission.objects.get(contact=contact).journey == "complaint"
    assert contact.desired_outcome == "A new meeting and an apology."
    assert contact.child_name == "Alex Jones"
    assert (contact.advocacy_requested, contact.advocate) == (True, None)
    assert CaseEvent.objects.filter(
        contact=contact, action="fairhear.contact.advocate_requested"
    ).exists()
    assert not Draft.objects.exists()


def test_the_confirmation_shows_the_reference_and_when_to_expect_a_reply(client: Client) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS)
    client.post("/complaint/check/")

    page = client.get("/complaint/sent/").content.decode()

    contact = Contact.objects.get()
    due = stage_one_reply_clock(contact.received).due
    assert contact.reference in page
    assert long_date(due) in page
    assert "/status/" in page


def test_the_acknowledgement_email_gives_the_reference_the_due_date_and_the_private_link(
    client: Client, django_capture_on_commit_callbacks: object
) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post("/complaint/check/")

    contact = Contact.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sam@example.com"]
    assert contact.reference in message.subject
    due = long_date(stage_one_reply_clock(contact.received).due)
    assert f"You should get a reply by {due}." in message.body
    link = next(line for line in message.body.splitlines() if "/status/" in line)
    assert link.startswith("http://testserver/status/")
    assert Client().get(link.removeprefix("http://testserver")).status_code == 200


def test_no_email_is_sent_when_the_complainant_gave_none(
    client: Client, django_capture_on_commit_callbacks: object
) -> None:
    answers = {
        **COMPLAINT_ANSWERS,
        "contact-details": {"email": "", "phone": "", "address": "1 High Street"},
        "preferred-contact": {"preferred_contact": "letter"},
    }
    walk(client, "complaint", answers)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post("/complaint/check/")

    assert Contact.objects.count() == 1
    assert mail.outbox == []
    assert "We have sent you an email" not in client.get("/complaint/sent/").content.decode()


def test_sending_twice_does_not_make_a_second_contact(client: Client) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS)
    client.post("/complaint/check/")

    again = client.post("/complaint/check/")

    assert again["Location"] == "/complaint/"
    assert Contact.objects.count() == 1


def test_the_confirmation_is_shown_once_so_the_next_person_cannot_find_the_link(
    client: Client,
) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS)
    client.post("/complaint/check/")
    reference = Contact.objects.get().reference
    assert reference in client.get("/complaint/sent/").content.decode()

    again = client.get("/complaint/sent/", follow=True)

    page = again.content.decode()
    assert again.redirect_chain[0][0] == "/"
    assert reference not in page
    assert "/status/" not in page
