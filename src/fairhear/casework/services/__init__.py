"""Every change to case data, by family: contacts, the stages, the Ombudsman, learning
actions, costs, compliments and the council's lists. Each runs in one transaction, refuses bad
changes with a CaseworkError in plain words, is audited, and adds an event to the case's
timeline.

The procedure's rules are the core's (`fairhear.core.procedure`): a step builds the case's
CaseFacts, asks the core's transition for the new facts, writes them, and checks that the case
read back stands where the core said (`base.taking_step`). A service that changes a contact
takes the `version` the user saw and refuses if someone changed the case since.
"""

from fairhear.casework.services.actions import (
    add_learning_action,
    change_learning_action,
    complete_learning_action,
)
from fairhear.casework.services.base import (
    CaseworkError,
    record_event,
    refresh_status,
    refresh_statuses,
    refresh_statuses_of,
)
from fairhear.casework.services.compliments import (
    ComplimentDetails,
    correct_compliment,
    record_compliment,
    record_contact_as_compliment,
)
from fairhear.casework.services.contacts import (
    CONTACT_DETAILS,
    PERSON_DETAILS,
    add_attachment,
    assign_case,
    change_contact_details,
    correct_person,
    end_appointment,
    log_contact,
    record_advocacy,
    record_person,
    record_response,
    triage_contact,
    withdraw_contact,
)
from fairhear.casework.services.costs import (
    PENNY,
    add_cost,
    correct_cost,
)
from fairhear.casework.services.investigation import (
    adjudicate_stage_two,
    agree_statement_of_complaint,
    appoint_investigators,
    extend_stage_two,
    record_investigation_report,
)
from fairhear.casework.services.lists import (
    add_category,
    add_equality_option,
    offer_category,
    offer_equality_option,
    record_practitioner,
    rename_category,
    rename_equality_option,
)
from fairhear.casework.services.ombudsman import (
    link_ombudsman_case,
    record_ombudsman_case,
    record_ombudsman_compliance,
    record_ombudsman_decision,
    record_ombudsman_reply,
)
from fairhear.casework.services.panel import (
    convene_panel,
    hold_panel,
    record_chair_report,
    respond_stage_three,
)
from fairhear.casework.services.stages import (
    accept_request,
    assign_responsible_manager,
    decline_request,
    extend_stage_one,
    record_request,
    reply_stage_one,
    request_stage_three,
    request_stage_two,
)

__all__ = [
    "CONTACT_DETAILS",
    "PENNY",
    "PERSON_DETAILS",
    "CaseworkError",
    "ComplimentDetails",
    "accept_request",
    "add_attachment",
    "add_category",
    "add_cost",
    "add_equality_option",
    "add_learning_action",
    "adjudicate_stage_two",
    "agree_statement_of_complaint",
    "appoint_investigators",
    "assign_case",
    "assign_responsible_manager",
    "change_contact_details",
    "change_learning_action",
    "complete_learning_action",
    "convene_panel",
    "correct_compliment",
    "correct_cost",
    "correct_person",
    "decline_request",
    "end_appointment",
    "extend_stage_one",
    "extend_stage_two",
    "hold_panel",
    "link_ombudsman_case",
    "log_contact",
    "offer_category",
    "offer_equality_option",
    "record_advocacy",
    "record_chair_report",
    "record_compliment",
    "record_contact_as_compliment",
    "record_event",
    "record_investigation_report",
    "record_ombudsman_case",
    "record_ombudsman_compliance",
    "record_ombudsman_decision",
    "record_ombudsman_reply",
    "record_person",
    "record_practitioner",
    "record_request",
    "record_response",
    "refresh_status",
    "refresh_statuses",
    "refresh_statuses_of",
    "rename_category",
    "rename_equality_option",
    "reply_stage_one",
    "request_stage_three",
    "request_stage_two",
    "respond_stage_three",
    "triage_contact",
    "withdraw_contact",
]
