"""Statutory clocks: for each step of a procedure, when it is due and how it stands on a date.

A :class:`Clock` has a start event (a date), a limit (a number of working or calendar days)
and, once the step is done, a completion date; or an end date when it stopped without being
done (the case was withdrawn, or closed). Reading a clock on any date gives a
:class:`ClockReading`: the due date, the days used and left, and a :class:`ClockStatus`.

Limits come from a :class:`ProcedureTimescales` (statutory children's defaults in
:data:`CHILDREN_STATUTORY`; the Ombudsman's corporate Complaint Handling Code defaults in
:data:`CORPORATE`), so a council can run its other procedures with the same clocks.
"""

from fairhear.core.clocks.clock import (
    Clock,
    ClockName,
    ClockReading,
    ClockStatus,
)
from fairhear.core.clocks.steps import (
    acknowledgement_clock,
    authority_response_clock,
    chair_report_clock,
    enquiry_reply_clock,
    lgsco_enquiry_clock,
    panel_clock,
    stage_one_reply_clock,
    stage_three_request_window,
    stage_two_clock,
    stage_two_ombudsman_clock,
    stage_two_request_window,
    statement_of_complaint_took_too_long,
    statement_of_complaint_working_days,
)
from fairhear.core.clocks.timescales import (
    CHILDREN_STATUTORY,
    CORPORATE,
    DayKind,
    ProcedureTimescales,
    Stage2ClockStart,
    Timescale,
)

__all__ = [
    "CHILDREN_STATUTORY",
    "CORPORATE",
    "Clock",
    "ClockName",
    "ClockReading",
    "ClockStatus",
    "DayKind",
    "ProcedureTimescales",
    "Stage2ClockStart",
    "Timescale",
    "acknowledgement_clock",
    "authority_response_clock",
    "chair_report_clock",
    "enquiry_reply_clock",
    "lgsco_enquiry_clock",
    "panel_clock",
    "stage_one_reply_clock",
    "stage_three_request_window",
    "stage_two_clock",
    "stage_two_ombudsman_clock",
    "stage_two_request_window",
    "statement_of_complaint_took_too_long",
    "statement_of_complaint_working_days",
]
