"""The rules of the statutory children's complaints procedure, as a small state machine.

The case is an immutable snapshot, :class:`CaseFacts`, of what has happened; where it stands
(``CaseFacts.state``) is derived from those facts by :func:`derive_state` and never stored in
the snapshot, so a case read back from the database stands where the rules moved it. Each
transition has a pair of pure functions: ``check_can_<transition>(facts, ...)`` raises
:class:`ProcedureError` with a plain-English message when the step is not allowed, and
``<transition>(facts, ...)`` checks and then returns the new snapshot. Nothing is saved here:
the web application persists what the transitions return.

States and transitions (``allowed_transitions`` lists them)::

    received --start_stage_1--> stage_1 (extend_stage_1)
    stage_1 --reply_stage_1--> closed
    stage_1 or closed --request_stage_2--> stage_2_requested
    stage_2_requested --accept_stage_2--> stage_2_accepted --start_stage_2--> stage_2
    stage_2_requested --decline_stage_2--> closed
    stage_2 (extend_stage_2; extend also from stage_2_accepted) --adjudicate_stage_2--> closed
    stage_2 or closed --request_stage_3--> stage_3_requested
    stage_3_requested --accept_stage_3--> stage_3_accepted --hold_panel--> stage_3
    stage_3_requested --decline_stage_3--> closed
    stage_3 (send_chair_report) --respond_stage_3--> closed
    any open state --withdraw--> withdrawn
    any state --refer_to_lgsco--> the same state (a recorded event, never a block)

A stage's reply closes the case, as the case file's ``closed`` date defaults to the reply. A
closed case can still move to the next stage: a complainant has 20 working days to ask for it
(later, with the complaints manager's discretion), and the reply does not take that away. Being
out of time never closes a case by itself.

Stage 2 and Stage 3 are asked for, accepted and declined by the same rules, written once in
:mod:`.requests` and taking the stage's number.
"""

from fairhear.core.procedure.case_clocks import clocks_for, read_clocks
from fairhear.core.procedure.ending import (
    check_can_refer_to_lgsco,
    check_can_withdraw,
    refer_to_lgsco,
    withdraw,
)
from fairhear.core.procedure.facts import (
    CaseFacts,
    Discretion,
    Extension,
    PanelMember,
    derive_state,
)
from fairhear.core.procedure.requests import (
    LaterStage,
    accept_stage,
    check_can_accept_stage,
    check_can_decline_stage,
    check_can_request_stage,
    decline_stage,
    later_stage,
    request_is_out_of_time,
    request_stage,
)
from fairhear.core.procedure.stage_one import (
    check_can_extend_stage_one,
    check_can_reply_stage_one,
    check_can_start_stage_one,
    complaint_is_late,
    extend_stage_one,
    reply_stage_one,
    stage_one_entitles_stage_two,
    stage_one_extended_due,
    start_stage_one,
)
from fairhear.core.procedure.stage_three import (
    check_can_hold_panel,
    check_can_respond_stage_three,
    check_can_send_chair_report,
    hold_panel,
    panel_problems,
    respond_stage_three,
    send_chair_report,
    validate_panel,
)
from fairhear.core.procedure.stage_two import (
    adjudicate_stage_two,
    check_can_adjudicate_stage_two,
    check_can_extend_stage_two,
    check_can_start_stage_two,
    extend_stage_two,
    stage_two_extended_due,
    start_stage_two,
)
from fairhear.core.procedure.states import (
    OPEN_STATES,
    TRANSITIONS,
    CaseState,
    DeclineReason,
    ProcedureError,
    Transition,
    allowed_transitions,
)

__all__ = [
    "OPEN_STATES",
    "TRANSITIONS",
    "CaseFacts",
    "CaseState",
    "DeclineReason",
    "Discretion",
    "Extension",
    "LaterStage",
    "PanelMember",
    "ProcedureError",
    "Transition",
    "accept_stage",
    "adjudicate_stage_two",
    "allowed_transitions",
    "check_can_accept_stage",
    "check_can_adjudicate_stage_two",
    "check_can_decline_stage",
    "check_can_extend_stage_one",
    "check_can_extend_stage_two",
    "check_can_hold_panel",
    "check_can_refer_to_lgsco",
    "check_can_reply_stage_one",
    "check_can_request_stage",
    "check_can_respond_stage_three",
    "check_can_send_chair_report",
    "check_can_start_stage_one",
    "check_can_start_stage_two",
    "check_can_withdraw",
    "clocks_for",
    "complaint_is_late",
    "decline_stage",
    "derive_state",
    "extend_stage_one",
    "extend_stage_two",
    "hold_panel",
    "later_stage",
    "panel_problems",
    "read_clocks",
    "refer_to_lgsco",
    "reply_stage_one",
    "request_is_out_of_time",
    "request_stage",
    "respond_stage_three",
    "send_chair_report",
    "stage_one_entitles_stage_two",
    "stage_one_extended_due",
    "stage_two_extended_due",
    "start_stage_one",
    "start_stage_two",
    "validate_panel",
    "withdraw",
]
