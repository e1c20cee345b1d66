"""The interchange format v1.1 (spec: interchange.md, and docs/interchange.md for what v1.1
adds to v1): its files and their columns.

Pure: no database. `parse_tables` turns the cells of each file into typed records (`records`)
and lists every problem with a cell; `serialise` turns records back into cells exactly as the
export writes them. A cell's kinds and text are in `cells`. Rules that need several rows or
files at once live in `validation`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fairhear.casework.codes import (
    ActionKind,
    AgeBand,
    Channel,
    ChildStatus,
    ComplainantRole,
    ComplimentSource,
    CostKind,
    LetterChannel,
    LgscoDecision,
    LgscoRemedy,
    Outcome,
    Route,
    StageDecision,
)
from fairhear.interchange.cells import CellError, Column, Kind, format_cell, parse_cell
from fairhear.interchange.records import (
    EVENT_KINDS,
    PERSON_KINDS,
    ActionRecord,
    BenchmarkRecord,
    CaseFile,
    CategoryOutcomeRecord,
    ComplimentRecord,
    ContactRecord,
    ContextRecord,
    CostRecord,
    DocumentRecord,
    EventRecord,
    LetterRecord,
    OmbudsmanRecord,
    OrganisationUnitRecord,
    PersonRecord,
    StageRecord,
)
from fairhear.letters.kinds import Audience, LetterKind


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (an error) or doubtful (a warning) in a file, at a row and column."""

    file: str
    row: int
    column: str
    message: str
    is_error: bool = True

    def __str__(self) -> str:
        if not self.row:
            return f"{self.file}: {self.message}"  # about the whole file
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


# Past this many errors in one file the rest are counted, not listed: a file with a thousand
# errors has a mistake made over and over, and the first hundred show it.
ERRORS_SHOWN_PER_FILE = 100


def cap_errors(problems: list[Problem], per_file: int = ERRORS_SHOWN_PER_FILE) -> list[Problem]:
    """The first `per_file` errors of each file, then one line counting the rest of them.
    Warnings are all kept."""
    kept: list[Problem] = []
    counts: dict[str, int] = defaultdict(int)
    for problem in problems:
        if problem.is_error:
            counts[problem.file] += 1
            if counts[problem.file] > per_file:
                continue
        kept.append(problem)
    for file, count in counts.items():
        if count > per_file:
            kept.append(
                Problem(
                    file,
                    0,
                    "",
                    f"and {count - per_file:,} more error(s) in this file, not listed: correct "
                    "those above, then check the file again",
                )
            )
    return kept


def _codes(choices: Any) -> tuple[str, ...]:
    return tuple(str(value) for value in choices.values)


# ---------------------------------------------------------------------------- the files


@dataclass(frozen=True, slots=True)
class FileSpec:
    name: str  # without .csv
    columns: tuple[Column, ...]
    record: type
    key: tuple[str, ...] = ()  # record attributes that must be unique within the file
    required: bool = False
    # Keys of names are matched without regard to case; a person's key is matched exactly,
    # as contacts.csv's `complainant` is.
    exact_key: bool = False

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


ORGANISATION_KINDS = ("service_area", "team")

FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "organisation",
        (
            Column("kind", Kind.CODE, required=True, codes=ORGANISATION_KINDS),
            Column("name", required=True),
            Column("parent"),
            Column("from", Kind.DATE, attr="started"),
            Column("to", Kind.DATE, attr="ended"),
            Column("successor"),
        ),
        OrganisationUnitRecord,
        key=("kind", "name"),
    ),
    FileSpec(
        "contacts",
        (
            Column("reference", required=True),
            Column("received", Kind.DATE, required=True),
            # v1.1: empty while the contact awaits triage.
            Column("route", Kind.CODE, required=True, may_be_empty=True, codes=_codes(Route)),
            Column("channel", Kind.CODE, codes=_codes(Channel)),
            Column("complainant"),
            Column("complainant_role", Kind.CODE, codes=_codes(ComplainantRole)),
            Column("advocate", Kind.BOOL),
            Column("child_status", Kind.CODE, codes=_codes(ChildStatus)),
            Column("service_area"),
            Column("team"),
            Column("categories", Kind.NAMES),
            Column("withdrawn", Kind.DATE),
            Column("responded", Kind.DATE),
            Column("age_band", Kind.CODE, codes=_codes(AgeBand)),
            Column("gender"),
            Column("ethnicity"),
            Column("disability", Kind.BOOL),
            Column("summary"),
        ),
        ContactRecord,
        key=("reference",),
        required=True,
    ),
    FileSpec(
        "stages",
        (
            Column("reference", required=True),
            Column("stage", Kind.STAGE, required=True),
            Column("requested", Kind.DATE),
            Column("decision", Kind.CODE, codes=_codes(StageDecision)),
            Column("decline_reason"),
            Column("started", Kind.DATE),
            Column("extended", Kind.BOOL),
            Column("extension_reason"),
            Column("responded", Kind.DATE),
            Column("outcome", Kind.CODE, codes=_codes(Outcome)),
            Column("investigation_report", Kind.DATE),
            Column("panel_held", Kind.DATE),
            Column("panel_report", Kind.DATE),
            Column("closed", Kind.DATE),
        ),
        StageRecord,
        key=("reference", "stage"),
    ),
    FileSpec(
        "category_outcomes",
        (
            Column("reference", required=True),
            Column("stage", Kind.STAGE, required=True),
            Column("category", required=True),
            Column("outcome", Kind.CODE, required=True, codes=_codes(Outcome)),
        ),
        CategoryOutcomeRecord,
        key=("reference", "stage", "category"),
    ),
    FileSpec(
        "actions",
        (
            Column("id", Kind.ID),
            Column("reference"),
            Column("kind", Kind.CODE, required=True, codes=_codes(ActionKind)),
            Column("description"),
            Column("owner"),
            Column("due", Kind.DATE),
            Column("completed", Kind.DATE),
        ),
        ActionRecord,
        key=("id",),
    ),
    FileSpec(
        "costs",
        (
            Column("id", Kind.ID),
            Column("reference"),
            Column("date", Kind.DATE, required=True),
            Column("kind", Kind.CODE, required=True, codes=_codes(CostKind)),
            Column("amount", Kind.MONEY, required=True),
        ),
        CostRecord,
        key=("id",),
    ),
    FileSpec(
        "ombudsman",
        (
            Column("lgsco_reference", required=True),
            Column("reference"),
            Column("received", Kind.DATE),
            Column("enquiry_due", Kind.DATE),
            Column("council_replied", Kind.DATE),
            Column("decided", Kind.DATE),
            Column("decision", Kind.CODE, codes=_codes(LgscoDecision)),
            Column("remedy", Kind.CODES, codes=_codes(LgscoRemedy)),
            Column("financial_remedy", Kind.MONEY),
            Column("satisfactory_remedy_by_council", Kind.BOOL),
            Column("complied", Kind.BOOL),
            Column("service_area"),
            Column("team"),
            Column("summary"),
        ),
        OmbudsmanRecord,
        key=("lgsco_reference",),
    ),
    FileSpec(
        "compliments",
        (
            Column("id", Kind.ID),
            Column("received", Kind.DATE, required=True),
            Column("service_area"),
            Column("team"),
            Column("source", Kind.CODE, codes=_codes(ComplimentSource)),
            Column("internal", Kind.BOOL),
            Column("text"),
            Column("publish", Kind.BOOL),
        ),
        ComplimentRecord,
        key=("id",),
    ),
    FileSpec(
        "context",
        (
            Column("year", Kind.YEAR, required=True),
            Column("measure", required=True),
            Column("value", Kind.NUMBER, required=True),
        ),
        ContextRecord,
        key=("year", "measure"),
    ),
    FileSpec(
        "benchmarks",
        (
            Column("year", Kind.YEAR, required=True),
            Column("council", required=True),
            Column("complaints_received", Kind.INTEGER),
            Column("percent_upheld", Kind.PERCENT),
            Column("percent_in_timescale", Kind.PERCENT),
        ),
        BenchmarkRecord,
        key=("year", "council"),
    ),
    # v1.1: the letters sent on each case, as they were sent.
    FileSpec(
        "letters",
        (
            Column("reference", required=True),
            Column("kind", Kind.CODE, required=True, codes=tuple(LetterKind)),
            Column("audience", Kind.CODE, required=True, codes=tuple(Audience)),
            Column("channel", Kind.CODE, required=True, codes=_codes(LetterChannel)),
            Column("sent", Kind.DATETIME, required=True),
            Column("sent_by"),
            Column("sent_to"),
            Column("large_print", Kind.BOOL),
            Column("subject"),
            Column("body"),
        ),
        LetterRecord,
        key=("reference", "kind", "audience", "sent"),
    ),
    # v1.1: who the complainants and children are, kept apart from the pseudonymous files.
    FileSpec(
        "people",
        (
            Column("kind", Kind.CODE, required=True, codes=PERSON_KINDS),
            Column("key"),
            Column("reference"),
            Column("name"),
            Column("email"),
            Column("phone"),
            Column("address"),
            Column("preferred_contact"),
        ),
        PersonRecord,
        key=("kind", "key", "reference"),
        exact_key=True,
    ),
    # v1.1: each case's timeline and audit entries, as they were recorded. No key: a row is
    # matched on all its columns, and events are only ever added.
    FileSpec(
        "events",
        (
            Column("reference", required=True),
            Column("at", Kind.TIMESTAMP, required=True),
            Column("kind", Kind.CODE, required=True, codes=EVENT_KINDS),
            Column("action", required=True),
            Column("by"),
            Column("record"),
            Column("object"),
            Column("description"),
            Column("changes", Kind.JSON),
            Column("details", Kind.JSON),
        ),
        EventRecord,
    ),
    # v1.1: the index of the documents a folder or zip holds under documents/.
    FileSpec(
        "documents",
        (
            Column("reference", required=True),
            Column("file", required=True),
            Column("original_name", required=True),
            Column("content_type", required=True),
            Column("description"),
            Column("size", Kind.INTEGER, required=True),
            Column("sha256", required=True),
            Column("uploaded", Kind.TIMESTAMP, required=True),
            Column("uploaded_by"),
        ),
        DocumentRecord,
        key=("file",),
        exact_key=True,
    ),
)
SPECS: dict[str, FileSpec] = {spec.name: spec for spec in FILES}


# ---------------------------------------------------------------------------- reading files


@dataclass(slots=True)
class Table:
    """The cells of one file as read: a header and its rows (row 2 is the first data row)."""

    name: str
    header: list[str]
    rows: list[list[str]]


def parse_tables(tables: dict[str, Table]) -> tuple[CaseFile, list[Problem]]:
    """Typed records from the cells of every file, and every problem with a file or cell."""
    problems: list[Problem] = []
    case_file = CaseFile()
    for name in tables:
        if name not in SPECS:
            known = ", ".join(spec.file_name for spec in FILES)
            problems.append(
                Problem(f"{name}.csv", 1, "", f"this is not a file of the case file: use {known}")
            )
    for spec in FILES:
        table = tables.get(spec.name)
        if table is None:
            if spec.required:
                problems.append(Problem(spec.file_name, 1, "", "the case file needs this file"))
                case_file.unreadable.add(spec.name)
            continue
        records = _parse_table(spec, table, problems, case_file)
        if spec.name == "organisation":
            case_file.organisation = records
        else:
            getattr(case_file, spec.name).extend(records)
    return case_file, problems


NUL = "\x00"


def _parse_table(
    spec: FileSpec, table: Table, problems: list[Problem], case_file: CaseFile
) -> list[Any]:
    """The records of one file. A wrong header is reported once and the rows are still
    checked cell by cell, so every mistake in the file is found in one go."""
    file_name = spec.file_name
    positions: dict[str, int] = {}
    for position, raw_name in enumerate(table.header):
        name = raw_name.strip().lower()
        if not name and all(
            position >= len(row) or not row[position].strip() for row in table.rows
        ):
            continue  # an empty trailing column from a spreadsheet
        if NUL in raw_name:
            problems.append(Problem(file_name, 1, f"column {position + 1}", _NUL_MESSAGE))
        elif name in positions:
            problems.append(Problem(file_name, 1, name, "this column appears twice"))
        elif name not in {column.name for column in spec.columns}:
            columns = ", ".join(column.name for column in spec.columns)
            problems.append(
                Problem(file_name, 1, raw_name.strip(), f"unknown column: use {columns}")
            )
        else:
            positions[name] = position
    # A missing column is reported here once, not again on every row.
    missing = {column.name for column in spec.columns if column.required} - set(positions)
    for name in sorted(missing, key=[column.name for column in spec.columns].index):
        problems.append(Problem(file_name, 1, name, "this required column is missing"))
    if spec.name == "stages" and "requested" not in positions:
        stage_at = positions.get("stage")
        if stage_at is not None and any(
            stage_at < len(row) and row[stage_at].strip() in ("2", "3") for row in table.rows
        ):
            problems.append(
                Problem(file_name, 1, "requested", "the column is needed for stages 2 and 3")
            )
            missing.add("requested")
    if any(name in spec.key for name in missing):
        # Rows elsewhere cannot be matched with this file's rows: they are not reported.
        case_file.unreadable.add(spec.name)

    records: list[Any] = []
    seen_keys: dict[tuple[Any, ...], int] = {}
    width = len(table.header)
    for index, cells in enumerate(table.rows):
        row_number = index + 2
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            problems.append(
                Problem(
                    file_name,
                    row_number,
                    "",
                    f"the row has {len(cells)} cells but the header has {width} columns",
                )
            )
            continue
        values: dict[str, Any] = {}
        row_ok = not missing
        for column in spec.columns:
            at = positions.get(column.name)
            raw = cells[at] if at is not None and at < len(cells) else ""
            if NUL in raw:
                problems.append(Problem(file_name, row_number, column.name, _NUL_MESSAGE))
                row_ok = False
                continue
            if not raw.strip():
                needed = (column.required and not column.may_be_empty) or (
                    column.name == "requested" and values.get("stage", 1) > 1
                )
                if needed and column.name not in missing:
                    what = "a date" if column.kind is Kind.DATE else "a value"
                    reason = " for stages 2 and 3" if column.name == "requested" else ""
                    problems.append(
                        Problem(file_name, row_number, column.name, f"enter {what}{reason}")
                    )
                    row_ok = False
                continue
            try:
                values[column.field] = parse_cell(column, raw)
            except CellError as error:
                problems.append(Problem(file_name, row_number, column.name, str(error)))
                row_ok = False
        if not row_ok:
            # Rows elsewhere may point at this row: its own error is enough, not one more.
            if spec.key and all(values.get(attr) is not None for attr in spec.key):
                case_file.broken_keys[spec.name].add(tuple(values[attr] for attr in spec.key))
            continue
        if spec.record is PersonRecord:
            # A complainant is keyed by `key` and a child by `reference`: the other is empty.
            values.setdefault("key", "")
            values.setdefault("reference", "")
        if spec.key and all(values.get(attr) is not None for attr in spec.key):
            key = tuple(
                values[attr] if spec.exact_key else _key_part(values[attr]) for attr in spec.key
            )
            first = seen_keys.get(key)
            if first is not None:
                key_columns = " + ".join(spec.key)
                problems.append(
                    Problem(
                        file_name,
                        row_number,
                        spec.key[-1],
                        f"the same {key_columns} as row {first}: each may appear once",
                    )
                )
                continue
            seen_keys[key] = row_number
        if spec.record is ActionRecord or spec.record is CostRecord:
            values.setdefault("id", None)
            values.setdefault("reference", "")
        if spec.record is ComplimentRecord:
            values.setdefault("id", None)
        records.append(spec.record(**values, row=row_number))
    return records


_NUL_MESSAGE = (
    "the cell holds a NUL character (a zero byte), which cannot be stored: remove it, or save "
    "the file again from the spreadsheet as 'CSV UTF-8'"
)


def _key_part(value: Any) -> Any:
    # Names are matched without regard to case, as the database does.
    return value.lower() if isinstance(value, str) else value


# ---------------------------------------------------------------------------- writing files


def serialise(case_file: CaseFile) -> dict[str, Table]:
    """Every file of the case file as cells; organisation.csv always, empty or not."""
    tables: dict[str, Table] = {}
    for spec in FILES:
        records: Sequence[Any]
        if spec.name == "organisation":
            records = case_file.organisation or []
        else:
            records = getattr(case_file, spec.name)
        tables[spec.name] = Table(
            spec.name,
            [column.name for column in spec.columns],
            [
                [format_cell(column, getattr(record, column.field)) for column in spec.columns]
                for record in records
            ],
        )
    return tables
