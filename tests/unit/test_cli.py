"""The `fairhear` command speaks as Fairhear: its version, its own commands first, and one
clear line when the database is missing or not migrated."""

import sqlite3
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.unit.fresh import fairhear

FAIRHEAR_COMMANDS = [
    "backup",
    "clear_exports",
    "clear_public_drafts",
    "demo",
    "export",
    "import",
    "refresh_statuses",
    "remind",
    "report",
    "restore",
]


def test_version_is_fairhears(tmp_path: Path) -> None:
    result = fairhear("--version", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"fairhear {version('fairhear')}\n"


@pytest.mark.parametrize("args", [["--help"], []])
def test_help_lists_fairhears_commands_with_what_they_do_before_djangos(
    args: list[str], tmp_path: Path
) -> None:
    result = fairhear(*args, data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    ours, _, djangos = result.stdout.partition("Other commands")
    for name in FAIRHEAR_COMMANDS:
        assert f"\n  {name} " in ours
    assert "Write the complaints report for a financial year" in ours
    assert "migrate" in djangos
    assert "\n  migrate " not in ours


def _one_line_naming_the_settings(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1
    error = result.stderr
    assert "Traceback" not in error
    assert len(error.strip().splitlines()) == 1, error
    assert "DATABASE_URL" in error
    assert "FAIRHEAR_DATA_DIR" in error
    return error


def test_a_database_that_is_not_found_is_one_line_and_is_not_created(tmp_path: Path) -> None:
    error = _one_line_naming_the_settings(fairhear("remind", data_dir=tmp_path))
    assert f"there is no database at {tmp_path / 'fairhear.sqlite3'}" in error
    assert not (tmp_path / "fairhear.sqlite3").exists()


def test_a_database_that_is_not_migrated_is_one_line(tmp_path: Path) -> None:
    sqlite3.connect(tmp_path / "fairhear.sqlite3").close()
    error = _one_line_naming_the_settings(fairhear("export", "out", data_dir=tmp_path))
    assert "is not migrated" in error
    assert "run `fairhear migrate` first" in error


def test_a_database_server_that_does_not_answer_is_one_line(tmp_path: Path) -> None:
    result = fairhear(
        "report",
        "--year",
        "2024",
        data_dir=tmp_path,
        DATABASE_URL="postgres://fairhear@127.0.0.1:1/fairhear",
    )
    error = _one_line_naming_the_settings(result)
    assert "cannot open the database fairhear on 127.0.0.1:1" in error


def test_a_commands_help_needs_no_database(tmp_path: Path) -> None:
    result = fairhear("report", "--help", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "--year" in result.stdout


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with an empty, migrated SQLite database, shared by the module's tests."""
    data_dir = tmp_path_factory.mktemp("migrated")
    result = fairhear("migrate", "--no-input", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return data_dir


def _one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--year", "0"], "'0' is not a financial year"),
        (["--year", "99999"], "'99999' is not a financial year"),
        (["--year", "2024", "--as-at", "2024-03-31"], "--as-at 2024-03-31 is before the period"),
        (["--year", "2024", "--format", "docx"], "give --output FILE"),
    ],
)
def test_a_bad_report_argument_is_one_line_and_fails(
    arguments: list[str], message: str, migrated: Path
) -> None:
    assert message in _one_clear_line(fairhear("report", *arguments, data_dir=migrated))


def test_an_output_folder_that_does_not_exist_is_one_line_before_any_report_is_made(
    migrated: Path, tmp_path: Path
) -> None:
    output = tmp_path / "missing" / "report.docx"
    result = fairhear(
        "report", "--year", "2024", "--format", "docx", "--output", str(output), data_dir=migrated
    )
    error = _one_clear_line(result)
    assert f"there is no folder {output.parent}" in error
    assert "nothing was received" not in error  # it stopped before looking at the data
    assert not output.parent.exists()


def test_an_output_that_is_a_folder_is_one_line(migrated: Path, tmp_path: Path) -> None:
    result = fairhear("report", "--year", "2024", "--output", str(tmp_path), data_dir=migrated)
    assert "is a folder" in _one_clear_line(result)


def test_a_period_with_nothing_received_warns_and_still_writes_the_report(
    migrated: Path, tmp_path: Path
) -> None:
    output = tmp_path / "report.json"
    result = fairhear("report", "--year", "2024", "--output", str(output), data_dir=migrated)
    assert result.returncode == 0, result.stderr
    assert "warning: nothing was received in 2024/25" in result.stderr
    assert output.stat().st_size > 0


def test_a_setting_to_fix_is_one_line_naming_it(tmp_path: Path) -> None:
    result = fairhear("check", data_dir=tmp_path, DEBUG="false", SECRET_KEY="short")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("fairhear: SECRET_KEY is too weak")
