"""The council's own lists: the categories contacts are put in, and the people appointed at
Stage 2 and Stage 3."""

from html import unescape

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework.forms import InvestigatorsForm
from fairhear.casework.forms.log_contact import AboutPage
from fairhear.casework.models import Category, Contact, ContactCategory, Practitioner

pytestmark = pytest.mark.django_db


@pytest.fixture
def visits(db: None) -> Category:
    return Category.objects.create(name="Contact visits")


def test_a_category_is_added_renamed_and_no_longer_offered_but_stays_on_past_contacts(
    client: Client, manager: User, visits: Category
) -> None:
    contact = Contact.objects.create(reference="C-2024-0001", received="2024-05-01")
    ContactCategory.objects.create(contact=contact, category=visits, position=0)
    client.force_login(manager)

    added = client.post(reverse("casework:add-category"), {"name": " Placement moves "})
    renamed = client.post(
        reverse("casework:rename-category", args=[visits.pk]), {"name": "Family time"}
    )
    stopped = client.post(reverse("casework:offer-category", args=[visits.pk]), {"offered": "no"})

    assert added["Location"] == renamed["Location"] == stopped["Location"]
    assert Category.objects.get(name="Placement moves").active
    visits.refresh_from_db()
    assert (visits.name, visits.active) == ("Family time", False)
    offered = [c.name for c in AboutPage(answers={}).fields["categories"].queryset]  # type: ignore[attr-defined]
    assert offered == ["Placement moves"]
    assert list(contact.categories.all()) == [visits]
    page = client.get(reverse("casework:lists")).content.decode()
    assert "No longer offered" in page
    assert LogEntry.objects.get_for_object(visits).count() == 3  # created, renamed, retired

    client.post(reverse("casework:offer-category", args=[visits.pk]), {"offered": "yes"})
    assert Category.objects.get(pk=visits.pk).active


def test_a_category_name_already_used_is_refused_whatever_its_capitals(
    client: Client, manager: User, visits: Category
) -> None:
    other = Category.objects.create(name="Communication")
    client.force_login(manager)

    added = client.post(reverse("casework:add-category"), {"name": "contact VISITS"})
    renamed = client.post(
        reverse("casework:rename-category", args=[other.pk]), {"name": "Contact Visits"}
    )

    for response in (added, renamed):
        assert response.status_code == 200
        assert "There is already a category called" in response.content.decode()
    assert sorted(Category.objects.values_list("name", flat=True)) == [
        "Communication",
        "Contact visits",
    ]


def test_stopping_a_category_needs_a_post(client: Client, manager: User, visits: Category) -> None:
    client.force_login(manager)
    response = client.get(reverse("casework:offer-category", args=[visits.pk]))
    assert response.status_code == 405
    assert Category.objects.get(pk=visits.pk).active


def test_an_officer_adds_an_outside_investigator_who_can_then_be_appointed(
    client: Client, officer: User
) -> None:
    client.force_login(officer)

    response = client.post(
        reverse("casework:add-practitioner"),
        {"name": "Iris Independent", "organisation": "Independent Reviews Ltd"},
    )
    staff = client.post(
        reverse("casework:add-practitioner"), {"name": "Stella Staff", "is_staff": "on"}
    )

    assert response.status_code == staff.status_code == 302
    iris = Practitioner.objects.get(name="Iris Independent")
    assert iris.is_independent
    assert not Practitioner.objects.get(name="Stella Staff").is_independent
    choices = InvestigatorsForm.base_fields["independent_person"].queryset  # type: ignore[attr-defined]
    assert iris in choices
    assert not choices.filter(name="Stella Staff").exists(), "staff are never independent"
    page = client.get(reverse("casework:lists")).content.decode()
    assert "No (council staff)" in page


def test_correcting_a_persons_details_keeps_them_on_the_cases_they_were_appointed_to(
    client: Client, officer: User
) -> None:
    person = Practitioner.objects.create(name="Pat Panel", email="pat@example.org")
    client.force_login(officer)

    response = client.post(
        reverse("casework:change-practitioner", args=[person.pk]),
        {"name": "Pat Panelist", "email": "not an email"},
    )
    fixed = client.post(
        reverse("casework:change-practitioner", args=[person.pk]),
        {"name": "Pat Panelist", "email": "pat@panel.example.org", "is_councillor": "on"},
    )

    assert "Enter an email address like name@example.com" in response.content.decode()
    assert fixed.status_code == 302
    person.refresh_from_db()
    assert (person.pk, person.name, person.is_councillor) == (
        Practitioner.objects.get().pk,
        "Pat Panelist",
        True,
    )


def test_linking_an_investigators_sign_in_opens_the_cases_they_are_appointed_to(
    client: Client,
    officer: User,
    investigator: User,
    stage_two: Contact,
    practitioners: dict[str, Practitioner],
) -> None:
    ivan = practitioners["ivan"]  # the investigating officer of stage_two
    case_page = reverse("casework:case", args=[stage_two.reference])
    client.force_login(investigator)
    assert client.get(case_page).status_code == 404

    client.force_login(officer)
    response = client.post(
        reverse("casework:change-practitioner", args=[ivan.pk]),
        {"name": ivan.name, "user": investigator.pk},
    )

    assert response.status_code == 302
    ivan.refresh_from_db()
    assert ivan.user == investigator
    change = LogEntry.objects.get_for_object(ivan).get(actor=officer)
    assert "user" in change.changes_dict
    assert investigator.get_username() in client.get(reverse("casework:lists")).content.decode()
    client.force_login(User.objects.get(pk=investigator.pk))
    assert client.get(case_page).status_code == 200


def test_one_sign_in_belongs_to_one_persons_record(
    client: Client, officer: User, investigator: User
) -> None:
    ivan = Practitioner.objects.create(name="Ivan Investigator", user=investigator)
    iris = Practitioner.objects.create(name="Iris Independent")
    client.force_login(officer)

    response = client.post(
        reverse("casework:change-practitioner", args=[iris.pk]),
        {"name": iris.name, "user": investigator.pk},
    )

    assert response.status_code == 200
    assert f"The sign-in {investigator.get_username()} is already Ivan Investigator's" in unescape(
        response.content.decode()
    )
    iris.refresh_from_db()
    assert iris.user is None
    assert Practitioner.objects.get(pk=ivan.pk).user == investigator


def test_only_staff_with_a_role_are_offered_as_a_sign_in(
    client: Client, officer: User, investigator: User, no_role: User
) -> None:
    client.force_login(officer)

    response = client.get(reverse("casework:add-practitioner"))

    offered = list(response.context["form"].fields["user"].queryset)
    assert investigator in offered
    assert no_role not in offered
