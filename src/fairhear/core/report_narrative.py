"""Plain-English sentences drafted from a report's figures, in the style councils use
("59 statutory complaints were received, the same as in 2018/19.").

Each sentence reads only the report's JSON tables and says nothing the figures do not
support: a sentence whose figures are missing is left out. Published reports pass a
`threshold`, and any count from 1 to threshold - 1 reads "fewer than N", with no percentage
that would give it away.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fairhear.core.report import percent, round_half_up, suppressed

__all__ = ["narrative"]

Report = Mapping[str, Any]
DECIDED = ("upheld", "partly_upheld", "not_upheld", "no_finding")
UPHELD = ("upheld", "partly_upheld")


def narrative(report: Report, *, threshold: int | None = None) -> list[str]:
    """The sentences for a report, in the order the report's sections run."""
    writers: list[Callable[[Report, int | None], str | None]] = [
        _statutory_received,
        _stage_two_requests,
        _stage_one_upheld,
        _stage_one_timeliness,
        _complainants,
        _stage_two_investigations,
        _ombudsman,
        _compliments,
    ]
    sentences = [writer(report, threshold) for writer in writers]
    return [s for s in sentences if s]


def _cells(report: Report, table_id: str, row: str) -> Mapping[str, Any] | None:
    found = report.get("tables", {}).get(table_id)
    if found is None:
        return None
    for r in found["rows"]:
        if r["key"] == row:
            cells: Mapping[str, Any] = r["cells"]
            return cells
    return None


def _previous_label(report: Report, table_id: str) -> str:
    for column in report["tables"][table_id]["columns"]:
        if column["key"] == "previous":
            label: str = column["label"]
            return label
    return "the previous year"


def _number(n: int, threshold: int | None) -> str:
    if threshold is not None and suppressed(n, threshold):
        return f"fewer than {threshold}"
    return f"{n:,}"


def _hidden(n: int, threshold: int | None) -> bool:
    return threshold is not None and suppressed(n, threshold)


def _counted(n: int, singular: str, plural: str, threshold: int | None) -> tuple[str, str]:
    """("59 statutory complaints", "were"), agreeing in number."""
    one = n == 1 and not _hidden(n, threshold)
    return f"{_number(n, threshold)} {singular if one else plural}", "was" if one else "were"


def _compared(current: int, previous: int, label: str, threshold: int | None) -> str:
    if current == previous:
        return f"the same as in {label}"
    direction = "up" if current > previous else "down"
    return f"{direction} from {_number(previous, threshold)} in {label}"


def _pct(part: int, whole: int, threshold: int | None) -> str:
    """ " (95%)" after a count, or nothing when the count is hidden or there is no whole."""
    value = percent(part, whole)
    if value is None or _hidden(part, threshold):
        return ""
    return f" ({round_half_up(value)}%)"


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "."


def _statutory_received(report: Report, threshold: int | None) -> str | None:
    cells = _cells(report, "volumes", "statutory")
    if cells is None:
        cells = {"previous": 0, "current": 0}
    current, previous = cells["current"], cells["previous"]
    if current == 0 and previous == 0:
        return "No statutory complaints were received."
    what, verb = _counted(current, "statutory complaint", "statutory complaints", threshold)
    label = _previous_label(report, "volumes")
    return _sentence(f"{what} {verb} received, {_compared(current, previous, label, threshold)}")


def _stage_two_requests(report: Report, threshold: int | None) -> str | None:
    cells = _cells(report, "stages", "stage2_requested")
    if cells is None or (cells["current"] == 0 and cells["previous"] == 0):
        return None
    current, previous = cells["current"], cells["previous"]
    what, verb = _counted(
        current,
        "request for a Stage 2 investigation",
        "requests for a Stage 2 investigation",
        threshold,
    )
    label = _previous_label(report, "stages")
    return _sentence(f"{what} {verb} made, {_compared(current, previous, label, threshold)}")


def _upheld_decided(cells: Mapping[str, Mapping[str, Any]], column: str) -> tuple[int, int]:
    upheld = sum(cells[k][column] for k in UPHELD if k in cells)
    decided = sum(cells[k][column] for k in DECIDED if k in cells)
    return upheld, decided


def _stage_one_upheld(report: Report, threshold: int | None) -> str | None:
    found = report.get("tables", {}).get("stage1_outcomes")
    if found is None:
        return None
    cells = {r["key"]: r["cells"] for r in found["rows"]}
    upheld, decided = _upheld_decided(cells, "current")
    if decided == 0:
        return None
    before_upheld, before_decided = _upheld_decided(cells, "previous")
    what, _ = _counted(decided, "Stage 1 complaint", "Stage 1 complaints", threshold)
    text = (
        f"of the {what} decided, {_number(upheld, threshold)}{_pct(upheld, decided, threshold)} "
        f"{'was' if upheld == 1 and not _hidden(upheld, threshold) else 'were'} upheld or "
        "partly upheld"
    )
    if before_decided:
        label = _previous_label(report, "stage1_outcomes")
        text += (
            f", compared with {_number(before_upheld, threshold)}"
            f"{_pct(before_upheld, before_decided, threshold)} in {label}"
        )
    return _sentence(text)


def _stage_one_timeliness(report: Report, threshold: int | None) -> str | None:
    in_time = _cells(report, "stage1_timeliness", "in_timescale")
    total = _cells(report, "stage1_timeliness", "total")
    if in_time is None or total is None or total["current"] == 0:
        return None
    if _hidden(total["current"], threshold):  # "fewer than 5 of the fewer than 5" says nothing
        return None
    what, verb = _counted(total["current"], "Stage 1 reply", "Stage 1 replies", threshold)
    text = (
        f"{_number(in_time['current'], threshold)} of the {what}"
        f"{_pct(in_time['current'], total['current'], threshold)} {verb} sent in timescale"
    )
    previous = percent(in_time["previous"], total["previous"])
    if previous is not None and not _hidden(in_time["previous"], threshold):
        label = _previous_label(report, "stage1_timeliness")
        text += f", compared with {round_half_up(previous)}% in {label}"
    return _sentence(text)


def _complainants(report: Report, threshold: int | None) -> str | None:
    found = report.get("tables", {}).get("complainant_role")
    total = _cells(report, "complainant_role", "total")
    if found is None or total is None or total["current"] == 0:
        return None
    rows = [r for r in found["rows"] if r["key"] not in ("total", "unknown", "other")]
    if not rows:
        return None
    largest = max(r["cells"]["current"] for r in rows)
    leaders = [r for r in rows if r["cells"]["current"] == largest]
    if len(leaders) != 1 or largest == 0 or _hidden(largest, threshold):
        return None
    who = leaders[0]["label"].lower()
    article = "an" if who[0] in "aeiou" else "a"
    share = _pct(largest, total["current"], threshold)
    return _sentence(
        f"more statutory complaints were made by {article} {who} than by anyone else: "
        f"{_number(largest, threshold)}{share}"
    )


def _stage_two_investigations(report: Report, threshold: int | None) -> str | None:
    current = _cells(report, "stage2_summary", "current")
    if current is None or current["investigations"] == 0:
        return None
    what, verb = _counted(
        current["investigations"], "Stage 2 investigation", "Stage 2 investigations", threshold
    )
    text = f"{what} {verb} completed"
    if current["spend"]:
        text += f", at a cost of £{round_half_up(current['spend'], 2):,}"
    return _sentence(text)


def _ombudsman(report: Report, threshold: int | None) -> str | None:
    cells = _cells(report, "lgsco_decisions", "total")
    if cells is None or (cells["current"] == 0 and cells["previous"] == 0):
        return None
    what, _ = _counted(cells["current"], "decision", "decisions", threshold)
    label = _previous_label(report, "lgsco_decisions")
    compared = _compared(cells["current"], cells["previous"], label, threshold)
    return _sentence(f"the Ombudsman made {what} on our complaints, {compared}")


def _compliments(report: Report, threshold: int | None) -> str | None:
    cells = _cells(report, "compliments_by_service_area", "total")
    if cells is None or (cells["total"] == 0 and cells["previous_total"] == 0):
        return None
    what, verb = _counted(cells["total"], "compliment", "compliments", threshold)
    found = report["tables"]["compliments_by_service_area"]["columns"]
    label = next(c["label"] for c in found if c["key"] == "previous_total").removeprefix("Total ")
    compared = _compared(cells["total"], cells["previous_total"], label, threshold)
    return _sentence(f"{what} {verb} received, {compared}")
