"""Correcting what a contact is about after it is logged, and the categories' order of fit."""

from collections.abc import Callable
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.codes import Channel
from fairhear.casework.forms import ContactDetailsForm
from fairhear.casework.forms.log_contact import AboutPage
from fairhear.casework.models import Category, Contact
from fairhear.organisation.models import ServiceArea
from tests.builders import log_through_pages

pytestmark = pytest.mark.django_db


def _details(contact: Contact) -> str:
    return reverse("casework:step", args=[contact.reference, "details"])


def test_an_online_contact_given_its_service_area_reaches_that_service_manager(
    client: Client,
    officer: User,
    service_manager_a: User,
    area_a: ServiceArea,
    categories: dict[str, Category],
) -> None:
    online = services.log_contact(
        received=date(2024, 5, 1), channel=Channel.ONLINE_FORM, summary="No visits.", by=None
    )
    case_page = reverse("casework:case", args=[online.reference])
    client.force_login(service_manager_a)
    assert client.get(case_page).status_code == 404

    client.force_login(officer)
    response = client.post(
        _details(online),
        {
            "version": online.version,
            "team": str(area_a.teams.get().pk),
            "best_fit": str(categories["Staff attitude"].pk),
            "categories": [str(categories["Communication"].pk)],
            "summary": "No visits since March.",
        },
    )

    online.refresh_from_db()
    assert response["Location"] == case_page
    assert (online.service_area, online.team) == (area_a, area_a.teams.get())
    assert list(online.category_links.values_list("category__name", flat=True)) == [
        "Staff attitude",
        "Communication",
    ]
    assert online.events.filter(
        action="fairhear.contact.details_changed",
        description="Changed service area, team, summary and categories.",
    ).exists()
    client.force_login(service_manager_a)
    assert client.get(case_page).status_code == 200


def test_the_best_fit_category_comes_first_whatever_its_name(
    client: Client, officer: User, categories: dict[str, Category]
) -> None:
    client.force_login(officer)

    log_through_pages(
        client,
        received_0="1",
        received_1="5",
        received_2="2024",
        channel="email",
        best_fit=str(categories["Staff attitude"].pk),
        categories=[str(categories["Communication"].pk), str(categories["Delay"].pk)],
    )

    contact = Contact.objects.get()
    assert list(contact.category_links.values_list("category__name", flat=True)) == [
        "Staff attitude",
        "Communication",
        "Delay",
    ]


def test_other_categories_without_a_best_fit_are_refused(
    client: Client, officer: User, log: Callable[..., Contact], categories: dict[str, Category]
) -> None:
    contact = log()
    client.force_login(officer)

    response = client.post(
        _details(contact),
        {"version": contact.version, "categories": [str(categories["Delay"].pk)]},
    )

    page = response.content.decode()
    assert page.count("Choose the category that fits best") == 2
    assert page.count("Error: ") == 1, "the page title says Error once"
    assert not contact.category_links.exists()


def test_a_team_outside_the_service_area_is_refused_and_nothing_changes(
    client: Client, officer: User, log: Callable[..., Contact], area_b: ServiceArea
) -> None:
    contact = log()  # in area A
    client.force_login(officer)

    response = client.post(
        _details(contact),
        {
            "version": contact.version,
            "service_area": str(contact.service_area_id),
            "team": str(area_b.teams.get().pk),
        },
    )

    assert "is not a team in" in response.content.decode()
    assert Contact.objects.get(pk=contact.pk).version == contact.version


def test_saving_without_a_change_says_so(
    client: Client, officer: User, log: Callable[..., Contact]
) -> None:
    contact = log()
    client.force_login(officer)
    form = client.get(_details(contact)).context["form"]
    unchanged = {
        name: "" if value is None else str(getattr(value, "pk", value))
        for name, value in form.initial.items()
        if name != "categories"
    }

    response = client.post(_details(contact), unchanged)

    assert "Nothing was changed." in response.content.decode()


def test_a_category_no_longer_offered_stays_choosable_on_the_contacts_that_have_it(
    officer: User, log: Callable[..., Contact], categories: dict[str, Category]
) -> None:
    old = categories["Delay"]
    contact = log(categories=[old])
    services.offer_category(old, offered=False, by=officer)

    on_the_contact = ContactDetailsForm(contact=contact).fields["best_fit"].queryset  # type: ignore[attr-defined]
    for_new_contacts = AboutPage(answers={}).fields["best_fit"].queryset  # type: ignore[attr-defined]
    assert old in on_the_contact
    assert old not in for_new_contacts


def test_details_from_a_stale_page_are_refused(
    officer: User, manager: User, log: Callable[..., Contact]
) -> None:
    contact = log()
    seen = contact.version
    services.change_contact_details(
        contact,
        version=seen,
        by=manager,
        service_area=contact.service_area,
        team=None,
        categories=[],
        summary="First correction.",
    )

    with pytest.raises(services.CaseworkError, match="Someone else changed this case"):
        services.change_contact_details(
            contact,
            version=seen,
            by=officer,
            service_area=contact.service_area,
            team=None,
            categories=[],
            summary="Second correction.",
        )

    assert Contact.objects.get(pk=contact.pk).summary == "First correction."
