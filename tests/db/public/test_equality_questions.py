"""The public forms' gender and ethnic group questions offer the council's list with "Prefer
not to say" (in plain words on the young person's form), never free text."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from fairhear.casework import services
from fairhear.casework.equality import PREFER_NOT_TO_SAY
from fairhear.casework.models import Contact, EqualityOption
from fairhear.public.forms import EqualityForm, YoungAboutYouForm
from tests.db.public.conftest import COMPLAINT_ANSWERS, YOUNG_ANSWERS, walk

pytestmark = pytest.mark.django_db


def _offered(form: EqualityForm | YoungAboutYouForm, name: str) -> dict[object, object]:
    shown: dict[object, object] = {}
    for value, label in form.fields[name].choices:  # type: ignore[attr-defined]
        shown.update(label if isinstance(label, list) else [(value, label)])
    return shown


def test_both_forms_offer_the_councils_list_with_prefer_not_to_say(manager: User) -> None:
    services.add_equality_option(kind="gender", label="Agender", by=manager)
    services.offer_equality_option(
        EqualityOption.objects.get(label="Roma"), offered=False, by=manager
    )

    adult, young = EqualityForm(), YoungAboutYouForm()

    assert _offered(adult, "gender")["Agender"] == "Agender"
    assert _offered(adult, "gender")[PREFER_NOT_TO_SAY] == "Prefer not to say"
    assert _offered(young, "gender")[PREFER_NOT_TO_SAY] == "I would rather not say"
    for form in (adult, young):
        ethnicity = _offered(form, "ethnicity")
        assert ethnicity["White: Irish"] == "Irish"
        assert "White: Roma" not in ethnicity


def test_free_text_is_refused_and_nothing_is_kept(client: Client) -> None:
    walk(client, "complaint", COMPLAINT_ANSWERS, until="equality")

    page = client.post(
        "/complaint/equality/", {"gender": "girl", "ethnicity": "White British"}
    ).content.decode()

    assert page.count("Choose a gender from the list") == 2
    assert page.count("Choose an ethnic group from the list") == 2


def test_an_answer_in_the_draft_stays_offered_after_the_list_changes(
    client: Client, manager: User
) -> None:
    walk(client, "young-person", YOUNG_ANSWERS)
    services.rename_equality_option(
        EqualityOption.objects.get(label="Irish"), group="White", label="Irish heritage", by=manager
    )

    again = client.post("/young-person/about-you/?change=1", YOUNG_ANSWERS["about-you"])
    client.post("/young-person/check/")

    assert again.status_code == 302
    assert Contact.objects.get().ethnicity == "White: Irish"


def test_the_young_persons_answers_are_recorded_on_the_contact(client: Client) -> None:
    answers = {**YOUNG_ANSWERS, "about-you": {"gender": PREFER_NOT_TO_SAY, "ethnicity": ""}}
    walk(client, "young-person", answers)

    client.post("/young-person/check/")

    contact = Contact.objects.get()
    assert (contact.gender, contact.ethnicity) == (PREFER_NOT_TO_SAY, "")
