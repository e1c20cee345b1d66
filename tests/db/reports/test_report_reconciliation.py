"""On generated case data, every table adds up, and a complaint counts the same everywhere."""

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from fairhear.casework.codes import (
    AgeBand,
    Channel,
    ComplainantRole,
    CostKind,
    LgscoDecision,
    Route,
)
from fairhear.casework.models import Compliment, LearningAction, OmbudsmanCase
from fairhear.core.report import Period
from fairhear.organisation.models import ServiceArea
from fairhear.reports.engine import build_report
from tests.builders import category_outcome, complaint, cost, stage

pytestmark = pytest.mark.django_db

# Rows that are "of which" figures, not parts of the total.
NOT_PARTS = {
    "volumes": {"withdrawn"},
    "stage1_timeliness": {"over_65", "in_timescale"},
}
NOT_ADDED = {"percent_upheld", "change_percent", "average_cost", "average_working_days"}
DATA_FROM, DATA_DAYS = date(2017, 4, 1), 4 * 365


def generate(seed: int) -> None:
    rng = random.Random(seed)
    old = ServiceArea.objects.create(name="Family Support", ended=date(2019, 9, 30))
    new = ServiceArea.objects.create(name="Early Help", started=date(2019, 10, 1))
    old.successor = new
    old.save()
    areas = [old, new, ServiceArea.objects.create(name="Children in Care"), None]

    def some_day(after: date, within: int = 60) -> date:
        return after + timedelta(days=rng.randint(0, within))

    for n in range(160):
        received = DATA_FROM + timedelta(days=rng.randrange(DATA_DAYS))
        route = rng.choice([Route.STATUTORY] * 4 + list(Route.values) + [""])
        outcome = rng.choice(["", "upheld", "partly_upheld", "not_upheld", "no_finding"])
        withdrawn = some_day(received) if rng.random() < 0.1 else None
        if withdrawn:
            outcome = "withdrawn"
        contact = complaint(
            received,
            route=route,
            area=rng.choice(areas),
            categories=tuple(
                rng.sample(["Delay", "Attitude", "Decision", "Care plan"], rng.randint(0, 3))
            ),
            person=f"p{rng.randrange(40)}" if rng.random() < 0.7 else None,
            replied=some_day(received, 40) if outcome and outcome != "withdrawn" else None,
            outcome=outcome,
            extended=rng.choice([None, True, False]),
            withdrawn=withdrawn,
            channel=rng.choice([*Channel.values, ""]),
            complainant_role=rng.choice([*ComplainantRole.values, ""]),
            child_status=rng.choice(["child_in_care", "care_leaver", ""]),
            age_band=rng.choice([*AgeBand.values, ""]),
            gender=rng.choice(["Female", " Male", "", "Non-binary "]),
            disability=rng.choice([True, False, None]),
            responded=some_day(received, 30) if route != Route.STATUTORY else None,
        )
        if route == Route.STATUTORY and outcome in ("upheld", "partly_upheld"):
            if contact.categories.exists() and rng.random() < 0.5:
                category_outcome(contact, contact.categories.first().name, "not_upheld")  # type: ignore[union-attr]
            if rng.random() < 0.5:
                LearningAction.objects.create(
                    contact=contact, kind=rng.choice(["apology", "other"])
                )
        if route == Route.STATUTORY and rng.random() < 0.3:
            asked = some_day(received, 30)
            stage(
                contact,
                2,
                requested=asked,
                started=some_day(asked, 10) if rng.random() < 0.5 else None,
                responded=some_day(asked, 120) if rng.random() < 0.8 else None,
                decision=rng.choice(["accepted", "accepted", "declined"]),
                outcome=rng.choice(["", "upheld", "not_upheld", "withdrawn"]),
            )
            cost(
                contact,
                some_day(asked, 90),
                rng.choice(CostKind.values),
                f"{rng.randint(1, 900)}.50",
            )
        if route == Route.STATUTORY and rng.random() < 0.1:
            OmbudsmanCase.objects.create(
                lgsco_reference=f"L{n}",
                contact=contact,
                received=received,
                decided=some_day(received, 200),
                decision=rng.choice([*LgscoDecision.values, ""]),
            )
        if rng.random() < 0.3:
            Compliment.objects.create(
                received=received,
                service_area=rng.choice(areas),
                internal=rng.choice([True, False, None]),
            )


def rows(result: dict[str, Any], table_id: str) -> dict[str, dict[str, Any]]:
    return {r["key"]: r["cells"] for r in result["tables"][table_id]["rows"]}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_table_adds_up_and_counts_a_complaint_the_same_way(seed: int) -> None:
    generate(seed)
    result = build_report(Period.financial_year(2019), as_at=date(2021, 1, 31))

    tables = result["tables"]
    for table_id, found in tables.items():
        by_key = rows(result, table_id)
        if "total" not in by_key or table_id in ("stage2_cases", "stage3_panels", "equalities"):
            continue
        parts = [
            cells
            for key, cells in by_key.items()
            if key != "total" and key not in NOT_PARTS.get(table_id, set())
        ]
        for column in found["columns"]:
            key = column["key"]
            if key in NOT_ADDED:
                continue
            added = sum(Decimal(str(cells[key] or 0)) for cells in parts)
            assert added == Decimal(str(by_key["total"][key] or 0)), (table_id, key)

    received = (
        rows(result, "volumes")["statutory"]["current"]
        if "statutory" in rows(result, "volumes")
        else 0
    )
    assert rows(result, "stages")["stage1_received"]["current"] == received
    assert rows(result, "stage1_outcomes_by_category")["total"]["received"] == received
    assert rows(result, "stage1_by_service_area")["total"]["received"] == received
    for table_id in ("complainant_role", "channel", "monthly_received"):
        assert rows(result, table_id)["total"]["current"] == received, table_id
    equalities = rows(result, "equalities")
    assert equalities["total"]["current"] == received
    for group in ("age", "gender", "ethnicity", "disability"):
        in_group = [c["current"] for k, c in equalities.items() if k.startswith(f"{group}:")]
        assert sum(in_group) == received, group
    assert rows(result, "categories_all")["total"]["current_received"] >= received

    by_category = rows(result, "stage1_outcomes_by_category")["total"]
    assert (
        by_category["upheld"] + by_category["partly_upheld"]
        == (rows(result, "stage1_by_service_area")["total"]["upheld"])
    )

    timeliness = rows(result, "stage1_timeliness")
    by_quarter = rows(result, "stage1_timeliness_by_quarter")["total"]
    by_area = rows(result, "stage1_by_service_area")["total"]
    assert timeliness["total"]["current"] == by_quarter["responded"] == by_area["responded"]
    assert (
        timeliness["in_timescale"]["current"]
        == by_quarter["in_timescale"]
        == by_area["in_timescale"]
    )
    responded = rows(result, "stage1_outcomes")
    withdrawn = responded.get("withdrawn", {"current": 0})["current"]
    assert responded["total"]["current"] - withdrawn == timeliness["total"]["current"]

    cases = rows(result, "stage2_cases")
    summary = rows(result, "stage2_summary")["current"]
    assert summary["investigations"] == len(cases) - 1
    assert summary["spend"] == cases["total"]["cost"]

    decisions = rows(result, "lgsco_decisions")["total"]["current"]
    assert rows(result, "stages")["lgsco_decided"]["current"] == decisions
    assert len(tables["lgsco_cases"]["rows"]) == decisions

    compliments = rows(result, "compliments_by_service_area")
    assert "Family Support" not in compliments  # renamed: counted under Early Help
