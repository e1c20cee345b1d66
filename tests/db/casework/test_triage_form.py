"""Triage asks about eligibility and a late complaint only for a statutory complaint: the
questions are revealed under that choice, and answers left under it when another route is
chosen are not kept."""

from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework.models import Contact


def test_eligibility_and_discretion_are_revealed_under_the_statutory_choice(
    log: Callable[..., Contact], officer: User, client: Client
) -> None:
    contact = log()
    client.force_login(officer)

    page = client.get(reverse("casework:step", args=[contact.reference, "triage"])).content
    html = page.decode()

    revealed = html.split('id="conditional_route_0"')[1].split('id="id_route_1"')[0]
    for name in ("eligible", "eligibility_reason", "matter_date", "late_discretion"):
        assert f'name="{name}' in revealed
    assert 'data-reveals="conditional_route_0"' in html
    assert "data-reveals=" not in html.split('id="id_route_1"')[1].split("</fieldset>")[0]
    assert "Only if the matter happened before 1 May 2023" in html


def test_answers_hidden_under_the_statutory_choice_are_not_kept_for_another_route(
    log: Callable[..., Contact], officer: User, client: Client
) -> None:
    contact = log()
    client.force_login(officer)

    client.post(
        reverse("casework:step", args=[contact.reference, "triage"]),
        {
            "version": contact.version,
            "route": "corporate",
            "reason": "About a council tax letter.",
            "on_0": "2",
            "on_1": "5",
            "on_2": "2024",
            "eligible": "no",
            "eligibility_reason": "Typed before changing my mind",
        },
    )

    contact.refresh_from_db()
    assert contact.route == "corporate"
    assert (contact.eligible, contact.eligibility_reason) == (None, "")
