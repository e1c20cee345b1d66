"""Costs: of a case or general, listed and totalled by financial year, corrected (never
deleted) by the complaints team alone."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from fairhear.casework import selectors, services
from fairhear.casework.codes import CostKind
from fairhear.casework.models import CaseEvent, Contact, Cost
from fairhear.casework.services import CaseworkError
from fairhear.core.report import Period, financial_year_of
from fairhear.web.navigation import staff_navigation
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

COMPLAINTS_TEAM = {"manager", "officer"}


def _day(name: str, day: date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.fixture
def cost(stage_one: Contact, officer: User) -> Cost:
    return services.add_cost(
        on=date(2024, 6, 1),
        kind=CostKind.INVESTIGATING_OFFICER,
        amount=Decimal("1200.50"),
        contact=stage_one,
        by=officer,
    )


@pytest.fixture
def general(officer: User) -> Cost:
    return services.add_cost(
        on=date(2024, 9, 1), kind=CostKind.PUBLICITY, amount=Decimal("300"), by=officer
    )


def _updates(cost: Cost) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(cost).filter(action=LogEntry.Action.UPDATE))


# ------------------------------------------------------------------------------- services


def test_correcting_a_cost_says_on_its_case_what_changed_and_is_audited(
    cost: Cost, manager: User
) -> None:
    corrected = services.correct_cost(
        cost,
        on=date(2024, 6, 3),
        kind=CostKind.INDEPENDENT_PERSON,
        amount=Decimal("1250"),
        by=manager,
    )

    assert (corrected.date, corrected.kind, corrected.amount) == (
        date(2024, 6, 3),
        CostKind.INDEPENDENT_PERSON,
        Decimal("1250"),
    )
    event = CaseEvent.objects.get(action="fairhear.cost.corrected")
    assert event.contact == cost.contact
    assert event.by == manager
    assert event.description == (
        "Cost corrected: date 1 June 2024 → 3 June 2024; "
        "kind investigating officer → independent person; amount £1,200.50 → £1,250.00."
    )
    (entry,) = _updates(cost)
    assert entry.actor == manager
    assert entry.changes_dict == {
        "date": ["2024-06-01", "2024-06-03"],
        "kind": ["investigating_officer", "independent_person"],
        "amount": ["1200.50", "1250.00"],
    }


def test_correcting_only_the_amount_names_only_the_amount(cost: Cost, manager: User) -> None:
    services.correct_cost(cost, on=cost.date, kind=cost.kind, amount=Decimal("1100.00"), by=manager)

    assert CaseEvent.objects.get(action="fairhear.cost.corrected").description == (
        "Cost corrected: amount £1,200.50 → £1,100.00."
    )


def test_correcting_a_general_cost_is_audited_without_touching_any_case(
    general: Cost, manager: User
) -> None:
    events = CaseEvent.objects.count()

    services.correct_cost(
        general, on=general.date, kind=CostKind.OTHER, amount=general.amount, by=manager
    )

    assert CaseEvent.objects.count() == events
    (entry,) = _updates(general)
    assert entry.changes_dict == {"kind": ["publicity", "other"]}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"kind": "lunch"}, r"Choose what the cost was for\."),
        ({"amount": Decimal("0")}, r"Enter an amount of more than £0\."),
        ({"amount": Decimal("-5")}, r"Enter an amount of more than £0\."),
        ({"amount": Decimal("1200.505")}, r"Enter the amount in pounds and pence, like 1250\.00\."),
        ({"amount": Decimal("1200.5")}, r"Nothing was changed\."),
        ({}, r"Nothing was changed\."),
    ],
)
def test_a_correction_that_cannot_be_made_is_refused_and_nothing_is_stored(
    cost: Cost, manager: User, given: dict[str, Any], message: str
) -> None:
    fields: dict[str, Any] = {"on": cost.date, "kind": cost.kind, "amount": cost.amount}
    fields.update(given)

    with pytest.raises(CaseworkError, match=message):
        services.correct_cost(cost, by=manager, **fields)

    assert Cost.objects.get(pk=cost.pk).amount == Decimal("1200.50")
    assert not _updates(cost)
    assert not CaseEvent.objects.filter(action="fairhear.cost.corrected").exists()


def test_a_general_cost_belongs_to_no_case(officer: User) -> None:
    events = CaseEvent.objects.count()

    cost = services.add_cost(
        on=date(2024, 9, 1), kind=CostKind.PUBLICITY, amount=Decimal("300"), by=officer
    )

    assert cost.contact is None
    assert CaseEvent.objects.count() == events


# ------------------------------------------------------------------------------ selectors


def test_a_financial_years_totals_count_from_1_april_to_31_march(officer: User) -> None:
    for on, kind, amount in [
        (date(2024, 3, 31), CostKind.PANEL, "5000"),  # 2023/24
        (date(2024, 4, 1), CostKind.PANEL, "900"),
        (date(2024, 11, 5), CostKind.PANEL, "100.25"),
        (date(2025, 3, 31), CostKind.PUBLICITY, "50"),
        (date(2025, 4, 1), CostKind.PUBLICITY, "7000"),  # 2025/26
    ]:
        services.add_cost(on=on, kind=kind, amount=Decimal(amount), by=officer)
    year = Period.financial_year(2024)

    by_kind, overall = selectors.cost_totals(year.start, year.end)

    totals = {total.label: (total.count, total.amount) for total in by_kind}
    assert totals["Review panel"] == (2, Decimal("1000.25"))
    assert totals["Publicity"] == (1, Decimal("50"))
    assert totals["Mediation"] == (0, Decimal("0"))
    assert list(totals) == [kind.label for kind in CostKind]
    assert (overall.count, overall.amount) == (3, Decimal("1050.25"))
    assert [c.date for c in selectors.costs_between(year.start, year.end)] == [
        date(2024, 4, 1),
        date(2024, 11, 5),
        date(2025, 3, 31),
    ]


def test_the_years_offered_run_from_the_first_cost_to_this_year(
    general: Cost, officer: User
) -> None:
    today = date(2026, 5, 1)
    assert selectors.cost_years(today) == [2026, 2025, 2024]

    services.add_cost(on=date(2027, 4, 2), kind=CostKind.OTHER, amount=Decimal(1), by=officer)

    assert selectors.cost_years(today) == [2027, 2026, 2025, 2024]
    Cost.objects.all().delete()
    assert selectors.cost_years(today) == [2026]


# ----------------------------------------------------------------------------- navigation


@pytest.mark.parametrize("role", ROLES)
def test_the_navigation_offers_costs_to_the_complaints_team_only(
    request: pytest.FixtureRequest, role: str
) -> None:
    user: User = request.getfixturevalue(role)

    entries = [item["text"] for item in staff_navigation(user, "/")]

    assert ("Costs" in entries) == (role in COMPLAINTS_TEAM)


def test_a_cost_that_does_not_exist_is_not_found(client: Client, manager: User) -> None:
    client.force_login(manager)
    assert client.get(reverse("casework:correct-cost", args=[999999])).status_code == 404


# ------------------------------------------------------------------- the pages, through POST


def _add_on_case_page(client: Client, contact: Contact, amount: str) -> Any:
    return client.post(
        reverse("casework:step", args=[contact.reference, "cost"]),
        {
            "version": contact.version,
            **_day("on", date(2024, 6, 1)),
            "kind": CostKind.MEDIATION,
            "amount": amount,
        },
    )


def test_the_case_page_cost_step_adds_a_cost_to_the_case(
    client: Client, officer: User, stage_one: Contact
) -> None:
    client.force_login(officer)

    response = _add_on_case_page(client, stage_one, "450.00")

    assert response.status_code == 302
    assert response["Location"] == reverse("casework:case", args=[stage_one.reference])
    cost = stage_one.costs.get()
    assert (cost.date, cost.kind, cost.amount) == (
        date(2024, 6, 1),
        CostKind.MEDIATION,
        Decimal("450.00"),
    )
    assert stage_one.events.filter(action="fairhear.cost.added").exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("lots", "Enter the amount as a number, like 1250.00"),
        ("0", "Enter an amount of more than £0"),
    ],
)
def test_the_case_page_cost_step_refuses_an_amount_that_is_not_a_cost(
    client: Client, officer: User, stage_one: Contact, amount: str, message: str
) -> None:
    client.force_login(officer)

    response = _add_on_case_page(client, stage_one, amount)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Cost.objects.exists()


def test_a_general_cost_is_added_and_shown_in_its_year(client: Client, manager: User) -> None:
    client.force_login(manager)

    response = client.post(
        reverse("casework:add-cost"),
        {**_day("on", date(2025, 2, 14)), "kind": CostKind.PUBLICITY, "amount": "1250.00"},
    )

    cost = Cost.objects.get()
    assert (cost.contact, cost.date, cost.amount) == (None, date(2025, 2, 14), Decimal("1250"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('casework:costs')}?year=2024"
    listed = client.get(response["Location"])
    assert list(listed.context["costs"]) == [cost]


def test_a_general_cost_without_its_kind_is_shown_again_and_not_added(
    client: Client, manager: User
) -> None:
    client.force_login(manager)

    response = client.post(
        reverse("casework:add-cost"), {**_day("on", date(2025, 2, 14)), "amount": "10"}
    )

    assert response.status_code == 200
    assert "Choose what the cost was for" in response.content.decode()
    assert not Cost.objects.exists()


def test_a_cost_is_corrected_through_its_page(client: Client, officer: User, cost: Cost) -> None:
    client.force_login(officer)
    form = client.get(reverse("casework:correct-cost", args=[cost.pk])).context["form"]
    assert form.initial == {
        "on": date(2024, 6, 1),
        "kind": CostKind.INVESTIGATING_OFFICER,
        "amount": Decimal("1200.50"),
    }

    response = client.post(
        reverse("casework:correct-cost", args=[cost.pk]),
        {
            **_day("on", date(2024, 6, 1)),
            "kind": CostKind.INVESTIGATING_OFFICER,
            "amount": "1020.50",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('casework:costs')}?year=2024"
    assert Cost.objects.get(pk=cost.pk).amount == Decimal("1020.50")
    assert CaseEvent.objects.get(action="fairhear.cost.corrected").description == (
        "Cost corrected: amount £1,200.50 → £1,020.50."
    )


@pytest.mark.parametrize(
    ("amount", "message"),
    [("0", "Enter an amount of more than £0"), ("1200.50", "Nothing was changed.")],
)
def test_a_correction_refused_is_shown_again_and_nothing_changes(
    client: Client, officer: User, cost: Cost, amount: str, message: str
) -> None:
    client.force_login(officer)

    response = client.post(
        reverse("casework:correct-cost", args=[cost.pk]),
        {**_day("on", date(2024, 6, 1)), "kind": CostKind.INVESTIGATING_OFFICER, "amount": amount},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Cost.objects.get(pk=cost.pk).amount == Decimal("1200.50")
    assert not _updates(cost)


# ------------------------------------------------------------------------- the costs page


def test_the_costs_page_shows_this_financial_year_by_default(
    client: Client, manager: User, stage_one: Contact, general: Cost
) -> None:
    today = date.today()
    this_year = Period.financial_year(financial_year_of(today))
    of_case = services.add_cost(
        on=this_year.start,
        kind=CostKind.PANEL,
        amount=Decimal("2000"),
        contact=stage_one,
        by=manager,
    )
    general_now = services.add_cost(
        on=today, kind=CostKind.PUBLICITY, amount=Decimal("99.99"), by=manager
    )
    client.force_login(manager)

    response = client.get(reverse("casework:costs"))

    page = response.content.decode()
    assert list(response.context["costs"]) == [of_case, general_now]
    assert response.context["overall"].amount == Decimal("2099.99")
    case_link = reverse("casework:case", args=[stage_one.reference])
    assert f'<a class="govuk-link" href="{case_link}">{stage_one.reference}</a>' in page
    assert ">General<" in page
    assert "£2,099.99" in page
    correct = reverse("casework:correct-cost", args=[general_now.pk])
    assert (
        f'<a class="govuk-link" href="{correct}">Correct<span class="govuk-visually-hidden"> '
        f"the publicity cost of £99.99 on"
    ) in page
    assert "csrfmiddlewaretoken" not in page.split('<form method="get"')[1].split("</form>")[0]


def test_the_costs_page_shows_the_year_chosen_and_refuses_one_not_offered(
    client: Client, manager: User, cost: Cost, general: Cost
) -> None:
    client.force_login(manager)

    chosen = client.get(reverse("casework:costs"), {"year": "2024"})
    refused = client.get(reverse("casework:costs"), {"year": "1900"})

    assert list(chosen.context["costs"]) == [cost, general]
    assert "2024/25" in chosen.content.decode()
    assert "Choose a financial year from the list" in refused.content.decode()
    assert refused.context["period"] == Period.financial_year(financial_year_of(date.today()))


def test_the_costs_page_runs_the_same_few_queries_however_many_costs_it_shows(
    client: Client,
    manager: User,
    stage_one: Contact,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    def add(count: int) -> None:
        for number in range(count):
            services.add_cost(
                on=date(2024, 4, 1 + number % 28),
                kind=list(CostKind)[number % len(CostKind)],
                amount=Decimal(100 + number),
                contact=stage_one if number % 2 else None,
                by=manager,
            )

    add(2)
    client.force_login(manager)
    client.get(reverse("casework:costs"), {"year": "2024"})  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("casework:costs"), {"year": "2024"})
    add(40)

    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("casework:costs"), {"year": "2024"})

    assert response.context["overall"].count == 42
    assert len(few) <= 10
