"""One subject access bundle as a zip: a Word summary of each case, the case file's rows for
those cases (with their people, events and documents index), the documents, and a list of
other people's names to review for redaction.

Other people's names (the complainant when the requester is the child, the child when the
requester is the complainant, practitioners and staff) are marked "[review for redaction:
NAME]" wherever they appear in the summary and the rows, so the complaints manager decides
what to withhold before sending. Documents cannot be marked: the summary lists them for
reading.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from docx import Document
from docx.document import Document as WordDocument

from fairhear.casework.models import Contact, Person, Stage
from fairhear.core.dates import long_date
from fairhear.core.subject_access import mark_for_review
from fairhear.dataprotection.models import SubjectAccessRequest
from fairhear.dataprotection.subject_access import Search, is_the_child, requester_people
from fairhear.interchange.cells import canonical_json
from fairhear.interchange.files import csv_bytes
from fairhear.interchange.format import serialise
from fairhear.interchange.records import CaseFile
from fairhear.interchange.selectors import case_file_for_export, document_files

#: Fields kept for the system's own use, or shown elsewhere (the complainant on their own row,
#: a stage's number in its heading): what the complaints team entered is shown.
_NOT_SHOWN = frozenset(
    {"id", "contact", "version", "created", "state", "next_step", "next_due"}
    | {"complainant", "number"}
)


@dataclass
class ThirdParty:
    """Someone other than the requester named on a case, and who they are to it."""

    name: str
    who: str


@dataclass
class CaseInBundle:
    contact: Contact
    requester_is_complainant: bool
    requester_is_child: bool
    third_parties: list[ThirdParty] = field(default_factory=list)
    # Other people's contact details, marked like their names.
    details: list[str] = field(default_factory=list)

    def mark(self, text: str) -> str:
        return mark_for_review(text, [t.name for t in self.third_parties] + self.details)


def _person_name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _third_parties(case: CaseInBundle) -> None:
    contact = case.contact
    found: list[ThirdParty] = []
    complainant: Person | None = contact.complainant
    if complainant is not None and not case.requester_is_complainant and complainant.name:
        found.append(ThirdParty(complainant.name, "the complainant"))
        case.details += [complainant.email, complainant.phone]
        case.details += [line.strip() for line in complainant.address.splitlines()]
    if contact.child_name and not case.requester_is_child:
        found.append(ThirdParty(contact.child_name, "the child"))
    if contact.advocacy_provider:
        found.append(ThirdParty(contact.advocacy_provider, "the advocate"))
    for stage in contact.stages.all():
        where = f"Stage {stage.number}"
        for practitioner, role in (
            (stage.investigating_officer, "investigating officer"),
            (stage.independent_person, "independent person"),
        ):
            if practitioner is not None:
                found.append(ThirdParty(practitioner.name, f"{where} {role}"))
        for membership in stage.panel_memberships.all():
            found.append(ThirdParty(membership.practitioner.name, f"{where} panel member"))
        if stage.adjudicating_officer:
            found.append(ThirdParty(stage.adjudicating_officer, f"{where} adjudicating officer"))
        if stage.responsible_manager is not None:
            found.append(ThirdParty(_person_name(stage.responsible_manager), f"{where} manager"))
    staff = [event.by for event in contact.events.all()]
    staff += [letter.sent_by for letter in contact.letters.all()]
    staff += [document.uploaded_by for document in contact.attachments.all()]
    for user in staff:
        if user is not None:
            found.append(ThirdParty(_person_name(user), "staff"))
    seen: set[str] = set()
    for party in found:
        if party.name.strip() and party.name.casefold() not in seen:
            seen.add(party.name.casefold())
            case.third_parties.append(party)
    case.details = [d for d in case.details if d]


def cases_for_bundle(search: Search, references: Iterable[str]) -> list[CaseInBundle]:
    """The cases ticked, each with the requester's part in it and the other people on it."""
    requester = set(requester_people(search).values_list("pk", flat=True))
    contacts = (
        Contact.objects.filter(reference__in=list(references))
        .select_related("complainant", "service_area", "team")
        .prefetch_related(
            "stages__investigating_officer",
            "stages__independent_person",
            "stages__responsible_manager",
            "stages__panel_memberships__practitioner",
            "stages__category_outcomes__category",
            "category_links__category",
            "events__by",
            "letters__sent_by",
            "attachments__uploaded_by",
            "ombudsman_cases",
            "actions",
        )
        .order_by("received", "reference")
    )
    cases = []
    for contact in contacts:
        case = CaseInBundle(
            contact,
            requester_is_complainant=contact.complainant_id in requester,
            requester_is_child=is_the_child(contact, search),
        )
        _third_parties(case)
        cases.append(case)
    return cases


def _shown(instance: models.Model, name: str) -> str:
    value = getattr(instance, name)
    display = getattr(instance, f"get_{name}_display", None)
    if display is not None and value not in ("", None):
        return str(display())
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return long_date(timezone.localtime(value).date())
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, User):
        return _person_name(value)
    return str(value)


def _fields(instance: models.Model) -> list[tuple[str, str]]:
    """Each field the complaints team filled in, with its label and shown value."""
    rows = []
    for f in type(instance)._meta.concrete_fields:
        if f.name in _NOT_SHOWN or isinstance(f, models.FileField):
            continue
        value = _shown(instance, f.name)
        if value:
            rows.append((str(f.verbose_name).capitalize(), value))
    return rows


def _table(document: WordDocument, rows: list[tuple[str, str]], case: CaseInBundle) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = case.mark(value)


def _case_section(document: WordDocument, case: CaseInBundle, paths: dict[str, str]) -> None:
    contact = case.contact
    document.add_heading(f"Case {contact.reference}", level=1)
    parts = []
    if case.requester_is_complainant:
        parts.append("you made this complaint")
    if case.requester_is_child:
        parts.append("it is about you as the child")
    if parts:
        document.add_paragraph(" and ".join(parts).capitalize() + ".")
    else:
        document.add_paragraph("You are named in this case.")
    rows = _fields(contact)
    categories = ", ".join(link.category.name for link in contact.category_links.all())
    if categories:
        rows.append(("Categories", categories))
    person = contact.complainant
    if person is not None:
        who = [person.name, person.email, person.phone, person.address]
        rows.insert(0, ("Complainant", "\n".join(v for v in who if v)))
    _table(document, rows, case)

    for stage in contact.stages.all():
        document.add_heading(f"Stage {stage.number}", level=2)
        _table(document, _stage_rows(stage), case)
    for ombudsman in contact.ombudsman_cases.all():
        document.add_heading(f"Ombudsman case {ombudsman.lgsco_reference}", level=2)
        _table(document, _fields(ombudsman), case)
    for action in contact.actions.all():
        document.add_heading(f"Learning action: {action.get_kind_display()}", level=2)
        _table(document, _fields(action), case)

    document.add_heading("Timeline", level=2)
    events = list(contact.events.all())
    if not events:
        document.add_paragraph("Nothing recorded.")
    for event in events:
        by = f" ({_person_name(event.by)})" if event.by else ""
        document.add_paragraph(
            case.mark(f"{_shown(event, 'at')}: {event.description}{by}"), style="List Bullet"
        )

    document.add_heading("Letters sent", level=2)
    letters = list(contact.letters.all())
    if not letters:
        document.add_paragraph("No letters were sent.")
    for letter in letters:
        document.add_heading(
            f"{letter.get_kind_display()}, {_shown(letter, 'sent')}, "
            f"by {letter.get_channel_display().lower()}",
            level=3,
        )
        document.add_paragraph(case.mark(f"To: {letter.sent_to}"))
        document.add_paragraph(case.mark(letter.subject)).runs[0].bold = True
        for paragraph in letter.body.strip().split("\n\n"):
            document.add_paragraph(case.mark(paragraph))

    document.add_heading("Documents", level=2)
    documents = list(contact.attachments.all())
    if not documents:
        document.add_paragraph("No documents.")
    for attachment in documents:
        described = f": {attachment.description}" if attachment.description else ""
        document.add_paragraph(
            case.mark(f"{paths[attachment.file.name]}{described}"), style="List Bullet"
        )


def _stage_rows(stage: Stage) -> list[tuple[str, str]]:
    rows = _fields(stage)
    panel = [
        m.practitioner.name + (" (chair)" if m.is_chair else "")
        for m in stage.panel_memberships.all()
    ]
    if panel:
        rows.append(("Review panel", ", ".join(panel)))
    for outcome in stage.category_outcomes.all():
        rows.append((f"Outcome: {outcome.category.name}", outcome.get_outcome_display()))
    return rows


def summary_document(
    request: SubjectAccessRequest, cases: list[CaseInBundle], paths: dict[str, str]
) -> bytes:
    """The summary; `paths`: each document's path in the bundle, by its name in storage."""
    document = Document()
    document.core_properties.title = f"Personal data held about {request.requester}"
    document.core_properties.author = settings.FAIRHEAR_COUNCIL_NAME
    document.add_heading(f"Personal data held about {request.requester}", level=0)
    document.add_paragraph(
        f"{settings.FAIRHEAR_COUNCIL_NAME}: the complaints records that hold your personal "
        f"data, in answer to your request received on {long_date(request.received)}."
    )
    document.add_heading("Before this is sent", level=1)
    document.add_paragraph(
        "Other people's names and details are marked [review for redaction: NAME]. Decide "
        "for each whether it is withheld, and remove the marks and this section before "
        "sending (redaction-review.csv lists the same names). Read each document listed under "
        "a case too: documents are included as they were received."
    )
    for case in cases:
        for party in case.third_parties:
            document.add_paragraph(
                f"{case.contact.reference}: {case.mark(party.name)} ({party.who})",
                style="List Bullet",
            )
    for case in cases:
        _case_section(document, case, paths)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _case_file_rows(cases: list[CaseInBundle], case_file: CaseFile) -> dict[str, bytes]:
    """The interchange case file's files that hold rows of cases (those cases' rows only,
    as `case_file_for_export` read them), each cell with its case's names marked."""
    by_reference = {case.contact.reference: case for case in cases}
    # A complainant's row in people.csv names no case: theirs is the case they complained in.
    by_key = {case.contact.complainant.key: case for case in cases if case.contact.complainant}
    files = {}
    for table in serialise(case_file).values():
        if "reference" not in table.header:
            continue  # the council's own files: its organisation, compliments and figures
        column = table.header.index("reference")
        key = table.header.index("key") if table.name == "people" else None
        marked = []
        for row in table.rows:
            case = by_reference.get(row[column])
            if case is None and key is not None:
                case = by_key[row[key]]
            if case is None:
                marked.append(row)
                continue
            marked.append(
                [
                    _mark_json(case, cell) if name in _JSON_COLUMNS and cell else case.mark(cell)
                    for name, cell in zip(table.header, row, strict=True)
                ]
            )
        table.rows = marked
        files[f"case-file/{table.name}.csv"] = csv_bytes(table)
    return files


# Columns of JSON (events.csv): its escapes (a name after "\n") would hide a name from the
# whole-word marking, so each text inside is marked instead.
_JSON_COLUMNS = frozenset({"changes", "details"})


def _mark_json(case: CaseInBundle, cell: str) -> str:
    def marked(value: Any) -> Any:
        if isinstance(value, str):
            return case.mark(value)
        if isinstance(value, list):
            return [marked(item) for item in value]
        if isinstance(value, dict):
            return {key: marked(item) for key, item in value.items()}
        return value

    return canonical_json(marked(json.loads(cell)))


def _review_list(cases: list[CaseInBundle]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["case", "name", "who"])
    for case in cases:
        for party in case.third_parties:
            writer.writerow([case.contact.reference, party.name, party.who])
    return buffer.getvalue().encode("utf-8")


def bundle_zip(request: SubjectAccessRequest, cases: list[CaseInBundle]) -> bytes:
    """The bundle: the summary, the review list, the case file of these cases only (read
    for them, not picked out of the council's) and their documents at the paths its
    documents.csv gives."""
    case_file = case_file_for_export([case.contact.pk for case in cases])
    paths = {document.stored: document.file for document in case_file.documents}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("summary.docx", summary_document(request, cases, paths))
        archive.writestr("redaction-review.csv", _review_list(cases))
        for name, data in _case_file_rows(cases, case_file).items():
            archive.writestr(name, data)
        for name, data in document_files(case_file.documents):
            archive.writestr(name, data)
    return out.getvalue()
