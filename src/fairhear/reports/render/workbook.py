"""The report's tables as an Excel workbook: one sheet per table and a sheet of definitions."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from fairhear.core.dates import long_date
from fairhear.core.report import cell_kind, suppressed
from fairhear.reports.render.sections import DEFINITIONS
from fairhear.reports.render.shown import CASES_LEFT_OUT, cell_texts, tables_shown

__all__ = ["render_xlsx"]

_TITLE = Font(bold=True, size=14)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FORMATS = {"percent": '0.0"%"', "money": '"£"#,##0.00', "number": "#,##0.0"}


def _value(
    table_id: str, column: str, row: Mapping[str, Any], text: str, threshold: int | None
) -> Any:
    """Numbers stay numbers so people can work with them, dates are dates; published counts
    under the threshold become "fewer than N"; anything else is the cell's text."""
    value = row["cells"].get(column)
    kind = cell_kind(table_id, column, row["key"])
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None if value is None else text
    if isinstance(value, str):
        return date.fromisoformat(value) if _ISO_DATE.fullmatch(value) else text
    hidden = kind == "count" and isinstance(value, int) and threshold is not None
    if hidden and suppressed(value, threshold):  # type: ignore[arg-type]
        return text
    return value


def _cell(sheet: Any, value: Any, *, font: Font | None = None) -> WriteOnlyCell:
    """A cell whose text stays text: openpyxl writes a string starting with "=" as a
    formula, and labels and answers come from what people typed (issue 16)."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if font is not None:
        cell.font = font
    return cell


def render_xlsx(
    report: Mapping[str, Any], *, threshold: int | None = None, case_detail: bool = True
) -> bytes:
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    tables = tables_shown(report, threshold=threshold, case_detail=case_detail)
    for table_id, found in tables.items():
        sheet = book.create_sheet(table_id[:31])
        sheet.append([_cell(sheet, f"{found['title']} ({report['label']})", font=_TITLE)])
        sheet.append([_cell(sheet, f"Basis: {found['basis']}")])
        header = [_cell(sheet, "")]
        header += [_cell(sheet, column["label"], font=bold) for column in found["columns"]]
        sheet.append(header)
        for row in found["rows"]:
            texts = cell_texts(table_id, row, threshold=threshold)
            line = [_cell(sheet, row["label"], font=bold)]
            for column in found["columns"]:
                key = column["key"]
                cell = _cell(sheet, _value(table_id, key, row, texts.get(key, ""), threshold))
                if isinstance(cell.value, date):
                    cell.number_format = "d mmmm yyyy"
                number_format = _FORMATS.get(cell_kind(table_id, key, row["key"]))
                if number_format and isinstance(cell.value, int | float):
                    cell.number_format = number_format
                line.append(cell)
            sheet.append(line)
    sheet = book.create_sheet("definitions")
    as_at = long_date(date.fromisoformat(report["as_at"]))
    sheet.append([_cell(sheet, f"{report['council']}: complaints report {report['label']}")])
    sheet.append([_cell(sheet, f"Figures as they stood on {as_at}.")])
    if threshold is not None:
        sheet.append(
            [_cell(sheet, f"Counts from 1 to {threshold - 1} are shown as fewer than {threshold}.")]
        )
    if len(tables) < len(report["tables"]):
        sheet.append([_cell(sheet, CASES_LEFT_OUT)])
    sheet.append([])
    for term, meaning in DEFINITIONS:
        sheet.append([_cell(sheet, term, font=bold), _cell(sheet, meaning)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
