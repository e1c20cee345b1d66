"""Correction and erasure requests, and putting off the answer to any request: a correction
goes through casework's services and its history; an erasure anonymises only what the law
lets go, refuses the rest with the reason, and is all or nothing."""

from datetime import date, timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework import services as casework
from fairhear.casework.models import CaseEvent, Contact, Person
from fairhear.casework.selectors.audit import case_audit_trail
from fairhear.core.subject_access import request_due
from fairhear.dataprotection import services
from fairhear.dataprotection.models import (
    Anonymised,
    Correction,
    ErasureDecision,
    RightsRequest,
    SubjectAccessRequest,
)
from fairhear.dataprotection.rights import requests_to_answer, response_summary
from fairhear.versions import version_of
from tests.builders import log, ombudsman_case, reply_stage_one, triage_statutory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


def _request(manager: User, kind: str, **fields: Any) -> RightsRequest:
    given = {
        "kind": kind,
        "requester": "Jo Bloggs",
        "received": TODAY,
        "asked_for": "Please delete my old complaints.",
        "today": TODAY,
        "by": manager,
        **fields,
    }
    return services.log_rights_request(**given)


def _jo() -> Person:
    return Person.objects.create(key="jo", name="Jo Bloggs", email="jo@example.com")


def _closed(officer: User, jo: Person, received: date, **fields: Any) -> Contact:
    contact = triage_statutory(
        log(
            officer,
            received=received,
            complainant=jo,
            summary="Jo Bloggs says Alex was not visited.",
            child_name="Alex Bloggs",
            age_band="25+",
            **fields,
        ),
        officer,
        on=received,
    )
    return reply_stage_one(contact, officer, on=received + timedelta(days=9))


@pytest.fixture
def jos_cases(officer: User, manager: User) -> dict[str, Contact]:
    """Jo's cases: one long past the schedule, one past it with the Ombudsman still looking,
    one past it under a legal hold, one closed two years ago and one still open."""
    jo = _jo()
    old = _closed(officer, jo, date(2015, 3, 2))
    ombudsman = _closed(officer, jo, date(2015, 4, 1))
    ombudsman_case(officer, contact=ombudsman, received=date(2016, 1, 4))
    held = _closed(officer, jo, date(2015, 5, 1))
    services.place_hold(contact=held, reason="A claim is expected.", on=TODAY, by=manager)
    recent = _closed(officer, jo, date(2024, 5, 1))
    open_case = triage_statutory(
        log(officer, received=date(2026, 2, 2), complainant=jo), officer, on=date(2026, 2, 2)
    )
    return {
        "old": old,
        "ombudsman": ombudsman,
        "held": held,
        "recent": recent,
        "open": open_case,
    }


def _references(cases: dict[str, Contact]) -> list[str]:
    return [contact.reference for contact in cases.values()]


# ------------------------------------------------------------------------------ erasure


def test_erasure_erases_what_the_law_lets_go_and_keeps_the_rest_with_reasons(
    manager: User, jos_cases: dict[str, Contact]
) -> None:
    request = _request(manager, "erasure")

    decisions = services.decide_erasure(
        request=request,
        version=request.version,
        references=_references(jos_cases),
        as_of=TODAY,
        by=manager,
    )

    outcome = {d.contact.reference: (d.outcome, d.reason) for d in decisions}
    assert outcome[jos_cases["old"].reference] == (ErasureDecision.Outcome.ERASED, "")
    assert outcome[jos_cases["ombudsman"].reference] == (
        "kept",
        "Kept: the Ombudsman is still looking at this case",
    )
    assert "legal hold" in outcome[jos_cases["held"].reference][1]
    assert outcome[jos_cases["recent"].reference][1].startswith("Kept until 10 May 2030: ")
    assert outcome[jos_cases["open"].reference][1] == (
        "Kept: the complaint is still being dealt with"
    )
    old = Contact.objects.get(pk=jos_cases["old"].pk)
    assert (old.summary, old.child_name) == ("", "")
    assert Anonymised.objects.get(contact=old).erasure == request
    assert old.events.filter(action="fairhear.case.anonymised").exists()
    kept = Contact.objects.get(pk=jos_cases["recent"].pk)
    assert kept.child_name == "Alex Bloggs"
    assert kept.events.filter(action="fairhear.case.erasure_refused").exists()
    # Jo still has cases kept, so her own details stay.
    assert Person.objects.get(key="jo").name == "Jo Bloggs"
    # Every decision is in the audit log.
    assert LogEntry.objects.get_for_objects(ErasureDecision.objects.all()).count() == 5


def test_the_erased_case_keeps_no_value_in_its_audit_trail(manager: User, officer: User) -> None:
    old = _closed(officer, _jo(), date(2015, 3, 2))
    request = _request(manager, "erasure")
    services.decide_erasure(
        request=request, version=1, references=[old.reference], as_of=TODAY, by=manager
    )

    trail = case_audit_trail(old)
    assert "Alex" not in str(list(trail.values_list("changes", flat=True)))
    # Her only case is gone, so Jo's name and email go too.
    jo = Person.objects.get(pk=old.complainant_id)
    assert (jo.name, jo.email) == ("", "")


def test_a_failure_halfway_through_an_erasure_leaves_every_case_as_it_was(
    manager: User, jos_cases: dict[str, Contact], monkeypatch: pytest.MonkeyPatch
) -> None:
    request = _request(manager, "erasure")

    def fail(**kwargs: Any) -> None:
        raise RuntimeError("the disk is full")

    # The cases are anonymised before the decisions are written: fail at the decisions.
    monkeypatch.setattr(ErasureDecision.objects, "create", fail)
    with pytest.raises(RuntimeError):
        services.decide_erasure(
            request=request,
            version=1,
            references=_references(jos_cases),
            as_of=TODAY,
            by=manager,
        )

    assert Contact.objects.get(pk=jos_cases["old"].pk).child_name == "Alex Bloggs"
    assert not Anonymised.objects.exists()
    assert not CaseEvent.objects.filter(action="fairhear.case.erasure_refused").exists()
    assert RightsRequest.objects.get().version == 1


def test_a_case_is_decided_once_and_a_stale_or_answered_request_is_refused(
    manager: User, jos_cases: dict[str, Contact]
) -> None:
    request = _request(manager, "erasure")
    old = jos_cases["old"].reference
    services.decide_erasure(request=request, version=1, references=[old], as_of=TODAY, by=manager)

    with pytest.raises(services.RequestError, match="Someone else changed"):
        services.decide_erasure(
            request=request, version=1, references=[old], as_of=TODAY, by=manager
        )
    with pytest.raises(services.RequestError, match=f"Already decided for this request: {old}"):
        services.decide_erasure(
            request=request, version=2, references=[old], as_of=TODAY, by=manager
        )
    services.record_answer_sent(request=request, version=2, sent=TODAY, today=TODAY, by=manager)
    with pytest.raises(services.RequestError, match="already answered"):
        services.decide_erasure(
            request=request,
            version=3,
            references=[jos_cases["recent"].reference],
            as_of=TODAY,
            by=manager,
        )


def test_the_answer_says_what_was_erased_and_why_the_rest_was_kept(
    manager: User, jos_cases: dict[str, Contact]
) -> None:
    request = _request(manager, "erasure")
    services.decide_erasure(
        request=request, version=1, references=_references(jos_cases), as_of=TODAY, by=manager
    )

    answer = "\n".join(response_summary(request))

    assert f"- {jos_cases['old'].reference}\n" in answer
    assert (
        f"- {jos_cases['ombudsman'].reference}: Kept: the Ombudsman is still looking at this case"
    ) in answer
    assert "Information Commissioner's Office" in answer


# ------------------------------------------------------------------------------ correction


def test_a_correction_goes_through_casework_and_shows_old_and_new_in_the_history(
    manager: User, officer: User
) -> None:
    jo = _jo()
    first = _closed(officer, jo, date(2024, 5, 1))
    second = _closed(officer, jo, date(2025, 5, 1))
    request = _request(manager, "correction", asked_for="My son is Alexander; new email.")

    correction = services.correct_details(
        request=request,
        contact=first,
        version=first.version,
        person_version=None,
        contact_details={"child_name": "Alexander Bloggs", "gender": ""},
        person_details={"name": "Jo Bloggs", "email": "jo.bloggs@example.com"},
        by=manager,
    )

    assert correction.details == "the child's name and the complainant's email address"
    first = Contact.objects.get(pk=first.pk)
    assert first.child_name == "Alexander Bloggs"
    assert Person.objects.get(pk=jo.pk).email == "jo.bloggs@example.com"
    child_change = LogEntry.objects.get_for_object(first).filter(
        action=LogEntry.Action.UPDATE, changes__has_key="child_name"
    )
    assert child_change.get().changes["child_name"] == ["Alex Bloggs", "Alexander Bloggs"]
    events = set(first.events.values_list("description", flat=True))
    assert "Changed the child's name." in events
    assert "Corrected the complainant's email address." in events
    assert f"Corrected at the person's request (correction request {request.pk}): " in str(events)
    # The complainant's details are theirs on every case.
    assert second.events.filter(action="fairhear.person.corrected").exists()


def test_a_stale_case_rolls_back_the_persons_correction_too(manager: User, officer: User) -> None:
    jo = _jo()
    case = _closed(officer, jo, date(2024, 5, 1))
    request = _request(manager, "correction")

    with pytest.raises(services.RequestError, match="Someone else changed this case"):
        services.correct_details(
            request=request,
            contact=case,
            version=case.version - 1,
            person_version=None,
            contact_details={"child_name": "Alexander Bloggs"},
            person_details={"email": "jo.bloggs@example.com"},
            by=manager,
        )

    assert Person.objects.get(pk=jo.pk).email == "jo@example.com"
    assert not Correction.objects.exists()
    assert not CaseEvent.objects.filter(action="fairhear.person.corrected").exists()


def test_nothing_to_correct_is_refused(manager: User, officer: User) -> None:
    case = _closed(officer, _jo(), date(2024, 5, 1))
    request = _request(manager, "correction")
    with pytest.raises(services.RequestError, match="Nothing was changed"):
        services.correct_details(
            request=request,
            contact=case,
            version=case.version,
            person_version=None,
            contact_details={"child_name": "Alex Bloggs"},
            person_details={"phone": ""},
            by=manager,
        )


# ------------------------------------------------------------------------------ extension


def test_an_answer_is_put_off_once_within_the_first_month_and_audited(manager: User) -> None:
    access = services.log_subject_access_request(
        requester="Jo Bloggs", received=TODAY, today=TODAY, by=manager
    )
    first_due = access.due

    with pytest.raises(services.RequestError, match="Enter why"):
        services.extend_request(
            request=access, version=1, further_months=2, reason=" ", today=TODAY, by=manager
        )
    with pytest.raises(services.RequestError, match="can be put off only before then"):
        services.extend_request(
            request=access,
            version=1,
            further_months=2,
            reason="Forty cases to read.",
            today=first_due + timedelta(days=1),
            by=manager,
        )
    extended = services.extend_request(
        request=access,
        version=1,
        further_months=2,
        reason="Forty cases to read.",
        today=first_due,
        by=manager,
    )

    assert extended.due == request_due(TODAY, further_months=2) == date(2026, 6, 2)
    assert extended.first_due == first_due
    assert LogEntry.objects.get_for_object(extended).filter(changes__has_key="due").exists()
    with pytest.raises(services.RequestError, match="already put off"):
        services.extend_request(
            request=extended, version=2, further_months=1, reason="More.", today=TODAY, by=manager
        )


def test_requests_of_every_kind_are_listed_together_until_answered(manager: User) -> None:
    access = services.log_subject_access_request(
        requester="Sam", received=TODAY - timedelta(days=3), today=TODAY, by=manager
    )
    erasure = _request(manager, "erasure")
    services.extend_request(
        request=erasure, version=1, further_months=1, reason="Many.", today=TODAY, by=manager
    )

    listed = requests_to_answer()

    assert [(r.what, r.pk, r.extended) for r in listed] == [
        ("Subject access", access.pk, False),
        ("Erasure", erasure.pk, True),
    ]
    services.record_answer_sent(request=access, version=1, sent=TODAY, today=TODAY, by=manager)
    assert [r.what for r in requests_to_answer()] == ["Erasure"]


def test_a_request_with_nothing_asked_is_refused(manager: User) -> None:
    with pytest.raises(services.RequestError, match="Enter what they ask"):
        _request(manager, "erasure", asked_for="  ")
    assert not RightsRequest.objects.exists()


# ------------------------------------------------------------------------------ pages


def _day(name: str, day: date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def test_the_manager_logs_an_erasure_request_sees_each_case_and_erases(
    client: Client, manager: User, jos_cases: dict[str, Contact]
) -> None:
    client.force_login(manager)
    response = client.post(
        reverse("dataprotection:log-rights-request"),
        {
            "kind": "erasure",
            "requester": "Jo Bloggs",
            **_day("received", date.today()),
            "asked_for": "Erase everything.",
        },
    )
    request = RightsRequest.objects.get()
    assert response["Location"] == reverse("dataprotection:rights", args=[request.pk])

    page = client.get(response["Location"]).content.decode()
    assert "5 cases found" in page
    assert "Can be erased now." in page
    assert "Kept: the Ombudsman is still looking at this case." in page

    response = client.post(
        reverse("dataprotection:erase", args=[request.pk]),
        {
            "name": "Jo Bloggs",
            "version": "1",
            "references": [jos_cases["old"].reference, jos_cases["recent"].reference],
        },
    )
    assert response.status_code == 302
    assert {d.outcome for d in request.erasures.all()} == {"erased", "kept"}

    answer = client.get(reverse("dataprotection:rights-answer", args=[request.pk]))
    assert "We have erased your personal data" in answer.content.decode()
    text = client.get(
        reverse("dataprotection:rights-answer", args=[request.pk]), {"download": "text"}
    )
    assert text["Content-Type"].startswith("text/plain")
    assert jos_cases["recent"].reference in text.content.decode()


def test_the_manager_checks_old_and_new_before_a_correction_is_applied(
    client: Client, manager: User, officer: User
) -> None:
    case = _closed(officer, _jo(), date(2024, 5, 1))
    request = _request(manager, "correction")
    client.force_login(manager)
    url = reverse("dataprotection:correct", args=[request.pk, case.reference])
    form = client.get(url).context["form"]
    data = {
        name: form.get_initial_for_field(field, name) or "" for name, field in form.fields.items()
    }
    data["child_name"] = "Alexander Bloggs"

    check = client.post(url, data)
    assert check.context["changes"] == [("The child's name", "Alex Bloggs", "Alexander Bloggs")]
    assert Contact.objects.get(pk=case.pk).child_name == "Alex Bloggs"

    applied = client.post(url, {**data, "confirm": "yes"})
    assert applied.status_code == 302
    assert Contact.objects.get(pk=case.pk).child_name == "Alexander Bloggs"
    assert Correction.objects.get().details == "the child's name"
    history = client.get(reverse("casework:history", args=[case.reference])).content.decode()
    assert "Alex Bloggs" in history
    assert "Alexander Bloggs" in history
    assert "corrected the child&#x27;s name" in history


def test_the_manager_puts_off_a_subject_access_answer_with_a_reason(
    client: Client, manager: User
) -> None:
    access = services.log_subject_access_request(
        requester="Jo Bloggs", received=date.today(), today=date.today(), by=manager
    )
    client.force_login(manager)
    page = client.get(reverse("dataprotection:request", args=[access.pk])).content.decode()
    assert reverse("dataprotection:extend", args=[access.pk]) in page

    refused = client.post(
        reverse("dataprotection:extend", args=[access.pk]), {"further_months": "2", "version": 1}
    )
    assert "Enter why more time is needed" in refused.content.decode()
    client.post(
        reverse("dataprotection:extend", args=[access.pk]),
        {"further_months": "2", "reason": "Forty cases.", "version": 1},
    )

    access = SubjectAccessRequest.objects.get()
    assert access.due == request_due(access.received, further_months=2)
    page = client.get(reverse("dataprotection:request", args=[access.pk])).content.decode()
    assert "Forty cases." in page
    assert reverse("dataprotection:extend", args=[access.pk]) not in page


def test_a_correction_over_someone_elses_change_to_the_person_is_refused(
    manager: User, officer: User
) -> None:
    jo = _jo()
    case = _closed(officer, jo, date(2024, 5, 1))
    shown = version_of(jo)
    casework.correct_person(jo, version=shown, by=officer, phone="07700 900123")
    request = _request(manager, "correction")

    with pytest.raises(services.RequestError, match="Someone else changed this person's details"):
        services.correct_details(
            request=request,
            contact=case,
            version=case.version,
            person_version=shown,
            contact_details={},
            person_details={"email": "jo.bloggs@example.com"},
            by=manager,
        )
    assert Person.objects.get(pk=jo.pk).email == "jo@example.com"
