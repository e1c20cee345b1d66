"""Ending someone's appointment to a case: their access lapses, audited; assigning them again
restores it."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.models import CaseEvent, Contact, EndedAppointment, Practitioner

pytestmark = pytest.mark.django_db


def _end(client: Client, contact: Contact, person: User) -> int:
    response = client.post(
        reverse("casework:step", args=[contact.reference, "end-appointment"]),
        {
            "user": str(person.pk),
            "on_0": "3",
            "on_1": "6",
            "on_2": "2024",
            "reason": "Investigation finished.",
        },
    )
    return response.status_code


def test_an_investigator_whose_appointment_ends_gets_not_found(
    client: Client,
    manager: User,
    investigator: User,
    practitioners: dict[str, Practitioner],
    stage_two: Contact,
) -> None:
    Practitioner.objects.filter(pk=practitioners["ivan"].pk).update(user=investigator)
    case_page = reverse("casework:case", args=[stage_two.reference])
    as_investigator = Client()
    as_investigator.force_login(investigator)
    assert as_investigator.get(case_page).status_code == 200
    client.force_login(manager)
    offered = client.get(reverse("casework:step", args=[stage_two.reference, "end-appointment"]))
    assert investigator in offered.context["form"].fields["user"].queryset

    assert _end(client, stage_two, investigator) == 302

    assert as_investigator.get(case_page).status_code == 404
    ended = EndedAppointment.objects.get()
    assert (ended.user, ended.ended) == (investigator, date(2024, 6, 3))
    assert LogEntry.objects.get_for_object(ended).filter(actor=manager).exists()
    event = CaseEvent.objects.get(contact=stage_two, action="fairhear.case.appointment_ended")
    assert "no longer see it" in event.description
    assert event.by == manager
    stage_two.refresh_from_db()
    assert stage_two.stages.get(number=2).investigating_officer_id == practitioners["ivan"].pk


def test_an_assignment_ended_lapses_and_assigning_again_restores_it(
    client: Client, manager: User, investigator: User, stage_one: Contact
) -> None:
    services.assign_case(stage_one, user=investigator, on=date(2024, 5, 2), reason="", by=manager)
    client.force_login(manager)
    assert _end(client, stage_one, investigator) == 302
    case_page = reverse("casework:case", args=[stage_one.reference])
    as_investigator = Client()
    as_investigator.force_login(investigator)
    assert as_investigator.get(case_page).status_code == 404

    services.assign_case(stage_one, user=investigator, on=date(2024, 7, 1), reason="", by=manager)

    assert as_investigator.get(case_page).status_code == 200
    assert not EndedAppointment.objects.exists()


def test_an_appointment_cannot_be_ended_twice(
    manager: User, investigator: User, stage_one: Contact
) -> None:
    services.assign_case(stage_one, user=investigator, on=date(2024, 5, 2), reason="", by=manager)
    services.end_appointment(
        stage_one, user=investigator, on=date(2024, 6, 3), reason="", by=manager
    )

    with pytest.raises(services.CaseworkError, match="already ended"):
        services.end_appointment(
            stage_one, user=investigator, on=date(2024, 6, 4), reason="", by=manager
        )
