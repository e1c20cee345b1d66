"""An extension shows the latest date the law allows (the core's extended clock) and refuses a
later promised date unless the complainant agreed, warning when they did."""

from datetime import date

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework.facts import extension_limit
from fairhear.casework.forms import ExtensionForm
from fairhear.casework.models import Contact

# Received on 1 May 2024: 20 working days, past the bank holidays of 6 and 27 May.
LATEST = date(2024, 5, 31)


def _extend(client: Client, contact: Contact, new_due: date, **more: str) -> object:
    return client.post(
        reverse("casework:step", args=[contact.reference, "stage-1-extension"]),
        {
            "version": contact.version,
            "on_0": "7",
            "on_1": "5",
            "on_2": "2024",
            "reason": "The social worker is on leave",
            "complainant_told": "on",
            "new_due_0": str(new_due.day),
            "new_due_1": str(new_due.month),
            "new_due_2": str(new_due.year),
            **more,
        },
        follow=True,
    )


def test_the_latest_date_is_the_core_extended_clock(stage_one: Contact) -> None:
    assert extension_limit(stage_one, 1) == LATEST
    form = ExtensionForm(contact=stage_one)
    assert "The latest date the law allows is 31 May 2024" in form.fields["new_due"].help_text


def test_a_promised_date_after_the_limit_is_refused_without_agreement(
    stage_one: Contact, officer: User, client: Client
) -> None:
    client.force_login(officer)

    response = _extend(client, stage_one, date(2024, 6, 4))

    form = response.context["form"]
    assert form.errors["new_due"] == [
        "The new date is after 31 May 2024, the latest the law allows: give a date on or "
        "before it, or record that the complainant agreed to the later date"
    ]
    stage_one.refresh_from_db()
    assert not stage_one.stages.get().extended


def test_an_agreed_later_date_is_kept_with_a_warning(
    stage_one: Contact, officer: User, client: Client
) -> None:
    client.force_login(officer)

    response = _extend(client, stage_one, date(2024, 6, 4), complainant_agreed="on")

    (said,) = [str(m) for m in response.context["messages"]]
    assert said.startswith(
        "Stage 1 extended to 4 June 2024 with the complainant's agreement. This is after "
        "31 May 2024, the latest the law allows: the reply will count as late"
    )
    assert stage_one.stages.get().extension_new_due == date(2024, 6, 4)


def test_the_date_of_the_extension_defaults_to_today(stage_one: Contact) -> None:
    assert ExtensionForm(contact=stage_one).initial["on"] == date.today()
