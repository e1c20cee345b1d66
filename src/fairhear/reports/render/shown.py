"""What every rendering shows of a report's JSON, and how its cells read.

The JSON is exact and complete (report.md). The renderings people read differ from it in two
ways. Cells read as words: codes as their labels, dates as "8 January 2027" (kept on one line).
And the published version must not identify anyone (issue 16): it lists no single case (their
references, dates and costs could be matched to a person) and groups the free-text equality
answers into the census groups, so that a rare answer is a count in a group, not a quote.
Staff without sight of every case do not get the case lists either.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from fairhear.casework.codes import LgscoDecision, LgscoRemedy
from fairhear.core.dates import long_date
from fairhear.core.report import shown_row

__all__ = [
    "CASES_LEFT_OUT",
    "CASE_TABLES",
    "cell_texts",
    "figure_columns",
    "grouped_equalities",
    "row_label",
    "tables_shown",
]

#: Tables with one row per case: internal only, for staff who may see every case.
CASE_TABLES = frozenset({"stage2_cases", "stage3_panels", "lgsco_cases"})

CASES_LEFT_OUT = (
    "Single cases are not listed in this version of the report: the totals above give their "
    "number, timeliness and cost."
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NO_BREAK = "\N{NO-BREAK SPACE}"

#: Cells that hold a code, read through its label (the JSON keeps the code).
_CODE_LABELS: dict[tuple[str, str], dict[str, str]] = {
    ("lgsco_cases", "decision"): {**dict(LgscoDecision.choices), "unknown": "Not recorded"},
    ("lgsco_cases", "remedy"): dict(LgscoRemedy.choices),
}


def cell_texts(
    table_id: str, row: Mapping[str, Any], *, threshold: int | None = None
) -> dict[str, str]:
    """Every cell of a row as people read it: `core.report.shown_row`, with codes as their
    labels and dates written out, each kept on one line."""
    texts = shown_row(table_id, row, threshold=threshold)
    for key, value in row["cells"].items():
        labels = _CODE_LABELS.get((table_id, key))
        if labels is not None and isinstance(value, str):
            texts[key] = labels.get(value, value)
        elif labels is not None and isinstance(value, list) and value:
            texts[key] = ", ".join(labels.get(str(code), str(code)) for code in value)
        elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
            texts[key] = long_date(date.fromisoformat(value)).replace(" ", _NO_BREAK)
    return texts


def figure_columns(found: Mapping[str, Any]) -> set[str]:
    """The columns holding figures (right-aligned, headings too): a column with a number in
    any row, so its dashes and "fewer than 5" line up with its numbers."""
    return {
        key
        for row in found["rows"]
        for key, value in row["cells"].items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    }


def row_label(table_id: str, row: Mapping[str, Any]) -> str:
    """A row's label; a case's reference ("25 003 331") kept on one line."""
    label: str = row["label"]
    return (
        label.replace(" ", _NO_BREAK)
        if table_id in CASE_TABLES and row["key"] != "total"
        else label
    )


# --- Equality answers in groups -------------------------------------------------------------

# The census 2021 high-level ethnic groups, which councils' equality monitoring uses: (key,
# label, words that place an answer in the group). "Mixed" comes first, since its answers name
# other groups ("White and Black Caribbean").
_ETHNIC_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("mixed", "Mixed or Multiple ethnic groups", ("mixed", "multiple", " and ")),
    (
        "asian",
        "Asian or Asian British",
        ("asian", "indian", "pakistani", "bangladeshi", "chinese"),
    ),
    ("black", "Black, Black British, Caribbean or African", ("black", "african", "caribbean")),
    ("white", "White", ("white", "british", "irish", "gypsy", "traveller", "roma")),
    ("other", "Other ethnic group", ("arab", "other ethnic", "any other")),
)
_GENDER_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("female", "Female", ("female", "f", "woman", "girl")),
    ("male", "Male", ("male", "m", "man", "boy")),
)
# Answers that say the question was not answered.
_NOT_KNOWN = ("unknown", "not known", "not recorded", "not stated", "prefer not to say", "")


def _group(
    answer: str, groups: tuple[tuple[str, str, tuple[str, ...]], ...], *, whole_words: bool
) -> tuple[str, str] | None:
    text = answer.strip().casefold()
    if text in _NOT_KNOWN:
        return None
    # A census answer reads "Group: subgroup": the group decides, else the whole answer.
    for part in (text.split(":", 1)[0], text):
        words = set(re.split(r"[^a-z]+", part))
        for key, label, marks in groups:
            if any((m in words) if whole_words else (m in part) for m in marks):
                return key, label
    return "another", "Another answer"


def grouped_equalities(found: Mapping[str, Any]) -> dict[str, Any]:
    """The `equalities` table with gender and ethnicity answers counted in groups (age bands
    and disability are codes already), in the JSON table's form."""
    cells: dict[str, dict[str, int]] = {}
    labels: dict[str, str] = {}
    for row in found["rows"]:
        prefix, _, answer = row["key"].partition(":")
        title = row["label"].split(":", 1)[0]
        grouping = {"gender": _GENDER_GROUPS, "ethnicity": _ETHNIC_GROUPS}.get(prefix)
        if grouping is None or answer == "unknown":
            key, label = row["key"], row["label"]
        else:
            group = _group(answer, grouping, whole_words=prefix == "gender")
            code, name = group or ("unknown", "Not recorded")
            key, label = f"{prefix}:{code}", f"{title}: {name}"
        labels.setdefault(key, label)
        counts = cells.setdefault(key, {})
        for column, value in row["cells"].items():
            counts[column] = counts.get(column, 0) + (value or 0)
    return {
        **found,
        "rows": [{"key": k, "label": labels[k], "cells": cells[k]} for k in _ordered(cells)],
    }


def _ordered(keys: Mapping[str, Any]) -> list[str]:
    """Groups in the census order, then other answers and the unrecorded, as the engine
    orders its rows; every other row keeps its place."""
    order = {
        f"{prefix}:{code}": n
        for prefix, codes in (
            ("gender", ("female", "male")),
            ("ethnicity", ("asian", "black", "mixed", "white", "other")),  # the census order
        )
        for n, code in enumerate([*codes, "another", "unknown"])
    }
    position = {key: n for n, key in enumerate(keys)}
    first: dict[str, int] = {}
    for key in keys:
        first.setdefault(key.partition(":")[0], position[key])
    return sorted(keys, key=lambda k: (first[k.partition(":")[0]], order.get(k, position[k])))


def tables_shown(
    report: Mapping[str, Any], *, threshold: int | None = None, case_detail: bool = True
) -> dict[str, Mapping[str, Any]]:
    """The report's tables a rendering shows, by id: no case lists in the published version
    (`threshold` given) or without `case_detail`, and equality answers grouped when
    published."""
    shown: dict[str, Mapping[str, Any]] = {}
    for table_id, found in report["tables"].items():
        if table_id in CASE_TABLES and (threshold is not None or not case_detail):
            continue
        published_equalities = table_id == "equalities" and threshold is not None
        shown[table_id] = grouped_equalities(found) if published_equalities else found
    return shown
