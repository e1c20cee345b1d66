"""The front-end build is complete: production's manifest storage finds every file it names."""

from pathlib import Path

from fairhear.settings import PACKAGE_DIR
from tests.unit.fresh import PRODUCTION, fairhear

BUILD = PACKAGE_DIR / "static" / "build"


def test_the_built_scripts_name_no_source_map_that_is_not_shipped() -> None:
    for script in BUILD.glob("*.js"):
        assert "sourceMappingURL" not in script.read_text(), script.name


def test_collectstatic_with_production_settings_finds_every_referenced_file(
    tmp_path: Path,
) -> None:
    static_root = tmp_path / "static"
    result = fairhear(
        "collectstatic",
        "--no-input",
        data_dir=tmp_path / "data",
        **PRODUCTION,
        STATIC_ROOT=str(static_root),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (static_root / "staticfiles.json").read_text()
    assert "build/fairhear.css" in manifest
    assert "build/images/govuk-crest.svg" in manifest
