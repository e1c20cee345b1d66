"""The front-end build is complete: production's manifest storage finds every file it names."""

import os
import subprocess
import sys
from pathlib import Path

from fairhear.settings import PACKAGE_DIR

BUILD = PACKAGE_DIR / "static" / "build"


def test_the_built_scripts_name_no_source_map_that_is_not_shipped() -> None:
    for script in BUILD.glob("*.js"):
        assert "sourceMappingURL" not in script.read_text(), script.name


def test_collectstatic_with_production_settings_finds_every_referenced_file(
    tmp_path: Path,
) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    result = subprocess.run(
        [sys.executable, "-m", "fairhear", "collectstatic", "--no-input"],
        env={
            **env,
            "DEBUG": "false",
            "SECRET_KEY": "a-long-random-production-key-for-the-test-" + "x" * 40,
            "STATIC_ROOT": str(tmp_path / "static"),
            "FAIRHEAR_DATA_DIR": str(tmp_path / "data"),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "build/fairhear.css" in manifest
    assert "build/images/govuk-crest.svg" in manifest
