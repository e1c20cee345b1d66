"""Reading and writing cells of the case file, without a database."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairhear.interchange.cells import CellError, Column, Kind, format_cell, parse_cell
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
