"""The interchange format v1 (spec: interchange.md): its files, columns and typed records.

Pure: no database. `parse_tables` turns the cells of each file into typed records and lists
every problem with a cell; `serialise` turns records back into cells exactly as the export
writes them. Rules that need several rows or files at once live in `validation`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from fairhear.casework.codes import (
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


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (an error) or doubtful (a warning) in a file, at a row and column."""

    file: str
    row: int
    column: str
    message: str
    is_error: bool = True

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


class Kind(Enum):
    TEXT = "text"
    DATE = "date"
    CODE = "code"
    CODES = "codes"  # a `;`-separated list of codes
    NAMES = "names"  # a `;`-separated list of free-text names
    BOOL = "bool"
    MONEY = "money"
    NUMBER = "number"  # up to two decimals, shown without trailing zeros
    PERCENT = "percent"
    INTEGER = "integer"
    YEAR = "year"
    STAGE = "stage"
    ID = "id"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind = Kind.TEXT
    required: bool = False
    codes: tuple[str, ...] = ()
    attr: str = ""

    @property
    def field(self) -> str:
        return self.attr or self.name


def _codes(choices: Any) -> tuple[str, ...]:
    return tuple(str(value) for value in choices.values)


# ---------------------------------------------------------------------------- the records


@dataclass(slots=True)
class OrganisationUnitRecord:
    kind: str
    name: str
    parent: str = ""
    started: date | None = None
    ended: date | None = None
    successor: str = ""
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class ContactRecord:
    reference: str
    received: date
    route: str
    channel: str = ""
    complainant: str = ""
    complainant_role: str = ""
    advocate: bool | None = None
    child_status: str = ""
    service_area: str = ""
    team: str = ""
    categories: tuple[str, ...] = ()
    withdrawn: date | None = None
    responded: date | None = None
    age_band: str = ""
    gender: str = ""
    ethnicity: str = ""
    disability: bool | None = None
    summary: str = ""
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class StageRecord:
    reference: str
    stage: int
    requested: date | None = None
    decision: str = StageDecision.ACCEPTED.value
    decline_reason: str = ""
    started: date | None = None
    extended: bool | None = None
    extension_reason: str = ""
    responded: date | None = None
    outcome: str = ""
    investigation_report: date | None = None
    panel_held: date | None = None
    panel_report: date | None = None
    closed: date | None = None
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class CategoryOutcomeRecord:
    reference: str
    stage: int
    category: str
    outcome: str
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class ActionRecord:
    id: int | None
    reference: str
    kind: str
    description: str = ""
    owner: str = ""
    due: date | None = None
    completed: date | None = None
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class CostRecord:
    id: int | None
    reference: str
    date: date
    kind: str
    amount: Decimal
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class OmbudsmanRecord:
    lgsco_reference: str
    reference: str = ""
    received: date | None = None
    enquiry_due: date | None = None
    council_replied: date | None = None
    decided: date | None = None
    decision: str = ""
    remedy: tuple[str, ...] = ()
    financial_remedy: Decimal | None = None
    satisfactory_remedy_by_council: bool | None = None
    complied: bool | None = None
    service_area: str = ""
    team: str = ""
    summary: str = ""
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class ComplimentRecord:
    id: int | None
    received: date
    service_area: str = ""
    team: str = ""
    source: str = ""
    internal: bool | None = None
    text: str = ""
    publish: bool | None = None
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class ContextRecord:
    year: int
    measure: str
    value: Decimal
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class BenchmarkRecord:
    year: int
    council: str
    complaints_received: int | None = None
    percent_upheld: Decimal | None = None
    percent_in_timescale: Decimal | None = None
    row: int = field(default=0, compare=False)


@dataclass(slots=True)
class CaseFile:
    """Everything in one case file, typed. `organisation` is None when the file was absent."""

    contacts: list[ContactRecord] = field(default_factory=list)
    stages: list[StageRecord] = field(default_factory=list)
    category_outcomes: list[CategoryOutcomeRecord] = field(default_factory=list)
    actions: list[ActionRecord] = field(default_factory=list)
    costs: list[CostRecord] = field(default_factory=list)
    ombudsman: list[OmbudsmanRecord] = field(default_factory=list)
    compliments: list[ComplimentRecord] = field(default_factory=list)
    context: list[ContextRecord] = field(default_factory=list)
    benchmarks: list[BenchmarkRecord] = field(default_factory=list)
    organisation: list[OrganisationUnitRecord] | None = None
    # References of contacts rows that had errors: other files may still point at them.
    broken_references: set[str] = field(default_factory=set, compare=False)


# ---------------------------------------------------------------------------- the files


@dataclass(frozen=True, slots=True)
class FileSpec:
    name: str  # without .csv
    columns: tuple[Column, ...]
    record: type
    key: tuple[str, ...] = ()  # record attributes that must be unique within the file
    required: bool = False

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
            Column("route", Kind.CODE, required=True, codes=_codes(Route)),
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
)
SPECS: dict[str, FileSpec] = {spec.name: spec for spec in FILES}


# ---------------------------------------------------------------------------- reading cells

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONEY = re.compile(r"\d{1,10}(\.\d{1,2})?")
_NUMBER = re.compile(r"-?\d{1,12}(\.\d{1,2})?")
_INTEGER = re.compile(r"\d{1,9}")


class CellError(ValueError):
    """A cell that cannot be read, with what is wrong in plain words."""


def _normal_text(value: str) -> str:
    # Spreadsheets leave stray spaces and line ends around values; inside text they stay.
    return value.strip()


def parse_cell(column: Column, raw: str) -> Any:
    """The typed value of one non-empty cell, or CellError saying what is wrong."""
    value = raw.strip()
    kind = column.kind
    if kind is Kind.TEXT:
        return _normal_text(raw)
    if kind is Kind.DATE:
        if not _DATE.fullmatch(value):
            raise CellError(f"{value!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-01-08")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise CellError(f"{value!r} is not a real date") from None
    if kind is Kind.CODE:
        code = value.lower()
        if code not in column.codes:
            raise CellError(f"{value!r} is not a {column.name} code: use one of {_list(column)}")
        return code
    if kind is Kind.CODES:
        codes = [part.strip().lower() for part in value.split(";") if part.strip()]
        bad = [code for code in codes if code not in column.codes]
        if bad:
            raise CellError(f"{bad[0]!r} is not a {column.name} code: use one of {_list(column)}")
        if len(set(codes)) != len(codes):
            raise CellError("a code is listed twice")
        return tuple(codes)
    if kind is Kind.NAMES:
        names = [" ".join(part.split()) for part in value.split(";") if part.strip()]
        if len({name.lower() for name in names}) != len(names):
            raise CellError("a name is listed twice")
        return tuple(names)
    if kind is Kind.BOOL:
        answer = value.lower()
        if answer not in ("yes", "no"):
            raise CellError(f"{value!r} is not yes or no (leave it empty when not known)")
        return answer == "yes"
    if kind is Kind.MONEY:
        if not _MONEY.fullmatch(value):
            raise CellError(
                f"{value!r} is not an amount of money: write pounds with up to two decimals "
                "and no symbol or commas, e.g. 6265.11"
            )
        return Decimal(value).quantize(Decimal("0.01"))
    if kind in (Kind.NUMBER, Kind.PERCENT):
        if not _NUMBER.fullmatch(value):
            raise CellError(f"{value!r} is not a number with up to two decimals, e.g. 1234.5")
        number = Decimal(value)
        if kind is Kind.PERCENT and not Decimal(0) <= number <= Decimal(100):
            raise CellError(f"{value!r} is not a percentage between 0 and 100")
        return number
    if kind in (Kind.INTEGER, Kind.ID):
        if not _INTEGER.fullmatch(value) or (kind is Kind.ID and int(value) == 0):
            raise CellError(f"{value!r} is not a whole number")
        return int(value)
    if kind is Kind.YEAR:
        if not re.fullmatch(r"\d{4}", value) or not 1990 <= int(value) <= 2100:
            raise CellError(f"{value!r} is not a year, e.g. 2019 for 2019/20")
        return int(value)
    if kind is Kind.STAGE:
        if value not in ("1", "2", "3"):
            raise CellError(f"{value!r} is not a stage: use 1, 2 or 3")
        return int(value)
    raise AssertionError(kind)


def _list(column: Column) -> str:
    return ", ".join(column.codes)


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
            continue
        records = _parse_table(spec, table, problems, case_file)
        if spec.name == "organisation":
            case_file.organisation = records
        else:
            getattr(case_file, spec.name).extend(records)
    return case_file, problems


def _parse_table(
    spec: FileSpec, table: Table, problems: list[Problem], case_file: CaseFile
) -> list[Any]:
    file_name = spec.file_name
    positions: dict[str, int] = {}
    header_ok = True
    for position, raw_name in enumerate(table.header):
        name = raw_name.strip().lower()
        if not name and all(
            position >= len(row) or not row[position].strip() for row in table.rows
        ):
            continue  # an empty trailing column from a spreadsheet
        if name in positions:
            problems.append(Problem(file_name, 1, name, "this column appears twice"))
            header_ok = False
        elif name not in {column.name for column in spec.columns}:
            columns = ", ".join(column.name for column in spec.columns)
            problems.append(
                Problem(file_name, 1, raw_name.strip(), f"unknown column: use {columns}")
            )
            header_ok = False
        else:
            positions[name] = position
    for column in spec.columns:
        if column.required and column.name not in positions:
            problems.append(Problem(file_name, 1, column.name, "this required column is missing"))
            header_ok = False
    if spec.name == "stages" and "requested" not in positions:
        stage_at = positions.get("stage")
        if stage_at is not None and any(
            stage_at < len(row) and row[stage_at].strip() in ("2", "3") for row in table.rows
        ):
            problems.append(
                Problem(file_name, 1, "requested", "the column is needed for stages 2 and 3")
            )
            header_ok = False
    if not header_ok:
        return []

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
        row_ok = True
        for column in spec.columns:
            at = positions.get(column.name)
            raw = cells[at] if at is not None and at < len(cells) else ""
            if not raw.strip():
                if column.required or (column.name == "requested" and values.get("stage", 1) > 1):
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
        if spec.name == "contacts" and values.get("reference"):
            # Rows elsewhere may point at a contact whose own row is wrong: one error, not two.
            case_file.broken_references.add(values["reference"])
        if not row_ok:
            continue
        if spec.key and all(values.get(attr) is not None for attr in spec.key):
            key = tuple(_key_part(values[attr]) for attr in spec.key)
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
    if spec.name == "contacts":
        case_file.broken_references.difference_update(record.reference for record in records)
    return records


def _key_part(value: Any) -> Any:
    # Names are matched without regard to case, as the database does.
    return value.lower() if isinstance(value, str) else value


# ---------------------------------------------------------------------------- writing cells


def format_cell(column: Column, value: Any) -> str:
    """A value as the export writes it: codes lower case, ISO dates, yes/no, `;` lists."""
    if value is None or value == "" or value == ():
        return ""
    kind = column.kind
    if kind is Kind.DATE:
        return str(value.isoformat())
    if kind is Kind.BOOL:
        return "yes" if value else "no"
    if kind is Kind.MONEY:
        return f"{Decimal(value):.2f}"
    if kind in (Kind.NUMBER, Kind.PERCENT):
        number = Decimal(value)
        text = format(number.normalize(), "f") if number == number.to_integral() else None
        return text if text is not None else format(number.quantize(Decimal("0.01")), "f")
    if kind in (Kind.CODES, Kind.NAMES):
        return ";".join(value)
    if kind is Kind.CODE:
        return str(value).lower()
    return str(value)


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
