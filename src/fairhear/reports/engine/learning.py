"""Learning from complaints: what was done where Stage 1 complaints were upheld."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from fairhear.casework.codes import UPHELD_OUTCOMES, ActionKind
from fairhear.casework.models import LearningAction, Stage
from fairhear.core.report import table
from fairhear.reports.engine.base import UNKNOWN, Report, code_rows
from fairhear.reports.engine.registry import Section

section = Section("learning")


@section.table("actions_for_upheld")
def actions_for_upheld(r: Report) -> dict[str, Any]:
    w = r.w["current"]
    upheld = Stage.objects.filter(
        number=1, outcome__in=UPHELD_OUTCOMES, responded__range=w.range
    ).values("contact")
    counts = (
        LearningAction.objects.filter(contact__in=upheld)
        .values("kind")
        .annotate(complaints=Count("contact", distinct=True))
        .order_by()
    )
    cells = {row["kind"] or UNKNOWN: {"complaints": row["complaints"]} for row in counts}
    return table(
        "What was done where Stage 1 complaints were upheld",
        "responded",
        [("complaints", "Complaints")],
        code_rows(ActionKind.choices, cells),
    )
