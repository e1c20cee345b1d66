"""The council's equality monitoring answers: seeded with the census 2021 categories, edited by
the complaints manager on the Categories and people page (audited, version-checked), offered by
the staff form, with every contact keeping the words it was recorded with."""

from collections.abc import Callable

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework.equality import PREFER_NOT_TO_SAY, ethnicity_choices, gender_choices
from fairhear.casework.forms import ContactDetailsForm
from fairhear.casework.forms.log_contact import EqualityPage
from fairhear.casework.models import Contact, EqualityOption

pytestmark = pytest.mark.django_db

IRISH = "White: Irish"


def _values(choices: list[tuple[object, object]]) -> list[object]:
    flat: list[object] = []
    for value, label in choices:
        flat.extend(v for v, _ in label) if isinstance(label, list) else flat.append(value)
    return flat


def test_the_list_starts_as_the_census_2021_categories() -> None:
    assert _values(gender_choices()) == [
        "",
        "Female",
        "Male",
        "Non-binary",
        "Another gender identity",
        PREFER_NOT_TO_SAY,
    ]
    ethnicity = _values(ethnicity_choices())
    assert len(ethnicity) == 1 + 19 + 1
    assert IRISH in ethnicity
    assert "Other ethnic group: Arab" in ethnicity


def test_the_manager_adds_renames_and_stops_offering_answers_each_change_audited(
    client: Client, manager: User
) -> None:
    irish = EqualityOption.objects.get(kind="ethnicity", label="Irish")
    male = EqualityOption.objects.get(kind="gender", label="Male")
    client.force_login(manager)

    added = client.post(
        reverse("casework:add-equality-option", args=["ethnicity"]),
        {"group": " Other ethnic group ", "label": "Kurdish"},
    )
    renamed = client.post(
        reverse("casework:rename-equality-option", args=[irish.pk]),
        {"group": "White", "label": "Irish or Northern Irish"},
    )
    stopped = client.post(
        reverse("casework:offer-equality-option", args=[male.pk]), {"offered": "no"}
    )

    lists = reverse("casework:lists") + "#equality"
    assert added["Location"] == renamed["Location"] == stopped["Location"] == lists
    kurdish = EqualityOption.objects.get(label="Kurdish")
    assert kurdish.answer == "Other ethnic group: Kurdish"
    offered = _values(EqualityPage(answers={}).fields["ethnicity"].choices)  # type: ignore[attr-defined]
    assert offered.index("Other ethnic group: Kurdish") == offered.index(PREFER_NOT_TO_SAY) - 1
    assert "White: Irish or Northern Irish" in offered
    assert IRISH not in offered
    assert "Male" not in _values(EqualityPage(answers={}).fields["gender"].choices)  # type: ignore[attr-defined]
    page = client.get(reverse("casework:lists")).content.decode()
    assert "Irish or Northern Irish" in page
    assert "No longer offered" in page
    assert LogEntry.objects.get_for_object(kurdish).count() == 1
    assert LogEntry.objects.get_for_object(irish).count() == 1
    assert LogEntry.objects.get_for_object(male).get().actor == manager

    client.post(reverse("casework:offer-equality-option", args=[male.pk]), {"offered": "yes"})
    assert EqualityOption.objects.get(pk=male.pk).in_use


def test_a_renamed_answer_is_offered_and_a_contact_keeps_the_old_one(
    log: Callable[..., Contact], client: Client, manager: User
) -> None:
    contact = log(ethnicity=IRISH, gender="Non-binary")
    irish = EqualityOption.objects.get(kind="ethnicity", label="Irish")
    client.force_login(manager)
    client.post(
        reverse("casework:rename-equality-option", args=[irish.pk]),
        {"group": "White", "label": "Irish or Northern Irish"},
    )
    client.post(
        reverse(
            "casework:offer-equality-option",
            args=[EqualityOption.objects.get(label="Non-binary").pk],
        ),
        {"offered": "no"},
    )

    form = ContactDetailsForm(contact=contact)

    ethnicity = _values(form.fields["ethnicity"].choices)  # type: ignore[attr-defined]
    assert IRISH in ethnicity
    assert "White: Irish or Northern Irish" in ethnicity
    assert "Non-binary" in _values(form.fields["gender"].choices)  # type: ignore[attr-defined]
    contact.refresh_from_db()
    assert (contact.ethnicity, contact.gender) == (IRISH, "Non-binary")
    assert "Non-binary" not in _values(gender_choices())


def test_the_same_words_twice_or_a_background_without_its_group_are_refused(
    client: Client, manager: User
) -> None:
    client.force_login(manager)

    twice = client.post(
        reverse("casework:add-equality-option", args=["gender"]), {"label": "female"}
    )
    no_group = client.post(
        reverse("casework:add-equality-option", args=["ethnicity"]), {"label": "Kurdish"}
    )

    assert "The list already offers female" in twice.content.decode()
    assert "Enter the ethnic group the background is listed under" in no_group.content.decode()
    assert EqualityOption.objects.count() == 4 + 19


def test_only_the_complaints_manager_changes_the_list(client: Client, officer: User) -> None:
    client.force_login(officer)

    response = client.post(
        reverse("casework:add-equality-option", args=["gender"]), {"label": "Agender"}
    )
    page = client.get(reverse("casework:lists")).content.decode()

    assert response.status_code == 403
    assert "Equality monitoring answers" in page
    assert "Add a gender" not in page
    assert not EqualityOption.objects.filter(label="Agender").exists()
