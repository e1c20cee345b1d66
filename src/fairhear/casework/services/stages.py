"""The steps of the statutory procedure, Stage 1 to Stage 3, and what they record.

Each step is `taking_step`: the core's transition decides whether it is allowed and where the
case then stands; the step writes the stage's rows and the timeline, and the case read back
must stand where the core said.
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, NotRequired, TypedDict, Unpack

from django.contrib.auth.models import User

from fairhear.casework.codes import (
    DECIDED_OUTCOMES,
    GIVEN_WITH_A_REPLY,
    ActionKind,
    Outcome,
    Route,
    StageDecision,
)
from fairhear.casework.models import (
    Category,
    CategoryOutcome,
    Contact,
    LearningAction,
    Stage,
)
from fairhear.casework.services.actions import add_learning_action
from fairhear.casework.services.base import (
    CaseworkError,
    changing,
    discretion_of,
    record_event,
    stage_of,
    taking_step,
)
from fairhear.core import procedure
from fairhear.core.dates import long_date
from fairhear.core.procedure import (
    CaseFacts,
    DeclineReason,
    Extension,
    later_stage,
)


def record_outcome(
    stage: Stage,
    *,
    outcome: Outcome | str,
    category_outcomes: Mapping[Category, Outcome | str],
    what_was_done: str,
    actions: Sequence[ActionKind | str],
    on: date,
) -> None:
    if outcome not in DECIDED_OUTCOMES:
        raise CaseworkError(
            "Choose the outcome: upheld, partly upheld, not upheld or no finding (record a "
            "withdrawal as a withdrawal)."
        )
    contact = stage.contact
    own = set(contact.categories.values_list("pk", flat=True))
    for category, category_outcome in category_outcomes.items():
        if category.pk not in own:
            raise CaseworkError(f"{category.name} is not one of this complaint's categories.")
        if category_outcome not in DECIDED_OUTCOMES:
            raise CaseworkError(f"Choose an outcome for {category.name}.")
    if len(set(actions)) != len(actions):
        raise CaseworkError("Each thing done can be chosen once.")
    for kind in actions:
        if kind not in GIVEN_WITH_A_REPLY:
            raise CaseworkError(
                f"{ActionKind(kind).label} is still to do: add it as a learning action, with "
                "who owns it and when it is due."
            )
    stage.outcome = outcome
    stage.responded = on
    stage.what_was_done = what_was_done.strip()
    stage.save()
    for category, category_outcome in category_outcomes.items():
        CategoryOutcome.objects.update_or_create(
            stage=stage, category=category, defaults={"outcome": category_outcome}
        )
    for kind in actions:
        # The reply itself gave it: done the day the reply was sent.
        LearningAction.objects.create(
            contact=contact,
            kind=kind,
            description=f"Given in the Stage {stage.number} reply.",
            owner_service_area=contact.service_area,
            completed=on,
        )


def outcome_words(outcome: Outcome | str) -> str:
    return Outcome(outcome).label.lower()


def assign_responsible_manager(
    contact: Contact, *, version: int, manager: User, by: User, stage: int = 1
) -> Contact:
    """Name the manager responsible for a stage: the one who replies at Stage 1, and who sees
    Stage 2 or 3 through. Reminders go to them."""
    if not manager.is_active:
        raise CaseworkError(f"{manager.get_full_name() or manager} cannot sign in any more.")
    with changing(contact, version=version, by=by) as locked:
        row = stage_of(locked, stage)
        if not row.is_open:
            raise CaseworkError(f"Stage {stage} has finished: its manager cannot change.")
        row.responsible_manager = manager
        row.save()
        who = manager.get_full_name() or manager.get_username()
        record_event(
            locked,
            f"fairhear.stage{stage}.manager_assigned",
            f"{who} is the responsible manager for Stage {stage}.",
            by,
        )
    return locked


def _save_extension(stage: Stage, extension: Extension) -> None:
    stage.extended = True
    stage.extension_reason = extension.reason
    stage.extension_date = extension.decided_on
    stage.extension_complainant_told = extension.complainant_told
    stage.extension_complainant_agreed = extension.complainant_agreed
    stage.extension_new_due = extension.new_due
    stage.save()


class ExtensionAsked(TypedDict):
    """An extension as recorded: a reason, and the complainant told (and the new date)."""

    version: int
    on: date
    reason: str
    complainant_told: bool
    by: User
    complainant_agreed: NotRequired[bool]
    new_due: NotRequired[date | None]


def extend_stage(
    contact: Contact,
    *,
    number: int,
    version: int,
    on: date,
    reason: str,
    complainant_told: bool,
    by: User,
    complainant_agreed: bool = False,
    new_due: date | None = None,
) -> Contact:
    """Extend Stage 1 (to 20 working days) or Stage 2 (to 65), once: a reason, and the
    complainant told the new date."""
    extension = Extension(
        decided_on=on,
        reason=reason.strip(),
        complainant_told=complainant_told,
        complainant_agreed=complainant_agreed,
        new_due=new_due,
    )
    extend = procedure.extend_stage_one if number == 1 else procedure.extend_stage_two
    with taking_step(
        contact, version=version, by=by, transition=lambda facts: extend(facts, extension)
    ) as (locked, _):
        _save_extension(stage_of(locked, number), extension)
        record_event(
            locked,
            f"fairhear.stage{number}.extended",
            f"Stage {number} extended: {extension.reason}",
            by,
        )
    return locked


def extend_stage_one(contact: Contact, **asked: Unpack[ExtensionAsked]) -> Contact:
    """Extend Stage 1 to 20 working days."""
    return extend_stage(contact, number=1, **asked)


class Reply(TypedDict):
    """A stage's reply: its date and outcome, each category's outcome, and what was done."""

    version: int
    on: date
    outcome: Outcome | str
    by: User
    category_outcomes: NotRequired[Mapping[Category, Outcome | str] | None]
    what_was_done: NotRequired[str]
    actions: NotRequired[Sequence[ActionKind | str]]
    learning_action: NotRequired[Mapping[str, Any] | None]


#: Each stage's reply: the core's transition, the timeline's action and words.
_REPLIES: dict[int, tuple[Callable[..., CaseFacts], str, str]] = {
    1: (procedure.reply_stage_one, "fairhear.stage1.replied", "Stage 1 reply sent"),
    2: (procedure.adjudicate_stage_two, "fairhear.stage2.adjudicated", "Stage 2 adjudication sent"),
    3: (
        procedure.respond_stage_three,
        "fairhear.stage3.responded",
        "The authority's response sent",
    ),
}


def record_reply(
    contact: Contact,
    *,
    number: int,
    version: int,
    on: date,
    outcome: Outcome | str,
    by: User,
    category_outcomes: Mapping[Category, Outcome | str] | None = None,
    what_was_done: str = "",
    actions: Sequence[ActionKind | str] = (),
    learning_action: Mapping[str, Any] | None = None,
    adjudicating_officer: str = "",
) -> Contact:
    """Record a stage's reply (the Stage 1 reply, the Stage 2 adjudication or the authority's
    response to the panel), its outcome (per category too) and what was done. It closes the
    case."""
    transition, action, sent = _REPLIES[number]
    with taking_step(
        contact, version=version, by=by, transition=lambda facts: transition(facts, on=on)
    ) as (locked, _):
        stage = stage_of(locked, number)
        if adjudicating_officer.strip():
            stage.adjudicating_officer = adjudicating_officer.strip()
        record_outcome(
            stage,
            outcome=outcome,
            category_outcomes=category_outcomes or {},
            what_was_done=what_was_done,
            actions=actions,
            on=on,
        )
        record_event(locked, action, f"{sent} on {long_date(on)}: {outcome_words(outcome)}.", by)
        if learning_action is not None:
            # Agreed in the reply and still to do: an action with its owner and due date.
            add_learning_action(contact=locked, by=by, **learning_action)
    return locked


def reply_stage_one(contact: Contact, **reply: Unpack[Reply]) -> Contact:
    """Record the Stage 1 reply."""
    return record_reply(contact, number=1, **reply)


class Request(TypedDict):
    """A complainant's request for a later stage (a late one with a decision on discretion)."""

    version: int
    on: date
    by: User
    discretion_accepted: NotRequired[bool | None]
    discretion_reason: NotRequired[str]
    discretion_on: NotRequired[date | None]


def record_request(
    contact: Contact,
    *,
    number: int,
    version: int,
    on: date,
    by: User,
    discretion_accepted: bool | None = None,
    discretion_reason: str = "",
    discretion_on: date | None = None,
) -> Contact:
    """Record the complainant's request for Stage 2 or a Stage 3 review panel (a late one with
    the manager's reasoned decision on discretion)."""
    discretion = discretion_of(discretion_accepted, discretion_reason, discretion_on or on)
    if contact.route != Route.STATUTORY:
        raise CaseworkError(f"Only a statutory complaint can go to Stage {number}.")
    with taking_step(
        contact,
        version=version,
        by=by,
        transition=lambda facts: procedure.request_stage(
            later_stage(number), facts, on=on, discretion=discretion
        ),
    ) as (locked, _):
        stage = Stage(contact=locked, number=number, requested=on)
        if discretion is not None:
            stage.request_discretion = discretion.reason
            stage.request_discretion_accepted = discretion.accepted
            stage.request_discretion_date = discretion.decided_on
        stage.save()
        late = " (out of time; discretion recorded)" if discretion is not None else ""
        record_event(
            locked,
            f"fairhear.stage{number}.requested",
            f"Stage {number} requested on {long_date(on)}{late}.",
            by,
        )
    return locked


def request_stage_two(contact: Contact, **request: Unpack[Request]) -> Contact:
    """Record the complainant's request for Stage 2."""
    return record_request(contact, number=2, **request)


def request_stage_three(contact: Contact, **request: Unpack[Request]) -> Contact:
    """Record the complainant's request for a Stage 3 review panel."""
    return record_request(contact, number=3, **request)


def accept_request(contact: Contact, *, number: int, version: int, on: date, by: User) -> Contact:
    """Accept the request for Stage 2 or 3 (a late one only with discretion to accept)."""
    with taking_step(
        contact,
        version=version,
        by=by,
        transition=lambda facts: procedure.accept_stage(later_stage(number), facts, on=on),
    ) as (locked, _):
        stage = stage_of(locked, number)
        stage.decision = StageDecision.ACCEPTED
        stage.decision_date = on
        stage.save()
        record_event(
            locked,
            f"fairhear.stage{number}.accepted",
            f"Stage {number} request accepted on {long_date(on)}.",
            by,
        )
    return locked


def decline_request(
    contact: Contact,
    *,
    number: int,
    version: int,
    on: date,
    reason: DeclineReason | str,
    explanation: str,
    by: User,
) -> Contact:
    """Decline the request for Stage 2 or 3, for a lawful reason only; the case closes and the
    complainant is told they can go to the Ombudsman."""
    with taking_step(
        contact,
        version=version,
        by=by,
        transition=lambda facts: procedure.decline_stage(
            later_stage(number), facts, on=on, reason=reason, explanation=explanation
        ),
    ) as (locked, after):
        lawful = after.stage_2_decline_reason if number == 2 else after.stage_3_decline_reason
        assert lawful is not None
        stage = stage_of(locked, number)
        stage.decision = StageDecision.DECLINED
        stage.decision_date = on
        stage.decline_code = lawful
        stage.decline_reason = explanation.strip()
        stage.save()
        record_event(
            locked,
            f"fairhear.stage{number}.declined",
            f"Stage {number} request declined on {long_date(on)} as {lawful.label}: "
            f"{explanation.strip()}",
            by,
        )
    return locked
