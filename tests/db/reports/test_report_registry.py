"""The engine's registry of tables: every table of report.md, once, in the report's order,
under the section the renderings show it in."""

import pytest

from fairhear.reports.engine import ANNUAL_ONLY_TABLES, TABLE_IDS
from fairhear.reports.engine.registry import Section, registered, tables_of
from fairhear.reports.render.sections import SECTIONS


def test_a_yearly_report_walks_every_table_in_the_order_of_the_spec() -> None:
    assert [t.table_id for t in tables_of("year")] == list(TABLE_IDS)


@pytest.mark.parametrize("kind", ["quarter", "custom"])
def test_other_reports_leave_out_the_yearly_figures(kind: str) -> None:
    ids = [t.table_id for t in tables_of(kind)]

    assert ids == [t for t in TABLE_IDS if t not in ANNUAL_ONLY_TABLES]


@pytest.mark.parametrize(("section", "table_ids"), [(key, ids) for key, _, ids in SECTIONS])
def test_each_table_is_registered_in_the_section_the_renderings_show_it_in(
    section: str, table_ids: tuple[str, ...]
) -> None:
    assert {registered(t).section for t in table_ids} == {section}


def test_the_renderings_show_every_table() -> None:
    shown = [t for _, _, ids in SECTIONS for t in ids]

    assert sorted(shown) == sorted(TABLE_IDS)


def test_a_table_the_report_does_not_list_is_refused() -> None:
    with pytest.raises(ValueError, match="add it to TABLE_IDS"):
        Section("received").table("complaints_by_colour")(lambda r: {})


def test_a_table_is_registered_once() -> None:
    with pytest.raises(ValueError, match="'volumes' is registered twice"):
        Section("received").table("volumes")(lambda r: {})
