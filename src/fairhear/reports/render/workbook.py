"""The report's tables as an Excel workbook: one sheet per table and a sheet of definitions."""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from fairhear.core.dates import long_date
from fairhear.core.report import cell_kind, shown, suppressed
from fairhear.reports.render.sections import DEFINITIONS

__all__ = ["render_xlsx"]

_FORMATS = {"percent": '0.0"%"', "money": '"£"#,##0.00', "number": "#,##0.0"}


def _value(table_id: str, column: str, row: str, value: Any, threshold: int | None) -> Any:
    """Numbers stay numbers so people can work with them; published counts under the
    threshold become "fewer than N"."""
    kind = cell_kind(table_id, column, row)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(value)
    hidden = kind == "count" and isinstance(value, int) and threshold is not None
    if hidden and suppressed(value, threshold):  # type: ignore[arg-type]
        return shown(value, kind, threshold=threshold)
    return value


def render_xlsx(report: Mapping[str, Any], *, threshold: int | None = None) -> bytes:
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for table_id, found in report["tables"].items():
        sheet = book.create_sheet(table_id[:31])
        title = WriteOnlyCell(sheet, value=f"{found['title']} ({report['label']})")
        title.font = Font(bold=True, size=14)
        sheet.append([title])
        sheet.append([f"Basis: {found['basis']}"])
        header = [WriteOnlyCell(sheet, value="")]
        for column in found["columns"]:
            cell = WriteOnlyCell(sheet, value=column["label"])
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in found["rows"]:
            label = WriteOnlyCell(sheet, value=row["label"])
            label.font = bold
            line: list[Any] = [label]
            for column in found["columns"]:
                key = column["key"]
                value = _value(table_id, key, row["key"], row["cells"].get(key), threshold)
                cell = WriteOnlyCell(sheet, value=value)
                number_format = _FORMATS.get(cell_kind(table_id, key, row["key"]))
                if number_format and isinstance(value, int | float):
                    cell.number_format = number_format
                line.append(cell)
            sheet.append(line)
    sheet = book.create_sheet("definitions")
    as_at = long_date(date.fromisoformat(report["as_at"]))
    sheet.append([f"{report['council']}: complaints report {report['label']}"])
    sheet.append([f"Figures as they stood on {as_at}."])
    if threshold is not None:
        sheet.append([f"Counts from 1 to {threshold - 1} are shown as fewer than {threshold}."])
    sheet.append([])
    for term, meaning in DEFINITIONS:
        cell = WriteOnlyCell(sheet, value=term)
        cell.font = bold
        sheet.append([cell, meaning])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
