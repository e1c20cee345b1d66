"""The steps a case page offers: each step's form, the permission it needs and its title, by
URL slug, and which of them a case offers now.

The statutory procedure's steps come from the core: the transitions its state machine allows
from where the case stands (`allowed_transitions`), each shown as the step that records it,
with the details a stage in that state still needs (its manager, investigators, panel).
"""

from dataclasses import dataclass
from typing import Any

from fairhear.casework import forms
from fairhear.casework.codes import Route
from fairhear.casework.facts import CaseClock, case_facts
from fairhear.casework.models import CASE_STATE_LABELS, Contact, Stage
from fairhear.core.clocks import ClockName, ClockStatus
from fairhear.core.dates import long_date
from fairhear.core.procedure import (
    OPEN_STATES,
    CaseFacts,
    CaseState,
    Transition,
    allowed_transitions,
)

MANAGE = "casework.manage_cases"
RESPOND = "casework.respond_stage_one"
COMPLIMENTS = "casework.view_compliment"


@dataclass(frozen=True)
class Step:
    form: type[forms.CaseStepForm]
    permission: str
    title: str


#: Every step a case page offers, by URL slug.
STEPS: dict[str, Step] = {
    "triage": Step(forms.TriageForm, MANAGE, "Triage the contact"),
    "reply": Step(forms.ResponseForm, MANAGE, "Record the reply"),
    "withdraw": Step(forms.WithdrawForm, MANAGE, "Record a withdrawal or cancellation"),
    "details": Step(forms.ContactDetailsForm, MANAGE, "Change the contact's details"),
    "advocacy": Step(forms.AdvocacyForm, MANAGE, "Record advocacy"),
    "document": Step(forms.AttachmentForm, MANAGE, "Add a document"),
    "stage-1-manager": Step(forms.ManagerForm, MANAGE, "Assign the responsible manager"),
    "stage-1-extension": Step(forms.ExtensionForm, RESPOND, "Extend Stage 1"),
    "stage-1-reply": Step(forms.ReplyForm, RESPOND, "Record the Stage 1 reply"),
    "stage-2-request": Step(forms.RequestForm, MANAGE, "Record a request for Stage 2"),
    "stage-2-decision": Step(forms.DecisionForm, MANAGE, "Decide on the Stage 2 request"),
    "stage-2-investigators": Step(
        forms.InvestigatorsForm, MANAGE, "Appoint the investigating officer and independent person"
    ),
    "stage-2-statement": Step(forms.StatementForm, MANAGE, "Record the statement of complaint"),
    "stage-2-report": Step(
        forms.InvestigationReportForm, MANAGE, "Record the investigation report"
    ),
    "stage-2-extension": Step(forms.StageTwoExtensionForm, MANAGE, "Extend Stage 2"),
    "stage-2-manager": Step(
        forms.StageTwoManagerForm, MANAGE, "Assign the responsible manager for Stage 2"
    ),
    "stage-2-adjudication": Step(forms.AdjudicationForm, MANAGE, "Record the adjudication"),
    "stage-3-request": Step(forms.StageThreeRequestForm, MANAGE, "Record a request for Stage 3"),
    "stage-3-decision": Step(forms.StageThreeDecisionForm, MANAGE, "Decide on the Stage 3 request"),
    "stage-3-panel": Step(forms.PanelForm, MANAGE, "Choose the review panel"),
    "stage-3-manager": Step(
        forms.StageThreeManagerForm, MANAGE, "Assign the responsible manager for Stage 3"
    ),
    "stage-3-panel-held": Step(forms.PanelHeldForm, MANAGE, "Record the review panel meeting"),
    "stage-3-chair-report": Step(forms.ChairReportForm, MANAGE, "Record the chair's report"),
    "stage-3-response": Step(
        forms.AuthorityResponseForm, MANAGE, "Record the authority's response"
    ),
    "ombudsman": Step(forms.OmbudsmanCaseForm, MANAGE, "Record an Ombudsman enquiry"),
    "cost": Step(forms.CostForm, MANAGE, "Add a cost"),
    "action": Step(forms.LearningActionForm, RESPOND, "Add a learning action"),
    "assign": Step(forms.AssignmentForm, MANAGE, "Assign an investigator"),
    "end-appointment": Step(
        forms.EndAppointmentForm, MANAGE, "End someone's appointment to the case"
    ),
    "compliment": Step(forms.ComplimentInsteadForm, MANAGE, "Record as a compliment instead"),
}

#: The step that records each transition of the statutory procedure (withdrawal and the
#: Ombudsman are offered for every case, below).
_TRANSITION_STEPS: dict[Transition, str] = {
    Transition.START_STAGE_1: "triage",
    Transition.EXTEND_STAGE_1: "stage-1-extension",
    Transition.REPLY_STAGE_1: "stage-1-reply",
    Transition.REQUEST_STAGE_2: "stage-2-request",
    Transition.ACCEPT_STAGE_2: "stage-2-decision",
    Transition.DECLINE_STAGE_2: "stage-2-decision",
    Transition.START_STAGE_2: "stage-2-statement",
    Transition.EXTEND_STAGE_2: "stage-2-extension",
    Transition.ADJUDICATE_STAGE_2: "stage-2-adjudication",
    Transition.REQUEST_STAGE_3: "stage-3-request",
    Transition.ACCEPT_STAGE_3: "stage-3-decision",
    Transition.DECLINE_STAGE_3: "stage-3-decision",
    Transition.HOLD_PANEL: "stage-3-panel-held",
    Transition.SEND_CHAIR_REPORT: "stage-3-chair-report",
    Transition.RESPOND_STAGE_3: "stage-3-response",
}

#: What a stage in each state still has to record besides moving on: who manages it, and
#: who investigates or sits on the panel.
_STAGE_DETAILS: dict[CaseState, tuple[str, ...]] = {
    CaseState.STAGE_1: ("stage-1-manager",),
    CaseState.STAGE_2_ACCEPTED: ("stage-2-manager", "stage-2-investigators"),
    CaseState.STAGE_2: ("stage-2-manager", "stage-2-investigators", "stage-2-report"),
    CaseState.STAGE_3_ACCEPTED: ("stage-3-manager", "stage-3-panel"),
    CaseState.STAGE_3: ("stage-3-manager",),
}


def _worth_offering(transition: Transition, facts: CaseFacts) -> bool:
    """A later stage is offered once per case, and from a closed case only after the reply it
    follows: a case closed without its reply has nothing to ask a later stage about. A stage
    is extended once."""
    if transition is Transition.REQUEST_STAGE_2:
        return facts.stage_2_requested is None and (
            facts.state is CaseState.STAGE_1 or facts.stage_1_replied is not None
        )
    if transition is Transition.REQUEST_STAGE_3:
        return facts.stage_3_requested is None and facts.stage_2_adjudicated is not None
    if transition is Transition.EXTEND_STAGE_1:
        return facts.stage_1_extension is None
    if transition is Transition.EXTEND_STAGE_2:
        return facts.stage_2_extension is None
    return transition in _TRANSITION_STEPS


def _detail_done(slug: str, stages: dict[int, Stage]) -> bool:
    """Whether a stage's detail is recorded already: a step done is not offered again (its
    record is changed from the case page's summary, where it is shown)."""
    number = int(slug.split("-")[1])
    stage = stages.get(number)
    if stage is None:
        return False
    if slug.endswith("-manager"):
        return stage.responsible_manager_id is not None
    if slug == "stage-2-investigators":
        appointed = (stage.investigating_officer_id, stage.independent_person_id)
        return None not in appointed
    if slug == "stage-2-report":
        return stage.investigation_report is not None
    if slug == "stage-3-panel":
        return stage.panel_memberships.exists()
    return False


def _statutory_steps(contact: Contact) -> list[str]:
    facts = case_facts(contact)
    stages = {stage.number: stage for stage in contact.stages.all()}
    slugs = [s for s in _STAGE_DETAILS.get(facts.state, ()) if not _detail_done(s, stages)]
    for transition in allowed_transitions(facts.state):
        slug = _TRANSITION_STEPS.get(transition)
        if slug is not None and slug not in slugs and _worth_offering(transition, facts):
            slugs.append(slug)
    return slugs


#: The step the procedure asks for next in each state, in order of preference: the first
#: still offered is the case page's one button; everything else is a link beside it.
_SUGGESTED: dict[CaseState, tuple[str, ...]] = {
    CaseState.STAGE_1: ("stage-1-reply",),
    CaseState.STAGE_2_REQUESTED: ("stage-2-decision",),
    CaseState.STAGE_2_ACCEPTED: ("stage-2-investigators", "stage-2-statement"),
    CaseState.STAGE_2: ("stage-2-report", "stage-2-adjudication"),
    CaseState.STAGE_3_REQUESTED: ("stage-3-decision",),
    CaseState.STAGE_3_ACCEPTED: ("stage-3-panel", "stage-3-panel-held"),
    CaseState.STAGE_3: ("stage-3-panel-held", "stage-3-chair-report", "stage-3-response"),
}


@dataclass(frozen=True)
class StepMenu:
    """The case page's "What to do next": one suggested step (or none, when the procedure
    owes nothing) and the other steps the user may take, each as (slug, title)."""

    suggested: tuple[str, str] | None
    others: list[tuple[str, str]]

    def __bool__(self) -> bool:
        return self.suggested is not None or bool(self.others)


def next_steps(contact: Contact, user: Any) -> StepMenu:
    """The steps offered on the case page that the user may take, the suggested one apart."""
    state = CaseState(contact.state)
    slugs: list[str] = []
    preferred: tuple[str, ...] = ()
    if not contact.route:
        if state is not CaseState.WITHDRAWN:
            slugs.extend(["triage", "compliment"])
            preferred = ("triage",)
    elif contact.route == Route.STATUTORY:
        slugs.extend(_statutory_steps(contact))
        preferred = _SUGGESTED.get(state, ())
    elif contact.responded is None and state is not CaseState.WITHDRAWN:
        slugs.append("reply")
        preferred = ("reply",)
    if state in OPEN_STATES:
        slugs.append("withdraw")
    if contact.route:
        slugs.extend(["ombudsman", "cost", "action"])
    allowed = [slug for slug in slugs if user.has_perm(STEPS[slug].permission)]
    suggested = next((slug for slug in preferred if slug in allowed), None)
    return StepMenu(
        suggested=(suggested, STEPS[suggested].title) if suggested else None,
        others=[(slug, STEPS[slug].title) for slug in allowed if slug != suggested],
    )


#: A closed case whose complainant may still ask for the next stage: its tag and the words
#: after it.
_WINDOWS: dict[ClockName, tuple[str, str]] = {
    ClockName.STAGE_2_REQUEST: ("Replied", "can ask for Stage 2 until {}"),
    ClockName.STAGE_3_REQUEST: ("Adjudicated", "can ask for Stage 3 until {}"),
}


def where_it_stands(contact: Contact, clocks: list[CaseClock]) -> tuple[str, str]:
    """The case's state as its page's tag and any words after it: a new contact awaits
    triage, and a closed case whose complainant can still ask for the next stage says until
    when ("Replied", "can ask for Stage 2 until 8 January 2027"), not "Closed"."""
    state = CaseState(contact.state)
    if state is CaseState.RECEIVED and not contact.route:
        return "Awaiting triage", ""
    if state is CaseState.RECEIVED and contact.route != Route.STATUTORY:
        # As the case lists tag it: handled outside the statutory procedure, not "Received".
        return contact.get_route_display(), ""
    if state is CaseState.CLOSED:
        for clock in clocks:
            window = _WINDOWS.get(clock.reading.name)
            if window and clock.reading.status in (ClockStatus.RUNNING, ClockStatus.DUE_SOON):
                tag, words = window
                return tag, words.format(long_date(clock.reading.due))
        if contact.route != Route.STATUTORY and contact.responded is not None:
            return "Replied", ""
    return CASE_STATE_LABELS[state.value], ""
