"""Responsible managers at Stages 2 and 3, who then get the reminders; and compliments
recorded by staff, from inside the council or outside it."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework.models import Compliment, Contact
from fairhear.casework.reminders import cases_by_manager
from fairhear.organisation.models import ServiceArea

pytestmark = pytest.mark.django_db


def test_a_stage_two_manager_is_named_and_then_reminded_of_the_case(
    client: Client, officer: User, service_manager_a: User, stage_two: Contact
) -> None:
    client.force_login(officer)
    case_page = reverse("casework:case", args=[stage_two.reference])
    assert "Assign the responsible manager for Stage 2" in client.get(case_page).content.decode()

    response = client.post(
        reverse("casework:step", args=[stage_two.reference, "stage-2-manager"]),
        {"version": stage_two.version, "manager": str(service_manager_a.pk)},
    )

    stage_two.refresh_from_db()
    assert response["Location"] == case_page
    assert stage_two.stages.get(number=2).responsible_manager == service_manager_a
    assert stage_two.events.filter(
        action="fairhear.stage2.manager_assigned",
        description=f"{service_manager_a.get_full_name() or service_manager_a.username} is the "
        "responsible manager for Stage 2.",
    ).exists()
    assert stage_two.next_due is not None
    reminded = cases_by_manager(stage_two.next_due, within=0)
    assert reminded[service_manager_a] == [stage_two]


def test_staff_record_whether_a_compliment_came_from_inside_the_council(
    client: Client, officer: User, area_a: ServiceArea
) -> None:
    client.force_login(officer)

    response = client.post(
        reverse("casework:add-compliment"),
        {
            "received_0": "3",
            "received_1": "6",
            "received_2": "2024",
            "team": str(area_a.teams.get().pk),
            "source": "parent_or_carer",
            "internal": "no",
            "text": "Thank you for listening.",
            "publish": "yes",
        },
    )

    compliment = Compliment.objects.get()
    assert response.status_code == 302
    assert (compliment.received, compliment.internal, compliment.publish) == (
        date(2024, 6, 3),
        False,
        True,
    )
    assert compliment.service_area == area_a
