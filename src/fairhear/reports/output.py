"""A report in each of its forms, from its JSON: one place the command and the pages share."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings

__all__ = ["FORMATS", "render", "suppression_threshold"]

#: format → (file extension, content type)
FORMATS: dict[str, tuple[str, str]] = {
    "json": ("json", "application/json"),
    "html": ("html", "text/html; charset=utf-8"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def suppression_threshold() -> int:
    """Published counts below this (and above 0) read "fewer than N" (default 5)."""
    threshold: int = settings.FAIRHEAR_REPORT_SUPPRESSION_THRESHOLD
    return threshold


def render(
    report: Mapping[str, Any],
    form: str,
    *,
    published: bool = False,
    case_detail: bool | None = None,
) -> bytes:
    """The report as bytes in `form` (json, html, docx, xlsx). The JSON is always exact: it
    is the source every other form reads; `published` applies to the renderings, which then
    list no single case. `case_detail` (default: when not published) lists the cases in the
    internal version, for staff who may see every case."""
    from fairhear.reports.render.document import render_docx
    from fairhear.reports.render.page import render_html
    from fairhear.reports.render.workbook import render_xlsx

    threshold = suppression_threshold() if published else None
    cases = not published if case_detail is None else case_detail and not published
    renderers: dict[str, Callable[[], bytes]] = {
        "json": lambda: json.dumps(report, indent=2, ensure_ascii=False).encode(),
        "html": lambda: render_html(report, threshold=threshold, case_detail=cases).encode(),
        "docx": lambda: render_docx(report, threshold=threshold, case_detail=cases),
        "xlsx": lambda: render_xlsx(report, threshold=threshold, case_detail=cases),
    }
    return renderers[form]()
