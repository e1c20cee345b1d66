"""The Ombudsman pages (enquiries linked to a case or not) and assigning an investigator."""

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.models import CaseAssignment, CaseEvent, Contact, OmbudsmanCase
from fairhear.organisation.models import ServiceArea
from tests import builders

pytestmark = pytest.mark.django_db


def _day(name: str, day: date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.fixture
def linked(stage_one: Contact, officer: User) -> OmbudsmanCase:
    return builders.ombudsman_case(officer, lgsco_reference="24 000 777", contact=stage_one)


def _step(case: OmbudsmanCase, step: str) -> str:
    return reverse("casework:ombudsman-step", args=[case.pk, step])


def test_an_unlinked_enquiry_is_recorded_with_its_reply_due_in_28_days_and_gets_its_own_page(
    client: Client, officer: User, area_a: ServiceArea
) -> None:
    team = area_a.teams.get()
    client.force_login(officer)

    response = client.post(
        reverse("casework:add-ombudsman"),
        {
            "lgsco_reference": " 23 011 456 ",
            **_day("received", date(2024, 2, 10)),
            "team": str(team.pk),
            "summary": "Delay in an assessment.",
        },
    )

    case = OmbudsmanCase.objects.get()
    page = reverse("casework:ombudsman-case", args=["23 011 456"])
    assert response.status_code == 302
    assert response["Location"] == page
    assert case.contact is None
    assert case.enquiry_due == date(2024, 3, 9)
    assert (case.service_area, case.team) == (area_a, team)
    listed = client.get(reverse("casework:ombudsman")).content.decode()
    assert f'href="{page}"' in listed
    shown = client.get(page).content.decode()
    assert "Not linked to a case" in shown
    assert "9 March 2024" in shown


def test_an_unlinked_enquiry_uses_the_reply_date_the_ombudsman_set(
    client: Client, officer: User
) -> None:
    client.force_login(officer)
    client.post(
        reverse("casework:add-ombudsman"),
        {
            "lgsco_reference": "23 011 457",
            **_day("received", date(2024, 2, 10)),
            **_day("enquiry_due", date(2024, 2, 20)),
        },
    )
    assert OmbudsmanCase.objects.get().enquiry_due == date(2024, 2, 20)


def test_a_team_outside_the_chosen_service_area_is_refused_and_nothing_is_recorded(
    client: Client, officer: User, area_a: ServiceArea, area_b: ServiceArea
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("casework:add-ombudsman"),
        {
            "lgsco_reference": "23 011 458",
            **_day("received", date(2024, 2, 10)),
            "service_area": str(area_b.pk),
            "team": str(area_a.teams.get().pk),
        },
    )
    assert response.status_code == 200
    assert f"is not in {area_b.name}" in response.content.decode()
    assert not OmbudsmanCase.objects.exists()


def test_a_reference_already_recorded_is_refused_with_a_clear_message(
    client: Client, officer: User, unlinked: OmbudsmanCase
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("casework:add-ombudsman"),
        {"lgsco_reference": "23 000 123", **_day("received", date(2024, 7, 1))},
    )
    assert "Ombudsman case 23 000 123 is already recorded." in response.content.decode()
    assert OmbudsmanCase.objects.count() == 1


def test_the_reply_decision_and_compliance_on_an_unlinked_case_return_to_its_page(
    client: Client, officer: User, unlinked: OmbudsmanCase
) -> None:
    client.force_login(officer)
    page = reverse("casework:ombudsman-case", args=[unlinked.lgsco_reference])

    replied = client.post(_step(unlinked, "reply"), _day("on", date(2024, 6, 20)))
    decided = client.post(
        _step(unlinked, "decision"),
        {
            **_day("on", date(2024, 9, 2)),
            "decision": "upheld_maladministration_injustice",
            "remedies": ["apology", "financial"],
            "financial_remedy": "250.00",
            "satisfactory_remedy_by_council": "no",
        },
    )
    complied = client.post(_step(unlinked, "compliance"), {"complied": "yes"})

    assert [r["Location"] for r in (replied, decided, complied)] == [page] * 3
    case = OmbudsmanCase.objects.get(pk=unlinked.pk)
    assert case.council_replied == date(2024, 6, 20)
    assert case.decided == date(2024, 9, 2)
    assert case.remedies == ["apology", "financial"]
    assert case.financial_remedy == Decimal("250.00")
    assert case.satisfactory_remedy_by_council is False
    assert case.complied is True
    shown = client.get(page).content.decode()
    assert "Apology" in shown
    assert "£250.00" in shown


def test_compliance_before_the_decision_is_refused_on_the_form(
    client: Client, officer: User, linked: OmbudsmanCase
) -> None:
    client.force_login(officer)
    response = client.post(_step(linked, "compliance"), {"complied": "no"})
    assert response.status_code == 200
    assert "Record the Ombudsman&#x27;s decision before" in response.content.decode()
    assert OmbudsmanCase.objects.get(pk=linked.pk).complied is None


def test_compliance_on_a_linked_case_returns_to_the_case_and_goes_on_its_timeline(
    client: Client, officer: User, linked: OmbudsmanCase
) -> None:
    services.record_ombudsman_decision(
        linked, on=date(2024, 9, 2), decision="upheld_maladministration_injustice", by=officer
    )
    client.force_login(officer)
    case_page = reverse("casework:case", args=[linked.contact.reference])  # type: ignore[union-attr]

    response = client.post(_step(linked, "compliance"), {"complied": "no"})

    assert response["Location"] == case_page
    assert CaseEvent.objects.filter(action="fairhear.ombudsman.compliance_recorded").exists()
    assert "did not carry out the recommendations" in client.get(case_page).content.decode()


def test_compliance_can_be_corrected_from_the_ombudsman_page_and_the_correction_is_audited(
    client: Client, officer: User, unlinked: OmbudsmanCase
) -> None:
    services.record_ombudsman_decision(
        unlinked, on=date(2024, 9, 2), decision="upheld_maladministration_injustice", by=officer
    )
    services.record_ombudsman_compliance(unlinked, complied=False, by=officer)
    client.force_login(officer)
    page = reverse("casework:ombudsman-case", args=[unlinked.lgsco_reference])

    assert _step(unlinked, "compliance") in client.get(page).content.decode()
    form = client.get(_step(unlinked, "compliance"))
    assert "Correct the council" in form.content.decode()
    assert form.context["form"].initial["complied"] == "no"
    same = client.post(_step(unlinked, "compliance"), {"complied": "no"})
    corrected = client.post(_step(unlinked, "compliance"), {"complied": "yes"})

    assert "already recorded that the council did not carry out" in same.content.decode()
    assert corrected["Location"] == page
    assert OmbudsmanCase.objects.get(pk=unlinked.pk).complied is True
    entries = LogEntry.objects.get_for_object(unlinked)
    assert [e.changes_dict["complied"] for e in entries if "complied" in e.changes_dict] == [
        ["False", "True"],
        ["None", "False"],
    ]


def test_a_case_page_links_to_record_compliance_once_the_ombudsman_has_decided(
    client: Client, officer: User, linked: OmbudsmanCase
) -> None:
    client.force_login(officer)
    case_page = reverse("casework:case", args=[linked.contact.reference])  # type: ignore[union-attr]
    before = client.get(case_page).content.decode()
    services.record_ombudsman_decision(
        linked, on=date(2024, 9, 2), decision="not_upheld", by=officer
    )
    after = client.get(case_page).content.decode()
    assert _step(linked, "compliance") not in before
    assert _step(linked, "compliance") in after


def test_assigning_an_investigator_lets_them_open_the_case_and_shows_on_the_case_page(
    client: Client, officer: User, investigator: User, stage_one: Contact
) -> None:
    case_page = reverse("casework:case", args=[stage_one.reference])
    client.force_login(investigator)
    assert client.get(case_page).status_code == 404

    client.force_login(officer)
    response = client.post(
        reverse("casework:step", args=[stage_one.reference, "assign"]),
        {"user": str(investigator.pk), **_day("on", date(2024, 5, 6)), "reason": "Stage 2 help."},
    )

    assert response["Location"] == case_page
    assert CaseAssignment.objects.get().user == investigator
    shown = client.get(case_page).content.decode()
    assert "ade, from 6 May 2024: Stage 2 help." in shown
    client.force_login(investigator)
    assert client.get(case_page).status_code == 200


def test_only_investigators_not_yet_assigned_can_be_chosen(
    client: Client, officer: User, investigator: User, service_manager_b: User, stage_one: Contact
) -> None:
    url = reverse("casework:step", args=[stage_one.reference, "assign"])
    client.force_login(officer)

    assert list(client.get(url).context["form"].fields["user"].queryset) == [investigator]
    refused = client.post(url, {"user": str(service_manager_b.pk), **_day("on", date(2024, 5, 6))})
    services.assign_case(stage_one, user=investigator, on=date(2024, 5, 6), reason="", by=officer)
    again = client.post(url, {"user": str(investigator.pk), **_day("on", date(2024, 5, 7))})

    assert refused.context["form"].errors["user"]
    assert again.context["form"].errors["user"]
    assert list(CaseAssignment.objects.values_list("user", flat=True)) == [investigator.pk]


def test_a_decision_dated_before_the_councils_reply_is_refused(
    client: Client, officer: User, unlinked: OmbudsmanCase
) -> None:
    services.record_ombudsman_reply(unlinked, on=date(2024, 6, 20), by=officer)
    client.force_login(officer)

    response = client.post(
        _step(unlinked, "decision"),
        {**_day("on", date(2024, 6, 19)), "decision": "not_upheld"},
    )

    assert "before the council replied to the Ombudsman on 20 June 2024" in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert OmbudsmanCase.objects.get(pk=unlinked.pk).decided is None
