"""The rules across rows and files of a case file (spec: interchange.md, Errors and Warnings).

Pure: what the database already holds comes in as `Existing`, which the caller reads first for
the references and names `needed_references` lists.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from fairhear.casework.codes import Route, StageDecision
from fairhear.core.calendar import CalendarRangeError
from fairhear.core.clocks import (
    Clock,
    ClockStatus,
    authority_response_clock,
    panel_clock,
    stage_one_reply_clock,
    stage_three_request_window,
    stage_two_clock,
    stage_two_request_window,
)
from fairhear.core.dates import long_date
from fairhear.interchange.format import Problem
from fairhear.interchange.records import AUDIT_ACTIONS, CaseFile, StageRecord


@dataclass(frozen=True, slots=True)
class ExistingContact:
    received: date
    withdrawn: date | None
    route: str


@dataclass(slots=True)
class Existing:
    """What the database holds that rows of the file may point at."""

    contacts: dict[str, ExistingContact] = field(default_factory=dict)
    # (reference, stage number) → the stage's responded date, for stages not in the file.
    stages: dict[tuple[str, int], date | None] = field(default_factory=dict)
    team_names: set[str] = field(default_factory=set)  # lower case
    usernames: set[str] = field(default_factory=set)  # of those letters.csv names
    # What an audit entry of events.csv may be about: the records of a case, as
    # `app_label.model` (casework.selectors.audit.case_record_models).
    record_kinds: set[str] = field(default_factory=set)


def needed_references(case_file: CaseFile) -> set[str]:
    """References other files point at that contacts.csv does not hold."""
    in_file = {contact.reference for contact in case_file.contacts} | case_file.broken_references
    wanted = {record.reference for record in case_file.stages}
    wanted |= {record.reference for record in case_file.category_outcomes}
    for rows in (
        case_file.actions,
        case_file.costs,
        case_file.ombudsman,
        case_file.letters,
        case_file.people,
        case_file.events,
        case_file.documents,
    ):
        wanted |= {record.reference for record in rows if record.reference}
    return wanted - in_file


def needed_usernames(case_file: CaseFile) -> set[str]:
    """The user accounts letters.csv says sent its letters, and documents.csv uploaded its
    documents."""
    return {letter.sent_by for letter in case_file.letters if letter.sent_by} | {
        document.uploaded_by for document in case_file.documents if document.uploaded_by
    }


def check(
    case_file: CaseFile, existing: Existing, *, today: date, importer: bool = True
) -> list[Problem]:
    """Every error and warning across rows and files. `importer`: whether someone is named
    as running the import (a letter whose sender is not known is recorded as sent by them)."""
    problems: list[Problem] = []
    _check_organisation(case_file, problems)
    _check_names(case_file, existing, problems)
    _check_contacts(case_file, problems)
    _check_references(case_file, existing, problems)
    _check_stages(case_file, existing, problems, today)
    _check_ombudsman(case_file, problems)
    _check_letters(case_file, existing, problems, importer=importer)
    _check_people(case_file, problems)
    _check_events(case_file, existing, problems)
    _check_document_index(case_file, existing, problems)
    return problems


def _error(file: str, row: int, column: str, message: str) -> Problem:
    return Problem(file, row, column, message)


def _warning(file: str, row: int, column: str, message: str) -> Problem:
    return Problem(file, row, column, message, is_error=False)


def _before(later: date, earlier: date) -> bool:
    return later < earlier


# ---------------------------------------------------------------------------- organisation


def _check_organisation(case_file: CaseFile, problems: list[Problem]) -> None:
    if case_file.organisation is None:
        return
    file = "organisation.csv"
    names = _listed_units(case_file)
    for unit in case_file.organisation:
        kind_words = "service area" if unit.kind == "service_area" else "team"
        if unit.kind == "team" and not unit.parent:
            problems.append(_error(file, unit.row, "parent", "enter the team's service area"))
        if unit.kind == "team" and unit.parent and unit.parent.lower() not in names["service_area"]:
            problems.append(
                _error(
                    file, unit.row, "parent", f"no service area called {unit.parent!r} is listed"
                )
            )
        if unit.kind == "service_area" and unit.parent:
            problems.append(_error(file, unit.row, "parent", "a service area has no parent"))
        if unit.started and unit.ended and _before(unit.ended, unit.started):
            problems.append(
                _error(
                    file,
                    unit.row,
                    "to",
                    f"it ends on {long_date(unit.ended)}, before it starts on "
                    f"{long_date(unit.started)}",
                )
            )
        if unit.successor:
            if unit.ended is None:
                problems.append(
                    _error(file, unit.row, "to", "enter the date it ended, as it has a successor")
                )
            if unit.successor.lower() == unit.name.lower():
                problems.append(
                    _error(file, unit.row, "successor", "it cannot be its own successor")
                )
            elif unit.successor.lower() not in names[unit.kind]:
                problems.append(
                    _error(
                        file,
                        unit.row,
                        "successor",
                        f"no {kind_words} called {unit.successor!r} is listed",
                    )
                )


def _listed_units(case_file: CaseFile) -> dict[str, set[str]]:
    """Lower-case names of organisation.csv by kind, with those of its rows that had errors
    (what names them is not reported again)."""
    listed: dict[str, set[str]] = {"service_area": set(), "team": set()}
    for unit in case_file.organisation or []:
        listed[unit.kind].add(unit.name.lower())
    for kind, name in case_file.broken_keys["organisation"]:
        listed[kind].add(name.lower())
    return listed


def _check_names(case_file: CaseFile, existing: Existing, problems: list[Problem]) -> None:
    """Service areas and teams named in other files, and who owns actions."""
    listed: dict[str, set[str]] | None = None
    if case_file.organisation is not None and "organisation" not in case_file.unreadable:
        listed = _listed_units(case_file)
    rows = [
        *(("contacts.csv", r.row, r.service_area, r.team) for r in case_file.contacts),
        *(("ombudsman.csv", r.row, r.service_area, r.team) for r in case_file.ombudsman),
        *(("compliments.csv", r.row, r.service_area, r.team) for r in case_file.compliments),
    ]
    for file, row, area, team in rows:
        if listed is not None:
            if area and area.lower() not in listed["service_area"]:
                problems.append(
                    _error(
                        file,
                        row,
                        "service_area",
                        f"{area!r} is not a service area in organisation.csv",
                    )
                )
            if team and team.lower() not in listed["team"]:
                problems.append(
                    _error(file, row, "team", f"{team!r} is not a team in organisation.csv")
                )
        elif team and not area and team.lower() not in existing.team_names:
            problems.append(
                _error(
                    file,
                    row,
                    "service_area",
                    f"enter the service area of {team!r}: it is a new team and needs one",
                )
            )
    if listed is not None:
        for action in case_file.actions:
            owner = action.owner.lower()
            if owner and owner not in listed["team"] and owner not in listed["service_area"]:
                problems.append(
                    _error(
                        "actions.csv",
                        action.row,
                        "owner",
                        f"{action.owner!r} is not a team or service area in organisation.csv",
                    )
                )


# ---------------------------------------------------------------------------- contacts


def _check_contacts(case_file: CaseFile, problems: list[Problem]) -> None:
    file = "contacts.csv"
    for contact in case_file.contacts:
        for column, value in (("withdrawn", contact.withdrawn), ("responded", contact.responded)):
            if value is not None and _before(value, contact.received):
                problems.append(
                    _error(
                        file,
                        contact.row,
                        column,
                        f"{long_date(value)} is before the contact was received on "
                        f"{long_date(contact.received)}",
                    )
                )
        if contact.withdrawn and contact.responded and contact.responded > contact.withdrawn:
            problems.append(
                _warning(
                    file,
                    contact.row,
                    "responded",
                    f"the reply on {long_date(contact.responded)} came after the contact was "
                    f"withdrawn on {long_date(contact.withdrawn)}",
                )
            )


def _check_references(case_file: CaseFile, existing: Existing, problems: list[Problem]) -> None:
    if "contacts" in case_file.unreadable:
        return  # contacts.csv has no reference column: its own error says so
    known = (
        {contact.reference for contact in case_file.contacts}
        | case_file.broken_references
        | set(existing.contacts)
    )
    files = (
        ("stages.csv", case_file.stages),
        ("category_outcomes.csv", case_file.category_outcomes),
        ("actions.csv", case_file.actions),
        ("costs.csv", case_file.costs),
        ("ombudsman.csv", case_file.ombudsman),
        ("letters.csv", case_file.letters),
        ("people.csv", case_file.people),
        ("events.csv", case_file.events),
        ("documents.csv", case_file.documents),
    )
    for file, records in files:
        for record in records:
            if record.reference and record.reference not in known:
                problems.append(
                    _error(
                        file,
                        record.row,
                        "reference",
                        f"no contact {record.reference!r} in contacts.csv or in Fairhear",
                    )
                )
    if "stages" in case_file.unreadable:
        return
    in_file = {(stage.reference, stage.stage) for stage in case_file.stages}
    in_file |= case_file.broken_keys["stages"]
    for outcome in case_file.category_outcomes:
        key = (outcome.reference, outcome.stage)
        if outcome.reference in known and key not in in_file and key not in existing.stages:
            problems.append(
                _error(
                    "category_outcomes.csv",
                    outcome.row,
                    "stage",
                    f"{outcome.reference} has no stage {outcome.stage} in stages.csv or in "
                    "Fairhear",
                )
            )


# ---------------------------------------------------------------------------- stages


def _check_stages(
    case_file: CaseFile, existing: Existing, problems: list[Problem], today: date
) -> None:
    contacts = {
        contact.reference: (contact.received, contact.withdrawn, contact.route)
        for contact in case_file.contacts
    }
    for reference, found in existing.contacts.items():
        contacts.setdefault(reference, (found.received, found.withdrawn, found.route))
    by_contact: dict[str, dict[int, StageRecord]] = defaultdict(dict)
    for stage in case_file.stages:
        by_contact[stage.reference][stage.stage] = stage
    for reference, stages in by_contact.items():
        facts = contacts.get(reference)
        if facts is None:
            continue  # reported as an unknown contact
        received, withdrawn, route = facts
        for number, stage in sorted(stages.items()):
            previous_responded: date | None
            if number > 1:
                if number - 1 in stages:
                    previous_responded = stages[number - 1].responded
                elif (reference, number - 1) in existing.stages:
                    previous_responded = existing.stages[(reference, number - 1)]
                elif (reference, number - 1) in case_file.broken_keys["stages"]:
                    continue  # that stage's row has its own error
                else:
                    problems.append(
                        _error(
                            "stages.csv",
                            stage.row,
                            "stage",
                            f"{reference} has stage {number} but no stage {number - 1}",
                        )
                    )
                    continue
            else:
                previous_responded = None
            if route != Route.STATUTORY:
                problems.append(
                    _warning(
                        "stages.csv",
                        stage.row,
                        "stage",
                        f"{reference} is not a statutory complaint in contacts.csv, so it "
                        "should have no stages",
                    )
                )
            _check_stage_dates(stage, received, previous_responded, problems)
            _check_stage_warnings(stage, received, withdrawn, previous_responded, problems, today)


def _check_stage_dates(
    stage: StageRecord,
    received: date,
    previous_responded: date | None,
    problems: list[Problem],
) -> None:
    """The errors: a date earlier than the one it follows."""
    file = "stages.csv"
    pairs: list[tuple[str, date | None, str, date | None]] = [
        ("started", stage.started, "requested", stage.requested),
        ("responded", stage.responded, "started", stage.started),
        ("responded", stage.responded, "requested", stage.requested),
        ("panel_held", stage.panel_held, "requested", stage.requested),
        ("panel_report", stage.panel_report, "panel_held", stage.panel_held),
    ]
    if stage.stage == 1:
        pairs.append(("responded", stage.responded, "the contact's received date", received))
    else:
        what = f"the stage {stage.stage - 1} reply"
        pairs.append(("requested", stage.requested, what, previous_responded))
    if stage.stage == 3:
        pairs.append(("responded", stage.responded, "panel_report", stage.panel_report))
    reported: set[str] = set()
    for column, later, follows, earlier in pairs:
        if later is None or earlier is None or column in reported:
            continue
        if _before(later, earlier):
            reported.add(column)
            problems.append(
                _error(
                    file,
                    stage.row,
                    column,
                    f"{long_date(later)} is before {follows} ({long_date(earlier)})",
                )
            )


def _check_stage_warnings(
    stage: StageRecord,
    received: date,
    withdrawn: date | None,
    previous_responded: date | None,
    problems: list[Problem],
    today: date,
) -> None:
    """What the staff pages would not allow for a new stage, kept as history with a warning."""
    file = "stages.csv"
    if stage.decision == StageDecision.DECLINED and not stage.decline_reason:
        problems.append(_warning(file, stage.row, "decline_reason", "declined without a reason"))
    if stage.extended and not stage.extension_reason:
        problems.append(_warning(file, stage.row, "extension_reason", "extended without a reason"))
    if withdrawn is not None and stage.responded is not None and stage.responded > withdrawn:
        problems.append(
            _warning(
                file,
                stage.row,
                "responded",
                f"the reply on {long_date(stage.responded)} came after the contact was "
                f"withdrawn on {long_date(withdrawn)}",
            )
        )
    try:
        window = _request_window(stage, previous_responded)
        if window is not None and stage.requested is not None and stage.requested > window.due:
            problems.append(
                _warning(
                    file,
                    stage.row,
                    "requested",
                    f"asked for on {long_date(stage.requested)}, after the window for asking "
                    f"closed on {long_date(window.due)}",
                )
            )
        is_open = (
            stage.decision == StageDecision.ACCEPTED
            and stage.responded is None
            and not stage.outcome
            and stage.closed is None
            and withdrawn is None
        )
        clock = _open_clock(stage, received) if is_open else None
        if clock is not None and today >= clock.started:
            reading = clock.read(today)
            if reading.status == ClockStatus.OVERDUE:
                problems.append(
                    _warning(
                        file,
                        stage.row,
                        "responded",
                        f"stage {stage.stage} is still open and was due on "
                        f"{long_date(reading.due)}",
                    )
                )
    except CalendarRangeError:
        pass  # dates outside the working-day calendar (2000 to 2040): no clock to read


def _request_window(stage: StageRecord, previous_responded: date | None) -> Clock | None:
    if stage.stage == 1 or previous_responded is None:
        return None
    if stage.stage == 2:
        return stage_two_request_window(previous_responded)
    return stage_three_request_window(previous_responded)


def _open_clock(stage: StageRecord, received: date) -> Clock | None:
    extended = bool(stage.extended)
    if stage.stage == 1:
        return stage_one_reply_clock(received, extended=extended)
    if stage.requested is None:
        return None
    if stage.stage == 2:
        return stage_two_clock(stage.requested, statement_agreed=stage.started, extended=extended)
    if stage.panel_report is not None:
        return authority_response_clock(stage.panel_report)
    if stage.panel_held is None:
        return panel_clock(stage.requested)
    return None


# ---------------------------------------------------------------------------- ombudsman


def _check_ombudsman(case_file: CaseFile, problems: list[Problem]) -> None:
    file = "ombudsman.csv"
    for case in case_file.ombudsman:
        if case.received is not None:
            for column, value in (
                ("council_replied", case.council_replied),
                ("decided", case.decided),
            ):
                if value is not None and _before(value, case.received):
                    problems.append(
                        _error(
                            file,
                            case.row,
                            column,
                            f"{long_date(value)} is before the enquiry was received on "
                            f"{long_date(case.received)}",
                        )
                    )
        if case.decided and case.council_replied and case.decided < case.council_replied:
            problems.append(
                _warning(
                    file,
                    case.row,
                    "decided",
                    f"decided on {long_date(case.decided)}, before the council replied on "
                    f"{long_date(case.council_replied)}",
                )
            )


# ---------------------------------------------------------------------------- letters


def _check_letters(
    case_file: CaseFile, existing: Existing, problems: list[Problem], *, importer: bool
) -> None:
    """Who sent each letter: a user account in Fairhear (the file does not hold accounts)."""
    for letter in case_file.letters:
        if letter.sent_by and letter.sent_by not in existing.usernames:
            problems.append(
                _error(
                    "letters.csv",
                    letter.row,
                    "sent_by",
                    f"no user {letter.sent_by!r} in Fairhear: add the account first, or leave "
                    "the cell empty to record the letter as sent by the person importing it",
                )
            )
        elif not letter.sent_by and not importer:
            problems.append(
                _error(
                    "letters.csv",
                    letter.row,
                    "sent_by",
                    "enter the username of who sent it, or import with --user to record the "
                    "letter as sent by you",
                )
            )


# ---------------------------------------------------------------------------- people

# The longest each column of people.csv may be, as Fairhear stores it.
PERSON_LENGTHS = {
    "key": 100,
    "name": 200,
    "email": 254,
    "phone": 50,
    "preferred_contact": 50,
}


def _check_people(case_file: CaseFile, problems: list[Problem]) -> None:
    """A complainant is found by their key, a child by the contact; a child's row holds only
    the child's name (Fairhear keeps no other details of the child)."""
    file = "people.csv"
    for person in case_file.people:
        if person.kind == "complainant":
            if not person.key:
                problems.append(
                    _error(
                        file,
                        person.row,
                        "key",
                        "enter the complainant's key, as in contacts.csv's complainant column",
                    )
                )
            if person.reference:
                problems.append(
                    _error(
                        file,
                        person.row,
                        "reference",
                        "a complainant's row has no "
                        "reference: contacts.csv links them to their contacts by key",
                    )
                )
        else:
            if not person.reference:
                problems.append(
                    _error(file, person.row, "reference", "enter the contact the child is on")
                )
            for column in ("key", "email", "phone", "address", "preferred_contact"):
                if getattr(person, column):
                    problems.append(
                        _error(
                            file,
                            person.row,
                            column,
                            "a child's row holds only the child's name: leave this empty",
                        )
                    )
        for column, longest in PERSON_LENGTHS.items():
            if len(getattr(person, column)) > longest:
                problems.append(_error(file, person.row, column, f"at most {longest} characters"))


# ---------------------------------------------------------------------------- events


def _check_events(case_file: CaseFile, existing: Existing, problems: list[Problem]) -> None:
    """A timeline line says what happened in words; an audit entry names its action and the
    kind of record it is about, with what changed."""
    file = "events.csv"
    for event in case_file.events:
        if event.kind == "timeline":
            if not event.description:
                problems.append(_error(file, event.row, "description", "enter a value"))
            if len(event.action) > 100:
                problems.append(_error(file, event.row, "action", "at most 100 characters"))
            for column in ("record", "object", "changes", "details"):
                if getattr(event, column):
                    problems.append(
                        _error(
                            file,
                            event.row,
                            column,
                            "a timeline line has no record, object, changes or details: "
                            "leave this empty",
                        )
                    )
            continue
        if event.action.lower() not in AUDIT_ACTIONS:
            problems.append(
                _error(
                    file,
                    event.row,
                    "action",
                    f"{event.action!r} is not an audit action: use one of "
                    f"{', '.join(AUDIT_ACTIONS)}",
                )
            )
        if not event.record:
            problems.append(_error(file, event.row, "record", "enter a value"))
        elif event.record.lower() not in existing.record_kinds:
            problems.append(
                _error(
                    file,
                    event.row,
                    "record",
                    f"{event.record!r} is not a record of a case: use one of "
                    f"{', '.join(sorted(existing.record_kinds))}",
                )
            )
        if event.description:
            problems.append(
                _error(
                    file,
                    event.row,
                    "description",
                    "an audit entry has no description (its changes say what changed): "
                    "leave this empty",
                )
            )


# ---------------------------------------------------------------------------- documents


def _check_document_index(case_file: CaseFile, existing: Existing, problems: list[Problem]) -> None:
    """Who uploaded each document: a user account in Fairhear, as for letters (an empty
    cell means the complainant sent it with the online form). The files themselves are
    checked against the index by `interchange.documents`."""
    for document in case_file.documents:
        if document.uploaded_by and document.uploaded_by not in existing.usernames:
            problems.append(
                _error(
                    "documents.csv",
                    document.row,
                    "uploaded_by",
                    f"no user {document.uploaded_by!r} in Fairhear: add the account first, or "
                    "leave the cell empty if the complainant sent it with the online form",
                )
            )
