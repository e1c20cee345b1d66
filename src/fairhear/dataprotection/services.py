"""Setting the retention schedule and legal holds, anonymising what the schedule makes due,
and logging, extending and answering people's requests about their data: subject access,
correction and erasure.

Anonymising removes what identifies a person (names, contact details, free text, documents,
the timeline's wording and the old and new values in the audit trail) and keeps every code,
date, amount, area and team the annual report counts, so a report computed before and after
is the same. Equality answers stay: the report's `equalities` table counts them as recorded,
and with everything else gone they no longer point to anyone.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Iterator
from datetime import date
from typing import TypeVar

from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage
from django.db import connection, models, transaction

from fairhear.audit import acting_as
from fairhear.casework import services as casework
from fairhear.casework.models import (
    Attachment,
    CaseEvent,
    Compliment,
    Contact,
    LearningAction,
    OmbudsmanCase,
    Person,
    Stage,
    phone_digits,
)
from fairhear.casework.selectors.audit import cases_audit_trail
from fairhear.casework.services.base import listed
from fairhear.core.dates import long_date
from fairhear.core.subject_access import can_extend, request_due
from fairhear.dataprotection.free_text import free_text_fields
from fairhear.dataprotection.models import (
    Anonymised,
    Correction,
    ErasureDecision,
    LegalHold,
    PersonsRequest,
    RetentionPolicy,
    RetentionRun,
    RightsRequest,
    SubjectAccessBundle,
    SubjectAccessRequest,
)
from fairhear.dataprotection.selectors import (
    ExpiredRequest,
    current_policy,
    erasure_checks,
    retention_review,
)
from fairhear.letters.models import Letter, Notice
from fairhear.public.models import PublicCompliment, PublicSubmission

REMOVED = "Removed under the retention schedule"
ERASED = "Erased at the person's request"
T = TypeVar("T")

# Text fields that are codes or statistics, not what someone wrote or who they are.
_KEPT_TEXT: dict[type[models.Model], frozenset[str]] = {
    Contact: frozenset({"reference", "gender", "ethnicity", "next_step"}),
    OmbudsmanCase: frozenset({"lgsco_reference"}),
    Notice: frozenset({"step"}),
}


class RetentionError(Exception):
    """A retention step that cannot be taken, with the reason in plain words."""


def _free_text_fields(model: type[models.Model]) -> list[str]:
    return free_text_fields(model, except_=_KEPT_TEXT.get(model, frozenset()))


def _blank(queryset: models.QuerySet[models.Model]) -> None:
    # A queryset update writes no audit entry of its own: the old values must not be copied
    # into the audit log on their way out.
    fields = _free_text_fields(queryset.model)
    if fields:
        queryset.update(**dict.fromkeys(fields, ""))


def _allow_audit_redaction() -> None:
    # On PostgreSQL a trigger refuses any change to the audit log (casework migration 0005)
    # except this one, declared for the anonymising transaction alone.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL fairhear.audit_redaction = 'on'")


def _redact_entries(entries: models.QuerySet[LogEntry], removed: str) -> None:
    """Keep who changed or viewed which kind of record when; drop the values and the
    record's name (a person's, a document's, a request's or an action's may say who it was
    about). A view of a case or an Ombudsman case keeps its name, the reference that
    anonymising keeps, so the view log still links to it."""
    named_by_reference = {
        ContentType.objects.get_for_model(model).pk for model in (Contact, OmbudsmanCase)
    }
    redacted = []
    for entry in entries.select_related(None):
        if entry.action == LogEntry.Action.ACCESS:
            if entry.content_type_id in named_by_reference:
                continue
        else:
            changes = entry.changes if isinstance(entry.changes, dict) else {}
            entry.changes = {field: [removed, removed] for field in changes}
            entry.changes_text = ""
            entry.serialized_data = None
        entry.object_repr = ""
        redacted.append(entry)
    LogEntry.objects.bulk_update(
        redacted, ["changes", "changes_text", "serialized_data", "object_repr"], batch_size=500
    )


def _delete_files(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        storage.delete(name)


def _anonymise_cases(
    contacts: list[Contact],
    *,
    by: User,
    removed: str,
    event: str,
    origin: dict[str, RetentionRun | RightsRequest],
) -> None:
    """Remove the personal data of the contacts: `removed` is left where it was, `event` goes
    on each timeline, and `origin` says what removed it (a run or an erasure request)."""
    ids = [contact.pk for contact in contacts]
    _redact_entries(cases_audit_trail(ids), removed)
    _blank(Contact.objects.filter(pk__in=ids))
    for model in (Stage, OmbudsmanCase, LearningAction, Letter, Notice):
        _blank(model._default_manager.filter(contact__in=ids))
    attachments = Attachment.objects.filter(contact__in=ids)
    files = [(a.file.storage, a.file.name) for a in attachments]
    # Files go only once the database change is committed, so a failed run keeps both.
    transaction.on_commit(lambda: _delete_files(files))
    attachments.delete()
    PublicSubmission.objects.filter(contact__in=ids).delete()
    CaseEvent.objects.filter(contact__in=ids).update(description=removed)
    CaseEvent.objects.bulk_create(
        CaseEvent(contact=contact, action="fairhear.case.anonymised", description=event, by=by)
        for contact in contacts
    )
    Anonymised.objects.bulk_create(Anonymised(contact=contact, **origin) for contact in contacts)
    contact_type = ContentType.objects.get_for_model(Contact)
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=contact_type,
            object_pk=str(contact.pk),
            object_id=contact.pk,
            object_repr=contact.reference,
            action=LogEntry.Action.UPDATE,
            changes={"personal data": ["kept", removed]},
            actor=by,
        )
        for contact in contacts
    )


def _anonymise_people(people: set[int], removed: str) -> int:
    """Anonymise each person none of whose contacts keeps personal data any longer. Their
    new key is a fresh pseudonym shared by all their contacts, so repeat complainants still
    count."""
    gone = list(Person.objects.filter(pk__in=people).exclude(contacts__anonymised__isnull=True))
    for chunk in _chunks(gone):
        _redact_entries(_audit_entries(Person, [p.pk for p in chunk]), removed)
        for person in chunk:
            person.key = f"anonymised-{secrets.token_hex(8)}"
            for field in _free_text_fields(Person):
                if field != "key":
                    setattr(person, field, "")
        Person.objects.bulk_update(chunk, _free_text_fields(Person))
    return len(gone)


def _chunks(items: list[T], size: int = 500) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _anonymise_requests(expired: list[ExpiredRequest], run: RetentionRun) -> None:
    """Remove the requester's details, what they asked and the search terms from answered
    requests past the schedule, and the values in their audit trail. Kept: the dates (received,
    due, extended, answered) and which cases each touched, which show the council answered in
    time."""
    for model in (SubjectAccessRequest, RightsRequest):
        ids = [e.request.pk for e in expired if isinstance(e.request, model)]
        if not ids:
            continue
        requests = model._default_manager.filter(pk__in=ids)
        _blank(requests)
        requests.update(requester=REMOVED, anonymised_in=run)
        _redact_entries(_audit_entries(model, ids), REMOVED)
        if model is SubjectAccessRequest:
            bundles = SubjectAccessBundle.objects.filter(request__in=ids)
            bundle_ids = list(bundles.values_list("pk", flat=True))
            _redact_entries(_audit_entries(SubjectAccessBundle, bundle_ids), REMOVED)
            bundles.update(searched_for="")


def _audit_entries(model: type[models.Model], ids: list[int]) -> models.QuerySet[LogEntry]:
    entries: models.QuerySet[LogEntry] = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_pk__in=[str(pk) for pk in ids],
    )
    return entries


def anonymise_expired(*, as_of: date, confirmed: Collection[str], by: User) -> RetentionRun:
    """Anonymise the cases the manager confirmed that are still due on `as_of`, the
    compliments past the schedule and the answered requests about personal data past it, in
    one transaction with one audited run.

    Only cases both confirmed and still due are touched: a case held or reopened since the
    preview is left as it is.
    """
    with transaction.atomic(), acting_as(by):
        _allow_audit_redaction()
        review = retention_review(as_of)
        wanted = set(confirmed)
        contacts = [case.contact for case in review.due if case.contact.reference in wanted]
        if not contacts and not review.compliments and not review.requests:
            raise RetentionError("Nothing is due for anonymisation on that day.")
        policy = review.policy
        run = RetentionRun.objects.create(
            by=by,
            as_of=as_of,
            years_after_closure=policy.years_after_closure,
            child_until_age=policy.child_until_age,
            request_years_after_answer=policy.request_years_after_answer,
            cases=len(contacts),
            people=0,
            compliments=len(review.compliments),
            requests=len(review.requests),
        )
        for chunk in _chunks(contacts):
            _anonymise_cases(
                chunk,
                by=by,
                removed=REMOVED,
                event=f"Personal data removed under the retention schedule (run {run.pk}).",
                origin={"run": run},
            )
        run.people = _anonymise_people(
            {c.complainant_id for c in contacts if c.complainant_id is not None}, REMOVED
        )
        compliments = Compliment.objects.filter(pk__in=[c.pk for c in review.compliments])
        PublicCompliment.objects.filter(compliment__in=compliments).delete()
        _blank(compliments)
        _anonymise_requests(review.requests, run)
        run.save(update_fields=["people"])
        return run


def set_policy(
    *,
    years_after_closure: int,
    child_until_age: int,
    request_years_after_answer: int,
    version: int,
    by: User,
) -> RetentionPolicy:
    with transaction.atomic(), acting_as(by):
        policy = current_policy()
        policy = RetentionPolicy.objects.select_for_update().get(pk=policy.pk)
        if policy.version != version:
            raise RetentionError(
                "Someone else changed the retention schedule while you were editing it: "
                "check it and save again."
            )
        policy.years_after_closure = years_after_closure
        policy.child_until_age = child_until_age
        policy.request_years_after_answer = request_years_after_answer
        policy.version += 1
        policy.save()
        return policy


def place_hold(*, contact: Contact, reason: str, on: date, by: User) -> LegalHold:
    reason = reason.strip()
    if not reason:
        raise RetentionError("Enter why the case is held")
    with transaction.atomic(), acting_as(by):
        if LegalHold.objects.filter(contact=contact, lifted_on=None).exists():
            raise RetentionError(f"{contact.reference} is already held")
        if Anonymised.objects.filter(contact=contact).exists():
            raise RetentionError(f"{contact.reference} has already been anonymised")
        hold = LegalHold.objects.create(contact=contact, reason=reason, set_on=on, set_by=by)
        CaseEvent.objects.create(
            contact=contact,
            action="fairhear.case.held",
            description="Legal hold placed: the case will not be anonymised until it is lifted.",
            by=by,
        )
        return hold


def lift_hold(*, hold: LegalHold, on: date, by: User) -> LegalHold:
    with transaction.atomic(), acting_as(by):
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if hold.lifted_on is not None:
            raise RetentionError(f"The hold on {hold.contact.reference} was already lifted")
        hold.lifted_on, hold.lifted_by = on, by
        hold.save()
        CaseEvent.objects.create(
            contact=hold.contact,
            action="fairhear.case.hold_lifted",
            description="Legal hold lifted.",
            by=by,
        )
        return hold


# ------------------------------------------------------------- people's requests about their data


class RequestError(Exception):
    """A step on a person's request about their data (subject access, correction, erasure)
    that cannot be taken, in plain words."""


R = TypeVar("R", bound=PersonsRequest)


def _checked(request: R, version: int) -> R:
    """The request locked for a change, refused when someone else changed it first or it was
    answered already."""
    locked = type(request)._default_manager.select_for_update().get(pk=request.pk)
    if locked.version != version:
        raise RequestError(
            "Someone else changed this request while you were looking at it: check it and "
            "try again."
        )
    if locked.answered is not None:
        raise RequestError(f"This request was already answered on {long_date(locked.answered)}")
    return locked


def _requester(requester: str) -> str:
    requester = requester.strip()
    if not requester:
        raise RequestError("Enter the name of the person making the request")
    return requester


def _received(received: date, today: date) -> date:
    if received > today:
        raise RequestError("The date the request was received cannot be in the future")
    return received


def log_subject_access_request(
    *,
    requester: str,
    received: date,
    today: date,
    by: User,
    email: str = "",
    phone: str = "",
    address: str = "",
    notes: str = "",
) -> SubjectAccessRequest:
    """Log a request, due one calendar month after it was received."""
    requester = _requester(requester)
    received = _received(received, today)
    with transaction.atomic(), acting_as(by):
        return SubjectAccessRequest.objects.create(
            requester=requester,
            email=email.strip(),
            phone=phone.strip(),
            address=address.strip(),
            notes=notes.strip(),
            received=received,
            due=request_due(received),
            logged_by=by,
        )


def record_bundle(
    *, request: SubjectAccessRequest, contacts: list[Contact], searched_for: str, by: User
) -> SubjectAccessBundle:
    """Record who produced a bundle, when and with which cases, on the request and on each
    case's timeline."""
    if not contacts:
        raise RequestError("Tick at least one case that is about the person")
    with transaction.atomic(), acting_as(by):
        bundle = SubjectAccessBundle.objects.create(
            request=request,
            by=by,
            references=", ".join(contact.reference for contact in contacts),
            searched_for=searched_for,
        )
        bundle.cases.set(contacts)
        CaseEvent.objects.bulk_create(
            CaseEvent(
                contact=contact,
                action="fairhear.case.subject_access",
                description=(
                    f"Included in the subject access bundle for request {request.pk}, "
                    f"received {long_date(request.received)}."
                ),
                by=by,
            )
            for contact in contacts
        )
        return bundle


def record_answer_sent(*, request: R, version: int, sent: date, today: date, by: User) -> R:
    """Mark the request answered: the manager confirms the answer was sent on `sent`."""
    with transaction.atomic(), acting_as(by):
        request = _checked(request, version)
        if sent < request.received:
            raise RequestError(
                f"The answer cannot have been sent before the request was received on "
                f"{long_date(request.received)}"
            )
        if sent > today:
            raise RequestError("The date the answer was sent cannot be in the future")
        request.answered, request.answered_by = sent, by
        request.version += 1
        request.save()
        return request


def extend_request(
    *, request: R, version: int, further_months: int, reason: str, today: date, by: User
) -> R:
    """Put off the answer by one or two further months (UK GDPR article 12(3)), for a complex
    request or many of them, with the reason the person is told. Only once, and only within
    the first month: the person must hear of it before the answer was first due."""
    reason = reason.strip()
    if not reason:
        raise RequestError("Enter why more time is needed")
    with transaction.atomic(), acting_as(by):
        request = _checked(request, version)
        if request.extended_on is not None:
            raise RequestError(
                f"The answer was already put off on {long_date(request.extended_on)}: it is due "
                f"by {long_date(request.due)}"
            )
        if not can_extend(request.received, today):
            raise RequestError(
                f"The answer was due by {long_date(request.first_due)}: it can be put off only "
                "before then"
            )
        try:
            request.due = request_due(request.received, further_months=further_months)
        except ValueError as error:
            raise RequestError(str(error)) from None
        request.extended_on, request.extended_by = today, by
        request.extension_reason = reason
        request.version += 1
        request.save()
        return request


def log_rights_request(
    *,
    kind: RightsRequest.Kind | str,
    requester: str,
    received: date,
    asked_for: str,
    today: date,
    by: User,
    email: str = "",
    phone: str = "",
    address: str = "",
    notes: str = "",
) -> RightsRequest:
    """Log a request to correct or erase personal data, due a calendar month after it came."""
    if kind not in RightsRequest.Kind.values:
        raise RequestError("Choose whether they ask for a correction or an erasure")
    requester = _requester(requester)
    received = _received(received, today)
    asked_for = asked_for.strip()
    if not asked_for:
        raise RequestError("Enter what they ask to be corrected or erased")
    with transaction.atomic(), acting_as(by):
        return RightsRequest.objects.create(
            kind=kind,
            requester=requester,
            email=email.strip(),
            phone=phone.strip(),
            address=address.strip(),
            asked_for=asked_for,
            notes=notes.strip(),
            received=received,
            due=request_due(received),
            logged_by=by,
        )


def correct_details(
    *,
    request: RightsRequest,
    contact: Contact,
    version: int,
    person_version: str | None,
    contact_details: dict[str, str | bool | None],
    person_details: dict[str, str],
    by: User,
) -> Correction:
    """Correct personal details on a case for a correction request, through casework's own
    services and their version checks (so the timeline and audit trail say what changed from
    what), and record on the request which details were corrected. All or nothing."""
    if request.kind != RightsRequest.Kind.CORRECTION:
        raise RequestError("Only a correction request corrects details")
    with transaction.atomic(), acting_as(by):
        request = _checked(request, request.version)
        contact = Contact.objects.select_related("complainant").get(pk=contact.pk)
        if Anonymised.objects.filter(contact=contact).exists():
            raise RequestError(
                f"{contact.reference} has been anonymised: nothing is left to correct"
            )
        person = contact.complainant
        changed_contact = {
            field: value
            for field, value in contact_details.items()
            if getattr(contact, field) != (value.strip() if isinstance(value, str) else value)
        }
        changed_person = (
            {
                field: value
                for field, value in person_details.items()
                if getattr(person, field)
                != (phone_digits(value) if field == "phone" else value.strip())
            }
            if person is not None
            else {}
        )
        words = [casework.CONTACT_DETAILS[f] for f in changed_contact]
        words += [f"the complainant's {casework.PERSON_DETAILS[f]}" for f in changed_person]
        if not words:
            raise RequestError("Nothing was changed: change at least one detail")
        try:
            if person is not None and changed_person:
                casework.correct_person(person, version=person_version, by=by, **changed_person)
            if changed_contact:
                contact = Contact.objects.get(pk=contact.pk)
                casework.change_contact_details(
                    contact,
                    version=version,
                    by=by,
                    service_area=contact.service_area,
                    team=contact.team,
                    categories=[
                        link.category for link in contact.category_links.order_by("position")
                    ],
                    **changed_contact,
                )
        except casework.CaseworkError as error:
            raise RequestError(str(error)) from None
        details = listed(words)
        CaseEvent.objects.create(
            contact=contact,
            action="fairhear.case.corrected",
            description=f"Corrected at the person's request (correction request {request.pk}): "
            f"{details}.",
            by=by,
        )
        return Correction.objects.create(request=request, contact=contact, details=details, by=by)


def decide_erasure(
    *, request: RightsRequest, version: int, references: Collection[str], as_of: date, by: User
) -> list[ErasureDecision]:
    """Decide an erasure request for the cases the manager found to be about the person:
    erase (anonymise, as retention does) each the law lets go now, and record each kept with
    the reason. One transaction: a failure anywhere leaves every case as it was."""
    if request.kind != RightsRequest.Kind.ERASURE:
        raise RequestError("Only an erasure request erases cases")
    if not references:
        raise RequestError("Tick at least one case that is about the person")
    with transaction.atomic(), acting_as(by):
        request = _checked(request, version)
        contacts = Contact.objects.filter(reference__in=references)
        unknown = set(references) - {c.reference for c in contacts}
        if unknown:
            raise RequestError(f"There is no case {listed(sorted(unknown))}")
        decided = request.erasures.filter(contact__in=contacts).select_related("contact")
        if decided:
            references_decided = listed([d.contact.reference for d in decided])
            raise RequestError(f"Already decided for this request: {references_decided}")
        _allow_audit_redaction()
        checks = erasure_checks(contacts, as_of)
        erasable = [check.contact for check in checks if check.erasable]
        event = f"Personal data erased at the person's request (erasure request {request.pk})."
        for chunk in _chunks(erasable):
            _anonymise_cases(chunk, by=by, removed=ERASED, event=event, origin={"erasure": request})
        _anonymise_people({c.complainant_id for c in erasable if c.complainant_id}, ERASED)
        decisions = []
        for check in checks:
            if check.erasable:
                outcome, reason = ErasureDecision.Outcome.ERASED, ""
            elif check.already_anonymised:
                outcome, reason = ErasureDecision.Outcome.ALREADY_ANONYMISED, ""
            else:
                outcome, reason = ErasureDecision.Outcome.KEPT, "; ".join(check.kept_because)
                CaseEvent.objects.create(
                    contact=check.contact,
                    action="fairhear.case.erasure_refused",
                    description=f"Erasure asked for (erasure request {request.pk}) and refused. "
                    f"{reason}.",
                    by=by,
                )
            decisions.append(
                ErasureDecision.objects.create(
                    request=request, contact=check.contact, outcome=outcome, reason=reason, by=by
                )
            )
        request.version += 1
        request.save(update_fields=["version"])
        return decisions
