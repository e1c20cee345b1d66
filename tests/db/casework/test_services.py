"""The casework services: every step through the procedure, and every refusal."""

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User

from fairhear.casework import services
from fairhear.casework.codes import ActionKind, CostKind, LgscoDecision, Outcome, Route
from fairhear.casework.facts import case_clocks
from fairhear.casework.models import Category, Contact, LearningAction, Practitioner, Stage
from fairhear.casework.services import CaseworkError
from fairhear.core.clocks import ClockStatus
from fairhear.core.procedure import CaseState
from tests.builders import RECEIVED, triage_statutory

pytestmark = pytest.mark.django_db


def _fresh(contact: Contact) -> Contact:
    return Contact.objects.get(pk=contact.pk)


def _last_event(contact: Contact) -> str:
    return contact.events.order_by("-pk").values_list("action", flat=True)[0]


# ------------------------------------------------------------------------------ triage


def test_triage_as_statutory_starts_stage_one_with_its_due_date(
    log: Callable[..., Contact], officer: User
) -> None:
    contact = triage_statutory(log(), officer)

    assert contact.state == CaseState.STAGE_1
    assert contact.stages.get().number == 1
    assert contact.next_due == date(2024, 5, 16), "10 working days; 6 May 2024 was a bank holiday"
    assert _last_event(contact) == "fairhear.contact.triaged"
    assert LogEntry.objects.get_for_object(contact).latest("timestamp").actor == officer


def test_triage_refuses_a_statutory_complaint_without_confirmed_eligibility(
    log: Callable[..., Contact], officer: User
) -> None:
    contact = log()
    with pytest.raises(CaseworkError, match="Confirm that the complainant is eligible"):
        services.triage_contact(
            contact, version=1, route=Route.STATUTORY, reason="r", on=RECEIVED, by=officer
        )
    assert _fresh(contact).route == ""
    assert not Stage.objects.exists()


def test_triage_needs_a_reason(log: Callable[..., Contact], officer: User) -> None:
    with pytest.raises(CaseworkError, match="Record why this route was chosen"):
        services.triage_contact(
            log(), version=1, route=Route.CORPORATE, reason=" ", on=RECEIVED, by=officer
        )


def test_a_late_complaint_needs_a_reasoned_decision_on_discretion(
    log: Callable[..., Contact], officer: User
) -> None:
    contact = log()
    args = {
        "route": Route.STATUTORY,
        "reason": "Parent.",
        "eligible": True,
        "on": RECEIVED,
        "by": officer,
    }
    with pytest.raises(CaseworkError, match="more than 12 months after the matter"):
        services.triage_contact(contact, version=1, matter_date=date(2023, 1, 1), **args)

    accepted = services.triage_contact(
        contact,
        version=1,
        matter_date=date(2023, 1, 1),
        late_discretion=True,
        late_discretion_reason="The child could not complain sooner.",
        **args,
    )

    assert accepted.state == CaseState.STAGE_1
    assert accepted.late_discretion_used is True
    assert accepted.late_discretion_reason == "The child could not complain sooner."


def test_a_late_complaint_refused_discretion_cannot_enter_stage_one(
    log: Callable[..., Contact], officer: User
) -> None:
    with pytest.raises(CaseworkError, match=r"decided .* not to use discretion"):
        services.triage_contact(
            log(),
            version=1,
            route=Route.STATUTORY,
            reason="Parent.",
            eligible=True,
            matter_date=date(2023, 1, 1),
            late_discretion=False,
            late_discretion_reason="No good reason for the delay.",
            on=RECEIVED,
            by=officer,
        )


def test_a_statutory_complaint_cannot_be_triaged_again(stage_one: Contact, officer: User) -> None:
    with pytest.raises(CaseworkError, match="its route cannot change"):
        services.triage_contact(
            stage_one,
            version=stage_one.version,
            route=Route.CORPORATE,
            reason="r",
            on=RECEIVED,
            by=officer,
        )


def test_a_corporate_complaint_runs_on_the_corporate_clock(
    log: Callable[..., Contact], officer: User
) -> None:
    contact = services.triage_contact(
        log(), version=1, route=Route.CORPORATE, reason="Not eligible.", on=RECEIVED, by=officer
    )

    assert (contact.state, contact.next_due) == (CaseState.RECEIVED, date(2024, 5, 16))


def test_an_mp_enquiry_is_closed_by_its_reply(log: Callable[..., Contact], officer: User) -> None:
    contact = services.triage_contact(
        log(), version=1, route=Route.MP_ENQUIRY, reason="From the MP.", on=RECEIVED, by=officer
    )

    contact = services.record_response(
        contact, version=contact.version, on=date(2024, 5, 8), by=officer
    )

    assert (contact.state, contact.responded) == (CaseState.CLOSED, date(2024, 5, 8))
    with pytest.raises(CaseworkError, match="already sent on 8 May 2024"):
        services.record_response(contact, version=contact.version, on=date(2024, 5, 9), by=officer)


def test_a_statutory_reply_is_recorded_at_its_stage_not_as_a_response(
    stage_one: Contact, officer: User
) -> None:
    with pytest.raises(CaseworkError, match="at its stage"):
        services.record_response(
            stage_one, version=stage_one.version, on=date(2024, 5, 8), by=officer
        )


# ------------------------------------------------------------------------ optimistic locking


def test_an_edit_made_from_an_old_version_is_refused_saying_what_changed(
    stage_one: Contact, officer: User, manager: User
) -> None:
    seen = stage_one.version
    services.extend_stage_one(
        stage_one,
        version=seen,
        on=date(2024, 5, 7),
        reason="Waiting for records.",
        complainant_told=True,
        by=manager,
    )

    with pytest.raises(
        CaseworkError,
        match=re.escape(
            "Someone else changed this case while you were editing it: "
            "Stage 1 extended: Waiting for records. (morgan"
        ),
    ):
        services.reply_stage_one(
            stage_one, version=seen, on=date(2024, 5, 10), outcome=Outcome.UPHELD, by=officer
        )
    assert _fresh(stage_one).stages.get().responded is None


# ------------------------------------------------------------------------------ Stage 1


def test_assigning_the_responsible_manager(
    stage_one: Contact, officer: User, service_manager_a: User
) -> None:
    contact = services.assign_responsible_manager(
        stage_one, version=stage_one.version, manager=service_manager_a, by=officer
    )

    assert contact.stages.get().responsible_manager == service_manager_a
    assert _last_event(contact) == "fairhear.stage1.manager_assigned"


def test_an_extension_moves_the_due_date_to_20_working_days(
    stage_one: Contact, officer: User
) -> None:
    contact = services.extend_stage_one(
        stage_one,
        version=stage_one.version,
        on=date(2024, 5, 7),
        reason="Complex.",
        complainant_told=True,
        complainant_agreed=True,
        new_due=date(2024, 5, 29),
        by=officer,
    )

    stage = contact.stages.get()
    assert (stage.extended, stage.extension_complainant_agreed, stage.extension_new_due) == (
        True,
        True,
        date(2024, 5, 29),
    )
    assert contact.next_due == date(2024, 5, 31), "20 working days, past two May bank holidays"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"reason": "", "complainant_told": True}, "needs a reason"),
        ({"reason": "Complex.", "complainant_told": False}, "never silent"),
    ],
)
def test_an_extension_without_a_reason_or_telling_the_complainant_is_refused(
    stage_one: Contact, officer: User, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(CaseworkError, match=message):
        services.extend_stage_one(
            stage_one, version=stage_one.version, on=date(2024, 5, 7), by=officer, **kwargs
        )  # type: ignore[arg-type]
    assert not _fresh(stage_one).stages.get().extended


def test_the_stage_one_reply_records_outcomes_and_what_was_done(
    log: Callable[..., Contact], officer: User, category: Category
) -> None:
    contact = triage_statutory(log(categories=[category]), officer)

    contact = services.reply_stage_one(
        contact,
        version=contact.version,
        on=date(2024, 5, 10),
        outcome=Outcome.PARTLY_UPHELD,
        category_outcomes={category: Outcome.UPHELD},
        what_was_done="Apologised and changed the visit plan.",
        actions=[ActionKind.APOLOGY],
        learning_action={
            "kind": ActionKind.PRACTICE_CHANGE,
            "description": "Plan visits with the family.",
            "owner_service_area": contact.service_area,
            "due": date(2024, 6, 28),
        },
        by=officer,
    )

    stage = contact.stages.get()
    assert (stage.outcome, stage.responded, contact.state) == (
        Outcome.PARTLY_UPHELD,
        date(2024, 5, 10),
        CaseState.CLOSED,
    )
    assert stage.category_outcomes.get().outcome == Outcome.UPHELD
    done = dict(LearningAction.objects.values_list("kind", "completed"))
    assert done == {ActionKind.APOLOGY: date(2024, 5, 10), ActionKind.PRACTICE_CHANGE: None}
    agreed = LearningAction.objects.get(kind=ActionKind.PRACTICE_CHANGE)
    assert (agreed.due, agreed.owner_service_area) == (date(2024, 6, 28), contact.service_area)
    assert contact.next_due is None
    actions = list(contact.events.values_list("action", flat=True))
    assert actions[-2:] == ["fairhear.stage1.replied", "fairhear.action.added"]


def test_a_reply_cannot_be_recorded_twice_or_for_a_category_it_does_not_have(
    replied: Contact, stage_one: Contact, officer: User, category: Category
) -> None:
    with pytest.raises(CaseworkError, match="The Stage 1 reply was already sent on 10 May 2024"):
        services.reply_stage_one(
            replied,
            version=replied.version,
            on=date(2024, 5, 11),
            outcome=Outcome.UPHELD,
            by=officer,
        )


def test_a_reply_for_a_category_the_complaint_does_not_have_is_refused(
    stage_one: Contact, officer: User, category: Category
) -> None:
    with pytest.raises(
        CaseworkError, match="Communication is not one of this complaint's categories"
    ):
        services.reply_stage_one(
            stage_one,
            version=stage_one.version,
            on=date(2024, 5, 10),
            outcome=Outcome.UPHELD,
            category_outcomes={category: Outcome.UPHELD},
            by=officer,
        )
    assert _fresh(stage_one).stages.get().responded is None


def test_a_reply_needs_a_decided_outcome(stage_one: Contact, officer: User) -> None:
    with pytest.raises(CaseworkError, match="Choose the outcome"):
        services.reply_stage_one(
            stage_one,
            version=stage_one.version,
            on=date(2024, 5, 10),
            outcome=Outcome.WITHDRAWN,
            by=officer,
        )


# ------------------------------------------------------------------------------ Stage 2


def test_it_refuses_stage_two_before_the_stage_one_reply(stage_one: Contact, officer: User) -> None:
    with pytest.raises(CaseworkError, match="Stage 2 cannot start before the Stage 1 reply"):
        services.request_stage_two(
            stage_one, version=stage_one.version, on=date(2024, 5, 10), by=officer
        )


def test_stage_two_runs_from_request_to_adjudication(adjudicated: Contact) -> None:
    stage = adjudicated.stages.get(number=2)
    assert (stage.requested, stage.decision_date, stage.started, stage.responded) == (
        date(2024, 5, 20),
        date(2024, 5, 21),
        date(2024, 5, 28),
        date(2024, 6, 20),
    )
    assert adjudicated.state == CaseState.CLOSED
    actions = list(adjudicated.events.values_list("action", flat=True))
    for action in (
        "stage2.requested",
        "stage2.accepted",
        "stage2.investigators_appointed",
        "stage2.statement_agreed",
        "stage2.adjudicated",
    ):
        assert f"fairhear.{action}" in actions


def test_a_late_stage_two_request_needs_discretion_and_can_be_declined_as_out_of_time(
    replied: Contact, manager: User
) -> None:
    late = date(2024, 7, 1)
    with pytest.raises(CaseworkError, match="out of time"):
        services.request_stage_two(replied, version=replied.version, on=late, by=manager)

    contact = services.request_stage_two(
        replied,
        version=replied.version,
        on=late,
        discretion_accepted=False,
        discretion_reason="No reason given for the delay.",
        by=manager,
    )
    with pytest.raises(CaseworkError, match="cannot be accepted"):
        services.accept_request(contact, number=2, version=contact.version, on=late, by=manager)
    contact = services.decline_request(
        contact,
        number=2,
        version=contact.version,
        on=late,
        reason="out_of_time",
        explanation="Asked six weeks late.",
        by=manager,
    )

    stage = contact.stages.get(number=2)
    assert (stage.decision, stage.decline_code, contact.state) == (
        "declined",
        "out_of_time",
        CaseState.CLOSED,
    )


def test_declining_for_a_reason_that_is_not_lawful_is_refused(
    replied: Contact, manager: User
) -> None:
    contact = services.request_stage_two(
        replied, version=replied.version, on=date(2024, 5, 20), by=manager
    )

    with pytest.raises(CaseworkError, match="not a lawful reason"):
        services.decline_request(
            contact,
            number=2,
            version=contact.version,
            on=date(2024, 5, 21),
            reason="stage 1 was enough",
            explanation="Nothing to add.",
            by=manager,
        )
    assert _fresh(contact).state == CaseState.STAGE_2_REQUESTED


def test_the_independent_person_cannot_work_for_the_council(
    replied: Contact, officer: User, practitioners: dict[str, Practitioner]
) -> None:
    c = services.request_stage_two(
        replied, version=replied.version, on=date(2024, 5, 20), by=officer
    )
    c = services.accept_request(c, number=2, version=c.version, on=date(2024, 5, 21), by=officer)

    with pytest.raises(CaseworkError, match="Stella works for the council"):
        services.appoint_investigators(
            c,
            version=c.version,
            investigating_officer=practitioners["ivan"],
            independent_person=practitioners["stella"],
            by=officer,
        )


def test_a_statement_taking_over_10_working_days_is_flagged_on_the_timeline(
    replied: Contact, officer: User
) -> None:
    c = services.request_stage_two(
        replied, version=replied.version, on=date(2024, 5, 20), by=officer
    )
    c = services.accept_request(c, number=2, version=c.version, on=date(2024, 5, 21), by=officer)

    c = services.agree_statement_of_complaint(
        c, version=c.version, on=date(2024, 6, 10), by=officer
    )

    assert (
        "more than 10 working days"
        in c.events.get(action="fairhear.stage2.statement_agreed").description
    )
    assert c.next_due == date(2024, 7, 15), "25 working days from the statement"


def test_the_investigation_report_and_an_extension_to_65_days(
    stage_two: Contact, officer: User
) -> None:
    c = services.record_investigation_report(
        stage_two, version=stage_two.version, on=date(2024, 6, 14), by=officer
    )
    with pytest.raises(CaseworkError, match="already recorded"):
        services.record_investigation_report(c, version=c.version, on=date(2024, 6, 14), by=officer)
    c = services.extend_stage_two(
        c,
        version=c.version,
        on=date(2024, 6, 17),
        reason="Witness on leave.",
        complainant_told=True,
        by=officer,
    )

    assert c.stages.get(number=2).investigation_report == date(2024, 6, 14)
    assert c.next_due == date(2024, 8, 28), "65 working days from 28 May 2024"


def test_the_adjudication_cannot_come_before_the_statement(
    stage_two: Contact, officer: User
) -> None:
    with pytest.raises(CaseworkError, match="before the statement of complaint"):
        services.adjudicate_stage_two(
            stage_two,
            version=stage_two.version,
            on=date(2024, 5, 27),
            outcome=Outcome.UPHELD,
            by=officer,
        )


# ------------------------------------------------------------------------------ Stage 3


def test_stage_three_from_panel_to_the_authoritys_response(
    stage_three_accepted: Contact, officer: User, practitioners: dict[str, Practitioner]
) -> None:
    p = practitioners
    c = services.convene_panel(
        stage_three_accepted,
        version=stage_three_accepted.version,
        members=[p["pat"], p["paula"], p["piers"]],
        chair=p["paula"],
        by=officer,
    )
    c = services.hold_panel(c, version=c.version, on=date(2024, 7, 30), by=officer)
    assert c.next_due == date(2024, 8, 6), "the chair's report: 5 working days"
    c = services.record_chair_report(c, version=c.version, on=date(2024, 8, 5), by=officer)
    c = services.respond_stage_three(
        c, version=c.version, on=date(2024, 8, 20), outcome=Outcome.UPHELD, by=officer
    )

    stage = c.stages.get(number=3)
    assert (stage.panel_held, stage.panel_report, stage.responded, c.state) == (
        date(2024, 7, 30),
        date(2024, 8, 5),
        date(2024, 8, 20),
        CaseState.CLOSED,
    )
    assert stage.panel_memberships.get(is_chair=True).practitioner == p["paula"]


@pytest.mark.parametrize(
    ("members", "chair", "message"),
    [
        (["pat", "paula"], "pat", "exactly three members, this one has 2"),
        (["pat", "paula", "stella"], "pat", "Stella works for the council"),
        (["pat", "paula", "iris"], "pat", "Iris was the Stage 2 independent person"),
        (["pat", "paula", "piers"], "ivan", "The chair, Ivan, must be one of the panel"),
    ],
)
def test_a_panel_that_breaks_the_rules_is_refused(
    stage_three_accepted: Contact,
    officer: User,
    practitioners: dict[str, Practitioner],
    members: list[str],
    chair: str,
    message: str,
) -> None:
    with pytest.raises(CaseworkError, match=message):
        services.convene_panel(
            stage_three_accepted,
            version=stage_three_accepted.version,
            members=[practitioners[m] for m in members],
            chair=practitioners[chair],
            by=officer,
        )
    assert not stage_three_accepted.stages.get(number=3).panel_memberships.exists()


def test_the_panel_cannot_meet_without_its_members(
    stage_three_accepted: Contact, officer: User
) -> None:
    with pytest.raises(CaseworkError, match="exactly three members, this one has 0"):
        services.hold_panel(
            stage_three_accepted,
            version=stage_three_accepted.version,
            on=date(2024, 7, 30),
            by=officer,
        )


def test_stage_three_cannot_be_requested_before_the_adjudication(
    stage_two: Contact, officer: User
) -> None:
    with pytest.raises(CaseworkError, match="before the Stage 2 adjudication"):
        services.request_stage_three(
            stage_two, version=stage_two.version, on=date(2024, 6, 1), by=officer
        )


def test_the_authority_responds_only_after_the_chairs_report(
    stage_three_accepted: Contact, officer: User, practitioners: dict[str, Practitioner]
) -> None:
    p = practitioners
    c = services.convene_panel(
        stage_three_accepted,
        version=stage_three_accepted.version,
        members=[p["pat"], p["paula"], p["piers"]],
        chair=p["pat"],
        by=officer,
    )
    c = services.hold_panel(c, version=c.version, on=date(2024, 7, 30), by=officer)
    with pytest.raises(CaseworkError, match="record the report first"):
        services.respond_stage_three(
            c, version=c.version, on=date(2024, 8, 1), outcome=Outcome.UPHELD, by=officer
        )


def test_a_stage_three_request_can_be_declined_for_legal_proceedings(
    adjudicated: Contact, manager: User
) -> None:
    c = services.request_stage_three(
        adjudicated, version=adjudicated.version, on=date(2024, 7, 1), by=manager
    )
    c = services.decline_request(
        c,
        number=3,
        version=c.version,
        on=date(2024, 7, 3),
        reason="legal_proceedings",
        explanation="Care proceedings are under way.",
        by=manager,
    )

    assert c.state == CaseState.CLOSED
    assert c.events.filter(action="fairhear.stage3.declined").exists()


# ------------------------------------------------------------------------------ withdrawal


def test_withdrawal_stops_the_clock_and_marks_the_open_stage_withdrawn(
    stage_two: Contact, officer: User
) -> None:
    c = services.withdraw_contact(
        stage_two,
        version=stage_two.version,
        on=date(2024, 6, 3),
        reason="Resolved informally.",
        by=officer,
    )

    assert (c.state, c.next_due, c.withdrawn) == (CaseState.WITHDRAWN, None, date(2024, 6, 3))
    assert c.stages.get(number=2).outcome == Outcome.WITHDRAWN
    with pytest.raises(CaseworkError, match="already withdrawn on 3 June 2024"):
        services.withdraw_contact(
            c, version=c.version, on=date(2024, 6, 4), reason="Again.", by=officer
        )


def test_a_contact_awaiting_triage_can_be_cancelled(
    log: Callable[..., Contact], officer: User
) -> None:
    c = services.withdraw_contact(
        log(), version=1, on=RECEIVED, reason="Duplicate of another contact.", by=officer
    )
    assert c.state == CaseState.WITHDRAWN
    with pytest.raises(CaseworkError, match="withdrawn on 1 May 2024: it cannot be triaged"):
        services.triage_contact(
            c, version=c.version, route=Route.CORPORATE, reason="r", on=RECEIVED, by=officer
        )


# ------------------------------------------------------------------------------ Ombudsman


def test_an_ombudsman_enquiry_is_due_28_days_after_it_arrives(
    replied: Contact, officer: User
) -> None:
    case = services.record_ombudsman_case(
        lgsco_reference="23 001 234",
        received=date(2024, 6, 3),
        contact=replied,
        version=replied.version,
        by=officer,
    )

    assert case.enquiry_due == date(2024, 7, 1)
    assert case.service_area == replied.service_area
    clocks = {c.label: c.reading for c in case_clocks(_fresh(replied), today=date(2024, 7, 2))}
    assert clocks["Reply to the Ombudsman (23 001 234)"].status is ClockStatus.OVERDUE

    services.record_ombudsman_reply(case, on=date(2024, 6, 28), by=officer)
    case = services.record_ombudsman_decision(
        case,
        on=date(2024, 9, 2),
        decision=LgscoDecision.UPHELD,
        remedies=["apology", "financial"],
        financial_remedy=Decimal("250"),
        by=officer,
    )
    case = services.record_ombudsman_compliance(case, complied=True, by=officer)

    assert (case.council_replied, case.decision, case.remedies, case.complied) == (
        date(2024, 6, 28),
        "upheld",
        ["apology", "financial"],
        True,
    )
    actions = set(replied.events.values_list("action", flat=True))
    assert {
        "fairhear.ombudsman.enquiry_received",
        "fairhear.ombudsman.replied",
        "fairhear.ombudsman.decided",
    } <= actions


def test_an_ombudsman_case_needs_a_unique_reference_and_a_known_decision(officer: User) -> None:
    case = services.record_ombudsman_case(
        lgsco_reference="24 000 001",
        received=date(2024, 6, 3),
        enquiry_due=date(2024, 6, 20),
        by=officer,
    )
    assert case.enquiry_due == date(2024, 6, 20)
    assert case.contact is None
    with pytest.raises(CaseworkError, match="already recorded"):
        services.record_ombudsman_case(
            lgsco_reference="24 000 001", received=date(2024, 6, 3), by=officer
        )
    with pytest.raises(CaseworkError, match="Choose the Ombudsman's decision"):
        services.record_ombudsman_decision(case, on=date(2024, 7, 1), decision="fault", by=officer)
    with pytest.raises(CaseworkError, match="before the council's compliance"):
        services.record_ombudsman_compliance(case, complied=True, by=officer)


# ------------------------------------------------------------------- costs, actions, compliments


def test_costs_must_be_positive_and_appear_on_the_timeline(
    stage_two: Contact, officer: User
) -> None:
    with pytest.raises(CaseworkError, match="more than £0"):
        services.add_cost(
            on=date(2024, 6, 1),
            kind=CostKind.INVESTIGATING_OFFICER,
            amount=Decimal("0"),
            contact=stage_two,
            by=officer,
        )

    services.add_cost(
        on=date(2024, 6, 1),
        kind=CostKind.INVESTIGATING_OFFICER,
        amount=Decimal("1200.50"),
        contact=stage_two,
        by=officer,
    )

    assert stage_two.costs.get().amount == Decimal("1200.50")
    assert "£1,200.50" in stage_two.events.get(action="fairhear.cost.added").description


def test_a_learning_action_has_one_owner_and_completes_with_evidence(
    stage_one: Contact, officer: User, area_a: object
) -> None:
    team = stage_one.service_area.teams.get()  # type: ignore[union-attr]
    with pytest.raises(CaseworkError, match="one owner"):
        services.add_learning_action(
            kind=ActionKind.TRAINING_OR_GUIDANCE,
            description="Train.",
            owner_team=team,
            owner_service_area=stage_one.service_area,
            by=officer,
        )
    action = services.add_learning_action(
        kind=ActionKind.TRAINING_OR_GUIDANCE,
        description="Train the team on recording.",
        owner_team=team,
        due=date(2024, 9, 30),
        contact=stage_one,
        by=officer,
    )
    with pytest.raises(CaseworkError, match="evidence"):
        services.complete_learning_action(action, on=date(2024, 9, 1), evidence="", by=officer)

    action = services.complete_learning_action(
        action, on=date(2024, 9, 1), evidence="Session held.", by=officer
    )

    assert action.completed == date(2024, 9, 1)
    assert stage_one.events.filter(action="fairhear.action.completed").exists()


def test_a_compliment_from_the_future_is_refused(officer: User) -> None:
    with pytest.raises(CaseworkError, match="cannot be in the future"):
        services.record_compliment(
            received=date(2024, 5, 2), text="Thank you", today=date(2024, 5, 1), by=officer
        )
    compliment = services.record_compliment(
        received=date(2024, 5, 1), text="Thank you", publish=True, by=officer
    )
    assert compliment.publish is True


def test_a_stage_closed_without_its_reply_owes_nothing_more(stage_one: Contact) -> None:
    # Imported history can hold a stage the old system closed without recording a reply.
    Stage.objects.filter(contact=stage_one, number=1).update(closed=date(2024, 5, 9))

    services.refresh_statuses([stage_one])

    stored = Contact.objects.get(pk=stage_one.pk)
    assert (stored.state, stored.next_step, stored.next_due) == (CaseState.CLOSED, "", None)
