"""The bridge to the pure core: a contact's rows as the core's CaseFacts, and its clocks.

The procedure's rules (what may happen next, and why not) live in `fairhear.core.procedure`;
this module only translates the database's words into the core's.
"""

from dataclasses import dataclass, replace
from datetime import date

from django.conf import settings

from fairhear.casework.codes import Route, StageDecision
from fairhear.casework.models import Contact, OmbudsmanCase, Stage
from fairhear.core.clocks import (
    CHILDREN_STATUTORY,
    CORPORATE,
    Clock,
    ClockName,
    ClockReading,
    ProcedureTimescales,
    Stage2ClockStart,
    enquiry_reply_clock,
    lgsco_enquiry_clock,
    stage_one_reply_clock,
)
from fairhear.core.procedure import (
    OPEN_STATES,
    CaseFacts,
    DeclineReason,
    Discretion,
    Extension,
    PanelMember,
    clocks_for,
    stage_one_extended_due,
    stage_two_extended_due,
)

#: Clocks that time the complainant (their windows to ask) or show another view of a clock:
#: never a step the council owes.
_NOT_OWED = frozenset(
    {ClockName.STAGE_2_REQUEST, ClockName.STAGE_3_REQUEST, ClockName.STAGE_2_OMBUDSMAN_VIEW}
)

#: What each clock the council owes is called on the case pages and in reminders.
STEP_LABELS: dict[str, str] = {
    ClockName.STAGE_1_REPLY: "Stage 1 reply",
    ClockName.STAGE_2_REQUEST: "Window to ask for Stage 2",
    ClockName.STAGE_2: "Stage 2 adjudication",
    ClockName.STAGE_2_OMBUDSMAN_VIEW: "Stage 2 (the Ombudsman's view, from the request)",
    ClockName.STAGE_3_REQUEST: "Window to ask for Stage 3",
    ClockName.STAGE_3_PANEL: "Review panel",
    ClockName.STAGE_3_CHAIR_REPORT: "Panel chair's report",
    ClockName.STAGE_3_RESPONSE: "Authority's response to the panel",
    ClockName.LGSCO_ENQUIRY: "Reply to the Ombudsman",
    ClockName.ENQUIRY_REPLY: "Reply to the enquiry",
}

#: Councillors' and MPs' enquiries: answered within the council's own limit, not a statute's.
_ENQUIRY_ROUTES = frozenset({Route.MEMBER_ENQUIRY, Route.MP_ENQUIRY})


def step_label(step: str, route: str) -> str:
    """What a clock times, in words: a corporate complaint's reply is its own procedure's,
    not the statutory Stage 1's, though the same clock times it."""
    if route == Route.CORPORATE and step == ClockName.STAGE_1_REPLY:
        return "Reply under the corporate procedure"
    return STEP_LABELS.get(step, "The next step")


def _stages(contact: Contact) -> dict[int, Stage]:
    return {stage.number: stage for stage in contact.stages.all()}


def _extension(stage: Stage, fallback: date) -> Extension | None:
    if not stage.extended:
        return None
    return Extension(
        decided_on=stage.extension_date or fallback,
        reason=stage.extension_reason,
        complainant_told=bool(stage.extension_complainant_told),
        complainant_agreed=bool(stage.extension_complainant_agreed),
        new_due=stage.extension_new_due,
    )


def _request_discretion(stage: Stage) -> Discretion | None:
    if stage.request_discretion_accepted is None or stage.request_discretion_date is None:
        return None
    return Discretion(
        decided_on=stage.request_discretion_date,
        reason=stage.request_discretion,
        accepted=stage.request_discretion_accepted,
    )


def _closed(contact: Contact, stages: dict[int, Stage]) -> date | None:
    """The day the case closed: the latest stage's close (its reply, a declined request, or an
    administrative close date), or the reply to a contact outside the statutory procedure."""
    if contact.route != Route.STATUTORY:
        return contact.responded
    if not stages:
        return None
    latest = stages[max(stages)]
    if latest.decision == StageDecision.DECLINED:
        return latest.closed or latest.decision_date
    return latest.closed_on(contact.withdrawn)


def _decided(stage: Stage | None, decision: StageDecision) -> date | None:
    if stage is None or stage.decision != decision:
        return None
    return stage.decision_date


def case_facts(contact: Contact) -> CaseFacts:
    """The contact as the core sees it (prefetch stages, panel memberships and Ombudsman cases
    when reading many). Where the case stands is the core's to say: `CaseFacts.state`."""
    stages = _stages(contact)
    s1, s2, s3 = stages.get(1), stages.get(2), stages.get(3)
    late = None
    if contact.late_discretion_used is not None and contact.late_discretion_decided is not None:
        late = Discretion(
            decided_on=contact.late_discretion_decided,
            reason=contact.late_discretion_reason,
            accepted=contact.late_discretion_used,
        )
    panel: tuple[PanelMember, ...] = ()
    if s3 is not None:
        panel = tuple(
            PanelMember(
                id=str(m.practitioner_id),
                name=m.practitioner.name,
                is_independent=m.practitioner.is_independent,
                is_chair=m.is_chair,
                is_councillor=m.practitioner.is_councillor,
                is_staff=m.practitioner.is_staff,
            )
            for m in s3.panel_memberships.all()
        )
    return CaseFacts(
        received=contact.received,
        matter_date=contact.matter_date,
        late_complaint_discretion=late,
        stage_1_started=(s1.started or contact.received) if s1 else None,
        stage_1_extension=_extension(s1, contact.received) if s1 else None,
        stage_1_replied=s1.responded if s1 else None,
        stage_2_requested=s2.requested if s2 else None,
        stage_2_request_discretion=_request_discretion(s2) if s2 else None,
        stage_2_accepted=_decided(s2, StageDecision.ACCEPTED),
        stage_2_declined=_decided(s2, StageDecision.DECLINED),
        stage_2_decline_reason=DeclineReason(s2.decline_code) if s2 and s2.decline_code else None,
        stage_2_decline_explanation=s2.decline_reason if s2 else "",
        stage_2_statement_agreed=s2.started if s2 else None,
        stage_2_independent_person=(
            str(s2.independent_person_id) if s2 and s2.independent_person_id else None
        ),
        stage_2_extension=_extension(s2, s2.requested or contact.received) if s2 else None,
        stage_2_adjudicated=s2.responded if s2 else None,
        stage_3_requested=s3.requested if s3 else None,
        stage_3_request_discretion=_request_discretion(s3) if s3 else None,
        stage_3_accepted=_decided(s3, StageDecision.ACCEPTED),
        stage_3_declined=_decided(s3, StageDecision.DECLINED),
        stage_3_decline_reason=DeclineReason(s3.decline_code) if s3 and s3.decline_code else None,
        stage_3_decline_explanation=s3.decline_reason if s3 else "",
        stage_3_panel=panel,
        stage_3_panel_held=s3.panel_held if s3 else None,
        stage_3_chair_report=s3.panel_report if s3 else None,
        stage_3_responded=s3.responded if s3 else None,
        closed=_closed(contact, stages),
        withdrawn=contact.withdrawn,
        lgsco_referrals=tuple(
            sorted(case.received for case in contact.ombudsman_cases.all() if case.received)
        ),
    )


def ombudsman_clock(case: OmbudsmanCase) -> Clock | None:
    """The council's reply to the Ombudsman's enquiry (none when the arrival is not known)."""
    if case.received is None:
        return None
    return lgsco_enquiry_clock(
        case.received, due=case.enquiry_due, replied=case.council_replied, ended=case.decided
    )


def statutory_timescales() -> ProcedureTimescales:
    """The statutory procedure's timescales with the council's choice of Stage 2 clock start."""
    start = Stage2ClockStart(settings.FAIRHEAR_STAGE_2_CLOCK_START)
    return replace(CHILDREN_STATUTORY, stage_2_clock_start=start)


def _procedure_clocks(contact: Contact, facts: CaseFacts) -> dict[ClockName, Clock]:
    if contact.route == Route.STATUTORY:
        return clocks_for(facts, timescales=statutory_timescales())
    if contact.route == Route.CORPORATE:
        # The council's other procedure runs on its own timescales (CORPORATE in the core).
        return {
            ClockName.STAGE_1_REPLY: stage_one_reply_clock(
                contact.received,
                replied=contact.responded,
                ended=contact.withdrawn,
                timescales=CORPORATE,
            )
        }
    if contact.route in _ENQUIRY_ROUTES:
        # The limit the reports judge enquiries in time by, so both tell the same story.
        return {
            ClockName.ENQUIRY_REPLY: enquiry_reply_clock(
                contact.received,
                days=settings.FAIRHEAR_ENQUIRY_REPLY_DAYS,
                replied=contact.responded,
                ended=contact.withdrawn,
            )
        }
    return {}


@dataclass(frozen=True)
class CaseClock:
    """A clock of a case read on a day, with what it times in words."""

    label: str
    reading: ClockReading
    owed: bool


def case_clocks(contact: Contact, *, today: date) -> list[CaseClock]:
    """Every clock of the contact as it stands on `today`: the procedure's, then the Ombudsman's."""
    facts = case_facts(contact)
    found: list[CaseClock] = []
    for name, clock in _procedure_clocks(contact, facts).items():
        if clock.started <= today:
            label = step_label(name, contact.route)
            found.append(CaseClock(label, clock.read(today), name not in _NOT_OWED))
    for case in contact.ombudsman_cases.all():
        lgsco = ombudsman_clock(case)
        if lgsco is not None and lgsco.started <= today:
            label = f"{STEP_LABELS[ClockName.LGSCO_ENQUIRY]} ({case.lgsco_reference})"
            found.append(CaseClock(label, lgsco.read(today), True))
    return found


def next_owed(contact: Contact, facts: CaseFacts) -> tuple[str, date | None]:
    """The procedure step the council owes next and its due date ("" and None when none).

    A closed or withdrawn case owes nothing, even when a stage was closed without its reply
    (imported history holds such cases).
    """
    if facts.state not in OPEN_STATES:
        return "", None
    owed = [
        (clock.due, name)
        for name, clock in _procedure_clocks(contact, facts).items()
        if name not in _NOT_OWED and clock.completed is None and clock.ended is None
    ]
    if not owed:
        return "", None
    due, name = min(owed)
    return str(name), due


def extension_limit(contact: Contact, number: int) -> date | None:
    """The latest day an extended Stage 1 or Stage 2 reply is in time, by the core's clock on
    the council's timescales (None when the stage cannot be extended)."""
    latest = stage_one_extended_due if number == 1 else stage_two_extended_due
    return latest(case_facts(contact), timescales=statutory_timescales())
