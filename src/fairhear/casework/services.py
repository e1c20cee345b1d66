"""Every change to case data. Each runs in one transaction, refuses bad changes with a
CaseworkError in plain words, is audited, and adds an event to the case's timeline.

The procedure's rules are the core's (`fairhear.core.procedure`): a service builds the case's
CaseFacts, asks the core's `check_can_*`, and only then writes. A service that changes a
contact takes the `version` the user saw and refuses if someone changed the case since.
"""

import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date, timedelta
from decimal import Decimal
from typing import TypedDict, Unpack

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone

from fairhear.audit import acting_as
from fairhear.casework.codes import (
    DECIDED_OUTCOMES,
    ActionKind,
    AgeBand,
    Channel,
    ChildStatus,
    ComplainantRole,
    ComplimentSource,
    CostKind,
    LgscoDecision,
    LgscoRemedy,
    Outcome,
    Route,
    StageDecision,
)
from fairhear.casework.facts import case_facts, next_owed
from fairhear.casework.models import (
    Attachment,
    CaseAssignment,
    CaseEvent,
    Category,
    CategoryOutcome,
    Compliment,
    Contact,
    ContactCategory,
    Cost,
    LearningAction,
    OmbudsmanCase,
    PanelMembership,
    Person,
    Practitioner,
    Stage,
    phone_digits,
)
from fairhear.casework.references import next_reference
from fairhear.core import procedure
from fairhear.core.clocks import (
    CHILDREN_STATUTORY,
    statement_of_complaint_took_too_long,
)
from fairhear.core.dates import long_date
from fairhear.core.procedure import (
    CaseFacts,
    CaseState,
    DeclineReason,
    Discretion,
    Extension,
    ProcedureError,
)
from fairhear.organisation.models import ServiceArea, Team


class CaseworkError(Exception):
    """A change to a case that cannot be made, with the reason in plain words."""


def record_event(contact: Contact, action: str, description: str, by: User | None) -> CaseEvent:
    """Add a line to the contact's timeline. `action` is a dotted code: fairhear.<thing>.<verb>."""
    return CaseEvent.objects.create(contact=contact, action=action, description=description, by=by)


def log_contact(
    *,
    received: date,
    channel: Channel | str,
    by: User | None,
    summary: str = "",
    desired_outcome: str = "",
    complainant: Person | None = None,
    complainant_role: ComplainantRole | str = "",
    relationship: str = "",
    child_name: str = "",
    advocate: bool | None = None,
    advocacy_requested: bool | None = None,
    advocacy_provider: str = "",
    call_back_requested: bool = False,
    child_status: ChildStatus | str = "",
    service_area: ServiceArea | None = None,
    team: Team | None = None,
    categories: Sequence[Category] = (),
    age_band: AgeBand | str = "",
    gender: str = "",
    ethnicity: str = "",
    disability: bool | None = None,
    today: date | None = None,
) -> Contact:
    """Log a contact from any channel. It waits for triage to decide its route.

    The equality monitoring answers (age band of the child, gender, ethnicity, disability)
    are optional: empty means not known. A request for an advocate or a call back goes on the
    timeline too, where the team will see it.

    `by` is the member of staff who logged it, or None for a public online form.
    """
    today = today or date.today()
    if received > today:
        raise CaseworkError(
            f"The date received cannot be in the future: {long_date(received)} is after today."
        )
    _check_service_and_categories(service_area, team, categories)
    with transaction.atomic(), _actor(by):
        contact = Contact.objects.create(
            reference=next_reference(received),
            received=received,
            channel=channel,
            summary=summary,
            desired_outcome=desired_outcome.strip(),
            complainant=complainant,
            complainant_role=complainant_role,
            relationship=relationship.strip(),
            child_name=child_name.strip(),
            advocate=advocate,
            advocacy_requested=advocacy_requested,
            advocacy_provider=advocacy_provider.strip(),
            call_back_requested=call_back_requested,
            child_status=child_status,
            service_area=service_area or (team.service_area if team else None),
            team=team,
            age_band=age_band,
            gender=gender.strip(),
            ethnicity=ethnicity.strip(),
            disability=disability,
        )
        ContactCategory.objects.bulk_create(
            ContactCategory(contact=contact, category=category, position=position)
            for position, category in enumerate(categories)
        )
        how = Channel(channel).label.lower() if channel else "an unrecorded channel"
        record_event(contact, "fairhear.contact.logged", f"Contact received by {how}.", by)
        if advocacy_requested:
            record_event(
                contact, "fairhear.contact.advocate_requested", "Asked for an advocate.", by
            )
        if call_back_requested:
            record_event(
                contact, "fairhear.contact.call_back_requested", "Asked us to phone them.", by
            )
    return contact


def _check_service_and_categories(
    service_area: ServiceArea | None, team: Team | None, categories: Sequence[Category]
) -> None:
    if team is not None and service_area is not None and team.service_area_id != service_area.pk:
        raise CaseworkError(f"{team.name} is not a team in {service_area.name}.")
    if len(set(categories)) != len(categories):
        raise CaseworkError("Each category can be chosen once.")


#: The details of a contact staff can correct after logging it, with their names in words.
CONTACT_DETAILS: dict[str, str] = {
    "complainant_role": "who is complaining",
    "relationship": "relationship to the child",
    "child_name": "the child's name",
    "child_status": "the child's situation",
    "service_area": "service area",
    "team": "team",
    "summary": "summary",
    "desired_outcome": "what they would like to happen",
    "age_band": "age",
    "gender": "gender",
    "ethnicity": "ethnicity",
    "disability": "disability",
}


def change_contact_details(
    contact: Contact,
    *,
    version: int,
    by: User,
    service_area: ServiceArea | None,
    team: Team | None,
    categories: Sequence[Category],
    **details: str | bool | None,
) -> Contact:
    """Correct or complete what a contact is about and who it concerns: the service area
    and team (which decide which service manager sees it), the categories in order of fit,
    and the rest of what `CONTACT_DETAILS` names. The timeline says which changed."""
    unknown = set(details) - set(CONTACT_DETAILS)
    if unknown:
        raise TypeError(f"Not a contact detail: {', '.join(sorted(unknown))}")
    if team is not None and service_area is None:
        service_area = team.service_area
    _check_service_and_categories(service_area, team, categories)
    wanted: dict[str, object] = {
        field: value.strip() if isinstance(value, str) else value
        for field, value in details.items()
    }
    wanted.update(service_area=service_area, team=team)
    with _changing(contact, version=version, by=by) as locked:
        changed = [
            words
            for field, words in CONTACT_DETAILS.items()
            if field in wanted and getattr(locked, field) != wanted[field]
        ]
        for field, value in wanted.items():
            setattr(locked, field, value)
        links = locked.category_links.order_by("position")
        if list(links.values_list("category", flat=True)) != [c.pk for c in categories]:
            for link in links:
                link.delete()  # one by one, so each goes into the audit log
            for position, category in enumerate(categories):
                ContactCategory.objects.create(contact=locked, category=category, position=position)
            changed.append("categories")
        if not changed:
            raise CaseworkError("Nothing was changed.")
        listed = ", ".join(changed[:-1]) + (" and " if len(changed) > 1 else "") + changed[-1]
        record_event(locked, "fairhear.contact.details_changed", f"Changed {listed}.", by)
    return locked


def _actor(by: User | None) -> AbstractContextManager[None]:
    # A public submission has no member of staff behind it.
    return acting_as(by) if by is not None else nullcontext()


# ------------------------------------------------------------------------------- plumbing


@contextmanager
def _rules() -> Iterator[None]:
    """The core's refusal, as the casework's."""
    try:
        yield
    except ProcedureError as error:
        raise CaseworkError(str(error)) from error


def refresh_status(contact: Contact) -> None:
    """Recompute where the case stands and the next step owed (not saved). Imports that write
    contacts directly call this (or `refresh_statuses`) so lists and reminders see them."""
    facts = case_facts(contact)
    contact.state = facts.state
    contact.next_step, contact.next_due = next_owed(contact, facts)


def refresh_statuses_of(contact_ids: Iterable[int], *, batch_size: int = 2000) -> int:
    """Recompute the status of contacts written in bulk (imports, the demo), in batches.

    The status fields are a cache of what the stages say, so they are written outside the
    audit log, with one prepared UPDATE run for many rows (Django's bulk_update builds a
    CASE expression per row, which is far slower). Returns how many changed.
    """
    ids = sorted(set(contact_ids))
    table = connection.ops.quote_name(Contact._meta.db_table)
    update = f"UPDATE {table} SET state = %s, next_step = %s, next_due = %s WHERE id = %s"
    changed = 0
    for start in range(0, len(ids), batch_size):
        batch = Contact.objects.filter(pk__in=ids[start : start + batch_size]).prefetch_related(
            "stages__panel_memberships__practitioner", "ombudsman_cases"
        )
        rows = []
        for contact in batch:
            before = (contact.state, contact.next_step, contact.next_due)
            refresh_status(contact)
            if (contact.state, contact.next_step, contact.next_due) != before:
                rows.append((contact.state, contact.next_step, contact.next_due, contact.pk))
        with connection.cursor() as cursor:
            cursor.executemany(update, rows)
        changed += len(rows)
    return changed


def refresh_statuses(contacts: Iterable[Contact]) -> int:
    """Recompute and save the status of many contacts; returns how many changed."""
    changed = 0
    for contact in contacts:
        before = (contact.state, contact.next_step, contact.next_due)
        refresh_status(contact)
        if (contact.state, contact.next_step, contact.next_due) != before:
            contact.save(update_fields=["state", "next_step", "next_due"])
            changed += 1
    return changed


@contextmanager
def _changing(contact: Contact, *, version: int, by: User) -> Iterator[Contact]:
    """Lock the contact, refuse a stale edit, and let the caller change it, in one transaction.

    The caller records its own event; the status and version are saved on the way out.
    """
    with transaction.atomic(), acting_as(by):
        locked = Contact.objects.select_for_update().get(pk=contact.pk)
        if locked.version != version:
            last = locked.events.select_related("by").order_by("-at", "-pk").first()
            what = "its details were changed"
            if last is not None:
                who = last.by.get_full_name() or last.by.get_username() if last.by else "someone"
                when = timezone.localtime(last.at)
                what = f"{last.description} ({who}, {long_date(when.date())} {when:%H:%M})"
            raise CaseworkError(
                f"Someone else changed this case while you were editing it: {what}. "
                "Check the case and make your change again."
            )
        yield locked
        refresh_status(locked)
        locked.version += 1
        locked.save()


def _stage(contact: Contact, number: int) -> Stage:
    try:
        return contact.stages.get(number=number)
    except Stage.DoesNotExist:
        raise CaseworkError(f"The case has no Stage {number}.") from None


def _require_text(value: str, message: str) -> str:
    if not value.strip():
        raise CaseworkError(message)
    return value.strip()


def _discretion(accepted: bool | None, reason: str, on: date | None) -> Discretion | None:
    if accepted is None:
        return None
    if on is None:
        raise CaseworkError("Enter the date of the decision on discretion.")
    return Discretion(decided_on=on, reason=reason.strip(), accepted=accepted)


def _record_outcome(
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
    stage.outcome = outcome
    stage.responded = on
    stage.what_was_done = what_was_done.strip()
    stage.save()
    for category, category_outcome in category_outcomes.items():
        CategoryOutcome.objects.update_or_create(
            stage=stage, category=category, defaults={"outcome": category_outcome}
        )
    for kind in actions:
        # The reply itself gave an apology, an explanation or information; anything else is a
        # learning action still to do, whose owner and due date are set on the action.
        done = kind in (ActionKind.APOLOGY, ActionKind.EXPLANATION, ActionKind.INFORMATION)
        LearningAction.objects.create(
            contact=contact,
            kind=kind,
            description=f"Recorded with the Stage {stage.number} reply.",
            owner_service_area=contact.service_area,
            completed=on if done else None,
        )


def _outcome_words(outcome: Outcome | str) -> str:
    return Outcome(outcome).label.lower()


# ------------------------------------------------------------------- the council's lists


def _category_name(name: str, *, other_than: Category | None = None) -> str:
    name = _require_text(name, "Enter the category's name.")
    if len(name) > 200:
        raise CaseworkError("The category's name must be 200 characters or fewer.")
    taken = Category.objects.filter(name__iexact=name)
    if other_than is not None:
        taken = taken.exclude(pk=other_than.pk)
    if taken.exists():
        raise CaseworkError(f"There is already a category called {name}.")
    return name


def add_category(*, name: str, by: User) -> Category:
    """A new category the council's contacts can be put in."""
    with transaction.atomic(), acting_as(by):
        return Category.objects.create(name=_category_name(name))


def rename_category(category: Category, *, name: str, by: User) -> Category:
    """Correct a category's name; contacts already in it show the new name."""
    with transaction.atomic(), acting_as(by):
        category = Category.objects.select_for_update().get(pk=category.pk)
        category.name = _category_name(name, other_than=category)
        category.save()
    return category


def offer_category(category: Category, *, offered: bool, by: User) -> Category:
    """Offer a category for new contacts, or stop offering it. A category is never deleted:
    past contacts and reports keep it."""
    with transaction.atomic(), acting_as(by):
        category = Category.objects.select_for_update().get(pk=category.pk)
        category.active = offered
        category.save()
    return category


def record_practitioner(
    *,
    by: User,
    name: str,
    organisation: str = "",
    email: str = "",
    is_staff: bool = False,
    is_councillor: bool = False,
    user: User | None = None,
    practitioner: Practitioner | None = None,
) -> Practitioner:
    """Add someone who investigates, stands as independent person or sits on a panel, or
    correct their details (`practitioner` given). Appointments already made keep them.

    Their Fairhear sign-in (`user`), when given, lets them open the cases they are appointed
    to; one sign-in belongs to one person's record."""
    name = _require_text(name, "Enter the person's name.")
    with transaction.atomic(), acting_as(by):
        if practitioner is None:
            practitioner = Practitioner()
        else:
            practitioner = Practitioner.objects.select_for_update().get(pk=practitioner.pk)
        if user is not None:
            other = Practitioner.objects.filter(user=user).exclude(pk=practitioner.pk).first()
            if other is not None:
                raise CaseworkError(
                    f"The sign-in {user.get_username()} is already {other.name}'s: "
                    "choose another, or remove it from their record first."
                )
        practitioner.user = user
        practitioner.name = name
        practitioner.organisation = organisation.strip()
        practitioner.email = email.strip()
        practitioner.is_staff = is_staff
        practitioner.is_councillor = is_councillor
        practitioner.save()
    return practitioner


# ------------------------------------------------------------------------------ people


def record_person(
    *,
    name: str,
    by: User | None,
    email: str = "",
    phone: str = "",
    address: str = "",
    preferred_contact: str = "",
) -> Person:
    """Record someone new who complains, compliments or enquires (a fresh pseudonymous key).

    `by` is the member of staff, or None for someone who wrote in through a public form.
    """
    name = _require_text(name, "Enter the person's name.")
    with transaction.atomic(), _actor(by):
        return Person.objects.create(
            key=f"P-{secrets.token_hex(6)}",
            name=name,
            email=email.strip(),
            phone=phone_digits(phone),
            address=address.strip(),
            preferred_contact=preferred_contact.strip(),
        )


# ------------------------------------------------------------------------------ triage


def triage_contact(
    contact: Contact,
    *,
    version: int,
    route: Route | str,
    reason: str,
    on: date,
    by: User,
    eligible: bool | None = None,
    eligibility_reason: str = "",
    matter_date: date | None = None,
    late_discretion: bool | None = None,
    late_discretion_reason: str = "",
) -> Contact:
    """Decide how a contact is handled. A statutory complaint needs its eligibility confirmed
    and, when made more than 12 months after the matter, a reasoned decision on discretion;
    it then enters Stage 1."""
    if route not in Route.values:
        raise CaseworkError("Choose how the contact will be handled.")
    reason = _require_text(reason, "Record why this route was chosen.")
    with _changing(contact, version=version, by=by) as locked:
        if locked.withdrawn is not None:
            raise CaseworkError(
                f"The contact was withdrawn on {long_date(locked.withdrawn)}: it cannot be triaged."
            )
        if locked.stages.exists():
            raise CaseworkError(
                "The complaint is already in the statutory procedure: its route cannot change."
            )
        if on < locked.received:
            raise CaseworkError(
                f"Triage cannot be dated {long_date(on)}, before the contact was received on "
                f"{long_date(locked.received)}."
            )
        if matter_date is not None and matter_date > locked.received:
            raise CaseworkError(
                f"The matter complained about cannot be after the contact was received "
                f"({long_date(matter_date)} is after {long_date(locked.received)})."
            )
        locked.route = route
        locked.route_reason = reason
        locked.triaged_on = on
        locked.eligible = eligible
        locked.eligibility_reason = eligibility_reason.strip()
        locked.matter_date = matter_date
        discretion = _discretion(late_discretion, late_discretion_reason, on)
        if route == Route.STATUTORY:
            if eligible is not True:
                raise CaseworkError(
                    "Confirm that the complainant is eligible to make a statutory complaint; "
                    "if they are not, handle it as a corporate complaint."
                )
            facts = procedure.CaseFacts(received=locked.received, matter_date=matter_date)
            with _rules():
                procedure.check_can_start_stage_one(facts, on=on, discretion=discretion)
            Stage.objects.create(contact=locked, number=1)
        if discretion is not None:
            locked.late_discretion_used = discretion.accepted
            locked.late_discretion_decided = discretion.decided_on
            locked.late_discretion_reason = discretion.reason
        label = Route(route).label.lower()
        record_event(locked, "fairhear.contact.triaged", f"Triaged as {label}: {reason}", by)
    return locked


def record_response(contact: Contact, *, version: int, on: date, by: User) -> Contact:
    """The reply to a contact that is not a statutory complaint (an MP's or member's enquiry,
    a representation, a corporate complaint)."""
    with _changing(contact, version=version, by=by) as locked:
        if not locked.route or locked.route == Route.STATUTORY:
            raise CaseworkError(
                "Record the reply of a statutory complaint at its stage; triage a new contact "
                "first."
            )
        if locked.responded is not None:
            raise CaseworkError(f"The reply was already sent on {long_date(locked.responded)}.")
        if locked.withdrawn is not None:
            raise CaseworkError(f"The contact was withdrawn on {long_date(locked.withdrawn)}.")
        if on < locked.received:
            raise CaseworkError(
                f"The reply cannot be dated {long_date(on)}, before the contact was received on "
                f"{long_date(locked.received)}."
            )
        locked.responded = on
        record_event(locked, "fairhear.contact.responded", f"Replied on {long_date(on)}.", by)
    return locked


def withdraw_contact(contact: Contact, *, version: int, on: date, reason: str, by: User) -> Contact:
    """The complainant withdrew, or the contact was cancelled: every running clock stops."""
    reason = _require_text(reason, "Record why the contact was withdrawn or cancelled.")
    with _changing(contact, version=version, by=by) as locked:
        if locked.route == Route.STATUTORY:
            with _rules():
                procedure.check_can_withdraw(case_facts(locked), on=on)
        elif locked.withdrawn is not None:
            raise CaseworkError(
                f"The contact was already withdrawn on {long_date(locked.withdrawn)}."
            )
        elif on < locked.received:
            raise CaseworkError(
                f"The withdrawal cannot be dated {long_date(on)}, before the contact was "
                f"received on {long_date(locked.received)}."
            )
        locked.withdrawn = on
        locked.withdrawn_reason = reason
        for stage in locked.stages.all():
            if stage.is_open:
                stage.outcome = Outcome.WITHDRAWN
                stage.save()
        record_event(
            locked, "fairhear.contact.withdrawn", f"Withdrawn on {long_date(on)}: {reason}", by
        )
    return locked


def record_advocacy(
    contact: Contact,
    *,
    version: int,
    by: User,
    advocate: bool | None,
    requested: bool | None,
    offered: date | None,
    accepted: bool | None,
    provider: str,
    today: date | None = None,
) -> Contact:
    """What the child or young person asked for and was offered in advocacy, and who
    advocates. Recorded as it becomes known, so each call replaces what was there."""
    today = today or date.today()
    if accepted is not None and offered is None:
        raise CaseworkError("Enter the date advocacy was offered before whether it was accepted.")
    if offered is not None and offered > today:
        raise CaseworkError(
            f"The date advocacy was offered cannot be in the future: {long_date(offered)} is "
            "after today."
        )
    with _changing(contact, version=version, by=by) as locked:
        if offered is not None and offered < locked.received:
            raise CaseworkError(
                f"Advocacy cannot have been offered on {long_date(offered)}, before the contact "
                f"was received on {long_date(locked.received)}."
            )
        locked.advocate = advocate
        locked.advocacy_requested = requested
        locked.advocacy_offered = offered
        locked.advocacy_accepted = accepted
        locked.advocacy_provider = provider.strip()
        record_event(locked, "fairhear.contact.advocacy_recorded", locked.advocacy_summary(), by)
    return locked


def add_attachment(
    contact: Contact, *, upload: UploadedFile, content_type: str, description: str, by: User
) -> Attachment:
    """Keep a file with the case (the form has checked its size and type). The file goes to
    storage first; if the row cannot be written, the stored file is removed again."""
    attachment = Attachment(
        contact=contact,
        original_name=(upload.name or "file")[:255],
        content_type=content_type,
        size=upload.size or 0,
        description=description.strip(),
        uploaded_by=by,
    )
    attachment.file.save(upload.name or "file", upload, save=False)
    try:
        with transaction.atomic(), acting_as(by):
            attachment.save()
            record_event(
                contact,
                "fairhear.contact.document_added",
                f"Added the document {attachment.original_name}"
                f"{f' ({attachment.description})' if attachment.description else ''}.",
                by,
            )
    except BaseException:
        attachment.file.delete(save=False)
        raise
    return attachment


def assign_case(contact: Contact, *, user: User, on: date, reason: str, by: User) -> CaseAssignment:
    """Let a member of staff see and work on one case beyond their usual scope."""
    with transaction.atomic(), acting_as(by):
        assignment, created = CaseAssignment.objects.get_or_create(
            contact=contact, user=user, defaults={"assigned": on, "reason": reason.strip()}
        )
        if not created:
            raise CaseworkError(f"{user.get_full_name() or user} is already assigned to this case.")
        who = user.get_full_name() or user.get_username()
        record_event(contact, "fairhear.case.assigned", f"Assigned to {who}.", by)
    return assignment


# ------------------------------------------------------------------------------ Stage 1


def assign_responsible_manager(
    contact: Contact, *, version: int, manager: User, by: User, stage: int = 1
) -> Contact:
    """Name the manager responsible for a stage: the one who replies at Stage 1, and who sees
    Stage 2 or 3 through. Reminders go to them."""
    if not manager.is_active:
        raise CaseworkError(f"{manager.get_full_name() or manager} cannot sign in any more.")
    with _changing(contact, version=version, by=by) as locked:
        row = _stage(locked, stage)
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


def _extension(on: date, reason: str, told: bool, agreed: bool, new_due: date | None) -> Extension:
    return Extension(
        decided_on=on,
        reason=reason.strip(),
        complainant_told=told,
        complainant_agreed=agreed,
        new_due=new_due,
    )


def _save_extension(stage: Stage, extension: Extension) -> None:
    stage.extended = True
    stage.extension_reason = extension.reason
    stage.extension_date = extension.decided_on
    stage.extension_complainant_told = extension.complainant_told
    stage.extension_complainant_agreed = extension.complainant_agreed
    stage.extension_new_due = extension.new_due
    stage.save()


def _extend(
    contact: Contact,
    number: int,
    extension: Extension,
    check: Callable[[CaseFacts, Extension], None],
    version: int,
    by: User,
) -> Contact:
    with _changing(contact, version=version, by=by) as locked:
        with _rules():
            check(case_facts(locked), extension)
        _save_extension(_stage(locked, number), extension)
        record_event(
            locked,
            f"fairhear.stage{number}.extended",
            f"Stage {number} extended: {extension.reason}",
            by,
        )
    return locked


def extend_stage_one(
    contact: Contact,
    *,
    version: int,
    on: date,
    reason: str,
    complainant_told: bool,
    by: User,
    complainant_agreed: bool = False,
    new_due: date | None = None,
) -> Contact:
    """Extend Stage 1 to 20 working days: a reason, and the complainant told the new date."""
    extension = _extension(on, reason, complainant_told, complainant_agreed, new_due)
    return _extend(contact, 1, extension, procedure.check_can_extend_stage_one, version, by)


def reply_stage_one(
    contact: Contact,
    *,
    version: int,
    on: date,
    outcome: Outcome | str,
    by: User,
    category_outcomes: Mapping[Category, Outcome | str] | None = None,
    what_was_done: str = "",
    actions: Sequence[ActionKind | str] = (),
) -> Contact:
    """Record the Stage 1 reply, its outcome (per category too) and what was done."""
    with _changing(contact, version=version, by=by) as locked:
        with _rules():
            procedure.check_can_reply_stage_one(case_facts(locked), on=on)
        _record_outcome(
            _stage(locked, 1),
            outcome=outcome,
            category_outcomes=category_outcomes or {},
            what_was_done=what_was_done,
            actions=actions,
            on=on,
        )
        record_event(
            locked,
            "fairhear.stage1.replied",
            f"Stage 1 reply sent on {long_date(on)}: {_outcome_words(outcome)}.",
            by,
        )
    return locked


# ----------------------------------------------------------------- requests for Stages 2 and 3


def _request(
    contact: Contact,
    *,
    number: int,
    version: int,
    on: date,
    by: User,
    discretion_accepted: bool | None,
    discretion_reason: str,
    discretion_on: date | None,
) -> Contact:
    discretion = _discretion(discretion_accepted, discretion_reason, discretion_on or on)
    with _changing(contact, version=version, by=by) as locked:
        if locked.route != Route.STATUTORY:
            raise CaseworkError(f"Only a statutory complaint can go to Stage {number}.")
        facts = case_facts(locked)
        check = (
            procedure.check_can_request_stage_two
            if number == 2
            else procedure.check_can_request_stage_three
        )
        with _rules():
            check(facts, on=on, discretion=discretion)
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


def request_stage_two(
    contact: Contact,
    *,
    version: int,
    on: date,
    by: User,
    discretion_accepted: bool | None = None,
    discretion_reason: str = "",
    discretion_on: date | None = None,
) -> Contact:
    """Record the complainant's request for Stage 2 (a late one with the manager's reasoned
    decision on discretion)."""
    return _request(
        contact,
        number=2,
        version=version,
        on=on,
        by=by,
        discretion_accepted=discretion_accepted,
        discretion_reason=discretion_reason,
        discretion_on=discretion_on,
    )


def request_stage_three(
    contact: Contact,
    *,
    version: int,
    on: date,
    by: User,
    discretion_accepted: bool | None = None,
    discretion_reason: str = "",
    discretion_on: date | None = None,
) -> Contact:
    """Record the complainant's request for a Stage 3 review panel."""
    return _request(
        contact,
        number=3,
        version=version,
        on=on,
        by=by,
        discretion_accepted=discretion_accepted,
        discretion_reason=discretion_reason,
        discretion_on=discretion_on,
    )


def accept_request(contact: Contact, *, number: int, version: int, on: date, by: User) -> Contact:
    """Accept the request for Stage 2 or 3 (a late one only with discretion to accept)."""
    with _changing(contact, version=version, by=by) as locked:
        check = (
            procedure.check_can_accept_stage_two
            if number == 2
            else procedure.check_can_accept_stage_three
        )
        with _rules():
            check(case_facts(locked), on=on)
        stage = _stage(locked, number)
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
    with _changing(contact, version=version, by=by) as locked:
        check = (
            procedure.check_can_decline_stage_two
            if number == 2
            else procedure.check_can_decline_stage_three
        )
        with _rules():
            check(case_facts(locked), on=on, reason=reason, explanation=explanation)
        lawful = DeclineReason(reason)
        stage = _stage(locked, number)
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


# ------------------------------------------------------------------------------ Stage 2


def appoint_investigators(
    contact: Contact,
    *,
    version: int,
    investigating_officer: Practitioner,
    independent_person: Practitioner,
    by: User,
    adjudicating_officer: str = "",
) -> Contact:
    """Name the Stage 2 investigating officer and independent person (who must not work for
    the council, nor be a councillor)."""
    if investigating_officer.pk == independent_person.pk:
        raise CaseworkError(
            "The investigating officer and the independent person must be two people."
        )
    if not independent_person.is_independent:
        raise CaseworkError(
            f"{independent_person.name} works for the council or is a councillor, so cannot be "
            "the independent person."
        )
    with _changing(contact, version=version, by=by) as locked:
        state = case_facts(locked).state
        if state not in (CaseState.STAGE_2_ACCEPTED, CaseState.STAGE_2):
            raise CaseworkError(
                "The investigators are appointed once Stage 2 is accepted and before the "
                "adjudication."
            )
        stage = _stage(locked, 2)
        stage.investigating_officer = investigating_officer
        stage.independent_person = independent_person
        if adjudicating_officer.strip():
            stage.adjudicating_officer = adjudicating_officer.strip()
        stage.save()
        record_event(
            locked,
            "fairhear.stage2.investigators_appointed",
            f"{investigating_officer.name} is the investigating officer and "
            f"{independent_person.name} the independent person.",
            by,
        )
    return locked


def agree_statement_of_complaint(contact: Contact, *, version: int, on: date, by: User) -> Contact:
    """The statement of complaint was agreed with the complainant: the investigation starts."""
    with _changing(contact, version=version, by=by) as locked:
        facts = case_facts(locked)
        with _rules():
            procedure.check_can_start_stage_two(facts, statement_agreed=on)
        stage = _stage(locked, 2)
        stage.started = on
        stage.save()
        assert stage.requested is not None  # a Stage 2 row always has its request date
        slow = statement_of_complaint_took_too_long(stage.requested, on)
        note = " It took more than 10 working days to agree." if slow else ""
        record_event(
            locked,
            "fairhear.stage2.statement_agreed",
            f"Statement of complaint agreed on {long_date(on)}.{note}",
            by,
        )
    return locked


def record_investigation_report(contact: Contact, *, version: int, on: date, by: User) -> Contact:
    """The investigating officer's report arrived."""
    with _changing(contact, version=version, by=by) as locked:
        facts = case_facts(locked)
        if facts.state is not CaseState.STAGE_2:
            raise CaseworkError(
                "The investigation report follows the agreed statement of complaint, before "
                "the adjudication."
            )
        stage = _stage(locked, 2)
        if stage.investigation_report is not None:
            raise CaseworkError(
                f"The investigation report was already recorded on "
                f"{long_date(stage.investigation_report)}."
            )
        assert facts.stage_2_statement_agreed is not None
        if on < facts.stage_2_statement_agreed:
            raise CaseworkError(
                f"The investigation report cannot be dated {long_date(on)}, before the statement "
                f"of complaint was agreed on {long_date(facts.stage_2_statement_agreed)}."
            )
        stage.investigation_report = on
        stage.save()
        record_event(
            locked,
            "fairhear.stage2.report_received",
            f"Investigation report received on {long_date(on)}.",
            by,
        )
    return locked


def extend_stage_two(
    contact: Contact,
    *,
    version: int,
    on: date,
    reason: str,
    complainant_told: bool,
    by: User,
    complainant_agreed: bool = False,
    new_due: date | None = None,
) -> Contact:
    """Extend Stage 2 to 65 working days: a reason, and the complainant told the new date."""
    extension = _extension(on, reason, complainant_told, complainant_agreed, new_due)
    return _extend(contact, 2, extension, procedure.check_can_extend_stage_two, version, by)


def adjudicate_stage_two(
    contact: Contact,
    *,
    version: int,
    on: date,
    outcome: Outcome | str,
    by: User,
    adjudicating_officer: str = "",
    category_outcomes: Mapping[Category, Outcome | str] | None = None,
    what_was_done: str = "",
    actions: Sequence[ActionKind | str] = (),
) -> Contact:
    """Record the adjudicating officer's decision sent to the complainant."""
    with _changing(contact, version=version, by=by) as locked:
        with _rules():
            procedure.check_can_adjudicate_stage_two(case_facts(locked), on=on)
        stage = _stage(locked, 2)
        if adjudicating_officer.strip():
            stage.adjudicating_officer = adjudicating_officer.strip()
        _record_outcome(
            stage,
            outcome=outcome,
            category_outcomes=category_outcomes or {},
            what_was_done=what_was_done,
            actions=actions,
            on=on,
        )
        record_event(
            locked,
            "fairhear.stage2.adjudicated",
            f"Stage 2 adjudication sent on {long_date(on)}: {_outcome_words(outcome)}.",
            by,
        )
    return locked


# ------------------------------------------------------------------------------ Stage 3


def convene_panel(
    contact: Contact,
    *,
    version: int,
    members: Sequence[Practitioner],
    chair: Practitioner,
    by: User,
) -> Contact:
    """Choose the review panel: exactly three independent people, one the chair, none of them
    the Stage 2 independent person."""
    with _changing(contact, version=version, by=by) as locked:
        facts = case_facts(locked)
        if facts.state is not CaseState.STAGE_3_ACCEPTED:
            raise CaseworkError(
                "The review panel is chosen once Stage 3 is accepted and before it meets."
            )
        if chair not in members:
            raise CaseworkError(f"The chair, {chair.name}, must be one of the panel's members.")
        proposed = [
            procedure.PanelMember(
                id=str(m.pk),
                name=m.name,
                is_independent=m.is_independent,
                is_chair=m.pk == chair.pk,
                is_councillor=m.is_councillor,
                is_staff=m.is_staff,
            )
            for m in members
        ]
        with _rules():
            procedure.validate_panel(
                proposed, stage_2_independent_person=facts.stage_2_independent_person
            )
        stage = _stage(locked, 3)
        stage.panel_memberships.all().delete()
        PanelMembership.objects.bulk_create(
            PanelMembership(stage=stage, practitioner=m, is_chair=m.pk == chair.pk) for m in members
        )
        names = ", ".join(m.name for m in members)
        record_event(
            locked,
            "fairhear.stage3.panel_convened",
            f"Review panel: {names}; {chair.name} chairs it.",
            by,
        )
    return locked


def hold_panel(contact: Contact, *, version: int, on: date, by: User) -> Contact:
    """The review panel met."""
    with _changing(contact, version=version, by=by) as locked:
        facts = case_facts(locked)
        with _rules():
            procedure.check_can_hold_panel(facts, on=on, panel=facts.stage_3_panel)
        stage = _stage(locked, 3)
        stage.panel_held = on
        stage.save()
        record_event(
            locked, "fairhear.stage3.panel_held", f"Review panel held on {long_date(on)}.", by
        )
    return locked


def record_chair_report(contact: Contact, *, version: int, on: date, by: User) -> Contact:
    """The panel chair's report with its recommendations arrived."""
    with _changing(contact, version=version, by=by) as locked:
        with _rules():
            procedure.check_can_send_chair_report(case_facts(locked), on=on)
        stage = _stage(locked, 3)
        stage.panel_report = on
        stage.save()
        record_event(
            locked,
            "fairhear.stage3.chair_reported",
            f"Panel chair's report received on {long_date(on)}.",
            by,
        )
    return locked


def respond_stage_three(
    contact: Contact,
    *,
    version: int,
    on: date,
    outcome: Outcome | str,
    by: User,
    category_outcomes: Mapping[Category, Outcome | str] | None = None,
    what_was_done: str = "",
    actions: Sequence[ActionKind | str] = (),
) -> Contact:
    """The authority's response to the panel's recommendations."""
    with _changing(contact, version=version, by=by) as locked:
        with _rules():
            procedure.check_can_respond_stage_three(case_facts(locked), on=on)
        _record_outcome(
            _stage(locked, 3),
            outcome=outcome,
            category_outcomes=category_outcomes or {},
            what_was_done=what_was_done,
            actions=actions,
            on=on,
        )
        record_event(
            locked,
            "fairhear.stage3.responded",
            f"The authority's response sent on {long_date(on)}: {_outcome_words(outcome)}.",
            by,
        )
    return locked


# ------------------------------------------------------------------------------ Ombudsman


def record_ombudsman_case(
    *,
    lgsco_reference: str,
    received: date,
    by: User,
    contact: Contact | None = None,
    version: int | None = None,
    enquiry_due: date | None = None,
    service_area: ServiceArea | None = None,
    team: Team | None = None,
    summary: str = "",
) -> OmbudsmanCase:
    """A new enquiry from the Ombudsman, about a case or not. The reply is due by the date the
    Ombudsman set, else 28 calendar days after the enquiry arrived."""
    lgsco_reference = _require_text(lgsco_reference, "Enter the Ombudsman's reference.")
    if OmbudsmanCase.objects.filter(lgsco_reference__iexact=lgsco_reference).exists():
        raise CaseworkError(f"Ombudsman case {lgsco_reference} is already recorded.")
    due = enquiry_due or received + timedelta(days=CHILDREN_STATUTORY.lgsco_enquiry.days)
    if due < received:
        raise CaseworkError(
            f"The reply cannot be due on {long_date(due)}, before the enquiry arrived on "
            f"{long_date(received)}."
        )
    fields = {
        "lgsco_reference": lgsco_reference,
        "received": received,
        "enquiry_due": due,
        "summary": summary.strip(),
        "service_area": service_area or (team.service_area if team else None),
        "team": team,
    }
    if contact is None:
        with transaction.atomic(), acting_as(by):
            return OmbudsmanCase.objects.create(**fields)
    if version is None:
        raise CaseworkError("Give the version of the case that was seen.")
    with _changing(contact, version=version, by=by) as locked:
        with _rules():
            procedure.check_can_refer_to_lgsco(case_facts(locked), on=received)
        fields["service_area"] = fields["service_area"] or locked.service_area
        fields["team"] = fields["team"] or locked.team
        case = OmbudsmanCase.objects.create(contact=locked, **fields)
        record_event(
            locked,
            "fairhear.ombudsman.enquiry_received",
            f"The Ombudsman's enquiry {lgsco_reference} arrived on {long_date(received)}; the "
            f"reply is due by {long_date(due)}.",
            by,
        )
    return case


def _ombudsman_event(case: OmbudsmanCase, action: str, description: str, by: User) -> None:
    if case.contact is not None:
        record_event(case.contact, action, description, by)


def record_ombudsman_reply(case: OmbudsmanCase, *, on: date, by: User) -> OmbudsmanCase:
    """The council answered the Ombudsman's enquiry."""
    with transaction.atomic(), acting_as(by):
        case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
        if case.council_replied is not None:
            raise CaseworkError(
                f"The reply to the Ombudsman was already sent on {long_date(case.council_replied)}."
            )
        if case.received is not None and on < case.received:
            raise CaseworkError(
                f"The reply cannot be dated {long_date(on)}, before the enquiry arrived on "
                f"{long_date(case.received)}."
            )
        case.council_replied = on
        case.save()
        _ombudsman_event(
            case,
            "fairhear.ombudsman.replied",
            f"Replied to the Ombudsman ({case.lgsco_reference}) on {long_date(on)}.",
            by,
        )
    return case


def record_ombudsman_decision(
    case: OmbudsmanCase,
    *,
    on: date,
    decision: LgscoDecision | str,
    by: User,
    remedies: Sequence[LgscoRemedy | str] = (),
    financial_remedy: Decimal | None = None,
    satisfactory_remedy_by_council: bool | None = None,
) -> OmbudsmanCase:
    """The Ombudsman's final decision, with any remedies it asks for."""
    if decision not in LgscoDecision.values:
        raise CaseworkError("Choose the Ombudsman's decision.")
    if any(r not in LgscoRemedy.values for r in remedies) or len(set(remedies)) != len(remedies):
        raise CaseworkError("Choose each remedy once, from the list.")
    if financial_remedy is not None and financial_remedy < 0:
        raise CaseworkError("A financial remedy cannot be negative.")
    with transaction.atomic(), acting_as(by):
        case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
        if case.decided is not None:
            raise CaseworkError(
                f"The Ombudsman's decision was already recorded on {long_date(case.decided)}."
            )
        if case.received is not None and on < case.received:
            raise CaseworkError(
                f"The decision cannot be dated {long_date(on)}, before the enquiry arrived on "
                f"{long_date(case.received)}."
            )
        if case.council_replied is not None and on < case.council_replied:
            raise CaseworkError(
                f"The decision cannot be dated {long_date(on)}, before the council replied to "
                f"the Ombudsman on {long_date(case.council_replied)}."
            )
        case.decided = on
        case.decision = decision
        case.remedies = [str(r) for r in remedies]
        case.financial_remedy = financial_remedy
        case.satisfactory_remedy_by_council = satisfactory_remedy_by_council
        case.save()
        _ombudsman_event(
            case,
            "fairhear.ombudsman.decided",
            f"The Ombudsman decided on {long_date(on)} ({case.lgsco_reference}): "
            f"{LgscoDecision(decision).label.lower()}.",
            by,
        )
    return case


def record_ombudsman_compliance(case: OmbudsmanCase, *, complied: bool, by: User) -> OmbudsmanCase:
    """Whether the council carried out the Ombudsman's recommendations. It can be corrected
    later (a council may comply late), and the correction is audited like the first answer."""
    with transaction.atomic(), acting_as(by):
        case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
        if case.decided is None:
            raise CaseworkError("Record the Ombudsman's decision before the council's compliance.")
        words = "carried out" if complied else "did not carry out"
        if case.complied == complied:
            raise CaseworkError(
                f"It is already recorded that the council {words} the recommendations."
            )
        correcting = case.complied is not None
        case.complied = complied
        case.save()
        _ombudsman_event(
            case,
            "fairhear.ombudsman.compliance_recorded",
            f"{'Corrected: t' if correcting else 'T'}he council {words} the Ombudsman's "
            f"recommendations ({case.lgsco_reference}).",
            by,
        )
    return case


def link_ombudsman_case(case: OmbudsmanCase, *, contact: Contact, by: User) -> OmbudsmanCase:
    """Link an Ombudsman case to the case it is about, or correct a link to the wrong case.

    The same rules apply as when the enquiry is recorded on the case. The Ombudsman case takes
    the case's service area and team when it has none of its own.
    """
    with transaction.atomic(), acting_as(by):
        case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
        locked = Contact.objects.select_for_update().get(pk=contact.pk)
        if case.contact_id == locked.pk:
            raise CaseworkError(
                f"Ombudsman case {case.lgsco_reference} is already linked to case "
                f"{locked.reference}."
            )
        with _rules():
            # An enquiry whose arrival is not known (imported history) has no date to check.
            procedure.check_can_refer_to_lgsco(
                case_facts(locked), on=case.received or locked.received
            )
        previous = case.contact
        case.contact = locked
        if case.service_area is None:
            case.service_area = locked.service_area
        team = locked.team
        # The case's team only when it is in the Ombudsman case's service area.
        if case.team is None and team is not None and team.service_area_id == case.service_area_id:
            case.team = team
        case.save()
        moved = f" (it was linked to case {previous.reference})" if previous else ""
        record_event(
            locked,
            "fairhear.ombudsman.linked",
            f"Ombudsman case {case.lgsco_reference} linked to this case{moved}.",
            by,
        )
        if previous is not None:
            record_event(
                previous,
                "fairhear.ombudsman.unlinked",
                f"Ombudsman case {case.lgsco_reference} unlinked from this case: it is about "
                f"case {locked.reference}.",
                by,
            )
    return case


# ------------------------------------------------------------------- costs, actions, compliments


def add_cost(
    *,
    on: date,
    kind: CostKind | str,
    amount: Decimal,
    by: User,
    contact: Contact | None = None,
) -> Cost:
    """A cost of handling complaints (of one case, or general such as publicity)."""
    if kind not in CostKind.values:
        raise CaseworkError("Choose what the cost was for.")
    if amount <= 0:
        raise CaseworkError("Enter an amount of more than £0.")
    with transaction.atomic(), acting_as(by):
        cost = Cost.objects.create(contact=contact, date=on, kind=kind, amount=amount)
        if contact is not None:
            record_event(
                contact,
                "fairhear.cost.added",
                f"Cost recorded: {CostKind(kind).label.lower()}, £{amount:,.2f}.",
                by,
            )
    return cost


def add_learning_action(
    *,
    kind: ActionKind | str,
    description: str,
    by: User,
    contact: Contact | None = None,
    owner_service_area: ServiceArea | None = None,
    owner_team: Team | None = None,
    due: date | None = None,
) -> LearningAction:
    """What will be done and learnt, with an owner (a team or a service area) and a due date."""
    if kind not in ActionKind.values:
        raise CaseworkError("Choose what kind of action it is.")
    description = _require_text(description, "Describe the action and the lesson behind it.")
    if owner_team is not None and owner_service_area is not None:
        raise CaseworkError("An action has one owner: choose a team or a service area, not both.")
    with transaction.atomic(), acting_as(by):
        action = LearningAction.objects.create(
            contact=contact,
            kind=kind,
            description=description,
            owner_service_area=owner_service_area,
            owner_team=owner_team,
            due=due,
        )
        if contact is not None:
            record_event(
                contact,
                "fairhear.action.added",
                f"Learning action: {description}" + (f" (due {long_date(due)})" if due else ""),
                by,
            )
    return action


def complete_learning_action(
    action: LearningAction, *, on: date, evidence: str, by: User
) -> LearningAction:
    """An action was carried out: when, and the evidence that it was."""
    evidence = _require_text(evidence, "Record the evidence that the action was carried out.")
    with transaction.atomic(), acting_as(by):
        action = LearningAction.objects.select_for_update().get(pk=action.pk)
        if action.completed is not None:
            raise CaseworkError(
                f"The action was already completed on {long_date(action.completed)}."
            )
        action.completed = on
        action.evidence = evidence
        action.save()
        if action.contact is not None:
            record_event(
                action.contact,
                "fairhear.action.completed",
                f"Learning action completed on {long_date(on)}: {evidence}",
                by,
            )
    return action


def _what_changed(words: Callable[[str, str, str], str], *fields: tuple[str, str, str]) -> str:
    """The fields, given as (what, old, new) in words, whose value changes, put by `words`
    for a case's timeline; refused when nothing does."""
    changed = [words(what, old, new) for what, old, new in fields if old != new]
    if not changed:
        raise CaseworkError("Nothing was changed.")
    return "; ".join(changed)


def _day_or_none(day: date | None) -> str:
    return long_date(day) if day else "none"


def change_learning_action(
    action: LearningAction,
    *,
    kind: ActionKind | str,
    description: str,
    owner_service_area: ServiceArea | None,
    owner_team: Team | None,
    due: date | None,
    by: User,
) -> LearningAction:
    """Change what an action not yet done says, who owns it and when it is due. Actions ticked
    on a reply start with no due date: this is how they get the one their owner sets."""
    if kind not in ActionKind.values:
        raise CaseworkError("Choose what kind of action it is.")
    description = _require_text(description, "Describe the action and the lesson behind it.")
    if owner_team is not None and owner_service_area is not None:
        raise CaseworkError("An action has one owner: choose a team or a service area, not both.")
    owner = owner_team or owner_service_area
    if owner is None:
        raise CaseworkError("Choose who owns the action: a team or a service area.")
    with transaction.atomic(), acting_as(by):
        action = LearningAction.objects.select_for_update().get(pk=action.pk)
        if action.completed is not None:
            raise CaseworkError(
                f"The action was completed on {long_date(action.completed)}, so it can no "
                "longer be changed."
            )
        was_owner = action.owner_team or action.owner_service_area
        changed = _what_changed(
            lambda what, old, new: f"{what} {new} (was {old})",
            ("kind", action.get_kind_display().lower(), ActionKind(kind).label.lower()),
            ("description", f"“{action.description}”", f"“{description}”"),
            ("owner", was_owner.name if was_owner else "none", owner.name),
            ("due", _day_or_none(action.due), _day_or_none(due)),
        )
        action.kind = kind
        action.description = description
        action.owner_service_area = owner_service_area
        action.owner_team = owner_team
        action.due = due
        action.save()
        if action.contact is not None:
            record_event(
                action.contact,
                "fairhear.action.changed",
                f"Learning action changed: {changed}.",
                by,
            )
    return action


PENNY = Decimal("0.01")


def correct_cost(cost: Cost, *, on: date, kind: CostKind | str, amount: Decimal, by: User) -> Cost:
    """Put right a cost entered wrongly: its date, what it was for or its amount. Costs are
    never deleted; a correction is audited, and its case's timeline says old and new."""
    if kind not in CostKind.values:
        raise CaseworkError("Choose what the cost was for.")
    if amount <= 0:
        raise CaseworkError("Enter an amount of more than £0.")
    if amount != amount.quantize(PENNY):
        raise CaseworkError("Enter the amount in pounds and pence, like 1250.00.")
    amount = amount.quantize(PENNY)  # as stored, so the audit log sees no change in 300 → 300.00
    with transaction.atomic(), acting_as(by):
        cost = Cost.objects.select_for_update().get(pk=cost.pk)
        changed = _what_changed(
            lambda what, old, new: f"{what} {old} → {new}",
            ("date", long_date(cost.date), long_date(on)),
            ("kind", cost.get_kind_display().lower(), CostKind(kind).label.lower()),
            ("amount", f"£{cost.amount:,.2f}", f"£{amount:,.2f}"),
        )
        cost.date = on
        cost.kind = kind
        cost.amount = amount
        cost.save()
        if cost.contact is not None:
            record_event(
                cost.contact,
                "fairhear.cost.corrected",
                f"Cost corrected: {changed}.",
                by,
            )
    return cost


class ComplimentDetails(TypedDict, total=False):
    """What a compliment says besides when it came: each left out is not known (or empty)."""

    text: str
    service_area: ServiceArea | None
    team: Team | None
    source: ComplimentSource | str
    internal: bool | None
    publish: bool | None


def record_compliment(
    *,
    received: date,
    by: User,
    today: date | None = None,
    **details: Unpack[ComplimentDetails],
) -> Compliment:
    """A compliment about a service or a team."""
    fields = _compliment_fields(received, details, today=today)
    with transaction.atomic(), acting_as(by):
        return Compliment.objects.create(**fields)


def _compliment_fields(
    received: date, details: ComplimentDetails, *, today: date | None
) -> dict[str, object]:
    """A compliment's fields, checked: received by today, and the team in the service area
    (which is the team's when only the team is given)."""
    today = today or date.today()
    if received > today:
        raise CaseworkError(
            f"The date received cannot be in the future: {long_date(received)} is after today."
        )
    service_area, team = details.get("service_area"), details.get("team")
    if team is not None and service_area is not None and team.service_area_id != service_area.pk:
        raise CaseworkError(f"{team.name} is not a team in {service_area.name}.")
    return {
        "received": received,
        "service_area": service_area or (team.service_area if team else None),
        "team": team,
        "source": details.get("source", ""),
        "internal": details.get("internal"),
        "text": details.get("text", "").strip(),
        "publish": details.get("publish"),
    }


def correct_compliment(
    compliment: Compliment,
    *,
    received: date,
    by: User,
    today: date | None = None,
    **details: Unpack[ComplimentDetails],
) -> Compliment:
    """Correct a compliment: every detail is given again (one left out becomes not known),
    checked as when it was recorded. The audit log keeps the old values beside the new."""
    fields = _compliment_fields(received, details, today=today)
    with transaction.atomic(), acting_as(by):
        compliment = Compliment.objects.select_for_update().get(pk=compliment.pk)
        if all(getattr(compliment, field) == value for field, value in fields.items()):
            raise CaseworkError("Nothing was changed.")
        for field, value in fields.items():
            setattr(compliment, field, value)
        compliment.save()
    return compliment


def record_contact_as_compliment(
    contact: Contact,
    *,
    version: int,
    by: User,
    source: ComplimentSource | str = "",
    internal: bool | None = None,
    publish: bool | None = None,
) -> Compliment:
    """A contact logged by phone, letter, email or in person that turns out to be praise.

    The interchange route codes have no `compliment`: a compliment is its own record, never a
    contact. So the compliment is recorded from the contact's date received, service area,
    team and summary, and the mistaken contact is removed, in one transaction. The audit log
    keeps the removed contact's values; its reference is never given to another contact
    (the reference counter only counts up).
    """
    with transaction.atomic():
        with _changing(contact, version=version, by=by) as locked:
            _check_can_become_compliment(locked)
            compliment = Compliment.objects.create(
                received=locked.received,
                service_area=locked.service_area,
                team=locked.team,
                source=source,
                internal=internal,
                text=locked.summary.strip(),
                publish=publish,
            )
        # Removed after `_changing` has saved it (inside, that save would write it back), and
        # through Model.delete, whose signal per row puts the contact's deletion (and its
        # category links') in the audit log with every value.
        with acting_as(by):
            locked.delete()
    return compliment


def _check_can_become_compliment(contact: Contact) -> None:
    reference = contact.reference
    instead = "only a contact awaiting triage can be recorded as a compliment instead."
    if contact.route:
        route = Route(contact.route).label
        raise CaseworkError(f"{reference} was already triaged ({route}): {instead}")
    if contact.withdrawn is not None:
        raise CaseworkError(
            f"{reference} was withdrawn on {long_date(contact.withdrawn)}: {instead}"
        )
    if contact.channel == Channel.ONLINE_FORM:
        raise CaseworkError(
            f"{reference} came in through the online complaint form, and the person who sent "
            "it may be checking its status page: triage it as a representation instead."
        )
    kept = [
        words
        for words, records in (
            ("documents attached", contact.attachments),
            ("costs", contact.costs),
            ("learning actions", contact.actions),
            ("an Ombudsman case", contact.ombudsman_cases),
        )
        if records.exists()
    ]
    if kept:
        listed = ", ".join(kept[:-1]) + (" and " if len(kept) > 1 else "") + kept[-1]
        raise CaseworkError(
            f"{reference} has {listed}, which a compliment cannot keep: triage it as a "
            "representation instead, so nothing is lost."
        )
