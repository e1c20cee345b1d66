"""The procedure's rules: each transition, what it refuses and why."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairhear.core import procedure as p
from fairhear.core.clocks import CORPORATE, ClockName, ClockStatus
from fairhear.core.procedure import (
    CaseFacts,
    CaseState,
    DeclineReason,
    Discretion,
    Extension,
    PanelMember,
    ProcedureError,
    Transition,
)

# Monday 8 January 2024. Stage 1 is due on 22 January (10 working days), 5 February when
# extended (20). A reply on 19 January opens a Stage 2 window to 16 February.
RECEIVED = date(2024, 1, 8)
REPLIED = date(2024, 1, 19)
WINDOW_2_LAST = date(2024, 2, 16)
# Adjudication on 15 March 2024: the Stage 3 window, across Easter, runs to 16 April.
ADJUDICATED = date(2024, 3, 15)
WINDOW_3_LAST = date(2024, 4, 16)

IP = "ip-7"  # the Stage 2 independent person


def member(
    ident: str,
    *,
    chair: bool = False,
    independent: bool = True,
    councillor: bool = False,
    staff: bool = False,
) -> PanelMember:
    return PanelMember(
        id=ident,
        name=f"Member {ident}",
        is_independent=independent,
        is_chair=chair,
        is_councillor=councillor,
        is_staff=staff,
    )


PANEL = (member("a", chair=True), member("b"), member("c"))


def told(on: date = date(2024, 1, 15), **kwargs: object) -> Extension:
    values: dict[str, object] = {
        "decided_on": on,
        "reason": "Complex: needs records from health",
        "complainant_told": True,
        "complainant_agreed": True,
    }
    values.update(kwargs)
    return Extension(**values)  # type: ignore[arg-type]


def accepting(on: date, accepted: bool = True) -> Discretion:
    return Discretion(
        decided_on=on, reason="Complainant was in hospital", accepted=accepted, decided_by="CM"
    )


def new_case(**kwargs: object) -> CaseFacts:
    return CaseFacts(received=RECEIVED, **kwargs)  # type: ignore[arg-type]


def at_stage_one() -> CaseFacts:
    return p.start_stage_one(new_case(), on=RECEIVED)


def replied_at_stage_one() -> CaseFacts:
    return p.reply_stage_one(at_stage_one(), on=REPLIED)


def stage_two_requested(on: date = date(2024, 2, 1)) -> CaseFacts:
    return p.request_stage(2, replied_at_stage_one(), on=on)


def stage_two_accepted() -> CaseFacts:
    return p.accept_stage(2, stage_two_requested(), on=date(2024, 2, 2))


def at_stage_two() -> CaseFacts:
    return p.start_stage_two(
        stage_two_accepted(), statement_agreed=date(2024, 2, 9), independent_person=IP
    )


def adjudicated() -> CaseFacts:
    return p.adjudicate_stage_two(at_stage_two(), on=ADJUDICATED)


def stage_three_requested(on: date = date(2024, 3, 20)) -> CaseFacts:
    return p.request_stage(3, adjudicated(), on=on)


def stage_three_accepted() -> CaseFacts:
    return p.accept_stage(3, stage_three_requested(), on=date(2024, 3, 22))


def at_stage_three() -> CaseFacts:
    return p.hold_panel(stage_three_accepted(), on=date(2024, 4, 19), panel=PANEL)


def responded_at_stage_three() -> CaseFacts:
    reported = p.send_chair_report(at_stage_three(), on=date(2024, 4, 24))
    return p.respond_stage_three(reported, on=date(2024, 5, 10))


# ---------------------------------------------------------------------- the state machine


def test_states_and_transitions_have_lower_case_codes() -> None:
    assert CaseState.STAGE_2_REQUESTED.value == "stage_2_requested"
    assert Transition.REFER_TO_LGSCO.value == "refer_to_lgsco"
    assert all(s.value == s.value.lower() for s in CaseState)
    assert all(t.value == t.value.lower() for t in Transition)


def test_it_lists_the_transitions_each_state_allows() -> None:
    assert p.allowed_transitions(CaseState.RECEIVED) == (
        Transition.START_STAGE_1,
        Transition.WITHDRAW,
        Transition.REFER_TO_LGSCO,
    )
    assert p.allowed_transitions(CaseState.CLOSED) == (
        Transition.REQUEST_STAGE_2,
        Transition.REQUEST_STAGE_3,
        Transition.REFER_TO_LGSCO,
    )
    assert p.allowed_transitions(CaseState.WITHDRAWN) == (Transition.REFER_TO_LGSCO,)
    assert set(p.allowed_transitions(CaseState.STAGE_2_REQUESTED)) == {
        Transition.ACCEPT_STAGE_2,
        Transition.DECLINE_STAGE_2,
        Transition.WITHDRAW,
        Transition.REFER_TO_LGSCO,
    }


def test_every_state_can_reach_the_ombudsman_and_every_open_state_can_withdraw() -> None:
    for state in CaseState:
        allowed = p.allowed_transitions(state)
        assert Transition.REFER_TO_LGSCO in allowed
        assert (Transition.WITHDRAW in allowed) == (state in p.OPEN_STATES)


def test_a_complaint_goes_through_all_three_stages_to_closed() -> None:
    closed = responded_at_stage_three()
    assert closed.state is CaseState.CLOSED
    assert closed.closed == date(2024, 5, 10)
    assert closed.stage_3_panel == PANEL
    assert not closed.is_open


def test_a_refused_step_leaves_the_case_as_it_was() -> None:
    facts = at_stage_one()
    with pytest.raises(ProcedureError):
        p.request_stage(2, facts, on=date(2024, 1, 10))
    assert facts.state is CaseState.STAGE_1
    assert facts.stage_2_requested is None


def test_the_procedure_error_is_a_value_error() -> None:
    assert issubclass(ProcedureError, ValueError)


# -------------------------------------------------------------------------------- Stage 1


def test_it_starts_stage_one() -> None:
    facts = at_stage_one()
    assert facts.state is CaseState.STAGE_1
    assert facts.stage_1_started == RECEIVED


def test_it_refuses_to_start_stage_one_twice() -> None:
    with pytest.raises(ProcedureError, match=r"^Cannot start Stage 1: the case is at Stage 1\.$"):
        p.start_stage_one(at_stage_one(), on=RECEIVED)


def test_it_refuses_to_start_stage_one_before_the_complaint_was_received() -> None:
    with pytest.raises(
        ProcedureError,
        match=(
            "Stage 1 cannot be dated 5 January 2024, before the complaint was received on "
            "8 January 2024"
        ),
    ):
        p.start_stage_one(new_case(), on=date(2024, 1, 5))


def test_it_refuses_a_complaint_made_over_12_months_after_the_matter_without_discretion() -> None:
    late = new_case(matter_date=date(2023, 1, 7))
    with pytest.raises(ProcedureError, match="more than 12 months after the matter") as caught:
        p.start_stage_one(late, on=RECEIVED)
    assert "reasoned decision to use discretion" in str(caught.value)
    assert p.complaint_is_late(late)


def test_a_complaint_made_exactly_12_months_after_the_matter_is_in_time() -> None:
    facts = new_case(matter_date=date(2023, 1, 8))
    assert not p.complaint_is_late(facts)
    assert p.start_stage_one(facts, on=RECEIVED).state is CaseState.STAGE_1


def test_twelve_months_from_29_february_ends_on_28_february() -> None:
    on_time = CaseFacts(received=date(2025, 2, 28), matter_date=date(2024, 2, 29))
    assert not p.complaint_is_late(on_time)
    assert p.complaint_is_late(replace(on_time, received=date(2025, 3, 1)))


def test_a_late_complaint_starts_stage_one_with_the_managers_discretion() -> None:
    late = new_case(matter_date=date(2022, 6, 1))
    facts = p.start_stage_one(late, on=RECEIVED, discretion=accepting(RECEIVED))
    assert facts.state is CaseState.STAGE_1
    assert facts.late_complaint_discretion == accepting(RECEIVED)


def test_it_refuses_a_late_complaint_when_discretion_was_not_used() -> None:
    late = new_case(matter_date=date(2022, 6, 1))
    with pytest.raises(ProcedureError, match="decided on 8 January 2024 not to use discretion"):
        p.start_stage_one(late, on=RECEIVED, discretion=accepting(RECEIVED, accepted=False))


def test_it_refuses_a_decision_on_discretion_without_reasons() -> None:
    late = new_case(matter_date=date(2022, 6, 1))
    blank = Discretion(decided_on=RECEIVED, reason="  ", accepted=True)
    with pytest.raises(ProcedureError, match="needs its reasons recorded"):
        p.start_stage_one(late, on=RECEIVED, discretion=blank)


def test_it_records_a_stage_one_extension() -> None:
    facts = p.extend_stage_one(at_stage_one(), told())
    assert facts.stage_1_extension == told()
    assert facts.state is CaseState.STAGE_1


def test_it_refuses_an_extension_without_a_reason() -> None:
    with pytest.raises(ProcedureError, match="An extension of Stage 1 needs a reason"):
        p.extend_stage_one(at_stage_one(), told(reason=""))


def test_it_refuses_a_silent_extension() -> None:
    with pytest.raises(ProcedureError, match="Extensions are never silent"):
        p.extend_stage_one(at_stage_one(), told(complainant_told=False))


def test_it_refuses_an_extension_dated_before_the_complaint() -> None:
    with pytest.raises(ProcedureError, match="extension of Stage 1 cannot be dated 2 January 2024"):
        p.extend_stage_one(at_stage_one(), told(on=date(2024, 1, 2)))


def test_it_refuses_to_extend_stage_one_twice() -> None:
    once = p.extend_stage_one(at_stage_one(), told())
    with pytest.raises(ProcedureError, match="Stage 1 was already extended on 15 January 2024"):
        p.extend_stage_one(once, told(on=date(2024, 1, 16)))


def test_it_refuses_to_extend_stage_one_after_the_reply() -> None:
    with pytest.raises(ProcedureError, match="replied to on 19 January 2024: it can no longer be"):
        p.extend_stage_one(replied_at_stage_one(), told())


def test_it_refuses_to_extend_stage_one_before_it_has_started() -> None:
    with pytest.raises(ProcedureError, match="Cannot extend Stage 1: the case is received"):
        p.extend_stage_one(new_case(), told())


def test_it_refuses_an_extension_past_20_working_days_without_agreement() -> None:
    beyond = told(new_due=date(2024, 2, 20), complainant_agreed=False)
    with pytest.raises(ProcedureError, match=r"beyond 20 working days .* needs the complainant's"):
        p.extend_stage_one(at_stage_one(), beyond)
    agreed = p.extend_stage_one(at_stage_one(), replace(beyond, complainant_agreed=True))
    assert agreed.stage_1_extension is not None


def test_it_refuses_an_extension_in_a_procedure_that_has_none() -> None:
    with pytest.raises(ProcedureError, match="corporate procedure does not allow Stage 1 to be"):
        p.extend_stage_one(at_stage_one(), told(), timescales=CORPORATE)


def test_it_records_the_stage_one_reply() -> None:
    assert replied_at_stage_one().stage_1_replied == REPLIED


def test_it_refuses_a_second_stage_one_reply() -> None:
    with pytest.raises(
        ProcedureError, match="The Stage 1 reply was already sent on 19 January 2024"
    ):
        p.reply_stage_one(replied_at_stage_one(), on=date(2024, 1, 22))


def test_it_refuses_a_stage_one_reply_before_the_complaint() -> None:
    with pytest.raises(ProcedureError, match="The Stage 1 reply cannot be dated 1 January 2024"):
        p.reply_stage_one(at_stage_one(), on=date(2024, 1, 1))


# -------------------------------------------------------------------------------- Stage 2


def test_it_refuses_stage_two_before_the_stage_one_reply() -> None:
    with pytest.raises(ProcedureError) as caught:
        p.request_stage(2, at_stage_one(), on=date(2024, 1, 22))
    assert str(caught.value) == (
        "Stage 2 cannot start before the Stage 1 reply has been sent, unless the 20 working days "
        "have passed without an agreed extension (22 January 2024 is working day 10 after the "
        "complaint was received on 8 January 2024)."
    )


def test_it_refuses_stage_two_on_the_20th_working_day_without_a_reply() -> None:
    with pytest.raises(ProcedureError, match="is working day 20 after"):
        p.request_stage(2, at_stage_one(), on=date(2024, 2, 5))


def test_stage_one_past_20_working_days_entitles_the_complainant_to_stage_two() -> None:
    assert p.stage_one_entitles_stage_two(at_stage_one(), on=date(2024, 2, 6))
    facts = p.request_stage(2, at_stage_one(), on=date(2024, 2, 6))
    assert facts.state is CaseState.STAGE_2_REQUESTED
    assert facts.stage_1_replied is None


def test_an_agreed_extension_past_20_working_days_postpones_the_entitlement() -> None:
    agreed = told(new_due=date(2024, 2, 20))
    facts = p.extend_stage_one(at_stage_one(), agreed)
    with pytest.raises(
        ProcedureError, match="The complainant agreed to extend Stage 1 to 20 February 2024"
    ):
        p.request_stage(2, facts, on=date(2024, 2, 6))
    assert p.request_stage(2, facts, on=date(2024, 2, 21)).state is CaseState.STAGE_2_REQUESTED


def test_an_ordinary_extension_does_not_postpone_the_entitlement() -> None:
    facts = p.extend_stage_one(at_stage_one(), told())
    assert p.stage_one_entitles_stage_two(facts, on=date(2024, 2, 6))


def test_it_accepts_a_stage_two_request_on_the_last_day_of_the_window() -> None:
    facts = p.request_stage(2, replied_at_stage_one(), on=WINDOW_2_LAST)
    assert facts.stage_2_requested == WINDOW_2_LAST
    assert not p.request_is_out_of_time(2, facts)


def test_it_refuses_a_late_stage_two_request_until_discretion_is_recorded() -> None:
    facts = replied_at_stage_one()
    late = date(2024, 2, 19)
    assert p.request_is_out_of_time(2, facts, on=late)
    with pytest.raises(ProcedureError) as caught:
        p.request_stage(2, facts, on=late)
    message = str(caught.value)
    assert message.startswith(
        "The request for Stage 2 on 19 February 2024 is out of time: it came 21"
    )
    assert "does not close the case by itself" in message
    # Out of time shut nothing: with a reasoned decision the request is recorded.
    recorded = p.request_stage(2, facts, on=late, discretion=accepting(late))
    assert recorded.state is CaseState.STAGE_2_REQUESTED


def test_a_late_stage_two_request_goes_ahead_with_discretion_to_accept() -> None:
    late = date(2024, 2, 19)
    facts = p.request_stage(2, replied_at_stage_one(), on=late, discretion=accepting(late))
    accepted = p.accept_stage(2, facts, on=late)
    assert accepted.state is CaseState.STAGE_2_ACCEPTED


def test_a_late_request_refused_discretion_is_declined_as_out_of_time() -> None:
    late = date(2024, 2, 19)
    facts = p.request_stage(
        2, replied_at_stage_one(), on=late, discretion=accepting(late, accepted=False)
    )
    assert facts.state is CaseState.STAGE_2_REQUESTED
    with pytest.raises(ProcedureError, match="decided on 19 February 2024 not to use discretion"):
        p.accept_stage(2, facts, on=late)
    declined = p.decline_stage(
        2, facts, on=late, reason=DeclineReason.OUT_OF_TIME, explanation="No reason for delay"
    )
    assert declined.state is CaseState.CLOSED
    assert declined.stage_2_decline_reason is DeclineReason.OUT_OF_TIME


def test_it_refuses_discretion_dated_before_the_late_request() -> None:
    late = date(2024, 2, 19)
    with pytest.raises(
        ProcedureError, match="decision on discretion cannot be dated 16 February 2024"
    ):
        p.request_stage(2, replied_at_stage_one(), on=late, discretion=accepting(date(2024, 2, 16)))


def test_it_refuses_a_stage_two_request_dated_before_the_complaint() -> None:
    with pytest.raises(
        ProcedureError, match="A request for Stage 2 cannot be dated 1 January 2024"
    ):
        p.request_stage(2, replied_at_stage_one(), on=date(2024, 1, 1))


def test_a_closed_stage_one_case_reopens_for_a_stage_two_request() -> None:
    closed = replied_at_stage_one()
    reopened = p.request_stage(2, closed, on=date(2024, 2, 1))
    assert reopened.state is CaseState.STAGE_2_REQUESTED
    assert reopened.closed is None


def test_it_refuses_a_second_stage_two_request() -> None:
    with pytest.raises(ProcedureError, match="Stage 2 was already requested on 1 February 2024"):
        p.request_stage(2, stage_two_requested(), on=date(2024, 2, 5))
    declined = p.decline_stage(
        2, stage_two_requested(), on=date(2024, 2, 5), reason="out_of_scope", explanation="Court"
    )
    with pytest.raises(ProcedureError, match="Stage 2 was already requested on 1 February 2024"):
        p.request_stage(2, declined, on=date(2024, 2, 6))


def test_it_refuses_stage_two_for_a_case_closed_without_a_stage_one_reply() -> None:
    odd = replace(at_stage_one(), closed=date(2024, 1, 10))
    with pytest.raises(ProcedureError, match="closed without a Stage 1 reply"):
        p.request_stage(2, odd, on=date(2024, 1, 11))


def test_it_refuses_stage_two_for_a_withdrawn_complaint() -> None:
    withdrawn = p.withdraw(at_stage_one(), on=date(2024, 1, 10))
    with pytest.raises(ProcedureError, match="Cannot record a request for Stage 2: the case is "):
        p.request_stage(2, withdrawn, on=date(2024, 2, 6))


def test_the_corporate_procedure_has_no_request_window() -> None:
    facts = p.request_stage(2, replied_at_stage_one(), on=date(2024, 6, 3), timescales=CORPORATE)
    assert facts.state is CaseState.STAGE_2_REQUESTED


def test_it_refuses_to_accept_a_late_request_with_no_decision_on_discretion() -> None:
    imported = replace(stage_two_requested(), stage_2_requested=date(2024, 3, 1))
    with pytest.raises(ProcedureError, match="out of time: it can be accepted only once"):
        p.accept_stage(2, imported, on=date(2024, 3, 1))


def test_it_refuses_to_accept_stage_two_before_the_request() -> None:
    with pytest.raises(ProcedureError, match="Accepting Stage 2 cannot be dated 31 January 2024"):
        p.accept_stage(2, stage_two_requested(), on=date(2024, 1, 31))


def test_it_refuses_to_accept_stage_two_that_was_not_requested() -> None:
    with pytest.raises(
        ProcedureError, match="Cannot accept the Stage 2 request: the case is closed"
    ):
        p.accept_stage(2, replied_at_stage_one(), on=date(2024, 2, 2))


@pytest.mark.parametrize("unlawful", ["Stage 1 was enough", "nothing more to add"])
def test_it_refuses_to_decline_stage_two_for_an_unlawful_reason(unlawful: str) -> None:
    with pytest.raises(ProcedureError) as caught:
        p.decline_stage(
            2, stage_two_requested(), on=date(2024, 2, 2), reason=unlawful, explanation="x"
        )
    assert str(caught.value) == (
        f"{unlawful!r} is not a lawful reason to decline Stage 2. The lawful reasons are: not "
        "eligible; out of scope; out of time after discretion was considered; legal "
        "proceedings; withdrawn. The Ombudsman treats declining for any other reason as fault."
    )


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("not eligible", DeclineReason.NOT_ELIGIBLE),
        ("out_of_scope", DeclineReason.OUT_OF_SCOPE),
        ("Legal proceedings", DeclineReason.LEGAL_PROCEEDINGS),
        ("withdrawn", DeclineReason.WITHDRAWN),
        (DeclineReason.NOT_ELIGIBLE, DeclineReason.NOT_ELIGIBLE),
    ],
)
def test_it_declines_stage_two_for_a_lawful_reason(
    given: str | DeclineReason, expected: DeclineReason
) -> None:
    facts = p.decline_stage(
        2, stage_two_requested(), on=date(2024, 2, 2), reason=given, explanation=" Not a parent "
    )
    assert facts.state is CaseState.CLOSED
    assert facts.closed == facts.stage_2_declined == date(2024, 2, 2)
    assert facts.stage_2_decline_reason is expected
    assert facts.stage_2_decline_explanation == "Not a parent"


def test_it_refuses_to_decline_without_saying_why() -> None:
    with pytest.raises(ProcedureError, match="Record why the Stage 2 request is declined"):
        p.decline_stage(
            2, stage_two_requested(), on=date(2024, 2, 2), reason="out_of_scope", explanation=" "
        )


def test_it_refuses_to_decline_a_request_in_time_as_out_of_time() -> None:
    with pytest.raises(ProcedureError, match="within its 20-working-day window, so it cannot"):
        p.decline_stage(
            2, stage_two_requested(), on=date(2024, 2, 2), reason="out_of_time", explanation="x"
        )


def test_it_refuses_to_decline_as_out_of_time_before_discretion_was_considered() -> None:
    imported = replace(stage_two_requested(), stage_2_requested=date(2024, 3, 1))
    with pytest.raises(ProcedureError, match="only after the complaints manager has considered"):
        p.decline_stage(
            2, imported, on=date(2024, 3, 1), reason=DeclineReason.OUT_OF_TIME, explanation="x"
        )


def test_it_refuses_to_decline_as_out_of_time_after_discretion_accepted_the_request() -> None:
    late = date(2024, 2, 19)
    facts = p.request_stage(2, replied_at_stage_one(), on=late, discretion=accepting(late))
    with pytest.raises(
        ProcedureError, match="used discretion on 19 February 2024 to accept the late"
    ):
        p.decline_stage(2, facts, on=late, reason="out_of_time", explanation="x")


def test_it_refuses_to_decline_before_the_request() -> None:
    with pytest.raises(ProcedureError, match="Declining Stage 2 cannot be dated 30 January 2024"):
        p.decline_stage(
            2, stage_two_requested(), on=date(2024, 1, 30), reason="not_eligible", explanation="x"
        )


def test_stage_two_starts_when_the_statement_of_complaint_is_agreed() -> None:
    facts = at_stage_two()
    assert facts.state is CaseState.STAGE_2
    assert facts.stage_2_statement_agreed == date(2024, 2, 9)
    assert facts.stage_2_independent_person == IP


def test_it_refuses_to_start_stage_two_before_the_request_is_accepted() -> None:
    with pytest.raises(
        ProcedureError,
        match=r"^Cannot start the Stage 2 investigation: the case is waiting for a decision on a",
    ):
        p.start_stage_two(stage_two_requested(), statement_agreed=date(2024, 2, 9))


def test_it_refuses_a_statement_of_complaint_dated_before_the_request() -> None:
    with pytest.raises(
        ProcedureError, match="statement of complaint cannot be dated 31 January 2024"
    ):
        p.start_stage_two(stage_two_accepted(), statement_agreed=date(2024, 1, 31))


def test_it_extends_stage_two_while_the_statement_is_agreed_or_after() -> None:
    extension = told(on=date(2024, 2, 5))
    assert p.extend_stage_two(stage_two_accepted(), extension).stage_2_extension == extension
    assert p.extend_stage_two(at_stage_two(), extension).stage_2_extension == extension


def test_it_refuses_to_extend_stage_two_twice_or_after_the_adjudication() -> None:
    once = p.extend_stage_two(at_stage_two(), told(on=date(2024, 2, 12)))
    with pytest.raises(ProcedureError, match="Stage 2 was already extended on 12 February 2024"):
        p.extend_stage_two(once, told(on=date(2024, 2, 13)))
    with pytest.raises(ProcedureError, match="adjudication was sent on 15 March 2024: Stage 2 can"):
        p.extend_stage_two(adjudicated(), told(on=date(2024, 3, 18)))


def test_it_refuses_a_silent_stage_two_extension() -> None:
    with pytest.raises(ProcedureError, match="tell the complainant about the extension of Stage 2"):
        p.extend_stage_two(at_stage_two(), told(on=date(2024, 2, 12), complainant_told=False))


def test_it_refuses_a_stage_two_extension_in_a_procedure_without_one() -> None:
    with pytest.raises(ProcedureError, match="corporate procedure does not allow Stage 2 to be"):
        p.extend_stage_two(at_stage_two(), told(on=date(2024, 2, 12)), timescales=CORPORATE)


def test_it_refuses_an_adjudication_before_the_statement_of_complaint() -> None:
    with pytest.raises(ProcedureError, match="Cannot record the Stage 2 adjudication: the case is"):
        p.adjudicate_stage_two(stage_two_accepted(), on=ADJUDICATED)
    with pytest.raises(
        ProcedureError, match="adjudication cannot be dated 8 February 2024, before"
    ):
        p.adjudicate_stage_two(at_stage_two(), on=date(2024, 2, 8))


def test_it_refuses_a_second_adjudication() -> None:
    with pytest.raises(ProcedureError, match="adjudication was already sent on 15 March 2024"):
        p.adjudicate_stage_two(adjudicated(), on=date(2024, 3, 18))


# -------------------------------------------------------------------------------- Stage 3


def test_it_refuses_stage_three_before_the_adjudication() -> None:
    with pytest.raises(
        ProcedureError,
        match=r"^Stage 3 cannot be requested before the Stage 2 adjudication has been sent\.$",
    ):
        p.request_stage(3, at_stage_two(), on=date(2024, 3, 1))


def test_it_refuses_a_late_stage_three_request_until_discretion_is_recorded() -> None:
    late = date(2024, 4, 17)
    assert not p.request_is_out_of_time(3, adjudicated(), on=WINDOW_3_LAST)
    assert p.request_stage(3, adjudicated(), on=WINDOW_3_LAST).state is (
        CaseState.STAGE_3_REQUESTED
    )
    with pytest.raises(ProcedureError, match="request for Stage 3 on 17 April 2024 is out of time"):
        p.request_stage(3, adjudicated(), on=late)
    facts = p.request_stage(3, adjudicated(), on=late, discretion=accepting(late))
    assert p.accept_stage(3, facts, on=late).state is CaseState.STAGE_3_ACCEPTED


def test_a_closed_stage_two_case_reopens_for_a_stage_three_request() -> None:
    closed = adjudicated()
    reopened = p.request_stage(3, closed, on=date(2024, 3, 20))
    assert reopened.state is CaseState.STAGE_3_REQUESTED
    with pytest.raises(ProcedureError, match="Stage 3 was already requested on 20 March 2024"):
        p.request_stage(3, reopened, on=date(2024, 3, 21))


def test_the_corporate_procedure_has_no_stage_three() -> None:
    with pytest.raises(ProcedureError, match="The corporate procedure has no Stage 3"):
        p.request_stage(3, adjudicated(), on=date(2024, 3, 20), timescales=CORPORATE)


def test_it_refuses_to_decline_stage_three_for_an_unlawful_reason() -> None:
    with pytest.raises(ProcedureError, match="'panel would add nothing' is not a lawful reason"):
        p.decline_stage(
            3,
            stage_three_requested(),
            on=date(2024, 3, 21),
            reason="panel would add nothing",
            explanation="x",
        )
    declined = p.decline_stage(
        3,
        stage_three_requested(),
        on=date(2024, 3, 21),
        reason="legal_proceedings",
        explanation="x",
    )
    assert declined.state is CaseState.CLOSED
    assert declined.stage_3_decline_reason is DeclineReason.LEGAL_PROCEEDINGS


def test_it_refuses_to_accept_a_late_stage_three_request_refused_discretion() -> None:
    late = date(2024, 4, 17)
    facts = p.request_stage(3, adjudicated(), on=late, discretion=accepting(late, accepted=False))
    with pytest.raises(ProcedureError, match="Decline it as out of time after discretion was"):
        p.accept_stage(3, facts, on=late)


def test_it_accepts_a_valid_panel() -> None:
    assert p.panel_problems(PANEL, stage_2_independent_person=IP) == ()
    p.validate_panel(PANEL, stage_2_independent_person=IP)


@pytest.mark.parametrize(
    ("panel", "problem"),
    [
        (PANEL[:2], "a review panel has exactly three members, this one has 2"),
        ((*PANEL, member("d")), "a review panel has exactly three members, this one has 4"),
        ((member("a"), member("b"), member("c")), "one member must be the chair, and none is"),
        (
            (member("a", chair=True), member("b", chair=True), member("c")),
            "only one member can be the chair, and 2 are",
        ),
        (
            (member("a", chair=True), member("b", independent=False), member("c")),
            "Member b is not independent",
        ),
        (
            (member("a", chair=True), member("b", councillor=True), member("c")),
            "Member b is a councillor, so cannot be an independent member",
        ),
        (
            (member("a", chair=True), member("b", staff=True), member("c")),
            "Member b works for the council, so cannot be an independent member",
        ),
        (
            (member("a", chair=True), member(IP), member("c")),
            "Member ip-7 was the Stage 2 independent person, so cannot sit on the panel",
        ),
        (
            (member("a", chair=True), member("b"), member("b")),
            "Member b is listed more than once",
        ),
    ],
)
def test_it_refuses_an_invalid_panel(panel: tuple[PanelMember, ...], problem: str) -> None:
    assert problem in p.panel_problems(panel, stage_2_independent_person=IP)
    with pytest.raises(ProcedureError, match=r"^The review panel cannot sit: ") as caught:
        p.validate_panel(panel, stage_2_independent_person=IP)
    assert problem in str(caught.value)


def test_it_lists_every_problem_with_a_panel_at_once() -> None:
    panel = (member("a"), member("b", councillor=True))
    with pytest.raises(ProcedureError) as caught:
        p.validate_panel(panel)
    assert str(caught.value) == (
        "The review panel cannot sit: a review panel has exactly three members, this one has 2; "
        "one member must be the chair, and none is; Member b is a councillor, so cannot be an "
        "independent member."
    )


def test_it_refuses_to_hold_a_panel_with_the_stage_two_independent_person() -> None:
    panel = (member("a", chair=True), member(IP), member("c"))
    with pytest.raises(ProcedureError, match="was the Stage 2 independent person"):
        p.hold_panel(stage_three_accepted(), on=date(2024, 4, 19), panel=panel)


def test_it_refuses_to_hold_a_panel_before_the_request_is_accepted() -> None:
    with pytest.raises(ProcedureError, match="Cannot record the review panel: the case is waiting"):
        p.hold_panel(stage_three_requested(), on=date(2024, 4, 19), panel=PANEL)
    with pytest.raises(ProcedureError, match="review panel cannot be dated 21 March 2024, before"):
        p.hold_panel(stage_three_accepted(), on=date(2024, 3, 21), panel=PANEL)


def test_it_refuses_a_chairs_report_before_the_panel_or_twice() -> None:
    with pytest.raises(ProcedureError, match="chair's report cannot be dated 18 April 2024"):
        p.send_chair_report(at_stage_three(), on=date(2024, 4, 18))
    reported = p.send_chair_report(at_stage_three(), on=date(2024, 4, 24))
    with pytest.raises(
        ProcedureError, match="chair's report was already recorded on 24 April 2024"
    ):
        p.send_chair_report(reported, on=date(2024, 4, 25))


def test_it_refuses_the_authoritys_response_before_the_chairs_report() -> None:
    with pytest.raises(ProcedureError, match="record the report first"):
        p.respond_stage_three(at_stage_three(), on=date(2024, 5, 1))
    reported = p.send_chair_report(at_stage_three(), on=date(2024, 4, 24))
    with pytest.raises(ProcedureError, match="response cannot be dated 23 April 2024"):
        p.respond_stage_three(reported, on=date(2024, 4, 23))


def test_it_refuses_a_second_authority_response() -> None:
    with pytest.raises(ProcedureError, match="response was already sent on 10 May 2024"):
        p.respond_stage_three(responded_at_stage_three(), on=date(2024, 5, 13))


# ------------------------------------------------------------------------------- closing


@pytest.mark.parametrize(
    ("build", "closed_on"),
    [
        (replied_at_stage_one, REPLIED),
        (adjudicated, ADJUDICATED),
        (responded_at_stage_three, date(2024, 5, 10)),
    ],
)
def test_each_stage_s_reply_closes_the_case_on_the_day_it_is_sent(
    build: object, closed_on: date
) -> None:
    facts = build()  # type: ignore[operator]
    assert facts.state is CaseState.CLOSED
    assert facts.closed == closed_on
    assert not facts.is_open


@pytest.mark.parametrize(
    "build",
    [at_stage_one, stage_two_requested, stage_two_accepted, at_stage_two, at_stage_three],
)
def test_a_case_is_open_until_its_stage_replies(build: object) -> None:
    facts = build()  # type: ignore[operator]
    assert facts.is_open
    assert facts.closed is None


def test_an_administrative_close_without_a_reply_closes_the_case() -> None:
    # Imported history: the case file's closed date, with no reply recorded.
    assert replace(at_stage_one(), closed=date(2024, 1, 12)).state is CaseState.CLOSED
    assert replace(stage_two_accepted(), closed=date(2024, 2, 12)).state is CaseState.CLOSED


# ---------------------------------------------------------------------------- withdrawal


@pytest.mark.parametrize(
    "build",
    [
        new_case,
        at_stage_one,
        stage_two_requested,
        stage_two_accepted,
        at_stage_two,
        stage_three_requested,
        stage_three_accepted,
        at_stage_three,
    ],
)
def test_a_complaint_can_be_withdrawn_from_any_open_state(build: object) -> None:
    facts = build()  # type: ignore[operator]
    withdrawn = p.withdraw(facts, on=date(2024, 5, 20))
    assert withdrawn.state is CaseState.WITHDRAWN
    assert withdrawn.withdrawn == date(2024, 5, 20)


def test_it_refuses_to_withdraw_a_closed_case() -> None:
    closed = replied_at_stage_one()
    with pytest.raises(ProcedureError, match="Cannot withdraw the complaint: the case is closed"):
        p.withdraw(closed, on=date(2024, 1, 22))


def test_it_refuses_to_withdraw_twice_or_before_the_complaint() -> None:
    withdrawn = p.withdraw(at_stage_one(), on=date(2024, 1, 10))
    with pytest.raises(ProcedureError, match="already withdrawn on 10 January 2024"):
        p.withdraw(withdrawn, on=date(2024, 1, 11))
    with pytest.raises(ProcedureError, match="withdrawal cannot be dated 1 January 2024"):
        p.withdraw(at_stage_one(), on=date(2024, 1, 1))


# ------------------------------------------------------------------------------- the LGSCO


@pytest.mark.parametrize("build", [new_case, at_stage_one, at_stage_two, responded_at_stage_three])
def test_a_referral_to_the_ombudsman_is_recorded_without_changing_the_state(build: object) -> None:
    facts = build()  # type: ignore[operator]
    referred = p.refer_to_lgsco(facts, on=date(2024, 6, 1))
    assert referred.state is facts.state
    assert referred.lgsco_referred
    assert referred.lgsco_referrals == (date(2024, 6, 1),)


def test_a_withdrawn_or_closed_case_can_still_go_to_the_ombudsman_more_than_once() -> None:
    withdrawn = p.withdraw(at_stage_one(), on=date(2024, 1, 10))
    twice = p.refer_to_lgsco(p.refer_to_lgsco(withdrawn, on=date(2024, 2, 1)), on=date(2024, 9, 1))
    assert twice.lgsco_referrals == (date(2024, 2, 1), date(2024, 9, 1))
    assert twice.state is CaseState.WITHDRAWN


def test_it_refuses_a_referral_dated_before_the_complaint() -> None:
    with pytest.raises(ProcedureError, match="referral to the Ombudsman cannot be dated"):
        p.refer_to_lgsco(new_case(), on=date(2023, 12, 1))


# ---------------------------------------------------------------------------------- clocks


def test_a_received_contact_has_no_clocks_yet() -> None:
    assert p.clocks_for(new_case()) == {}


def test_the_case_clocks_follow_the_facts_through_all_stages() -> None:
    facts = responded_at_stage_three()
    readings = p.read_clocks(facts, today=date(2024, 6, 1))
    assert set(readings) == {
        ClockName.STAGE_1_REPLY,
        ClockName.STAGE_2_REQUEST,
        ClockName.STAGE_2,
        ClockName.STAGE_2_OMBUDSMAN_VIEW,
        ClockName.STAGE_3_REQUEST,
        ClockName.STAGE_3_PANEL,
        ClockName.STAGE_3_CHAIR_REPORT,
        ClockName.STAGE_3_RESPONSE,
    }
    assert all(
        r.status is ClockStatus.MET
        for r in readings.values()
        if r.name
        not in {
            ClockName.STAGE_2,
            ClockName.STAGE_2_OMBUDSMAN_VIEW,
        }
    )
    # Statement agreed 9 February: 25 working days run to 15 March, the adjudication date.
    assert readings[ClockName.STAGE_2].due == ADJUDICATED
    assert readings[ClockName.STAGE_2].status is ClockStatus.MET
    assert readings[ClockName.STAGE_2_OMBUDSMAN_VIEW].status is ClockStatus.MISSED


def test_a_stage_one_extension_lengthens_the_case_clock() -> None:
    facts = p.extend_stage_one(at_stage_one(), told())
    reading = p.read_clocks(facts, today=date(2024, 1, 29))[ClockName.STAGE_1_REPLY]
    assert reading.due == date(2024, 2, 5)
    assert reading.status is ClockStatus.RUNNING
    overdue = p.read_clocks(at_stage_one(), today=date(2024, 1, 29))[ClockName.STAGE_1_REPLY]
    assert overdue.status is ClockStatus.OVERDUE


def test_withdrawal_stops_the_open_clocks() -> None:
    facts = p.withdraw(at_stage_two(), on=date(2024, 2, 20))
    readings = p.read_clocks(facts, today=date(2024, 3, 1))
    assert readings[ClockName.STAGE_2].status is ClockStatus.STOPPED
    assert readings[ClockName.STAGE_1_REPLY].status is ClockStatus.MET


def test_going_to_stage_two_without_a_reply_stops_the_stage_one_clock() -> None:
    facts = p.request_stage(2, at_stage_one(), on=date(2024, 2, 6))
    reading = p.read_clocks(facts, today=date(2024, 2, 7))[ClockName.STAGE_1_REPLY]
    assert reading.status is ClockStatus.STOPPED
    assert reading.days_left == -11


def test_a_declined_stage_has_no_clock() -> None:
    declined = p.decline_stage(
        2, stage_two_requested(), on=date(2024, 2, 2), reason="not_eligible", explanation="x"
    )
    assert ClockName.STAGE_2 not in p.clocks_for(declined)
    assert ClockName.STAGE_2_REQUEST in p.clocks_for(declined)


def test_clocks_that_start_after_the_reading_date_are_left_out() -> None:
    readings = p.read_clocks(adjudicated(), today=date(2024, 1, 20))
    assert set(readings) == {ClockName.STAGE_1_REPLY, ClockName.STAGE_2_REQUEST}


def test_a_withdrawal_recorded_before_a_clock_started_stops_that_clock_at_its_start() -> None:
    # Imported history: the Stage 1 reply is dated after the withdrawal.
    facts = CaseFacts(
        received=date(2024, 1, 8),
        stage_1_started=date(2024, 1, 8),
        stage_1_replied=date(2024, 1, 15),
        withdrawn=date(2024, 1, 10),
    )

    window = p.clocks_for(facts)[ClockName.STAGE_2_REQUEST]

    assert window.ended == date(2024, 1, 15)
    assert window.read(date(2024, 3, 1)).status is ClockStatus.STOPPED


# --------------------------------------------------------------------- one idea of state


def _steps(facts: CaseFacts, on: date) -> dict[Transition, CaseFacts]:
    """Every transition that succeeds from ``facts`` on ``on``, with the facts it returns."""
    attempts = {
        Transition.START_STAGE_1: lambda: p.start_stage_one(facts, on=on),
        Transition.EXTEND_STAGE_1: lambda: p.extend_stage_one(facts, told(on)),
        Transition.REPLY_STAGE_1: lambda: p.reply_stage_one(facts, on=on),
        Transition.REQUEST_STAGE_2: lambda: p.request_stage(2, facts, on=on),
        Transition.ACCEPT_STAGE_2: lambda: p.accept_stage(2, facts, on=on),
        Transition.DECLINE_STAGE_2: lambda: p.decline_stage(
            2, facts, on=on, reason="out_of_scope", explanation="A court decided it"
        ),
        Transition.START_STAGE_2: lambda: p.start_stage_two(facts, statement_agreed=on),
        Transition.EXTEND_STAGE_2: lambda: p.extend_stage_two(facts, told(on)),
        Transition.ADJUDICATE_STAGE_2: lambda: p.adjudicate_stage_two(facts, on=on),
        Transition.REQUEST_STAGE_3: lambda: p.request_stage(3, facts, on=on),
        Transition.ACCEPT_STAGE_3: lambda: p.accept_stage(3, facts, on=on),
        Transition.DECLINE_STAGE_3: lambda: p.decline_stage(
            3, facts, on=on, reason="legal_proceedings", explanation="Care proceedings"
        ),
        Transition.HOLD_PANEL: lambda: p.hold_panel(facts, on=on, panel=PANEL),
        Transition.SEND_CHAIR_REPORT: lambda: p.send_chair_report(facts, on=on),
        Transition.RESPOND_STAGE_3: lambda: p.respond_stage_three(facts, on=on),
        Transition.WITHDRAW: lambda: p.withdraw(facts, on=on),
        Transition.REFER_TO_LGSCO: lambda: p.refer_to_lgsco(facts, on=on),
    }
    assert set(attempts) == set(Transition)
    done: dict[Transition, CaseFacts] = {}
    for transition, attempt in attempts.items():
        try:
            done[transition] = attempt()
        except ProcedureError:
            continue
    return done


@settings(max_examples=60, deadline=None)
@given(choices=st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12))
def test_every_walk_through_the_procedure_lands_where_the_state_machine_says(
    choices: list[int],
) -> None:
    """Whatever steps are taken, each lands in the state its row of TRANSITIONS names, and
    only steps the state allows ever succeed."""
    facts = new_case()
    on = RECEIVED
    for choice in choices:
        on = on + timedelta(days=3)
        done = _steps(facts, on)
        assert set(done) <= set(p.allowed_transitions(facts.state))
        if not done:
            break
        transition = sorted(done)[choice % len(done)]
        after = done[transition]
        _, target = p.TRANSITIONS[transition]
        assert after.state is (target if target is not None else facts.state)
        facts = after


def test_the_state_is_derived_from_the_facts_alone() -> None:
    assert p.derive_state(new_case()) is CaseState.RECEIVED
    assert p.derive_state(stage_two_accepted()) is CaseState.STAGE_2_ACCEPTED
    assert p.derive_state(replace(at_stage_two(), withdrawn=date(2024, 2, 20))) is (
        CaseState.WITHDRAWN
    )
    # A contact outside the statutory procedure closes with its reply.
    assert p.derive_state(new_case(closed=date(2024, 1, 20))) is CaseState.CLOSED
