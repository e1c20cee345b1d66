"""Logging a contact as question pages, then "Check your answers": each page checked as it is
sent, the answers kept in the officer's session until the contact is logged, "Change" links
back from the check page, cancelling, and answers gone out of date. Gender and ethnic group
are chosen from the council's lists (the census's unless changed) with "Prefer not to say",
stored as their words (the interchange format's free text) so the reports group them."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework.equality import PREFER_NOT_TO_SAY, ethnicity_choices, gender_choices
from fairhear.casework.forms import ContactDetailsForm
from fairhear.casework.forms.log_contact import ArrivalPage
from fairhear.casework.models import Category, Contact, Person
from fairhear.organisation.models import ServiceArea, Team
from tests.builders import log_through_pages

ARRIVAL = {"received_0": "1", "received_1": "5", "received_2": "2024", "channel": "letter"}


def _page(slug: str) -> str:
    return reverse("casework:log-page", args=[slug])


def _post(client: Client, slug: str, answers: dict[str, object], **query: str) -> object:
    url = _page(slug) + ("?change=1" if query.get("change") else "")
    return client.post(url, answers)


def _answer_all(client: Client, **answers: object) -> None:
    """Every page answered, with `answers` on the pages they belong to."""
    _post(client, "arrival", {**ARRIVAL, **answers})
    for slug in ("complainant", "contact-details", "child", "about", "equality"):
        _post(client, slug, answers)


@pytest.fixture
def signed_in(client: Client, officer: User) -> Client:
    client.force_login(officer)
    return client


def test_the_entry_point_starts_at_the_first_page_with_today_as_the_date_received(
    signed_in: Client,
) -> None:
    started = signed_in.get(reverse("casework:log"))

    assert started["Location"] == _page("arrival")
    page = signed_in.get(started["Location"])
    assert page.context["title"] == "How the contact arrived"
    assert ArrivalPage(answers={}).initial["received"] == date.today()
    assert page.context["back"] == reverse("staff-home")
    assert 'formaction="/staff/cases/log/cancel/"' in page.content.decode()


def test_each_page_is_checked_when_it_is_sent_and_the_next_waits(signed_in: Client) -> None:
    tomorrow = date.today() + timedelta(days=1)

    refused = _post(
        signed_in,
        "arrival",
        {"received_0": tomorrow.day, "received_1": tomorrow.month, "received_2": tomorrow.year},
    )

    page = refused.content.decode()  # type: ignore[attr-defined]
    assert "govuk-error-summary" in page
    assert "The date received cannot be in the future" in page
    assert "Choose how the contact arrived" in page
    # A later page cannot be reached by its address before the earlier ones are answered.
    assert signed_in.get(_page("about"))["Location"] == reverse("casework:log")


def test_a_preference_for_letters_needs_the_address_they_go_to(signed_in: Client) -> None:
    _post(signed_in, "arrival", ARRIVAL)
    _post(signed_in, "complainant", {"name": "Sam Carter"})

    refused = _post(signed_in, "contact-details", {"preferred_contact": "letter"})

    assert "Enter a postal address for letters to go that way" in refused.content.decode()  # type: ignore[attr-defined]
    assert _post(
        signed_in, "contact-details", {"preferred_contact": "letter", "address": "1 High St"}
    )["Location"] == _page("child")  # type: ignore[index]


def test_the_relationship_is_asked_only_of_someone_complaining_for_the_child(
    signed_in: Client,
) -> None:
    _post(signed_in, "arrival", ARRIVAL)

    as_child = _post(signed_in, "complainant", {"complainant_role": "child"})
    assert as_child["Location"] == _page("contact-details")  # type: ignore[index]
    assert signed_in.get(_page("relationship"))["Location"] == reverse("casework:log")

    as_parent = _post(signed_in, "complainant", {"complainant_role": "parent"})
    assert as_parent["Location"] == _page("relationship")  # type: ignore[index]
    _post(signed_in, "relationship", {"relationship": "Mother"})
    assert signed_in.get(_page("contact-details")).context["back"] == _page("relationship")


def test_the_contact_logged_is_what_was_entered_on_the_pages(
    signed_in: Client, officer: User, area_a: ServiceArea, categories: dict[str, Category]
) -> None:
    white_british = "White: English, Welsh, Scottish, Northern Irish or British"

    done = log_through_pages(
        signed_in,
        **ARRIVAL,
        complainant_role="foster_carer",
        name="Sam Carter",
        relationship="Her foster carer since 2022",
        email="sam@example.org",
        phone="01234 567890",
        address="1 High Street\nFairhear\nFH1 1AA",
        preferred_contact="email",
        call_back_requested="on",
        child_name="Alex",
        child_status="child_in_care",
        advocate="no",
        advocacy_requested="yes",
        service_area=str(area_a.pk),
        best_fit=str(categories["Delay"].pk),
        categories=[str(categories["Communication"].pk)],
        summary="The review did not happen.",
        desired_outcome="A new review date.",
        age_band="10-15",
        gender=PREFER_NOT_TO_SAY,
        ethnicity=white_british,
        disability="yes",
    )

    contact = Contact.objects.get()
    person = contact.complainant
    assert person is not None
    assert (person.name, person.email, person.phone, person.address) == (
        "Sam Carter",
        "sam@example.org",
        "01234567890",
        "1 High Street\nFairhear\nFH1 1AA",
    )
    assert person.preferred_contact == "email"
    assert (contact.received, contact.channel) == (date(2024, 5, 1), "letter")
    assert (contact.complainant_role, contact.relationship) == (
        "foster_carer",
        "Her foster carer since 2022",
    )
    assert (contact.child_name, contact.child_status) == ("Alex", "child_in_care")
    assert (contact.advocate, contact.advocacy_requested, contact.call_back_requested) == (
        False,
        True,
        True,
    )
    assert contact.service_area == area_a
    assert list(contact.category_links.values_list("category__name", flat=True)) == [
        "Delay",
        "Communication",
    ]
    assert (contact.summary, contact.desired_outcome) == (
        "The review did not happen.",
        "A new review date.",
    )
    assert (contact.age_band, contact.gender, contact.ethnicity, contact.disability) == (
        "10-15",
        PREFER_NOT_TO_SAY,
        white_british,
        True,
    )
    assert contact.events.filter(by=officer).exists()
    page = done.content.decode()
    assert "Contact logged" in page
    assert contact.reference in page
    assert reverse("casework:step", args=[contact.reference, "triage"]) in page
    assert signed_in.get(reverse("casework:log"))["Location"] == _page("arrival"), "a new start"


def test_the_check_page_shows_each_answer_with_a_change_link_that_returns_to_it(
    signed_in: Client, area_a: ServiceArea
) -> None:
    _answer_all(signed_in, name="Sam Carter", service_area=str(area_a.pk))

    check = signed_in.get(reverse("casework:log-check"))
    sections = {s["title"]: s for s in check.context["sections"]}
    assert list(sections) == [
        "How the contact arrived",
        "Who is complaining",
        "How to reach them",
        "The child or young person",
        "What it is about",
        "Equality monitoring",
    ]
    assert ("Date received", "1 May 2024") in sections["How the contact arrived"]["rows"]
    assert ("How it arrived", "Letter") in sections["How the contact arrived"]["rows"]
    assert ("Their name", "Sam Carter") in sections["Who is complaining"]["rows"]
    assert ("Service area complained about", str(area_a)) in sections["What it is about"]["rows"]
    change = sections["Who is complaining"]["url"]
    assert change == _page("complainant") + "?change=1"
    assert f'href="{change}"' in check.content.decode()

    shown = signed_in.get(change)
    assert shown.context["back"] == reverse("casework:log-check")
    assert shown.context["form"]["name"].value() == "Sam Carter"
    changed = _post(signed_in, "complainant", {"name": "Sam Jones"}, change="1")

    assert changed["Location"] == reverse("casework:log-check")  # type: ignore[index]
    rows = signed_in.get(reverse("casework:log-check")).context["sections"][1]["rows"]
    assert ("Their name", "Sam Jones") in rows


def test_the_check_page_says_a_chosen_team_gives_the_service_area(
    signed_in: Client, area_a: ServiceArea
) -> None:
    team = Team.objects.create(name="Fostering East", service_area=area_a)
    _answer_all(signed_in, name="Sam Carter", team=str(team.pk))

    about = signed_in.get(reverse("casework:log-check")).context["sections"][4]["rows"]

    assert ("Service area complained about", f"{area_a} (the team's)") in about
    assert ("Team complained about", str(team)) in about


def test_a_change_that_asks_a_new_page_asks_it_before_the_check_page(signed_in: Client) -> None:
    _answer_all(signed_in, complainant_role="child")

    _post(signed_in, "complainant", {"complainant_role": "parent"}, change="1")

    assert signed_in.get(reverse("casework:log-check"))["Location"] == _page("relationship")
    _post(signed_in, "relationship", {"relationship": "Mother"})
    titles = [s["title"] for s in signed_in.get(reverse("casework:log-check")).context["sections"]]
    assert "Their relationship to the child" in titles


def test_cancel_discards_the_answers(signed_in: Client) -> None:
    _answer_all(signed_in, name="Sam Carter")

    cancelled = signed_in.post(reverse("casework:log-cancel"), follow=True)

    assert "its answers were discarded" in cancelled.content.decode()
    assert signed_in.get(reverse("casework:log"))["Location"] == _page("arrival")
    assert not Contact.objects.exists()
    assert not Person.objects.exists()


def test_another_officer_does_not_see_the_answers(
    signed_in: Client, manager: User, officer: User
) -> None:
    _answer_all(signed_in, name="Sam Carter")
    other = Client()
    other.force_login(manager)

    assert other.get(reverse("casework:log-check"))["Location"] == _page("arrival")
    # Nor does the next to sign in on the same browser.
    signed_in.force_login(manager)
    assert signed_in.get(reverse("casework:log-check"))["Location"] == _page("arrival")


def test_answers_changed_in_another_tab_are_not_logged_unseen(signed_in: Client) -> None:
    _answer_all(signed_in, summary="First words")
    shown = signed_in.get(reverse("casework:log-check")).context["form"]["shown"].value()
    _post(signed_in, "about", {"summary": "Changed in another tab"}, change="1")

    refused = signed_in.post(reverse("casework:log-check"), {"shown": shown}, follow=True)

    assert not Contact.objects.exists()
    assert "changed in another tab or window" in refused.content.decode()
    again = refused.context["form"]["shown"].value()
    signed_in.post(reverse("casework:log-check"), {"shown": again})
    assert Contact.objects.get().summary == "Changed in another tab"


def test_an_answer_gone_out_of_date_sends_the_officer_back_to_its_page(
    signed_in: Client, categories: dict[str, Category]
) -> None:
    delay = categories["Delay"]
    _answer_all(signed_in, best_fit=str(delay.pk))
    Category.objects.filter(pk=delay.pk).update(active=False)

    sent_back = signed_in.get(reverse("casework:log-check"))

    assert sent_back["Location"] == _page("about") + "?change=1"
    page = signed_in.get(sent_back["Location"]).content.decode()
    assert "govuk-error-summary" in page
    assert not Contact.objects.exists()


def test_a_contact_the_service_refuses_is_not_logged_nor_its_complainant_recorded(
    signed_in: Client, area_a: ServiceArea, area_b: ServiceArea
) -> None:
    other_areas_team = area_b.teams.get()

    refused = log_through_pages(
        signed_in,
        **ARRIVAL,
        name="Sam Carter",
        service_area=str(area_a.pk),
        team=str(other_areas_team.pk),
    )

    page = refused.content.decode()
    assert "govuk-error-summary" in page
    assert "Safeguarding Hub is not a team in Children in Care." in page
    assert not Contact.objects.exists()
    assert not Person.objects.exists(), "the person and the contact are kept together or not"


def test_free_text_is_not_taken_for_gender(signed_in: Client) -> None:
    _answer_all(signed_in)

    response = _post(signed_in, "equality", {"gender": "fem"})

    assert "gender" in response.context["form"].errors  # type: ignore[attr-defined]


def test_a_value_recorded_before_stays_offered_on_its_contact(
    log: Callable[..., Contact],
) -> None:
    contact = log(gender="Not recorded", ethnicity="Mixed: White and Asian")

    form = ContactDetailsForm(contact=contact)

    assert ("Not recorded", "Not recorded") in form.fields["gender"].choices
    assert ("Mixed: White and Asian", "Mixed: White and Asian") in form.fields["ethnicity"].choices
    assert ("Not recorded", "Not recorded") not in gender_choices()


def test_the_census_groups_are_offered_grouped_then_prefer_not_to_say(db: None) -> None:
    choices = ethnicity_choices()

    assert choices[0] == ("", "Not known")
    groups = [label for label, options in choices[1:] if isinstance(options, list)]
    assert groups[0] == "Asian or Asian British"
    assert len(groups) == 5
    assert choices[-1] == (PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY)
