"""Logging a contact: in sections, the date received today unless changed, a postal address,
and gender and ethnic group chosen from the council's lists (the census's unless changed) with
"Prefer not to say", stored as their words (the interchange format's free text) so the reports
group them."""

from collections.abc import Callable
from datetime import date

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework.equality import PREFER_NOT_TO_SAY, ethnicity_choices, gender_choices
from fairhear.casework.forms import ContactDetailsForm, LogContactForm
from fairhear.casework.models import Contact
from fairhear.organisation.models import ServiceArea


def _log(client: Client, **answers: str) -> object:
    return client.post(
        reverse("casework:log"),
        {
            "received_0": "1",
            "received_1": "5",
            "received_2": "2024",
            "channel": "letter",
            **answers,
        },
        follow=True,
    )


def test_the_form_is_in_sections_with_the_optional_lists_folded(
    officer: User, client: Client
) -> None:
    client.force_login(officer)

    page = client.get(reverse("casework:log")).content.decode()

    headings = ["How it arrived", "Who it is from", "What it is about", "The child or young"]
    positions = [page.index(f'<h2 class="govuk-heading-m">{h}') for h in headings]
    assert positions == sorted(positions)
    assert '<details class="govuk-details"><summary class="govuk-details__summary">' in page
    assert "Equality monitoring (optional)" in page
    assert LogContactForm().initial["received"] == date.today()


def test_a_contact_is_logged_with_an_address_and_census_answers(
    officer: User, client: Client, area_a: ServiceArea
) -> None:
    client.force_login(officer)
    white_british = "White: English, Welsh, Scottish, Northern Irish or British"

    _log(
        client,
        name="Sam Carter",
        address="1 High Street\nFairhear\nFH1 1AA",
        gender=PREFER_NOT_TO_SAY,
        ethnicity=white_british,
    )

    contact = Contact.objects.get()
    assert contact.complainant is not None
    assert contact.complainant.address == "1 High Street\nFairhear\nFH1 1AA"
    assert (contact.gender, contact.ethnicity) == (PREFER_NOT_TO_SAY, white_british)


def test_free_text_is_not_taken_for_gender(officer: User, client: Client) -> None:
    client.force_login(officer)

    response = _log(client, gender="fem")

    assert "gender" in response.context["form"].errors
    assert not Contact.objects.exists()


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
