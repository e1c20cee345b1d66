"""Compliments: the list of a financial year, corrections, and a contact awaiting triage that
turns out to be praise recorded as a compliment instead."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.codes import Channel, ComplimentSource, CostKind
from fairhear.casework.models import Compliment, Contact
from fairhear.casework.services import CaseworkError
from fairhear.core.report import Period, financial_year_of, year_label
from fairhear.organisation.models import ServiceArea
from tests.builders import RECEIVED, triage_statutory
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

THIS_YEAR = financial_year_of(date.today())
LAST_YEAR = Period.financial_year(THIS_YEAR - 1)


@pytest.fixture
def praise(officer: User) -> Callable[..., Compliment]:
    def praise(**kwargs: Any) -> Compliment:
        fields: dict[str, Any] = {"received": date.today(), "by": officer, "text": "Thank you."}
        fields.update(kwargs)
        return services.record_compliment(**fields)

    return praise


@pytest.fixture
def in_a(praise: Callable[..., Compliment], area_a: ServiceArea) -> Compliment:
    return praise(team=area_a.teams.get(), text="Sam in fostering was kind.")


@pytest.fixture
def in_b(praise: Callable[..., Compliment], area_b: ServiceArea) -> Compliment:
    return praise(service_area=area_b, text="The hub called back quickly.")


@pytest.fixture
def awaiting(log: Callable[..., Contact], area_a: ServiceArea) -> Contact:
    """A phone call logged as a contact that was in fact a thank-you."""
    return log(team=area_a.teams.get(), summary="Rang to thank the fostering team.")


def _received(day: date) -> dict[str, str]:
    return {"received_0": str(day.day), "received_1": str(day.month), "received_2": str(day.year)}


def _post_form(compliment: Compliment, **changes: str) -> dict[str, str]:
    form = {
        **_received(compliment.received),
        "team": str(compliment.team_id or ""),
        "service_area": "" if compliment.team_id else str(compliment.service_area_id or ""),
        "source": compliment.source,
        "internal": "",
        "text": compliment.text,
        "publish": "",
    }
    form.update(changes)
    return form


def _audit(model: type[Compliment] | type[Contact], pk: int) -> Any:
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_pk=str(pk)
    )


# ------------------------------------------------------------------------------ services


def test_a_correction_changes_every_field_and_the_audit_log_keeps_the_old_values(
    in_a: Compliment, manager: User, area_b: ServiceArea
) -> None:
    hub = area_b.teams.get()

    services.correct_compliment(
        in_a,
        received=date(2024, 6, 3),
        team=hub,
        source=ComplimentSource.SCHOOL,
        internal=True,
        text=" The hub was quick. ",
        publish=False,
        by=manager,
    )

    in_a.refresh_from_db()
    assert (in_a.received, in_a.service_area, in_a.team) == (date(2024, 6, 3), area_b, hub)
    assert (in_a.source, in_a.internal, in_a.text, in_a.publish) == (
        "school",
        True,
        "The hub was quick.",
        False,
    )
    entry = _audit(Compliment, in_a.pk).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == manager
    assert entry.changes_dict["text"] == ["Sam in fostering was kind.", "The hub was quick."]
    assert entry.changes_dict["received"][1] == "2024-06-03"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"received": date.today() + timedelta(days=1)}, "cannot be in the future"),
        ({"team": "hub", "service_area": "a"}, "Safeguarding Hub is not a team in Children in"),
        ({}, "Nothing was changed."),
    ],
)
def test_a_correction_is_checked_as_a_new_compliment_is_and_a_refused_one_stores_nothing(
    in_a: Compliment, manager: User, area_b: ServiceArea, change: dict[str, Any], message: str
) -> None:
    units = {"hub": area_b.teams.get(), "a": in_a.service_area}
    fields = {
        "received": in_a.received,
        "team": in_a.team,
        "text": in_a.text,
        **{name: units.get(value, value) for name, value in change.items()},
    }

    with pytest.raises(CaseworkError, match=message):
        services.correct_compliment(in_a, by=manager, **fields)

    assert Compliment.objects.get().text == "Sam in fostering was kind."
    assert not _audit(Compliment, in_a.pk).filter(action=LogEntry.Action.UPDATE).exists()


def test_a_contact_awaiting_triage_becomes_a_compliment_and_the_audit_log_keeps_the_contact(
    awaiting: Contact, officer: User, area_a: ServiceArea
) -> None:
    reference, pk = awaiting.reference, awaiting.pk

    compliment = services.record_contact_as_compliment(
        awaiting,
        version=awaiting.version,
        source=ComplimentSource.PARENT_OR_CARER,
        internal=False,
        publish=True,
        by=officer,
    )

    assert (compliment.received, compliment.service_area, compliment.team) == (
        RECEIVED,
        area_a,
        area_a.teams.get(),
    )
    assert (compliment.text, compliment.source, compliment.internal, compliment.publish) == (
        "Rang to thank the fostering team.",
        "parent_or_carer",
        False,
        True,
    )
    assert not Contact.objects.filter(pk=pk).exists()
    deleted = _audit(Contact, pk).get(action=LogEntry.Action.DELETE)
    assert deleted.actor == officer
    assert deleted.changes_dict["reference"][0] == reference
    assert deleted.changes_dict["summary"][0] == "Rang to thank the fostering team."
    assert _audit(Compliment, compliment.pk).get(action=LogEntry.Action.CREATE).actor == officer


def test_the_removed_contacts_reference_is_never_given_to_another(
    awaiting: Contact, officer: User, log: Callable[..., Contact]
) -> None:
    services.record_contact_as_compliment(awaiting, version=awaiting.version, by=officer)

    assert log().reference != awaiting.reference


def _refusals(
    awaiting: Contact, officer: User, log: Callable[..., Contact]
) -> dict[str, tuple[Contact, str]]:
    withdrawn = log()
    services.withdraw_contact(
        withdrawn, version=withdrawn.version, on=RECEIVED, reason="Rang back.", by=officer
    )
    with_document = log()
    services.add_attachment(
        with_document,
        upload=SimpleUploadedFile("card.pdf", b"%PDF-1.7\n"),
        content_type="application/pdf",
        description="",
        by=officer,
    )
    with_cost = log()
    services.add_cost(
        on=RECEIVED, kind=CostKind.OTHER, amount=Decimal("10"), contact=with_cost, by=officer
    )
    return {
        "triaged": (triage_statutory(awaiting, officer), r"was already triaged \(Statutory"),
        "withdrawn": (withdrawn, "was withdrawn on 1 May 2024"),
        "online": (
            log(channel=Channel.ONLINE_FORM),
            "online complaint form, and the person who sent it may be checking its status page: "
            "triage it as a representation instead",
        ),
        "document": (with_document, "has documents attached, which a compliment cannot keep"),
        "cost": (with_cost, "has costs, which a compliment cannot keep"),
    }


@pytest.mark.parametrize("case", ["triaged", "withdrawn", "online", "document", "cost"])
def test_only_a_contact_awaiting_triage_with_nothing_kept_with_it_can_become_a_compliment(
    awaiting: Contact, officer: User, log: Callable[..., Contact], case: str
) -> None:
    contact, message = _refusals(awaiting, officer, log)[case]
    contact.refresh_from_db()
    before = Contact.objects.values().get(pk=contact.pk)

    with pytest.raises(CaseworkError, match=message):
        services.record_contact_as_compliment(contact, version=contact.version, by=officer)

    assert Contact.objects.values().get(pk=contact.pk) == before
    assert not Compliment.objects.exists()


def test_a_stale_version_is_refused_and_the_contact_kept(awaiting: Contact, officer: User) -> None:
    services.record_advocacy(
        awaiting,
        version=awaiting.version,
        advocate=False,
        requested=None,
        offered=None,
        accepted=None,
        provider="",
        by=officer,
    )

    with pytest.raises(CaseworkError, match="Someone else changed this case"):
        services.record_contact_as_compliment(awaiting, version=awaiting.version, by=officer)

    assert Contact.objects.filter(pk=awaiting.pk).exists()
    assert not Compliment.objects.exists()


# ----------------------------------------------------------------------------- navigation

#: The roles that may read compliments (a service manager, their own areas').
READERS = {"manager", "officer", "service_manager_a", "service_manager_b"}


def test_the_navigation_offers_compliments_to_the_roles_that_may_see_them(
    request: pytest.FixtureRequest, client: Client
) -> None:
    for role in ROLES:
        client.force_login(request.getfixturevalue(role))
        html = client.get(reverse("staff-home")).content.decode()
        offered = f'href="{reverse("casework:compliments")}"' in html
        assert offered == (role in READERS), role


# ------------------------------------------------------------------------------ the list


def _listed(response: Any) -> list[str]:
    return [c.text for c in response.context["page"].object_list]


def test_the_list_shows_this_years_compliments_newest_first_with_every_column(
    client: Client, officer: User, praise: Callable[..., Compliment], area_a: ServiceArea
) -> None:
    start = Period.financial_year(THIS_YEAR).start
    praise(received=start, text="First of the year.", team=area_a.teams.get())
    praise(
        received=date.today(),
        text="Newest.",
        source=ComplimentSource.PROFESSIONAL,
        internal=True,
        publish=False,
    )
    praise(received=LAST_YEAR.end, text="Last year.")
    client.force_login(officer)

    response = client.get(reverse("casework:compliments"))

    html = response.content.decode()
    assert _listed(response)[-1] == "First of the year."
    assert "Newest." in _listed(response)
    assert "Last year." not in _listed(response)
    assert f"received in {year_label(THIS_YEAR)}" in html
    for words in ("Children in Care", "Fostering Service", "Professional", "Inside the council"):
        assert words in html
    assert "Record a compliment" in html


def test_a_year_and_a_service_area_can_be_chosen(
    client: Client,
    officer: User,
    praise: Callable[..., Compliment],
    area_a: ServiceArea,
    area_b: ServiceArea,
) -> None:
    praise(received=LAST_YEAR.start, text="A, last year.", service_area=area_a)
    praise(received=LAST_YEAR.end, text="B, last year.", service_area=area_b)
    praise(text="A, this year.", service_area=area_a)
    client.force_login(officer)

    last_year = client.get(reverse("casework:compliments"), {"year": str(THIS_YEAR - 1)})
    area = client.get(
        reverse("casework:compliments"),
        {"year": str(THIS_YEAR - 1), "service_area": str(area_b.pk)},
    )

    assert _listed(last_year) == ["B, last year.", "A, last year."]
    assert _listed(area) == ["B, last year."]
    assert [value for value, _ in last_year.context["form"].fields["year"].choices] == [
        THIS_YEAR,
        THIS_YEAR - 1,
    ]


def test_a_year_not_offered_is_explained_and_this_year_shown(
    client: Client, officer: User, in_a: Compliment
) -> None:
    client.force_login(officer)

    response = client.get(reverse("casework:compliments"), {"year": "1999"})

    assert response.status_code == 200
    assert "Choose a financial year from the list" in response.content.decode()
    assert _listed(response) == ["Sam in fostering was kind."]


def test_a_service_manager_sees_only_their_own_areas_compliments_and_cannot_correct(
    client: Client, service_manager_a: User, in_a: Compliment, in_b: Compliment
) -> None:
    client.force_login(service_manager_a)

    response = client.get(reverse("casework:compliments"))
    elsewhere = client.get(
        reverse("casework:compliments"), {"service_area": str(in_b.service_area_id)}
    )

    assert _listed(response) == ["Sam in fostering was kind."]
    assert "Front Door" not in response.content.decode()
    assert "Correct" not in response.content.decode()
    assert elsewhere.context["form"].errors, "another area is not offered"


def test_the_list_pages_by_fifty(client: Client, officer: User, praise: Callable[..., Any]) -> None:
    for number in range(55):
        praise(text=f"Thanks {number}")
    client.force_login(officer)

    second = client.get(reverse("casework:compliments"), {"year": str(THIS_YEAR), "page": "2"})

    assert second.context["page"].paginator.count == 55
    assert len(second.context["page"].object_list) == 5
    html = second.content.decode()
    assert 'aria-label="Pages of compliments"' in html
    assert f"year={THIS_YEAR}&amp;page=1" in html
    assert "csrfmiddlewaretoken" not in html, "the filters' address carries no token"


def test_the_list_runs_the_same_few_queries_however_many_compliments_it_shows(
    client: Client,
    service_manager_a: User,
    praise: Callable[..., Compliment],
    area_a: ServiceArea,
    django_assert_max_num_queries: Any,
) -> None:
    client.force_login(service_manager_a)
    url = reverse("casework:compliments")
    praise(team=area_a.teams.get())
    client.get(url)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(40):
        praise(team=area_a.teams.get())

    with django_assert_max_num_queries(12):
        response = client.get(url)

    assert response.context["page"].paginator.count == 41
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


# ------------------------------------------------------------------------------ the pages


def test_recording_a_compliment_returns_to_the_list_at_its_year(
    client: Client, officer: User, area_a: ServiceArea, area_b: ServiceArea
) -> None:
    client.force_login(officer)
    url = reverse("casework:add-compliment")
    praise = {**_received(date(2024, 6, 3)), "text": "Thank you."}

    refused = client.post(
        url, {**praise, "team": str(area_b.teams.get().pk), "service_area": str(area_a.pk)}
    )
    assert "Safeguarding Hub is not a team in Children in Care." in refused.content.decode()
    assert not Compliment.objects.exists()

    response = client.post(url, {**praise, "service_area": str(area_a.pk)})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('casework:compliments')}?year=2024"
    assert Compliment.objects.get().service_area == area_a


def test_correcting_a_compliment_through_the_page_saves_and_returns_to_the_list(
    client: Client, manager: User, in_a: Compliment
) -> None:
    client.force_login(manager)
    url = reverse("casework:correct-compliment", args=[in_a.pk])

    shown = client.get(url)
    response = client.post(
        url,
        _post_form(
            in_a,
            **_received(date(2024, 6, 3)),
            source="child",
            internal="yes",
            publish="no",
        ),
        follow=True,
    )

    assert shown.context["form"]["text"].value() == "Sam in fostering was kind."
    in_a.refresh_from_db()
    assert response.redirect_chain[0][0] == f"{reverse('casework:compliments')}?year=2024"
    assert "The compliment was corrected." in response.content.decode()
    assert (in_a.received, in_a.source, in_a.internal, in_a.publish) == (
        date(2024, 6, 3),
        "child",
        True,
        False,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"received_0": "1", "received_1": "1", "received_2": str(date.today().year + 1)},
            "The date received cannot be in the future",
        ),
        ({"service_area": "area b"}, "Fostering Service is not a team in Front Door."),
        ({"received_0": ""}, "Enter the date received"),
        ({}, "Nothing was changed."),
    ],
)
def test_a_refused_correction_is_shown_with_its_reason_and_nothing_is_stored(
    client: Client,
    manager: User,
    in_a: Compliment,
    area_b: ServiceArea,
    changes: dict[str, str],
    message: str,
) -> None:
    units = {"area b": str(area_b.pk)}
    before = Compliment.objects.values().get()
    client.force_login(manager)

    response = client.post(
        reverse("casework:correct-compliment", args=[in_a.pk]),
        _post_form(in_a, **{name: units.get(value, value) for name, value in changes.items()}),
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Compliment.objects.values().get() == before


def test_the_step_is_offered_only_while_the_contact_awaits_triage(
    client: Client, officer: User, awaiting: Contact
) -> None:
    client.force_login(officer)
    step = reverse("casework:step", args=[awaiting.reference, "compliment"])

    before = client.get(reverse("casework:case", args=[awaiting.reference])).content.decode()
    triage_statutory(awaiting, officer)
    after = client.get(reverse("casework:case", args=[awaiting.reference])).content.decode()

    assert step in before
    assert "Record as a compliment instead" in before
    assert step not in after


def test_recording_a_contact_as_a_compliment_through_its_page(
    client: Client, officer: User, awaiting: Contact, area_a: ServiceArea
) -> None:
    client.force_login(officer)
    url = reverse("casework:step", args=[awaiting.reference, "compliment"])

    shown = client.get(url).content.decode()
    response = client.post(
        url,
        {"version": awaiting.version, "source": "parent_or_carer", "internal": "no"},
        follow=True,
    )

    assert f"service area, team and summary of {awaiting.reference}" in shown
    assert response.redirect_chain[0][0] == f"{reverse('casework:compliments')}?year=2024"
    assert (
        f"{awaiting.reference} was recorded as a compliment and removed from the cases. "
        "Its reference is not used again."
    ) in response.content.decode()
    assert not Contact.objects.filter(pk=awaiting.pk).exists()
    compliment = Compliment.objects.get()
    assert (compliment.team, compliment.text, compliment.internal, compliment.publish) == (
        area_a.teams.get(),
        "Rang to thank the fostering team.",
        False,
        None,
    )


@pytest.mark.parametrize("case", ["online", "stale"])
def test_a_refused_conversion_is_shown_on_its_page_and_keeps_the_contact(
    client: Client, officer: User, log: Callable[..., Contact], awaiting: Contact, case: str
) -> None:
    contact = log(channel=Channel.ONLINE_FORM) if case == "online" else awaiting
    version = contact.version
    if case == "stale":
        services.change_contact_details(
            contact,
            version=version,
            service_area=contact.service_area,
            team=contact.team,
            categories=[],
            summary="Rang to thank the team, and to ask about a visit.",
            by=officer,
        )
    client.force_login(officer)

    response = client.post(
        reverse("casework:step", args=[contact.reference, "compliment"]), {"version": version}
    )

    html = response.content.decode()
    assert response.status_code == 200
    if case == "online":
        assert "triage it as a representation instead" in html
    else:
        assert "Someone else changed this case while you were editing it" in html
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert not Compliment.objects.exists()
