"""Appointing Stage 2's investigators when the council's list has no one to offer: the page
says so and links to adding a person, who comes back chosen on the appointment."""

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework.models import Contact, Practitioner
from tests import builders


def _accepted(replied: Contact, officer: User) -> Contact:
    return builders.accept_stage_two(builders.request_stage_two(replied, officer), officer)


def test_an_empty_list_is_said_and_links_to_adding_a_person(
    replied: Contact, officer: User, client: Client
) -> None:
    contact = _accepted(replied, officer)
    client.force_login(officer)
    step = reverse("casework:step", args=[contact.reference, "stage-2-investigators"])

    page = client.get(step).content.decode()

    assert "No one is on the council&#x27;s list to investigate yet." in page
    add = reverse("casework:add-practitioner")
    assert f'href="{add}?next=%2Fstaff%2Fcases%2F{contact.reference}' in page
    assert "for=independent_person" in page


def test_a_person_added_from_the_appointment_comes_back_chosen(
    replied: Contact, officer: User, client: Client
) -> None:
    contact = _accepted(replied, officer)
    client.force_login(officer)
    step = reverse("casework:step", args=[contact.reference, "stage-2-investigators"])
    add = reverse("casework:add-practitioner")

    response = client.post(
        f"{add}?next={step}&for=independent_person", {"name": "Irene Adler"}, follow=True
    )

    irene = Practitioner.objects.get(name="Irene Adler")
    assert response.redirect_chain[-1][0] == f"{step}?added={irene.pk}&for=independent_person"
    assert response.context["form"].initial["independent_person"] == irene.pk
    assert [str(m) for m in response.context["messages"]] == [
        "Irene Adler was added to the council's list: appoint them below."
    ]
    assert f'<option value="{irene.pk}" selected>' in response.content.decode()


def test_adding_a_person_goes_back_only_to_a_case_step(officer: User, client: Client) -> None:
    client.force_login(officer)
    add = reverse("casework:add-practitioner")

    response = client.post(f"{add}?next=https://elsewhere.example/", {"name": "Ivy Ng"})

    assert response.url == reverse("casework:lists")


def test_the_lists_page_never_says_none(officer: User, client: Client) -> None:
    Practitioner.objects.create(name="Iris Ward")
    client.force_login(officer)

    page = client.get(reverse("casework:lists")).content.decode()

    assert ">None<" not in page
    assert "No sign-in" in page
