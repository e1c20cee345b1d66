"""One cell of the case file: the kinds of column, and reading and writing a cell's text.

Pure: no database. Every value is written as the export writes it and read back the same.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any


class Kind(Enum):
    TEXT = "text"
    DATE = "date"
    DATETIME = "datetime"  # v1.1: an ISO 8601 date and time with its offset, written in UTC
    TIMESTAMP = "timestamp"  # v1.1: a date-time kept to the microsecond (events.csv)
    JSON = "json"  # v1.1: a JSON object, written with its keys sorted
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
    required: bool = False  # the column must be there, and (unless may_be_empty) its value
    may_be_empty: bool = False
    codes: tuple[str, ...] = ()
    attr: str = ""

    @property
    def field(self) -> str:
        return self.attr or self.name


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})", re.IGNORECASE
)
_MONEY = re.compile(r"\d{1,10}(\.\d{1,2})?")
_NUMBER = re.compile(r"-?\d{1,12}(\.\d{1,2})?")
_INTEGER = re.compile(r"\d{1,9}")


class CellError(ValueError):
    """A cell that cannot be read, with what is wrong in plain words."""


# A spreadsheet takes a cell starting with one of these for a formula (OWASP's list for CSV
# injection). The export writes such text after a single quote, which spreadsheets show as
# text, and reading the cell removes that quote. Text that already starts with a quote before
# one of these (or before another quote) gets one more, so that exactly the added quote is
# removed; any other text is written as it is (interchange.md, "Formulas").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def restore(text: str) -> str:
    """The text as it was before the export's quote: that quote removed, anything else kept."""
    if text.startswith("'") and text[1:].startswith((*FORMULA_STARTS, "'")):
        return text[1:]
    return text


def neutralise(text: str) -> str:
    """Text as a spreadsheet must show it, never run it; `restore` gives it back."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) or restore(text) != text else text


def parse_cell(column: Column, raw: str) -> Any:
    """The typed value of one non-empty cell, or CellError saying what is wrong."""
    value = restore(raw.strip())
    kind = column.kind
    if kind is Kind.TEXT:
        return value
    if kind is Kind.DATE:
        if not _DATE.fullmatch(value):
            raise CellError(f"{value!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-01-08")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise CellError(f"{value!r} is not a real date") from None
    if kind in (Kind.DATETIME, Kind.TIMESTAMP):
        if not _DATETIME.fullmatch(value):
            raise CellError(
                f"{value!r} is not a date and time with its offset from UTC: write it as "
                "YYYY-MM-DDTHH:MM:SSZ (UTC), e.g. 2024-01-08T14:30:00Z, or with an offset, "
                "e.g. 2024-06-03T15:30:00+01:00"
            )
        try:
            moment = datetime.fromisoformat(value.upper())
        except ValueError:
            raise CellError(f"{value!r} is not a real date and time") from None
        if kind is Kind.TIMESTAMP:
            return moment.astimezone(UTC)
        # To the second, as the export writes it: the round trip and matching stay exact.
        return moment.astimezone(UTC).replace(microsecond=0)
    if kind is Kind.JSON:
        try:
            data = json.loads(value)
        except ValueError:
            raise CellError(f"{_shortened(value)!r} is not JSON") from None
        if not isinstance(data, dict):
            raise CellError("write a JSON object: {...}")
        return canonical_json(data)
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


def canonical_json(data: dict[str, Any]) -> str:
    """A JSON object as the case file writes it: keys sorted, no spaces, text as it is."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _shortened(value: str) -> str:
    return value if len(value) <= 40 else f"{value[:40]}..."


def _list(column: Column) -> str:
    return ", ".join(column.codes)


def format_cell(column: Column, value: Any) -> str:
    """A value as the export writes it: codes lower case, ISO dates, yes/no, `;` lists."""
    if value is None or value == "" or value == ():
        return ""
    kind = column.kind
    if kind is Kind.DATE:
        return str(value.isoformat())
    if kind is Kind.DATETIME:
        return str(value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    if kind is Kind.TIMESTAMP:
        return str(value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    if kind is Kind.BOOL:
        return "yes" if value else "no"
    if kind is Kind.MONEY:
        return f"{Decimal(value):.2f}"
    if kind in (Kind.NUMBER, Kind.PERCENT):
        number = Decimal(value)
        text = format(number.normalize(), "f") if number == number.to_integral() else None
        return text if text is not None else format(number.quantize(Decimal("0.01")), "f")
    if kind is Kind.CODES:
        return ";".join(value)
    if kind is Kind.NAMES:
        return neutralise(";".join(value))
    if kind is Kind.CODE:
        return str(value).lower()
    if kind is Kind.TEXT:
        return neutralise(str(value))
    return str(value)
