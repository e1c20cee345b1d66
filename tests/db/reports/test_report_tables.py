"""Each table's arithmetic on small hand-made cases (spec: report.md)."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import override_settings

from fairhear.casework.codes import Route
from fairhear.casework.models import Compliment, Contact, LearningAction, OmbudsmanCase
from fairhear.core.report import Period
from fairhear.organisation.models import ServiceArea, Team
from fairhear.reports.engine import build_report
from fairhear.reports.models import Benchmark, ContextFigure
from tests.builders import category_outcome, complaint, cost, stage

pytestmark = pytest.mark.django_db

YEAR_2019 = Period.financial_year(2019)
LATER = date(2021, 6, 30)


def report(period: Period = YEAR_2019, as_at: date = LATER) -> dict[str, Any]:
    return build_report(period, as_at=as_at)


def cells(result: dict[str, Any], table_id: str, row: str) -> dict[str, Any]:
    for r in result["tables"][table_id]["rows"]:
        if r["key"] == row:
            found: dict[str, Any] = r["cells"]
            return found
    raise AssertionError(f"{table_id} has no row {row}")


def row_keys(result: dict[str, Any], table_id: str) -> list[str]:
    return [r["key"] for r in result["tables"][table_id]["rows"]]


@override_settings(FAIRHEAR_COUNCIL_NAME="Testshire County Council")
def test_the_report_has_the_json_form_of_the_spec() -> None:
    result = report()

    assert result["council"] == "Testshire County Council"
    assert (result["year"], result["label"]) == (2019, "2019/20")
    assert result["period"] == {"start": "2019-04-01", "end": "2020-03-31"}
    assert result["as_at"] == "2021-06-30"
    volumes = result["tables"]["volumes"]
    assert volumes["basis"] == "received"
    assert volumes["columns"] == [
        {"key": "previous", "label": "2018/19"},
        {"key": "current", "label": "2019/20"},
        {"key": "change", "label": "Change"},
    ]
    assert "total" in row_keys(result, "volumes")
    assert result["narrative"] == ["No statutory complaints were received."]


def test_volumes_count_each_route_with_the_change_and_withdrawals() -> None:
    for day in (date(2018, 5, 1), date(2019, 5, 1), date(2019, 6, 1)):
        complaint(day)
    complaint(date(2019, 7, 1), route=Route.MP_ENQUIRY)
    complaint(date(2019, 8, 1), withdrawn=date(2019, 8, 5))
    complaint(date(2019, 9, 1), route="")  # awaiting triage

    result = report()

    assert cells(result, "volumes", "statutory") == {"previous": 1, "current": 3, "change": 2}
    assert cells(result, "volumes", "mp_enquiry") == {"previous": 0, "current": 1, "change": 1}
    assert cells(result, "volumes", "unknown")["current"] == 1
    assert cells(result, "volumes", "total") == {"previous": 1, "current": 5, "change": 4}
    assert cells(result, "volumes", "withdrawn") == {"previous": 0, "current": 1, "change": 1}
    assert "corporate" not in row_keys(result, "volumes")


def test_a_complaint_answered_next_year_is_received_in_one_and_replied_in_the_other() -> None:
    complaint(date(2020, 3, 20), categories=("Delay",), replied=date(2020, 4, 3), outcome="upheld")

    in_2019 = report()
    in_2020 = report(Period.financial_year(2020))

    assert cells(in_2019, "stage1_outcomes_by_category", "Delay")["upheld"] == 1
    assert cells(in_2019, "stage1_outcomes_by_category", "Delay")["percent_upheld"] == 100
    assert cells(in_2019, "stage1_outcomes", "total")["current"] == 0
    assert cells(in_2020, "stage1_outcomes", "upheld") == {"previous": 0, "current": 1}
    assert cells(in_2020, "stage1_timeliness", "total") == {"previous": 0, "current": 1}
    assert cells(in_2019, "volumes", "statutory")["current"] == 1
    assert cells(in_2020, "volumes", "statutory")["previous"] == 1


def test_a_reply_after_the_as_at_date_is_ignored_so_the_complaint_is_ongoing() -> None:
    complaint(date(2020, 3, 20), categories=("Delay",), replied=date(2020, 4, 3), outcome="upheld")

    result = report(as_at=date(2020, 4, 1))

    assert cells(result, "stage1_outcomes_by_category", "Delay")["ongoing"] == 1
    assert cells(result, "stage1_outcomes_by_category", "Delay")["upheld"] == 0
    assert cells(result, "stage1_outcomes_by_category", "total")["percent_upheld"] is None


def test_a_withdrawn_complaint_is_received_withdrawn_and_not_timed() -> None:
    complaint(
        date(2019, 6, 3),
        categories=("Delay",),
        outcome="withdrawn",
        withdrawn=date(2019, 6, 10),
    )

    result = report()

    assert cells(result, "volumes", "withdrawn")["current"] == 1
    assert cells(result, "stage1_outcomes_by_category", "Delay")["withdrawn"] == 1
    assert cells(result, "stage1_outcomes_by_category", "Delay")["ongoing"] == 0
    assert cells(result, "stage1_outcomes", "withdrawn")["current"] == 1  # on its close
    assert cells(result, "stage1_timeliness", "total")["current"] == 0


def test_an_extension_gives_stage_one_twenty_working_days() -> None:
    # Monday 3 June 2019 + 15 working days = Monday 24 June 2019.
    complaint(date(2019, 6, 3), replied=date(2019, 6, 24), outcome="not_upheld", extended=True)
    complaint(date(2019, 6, 3), replied=date(2019, 6, 24), outcome="not_upheld")

    result = report()

    assert cells(result, "stage1_timeliness", "11_to_20")["current"] == 2
    assert cells(result, "stage1_timeliness", "in_timescale")["current"] == 1
    assert cells(result, "stage1_timeliness_by_quarter", "q1") == {
        "responded": 2,
        "in_timescale": 1,
    }


def test_bank_holidays_inside_the_clock_are_not_working_days() -> None:
    # Friday 12 April 2019 to Monday 29 April 2019: 11 weekdays, less Good Friday and
    # Easter Monday, is 9 working days.
    complaint(date(2019, 4, 12), replied=date(2019, 4, 29), outcome="upheld")

    result = report()

    assert cells(result, "stage1_timeliness", "within_10")["current"] == 1
    assert cells(result, "stage1_timeliness", "in_timescale")["current"] == 1


def test_a_service_area_renamed_between_years_reports_under_its_new_name() -> None:
    old = ServiceArea.objects.create(name="Front Door", ended=date(2019, 9, 30))
    new = ServiceArea.objects.create(name="Early Help and Front Door", started=date(2019, 10, 1))
    old.successor = new
    old.save()
    Compliment.objects.create(received=date(2018, 6, 1), service_area=old, internal=True)
    Compliment.objects.create(received=date(2019, 11, 1), service_area=new, internal=False)
    complaint(date(2019, 5, 1), area=old, replied=date(2019, 5, 2), outcome="upheld")
    complaint(date(2019, 12, 1), area=new)

    in_2019 = report()
    in_2018 = report(Period.financial_year(2018))

    assert cells(in_2019, "compliments_by_service_area", "Early Help and Front Door") == {
        "internal": 0,
        "external": 1,
        "total": 1,
        "previous_total": 1,
    }
    assert cells(in_2019, "stage1_by_service_area", "Early Help and Front Door") == {
        "received": 2,
        "responded": 1,
        "in_timescale": 1,
        "upheld": 1,
    }
    assert "Front Door" not in row_keys(in_2019, "stage1_by_service_area")
    # A restructure after the period is not applied.
    assert cells(in_2018, "compliments_by_service_area", "Front Door")["total"] == 1


def test_enquiries_count_under_the_team_at_the_end_of_the_period(area_a: ServiceArea) -> None:
    old = Team.objects.create(service_area=area_a, name="Duty Team", ended=date(2019, 5, 31))
    new = Team.objects.create(service_area=area_a, name="Assessment Team")
    old.successor = new
    old.save()
    # Replied on the 10th working day, and on the 11th.
    complaint(date(2019, 5, 1), route=Route.MEMBER_ENQUIRY, team=old, responded=date(2019, 5, 15))
    complaint(date(2019, 7, 1), route=Route.MP_ENQUIRY, team=new, responded=date(2019, 7, 16))

    result = report()

    assert cells(result, "enquiries", "Assessment Team") == {
        "member": 1,
        "mp": 1,
        "responded_in_time": 1,
    }


def test_stages_count_requests_by_their_dates_and_decisions() -> None:
    first = complaint(date(2019, 4, 2), replied=date(2019, 4, 10), outcome="not_upheld")
    second = complaint(date(2019, 4, 2), replied=date(2019, 4, 10), outcome="not_upheld")
    stage(first, 2, requested=date(2019, 5, 1))
    stage(second, 2, requested=date(2019, 5, 1), decision="declined")
    stage(first, 3, requested=date(2020, 4, 2))
    OmbudsmanCase.objects.create(
        lgsco_reference="19 001 234", received=date(2019, 9, 1), decided=date(2020, 5, 1)
    )

    result = report()

    assert cells(result, "stages", "stage1_received")["current"] == 2
    assert cells(result, "stages", "stage2_requested")["current"] == 2
    assert cells(result, "stages", "stage2_accepted")["current"] == 1
    assert cells(result, "stages", "stage2_declined")["current"] == 1
    assert cells(result, "stages", "stage3_requested")["current"] == 0
    assert cells(result, "stages", "lgsco_received")["current"] == 1
    assert cells(result, "stages", "lgsco_decided")["current"] == 0


def test_categories_all_counts_each_category_with_its_own_outcome() -> None:
    one = complaint(
        date(2019, 5, 1),
        categories=("Delay", "Attitude"),
        replied=date(2019, 5, 2),
        outcome="partly_upheld",
    )
    category_outcome(one, "Attitude", "not_upheld")
    complaint(date(2019, 5, 1), replied=date(2019, 5, 2), outcome="upheld")

    result = report()

    assert cells(result, "categories_all", "Delay")["current_upheld"] == 1
    assert cells(result, "categories_all", "Attitude") == {
        "previous_received": 0,
        "previous_upheld": 0,
        "current_received": 1,
        "current_upheld": 0,
    }
    assert cells(result, "categories_all", "unknown")["current_upheld"] == 1
    # Best fit: the first listed only.
    assert "Attitude" not in row_keys(result, "stage1_outcomes_by_category")
    assert cells(result, "stage1_outcomes_by_category", "Delay")["partly_upheld"] == 1


def test_who_how_and_when_complaints_were_made() -> None:
    complaint(date(2019, 4, 5), complainant_role="child", channel="app", child_status="care_leaver")
    complaint(date(2019, 4, 6), complainant_role="advocate", child_status="child_in_care")
    complaint(date(2020, 1, 6), complainant_role="parent", channel="email")

    result = report()

    assert cells(result, "complainant_role", "child")["current"] == 1
    assert cells(result, "channel", "unknown")["current"] == 1
    assert cells(result, "young_people", "care_leaver")["app"] == 1
    assert cells(result, "young_people", "child_in_care")["unknown"] == 1
    assert cells(result, "young_people", "total")["total"] == 2
    assert cells(result, "monthly_received", "apr")["current"] == 2
    assert cells(result, "monthly_received", "jan")["current"] == 1
    assert row_keys(result, "monthly_received")[:3] == ["apr", "may", "jun"]


def test_repeat_complainants_are_counted_by_their_number_of_contacts() -> None:
    for _ in range(3):
        complaint(date(2019, 5, 1), person="k1")
    complaint(date(2019, 5, 1), person="k2", route=Route.CORPORATE)
    complaint(date(2019, 6, 1), person="k2")
    complaint(date(2019, 6, 1), person="k3")

    result = report()

    assert row_keys(result, "repeat_complainants") == ["2", "3", "total"]
    assert cells(result, "repeat_complainants", "total") == {"people": 2}


def test_stage_two_cases_time_from_the_agreed_statement_and_sum_their_costs() -> None:
    contact = complaint(date(2019, 4, 1), replied=date(2019, 4, 5), outcome="upheld")
    stage(
        contact,
        2,
        requested=date(2019, 5, 1),
        started=date(2019, 5, 13),
        responded=date(2019, 6, 17),
        outcome="upheld",
    )
    cost(contact, date(2019, 6, 1), "investigating_officer", "1000.00")
    cost(contact, date(2020, 5, 1), "independent_person", "250.50")  # whatever its date
    cost(contact, date(2019, 6, 1), "panel", "400.00")  # not a Stage 2 cost
    withdrawn = complaint(date(2019, 4, 1), replied=date(2019, 4, 5), outcome="upheld")
    stage(withdrawn, 2, requested=date(2019, 5, 1), responded=date(2019, 6, 1), outcome="withdrawn")

    result = report()

    case = cells(result, "stage2_cases", contact.reference)
    assert case["working_days"] == 24  # 13 May to 17 June, less the 27 May bank holiday
    assert case["in_timescale"] is True
    assert case["cost"] == 1250.5
    assert (case["started"], case["closed"]) == ("2019-05-13", "2019-06-17")
    assert withdrawn.reference not in row_keys(result, "stage2_cases")
    assert cells(result, "stage2_summary", "current") == {
        "investigations": 1,
        "spend": 1250.5,
        "average_cost": 1250.5,
        "average_working_days": 24,
    }
    assert cells(result, "stage2_summary", "previous")["average_cost"] is None
    assert cells(result, "costs", "total") == {
        "before_previous": 0.0,
        "previous": 0.0,
        "current": 1400.0,
    }


def test_stage_three_panels_are_in_timescale_only_when_all_three_steps_are() -> None:
    on_time = complaint(date(2019, 4, 1))
    stage(
        on_time,
        3,
        requested=date(2019, 7, 1),
        panel_held=date(2019, 8, 1),
        panel_report=date(2019, 8, 8),
        responded=date(2019, 8, 29),
        outcome="not_upheld",
    )
    late_report = complaint(date(2019, 4, 1))
    stage(
        late_report,
        3,
        requested=date(2019, 7, 1),
        panel_held=date(2019, 8, 1),
        panel_report=date(2019, 8, 9),
        responded=date(2019, 8, 29),
        outcome="not_upheld",
    )
    no_report = complaint(date(2019, 4, 1))
    stage(no_report, 3, requested=date(2019, 7, 1), responded=date(2019, 8, 29))

    result = report()

    assert cells(result, "stage3_panels", on_time.reference)["in_timescale"] is True
    assert cells(result, "stage3_panels", late_report.reference)["in_timescale"] is False
    assert cells(result, "stage3_panels", no_report.reference)["in_timescale"] is None


def test_ombudsman_decisions_and_cases() -> None:
    contact = complaint(date(2018, 4, 1), area=ServiceArea.objects.create(name="Fostering"))
    OmbudsmanCase.objects.create(
        lgsco_reference="19 000 001",
        contact=contact,
        received=date(2019, 5, 1),
        council_replied=date(2019, 5, 29),
        decided=date(2019, 9, 1),
        decision="upheld",
        remedies=["apology", "financial"],
        financial_remedy=Decimal("300"),
    )
    OmbudsmanCase.objects.create(
        lgsco_reference="19 000 002",
        received=date(2019, 5, 1),
        council_replied=date(2019, 5, 30),
        decided=date(2019, 9, 1),
        decision="premature",
    )
    OmbudsmanCase.objects.create(lgsco_reference="18 000 003", decided=date(2018, 9, 1))

    result = report()

    assert cells(result, "lgsco_cases", "19 000 001") == {
        "service_area": "Fostering",
        "decision": "upheld",
        "remedy": ["apology", "financial"],
        "financial_remedy": 300.0,
        "replied_in_time": True,
    }
    assert cells(result, "lgsco_cases", "19 000 002")["replied_in_time"] is False
    assert cells(result, "lgsco_decisions", "premature")["current"] == 1
    assert cells(result, "lgsco_decisions", "unknown")["previous"] == 1
    assert cells(result, "lgsco_decisions", "total") == {
        "before_previous": 0,
        "previous": 1,
        "current": 2,
    }


def test_actions_count_upheld_complaints_with_at_least_one_action_of_a_kind() -> None:
    upheld = complaint(date(2019, 5, 1), replied=date(2019, 5, 3), outcome="upheld")
    not_upheld = complaint(date(2019, 5, 1), replied=date(2019, 5, 3), outcome="not_upheld")
    for kind in ("apology", "apology", "training_or_guidance"):
        LearningAction.objects.create(contact=upheld, kind=kind)
    LearningAction.objects.create(contact=not_upheld, kind="apology")

    result = report()

    assert result["tables"]["actions_for_upheld"]["rows"] == [
        {"key": "apology", "label": "Apology", "cells": {"complaints": 1}},
        {
            "key": "training_or_guidance",
            "label": "Staff training or guidance",
            "cells": {"complaints": 1},
        },
    ]


def test_context_gives_complaints_per_100_referrals_and_the_change() -> None:
    ContextFigure.objects.create(year=2018, measure="referrals", value=Decimal(400))
    ContextFigure.objects.create(year=2019, measure="referrals", value=Decimal(500))
    ContextFigure.objects.create(year=2019, measure="children_in_care", value=Decimal(210))
    for _ in range(3):
        complaint(date(2019, 5, 1))
    complaint(date(2018, 5, 1))

    result = report()

    assert cells(result, "context", "referrals") == {
        "previous": 400,
        "current": 500,
        "change_percent": 25.0,
    }
    assert cells(result, "context", "children_in_care")["change_percent"] is None
    assert cells(result, "context", "complaints_per_100_referrals") == {
        "previous": 0.25,
        "current": 0.6,
        "change_percent": pytest.approx(140.0),
    }


def test_equalities_keep_values_as_recorded_trimmed() -> None:
    complaint(date(2019, 5, 1), gender=" Female ", age_band="10-15", disability=True)
    complaint(date(2019, 5, 1), gender="Female")
    complaint(date(2019, 5, 1), ethnicity="White British", disability=False)

    result = report()

    assert cells(result, "equalities", "gender:Female") == {"current": 2}
    assert cells(result, "equalities", "gender:unknown") == {"current": 1}
    assert cells(result, "equalities", "age:10-15") == {"current": 1}
    assert cells(result, "equalities", "ethnicity:White British") == {"current": 1}
    assert cells(result, "equalities", "disability:yes") == {"current": 1}
    assert cells(result, "equalities", "disability:no") == {"current": 1}
    assert cells(result, "equalities", "disability:unknown") == {"current": 1}


@override_settings(FAIRHEAR_COUNCIL_NAME="Testshire County Council")
def test_benchmarking_lists_other_councils_and_this_one() -> None:
    Benchmark.objects.create(
        year=2019, council="Nearby Borough", complaints_received=80, percent_upheld=Decimal("41.5")
    )
    Benchmark.objects.create(year=2018, council="Old Figures", complaints_received=1)
    complaint(date(2019, 5, 1), categories=("Delay",), replied=date(2019, 5, 3), outcome="upheld")
    complaint(
        date(2019, 5, 1), categories=("Delay",), replied=date(2019, 6, 28), outcome="no_finding"
    )

    result = report()

    assert row_keys(result, "benchmarking") == ["Nearby Borough", "Testshire County Council"]
    assert cells(result, "benchmarking", "Nearby Borough") == {
        "complaints_received": 80,
        "percent_upheld": 41.5,
        "percent_in_timescale": None,
    }
    assert cells(result, "benchmarking", "Testshire County Council") == {
        "complaints_received": 2,
        "percent_upheld": 50.0,
        "percent_in_timescale": 50.0,
    }


def test_a_quarter_compares_with_the_same_quarter_a_year_before() -> None:
    complaint(date(2019, 10, 1))
    complaint(date(2018, 11, 1))
    complaint(date(2019, 9, 30))

    result = report(Period.quarter(2019, 3))

    assert result["label"] == "2019/20 Q3"
    assert cells(result, "volumes", "statutory") == {"previous": 1, "current": 1, "change": 0}
    assert row_keys(result, "monthly_received") == ["oct", "nov", "dec", "total"]
    assert row_keys(result, "stage1_timeliness_by_quarter") == ["q3", "total"]
    assert "context" not in result["tables"]


def test_contacts_received_after_the_as_at_date_are_not_counted() -> None:
    complaint(date(2019, 5, 1))
    complaint(date(2019, 7, 1))

    result = report(as_at=date(2019, 6, 30))

    assert cells(result, "volumes", "statutory")["current"] == 1
    assert Contact.objects.count() == 2


def test_the_average_stage_two_cost_is_rounded_half_up_to_the_penny() -> None:
    for amount in ("100.01", "100.00"):
        contact = complaint(date(2019, 4, 1), replied=date(2019, 4, 5), outcome="upheld")
        stage(contact, 2, requested=date(2019, 5, 1), responded=date(2019, 6, 3), outcome="upheld")
        cost(contact, date(2019, 6, 1), "investigating_officer", amount)

    result = report()

    assert cells(result, "stage2_summary", "current")["spend"] == 200.01
    assert cells(result, "stage2_summary", "current")["average_cost"] == 100.01
