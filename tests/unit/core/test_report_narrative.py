from typing import Any

from fairhear.core.report_narrative import narrative


def _table(
    rows: dict[str, dict[str, Any]], columns: tuple[str, ...] = ("previous", "current")
) -> dict[str, Any]:
    labels = {"previous": "2018/19", "current": "2019/20", "previous_total": "Total 2018/19"}
    return {
        "columns": [{"key": c, "label": labels.get(c, c)} for c in columns],
        "rows": [
            {"key": k, "label": k.replace("_", " ").capitalize(), "cells": v}
            for k, v in rows.items()
        ],
    }


def report(**tables: dict[str, Any]) -> dict[str, Any]:
    return {"label": "2019/20", "tables": tables}


def test_it_says_when_a_figure_is_the_same_as_last_year() -> None:
    found = report(volumes=_table({"statutory": {"previous": 59, "current": 59}}))

    assert narrative(found) == ["59 statutory complaints were received, the same as in 2018/19."]


def test_it_says_which_way_a_figure_moved_and_agrees_in_number() -> None:
    up = report(volumes=_table({"statutory": {"previous": 0, "current": 1}}))
    down = report(volumes=_table({"statutory": {"previous": 52, "current": 48}}))

    assert narrative(up) == ["1 statutory complaint was received, up from 0 in 2018/19."]
    assert narrative(down) == ["48 statutory complaints were received, down from 52 in 2018/19."]


def test_it_gives_the_share_upheld_with_last_years_for_comparison() -> None:
    outcomes = _table(
        {
            "upheld": {"previous": 20, "current": 19},
            "partly_upheld": {"previous": 10, "current": 10},
            "not_upheld": {"previous": 26, "current": 29},
            "withdrawn": {"previous": 3, "current": 1},
        }
    )

    sentences = narrative(report(stage1_outcomes=outcomes))

    assert (
        "Of the 58 Stage 1 complaints decided, 29 (50%) were upheld or partly upheld, "
        "compared with 30 (54%) in 2018/19." in sentences
    )


def test_it_says_nothing_about_figures_it_does_not_have() -> None:
    timeliness = _table(
        {"in_timescale": {"previous": 0, "current": 0}, "total": {"previous": 0, "current": 0}}
    )

    assert narrative(report(stage1_timeliness=timeliness, stage1_outcomes=_table({}))) == [
        "No statutory complaints were received."
    ]


def test_a_published_narrative_hides_small_counts_and_their_percentages() -> None:
    found = report(
        volumes=_table({"statutory": {"previous": 3, "current": 2}}),
        stage1_timeliness=_table(
            {"in_timescale": {"previous": 3, "current": 2}, "total": {"previous": 3, "current": 2}}
        ),
    )

    assert narrative(found, threshold=5) == [
        "Fewer than 5 statutory complaints were received, down from fewer than 5 in 2018/19."
    ]


def test_it_names_the_largest_group_of_complainants_only_when_there_is_one() -> None:
    clear = _table(
        {
            "parent": {"previous": 1, "current": 38},
            "advocate": {"previous": 1, "current": 12},
            "total": {"previous": 2, "current": 59},
        }
    )
    tied = _table(
        {
            "parent": {"previous": 1, "current": 5},
            "advocate": {"previous": 1, "current": 5},
            "total": {"previous": 2, "current": 10},
        }
    )

    assert "More statutory complaints were made by a parent than by anyone else: 38 (64%)." in (
        narrative(report(complainant_role=clear))
    )
    assert not any("anyone else" in s for s in narrative(report(complainant_role=tied)))
