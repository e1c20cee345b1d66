"""Runs the `fairhear` command in a fresh interpreter, as a shell or a server would.

Django reads its settings once per process, so start-up, production settings and the command
line are tested this way, in an environment cleared of the test run's own variables.
"""

import os
import subprocess
import sys
from pathlib import Path

# Variables of the test run itself that a fresh start-up must not see.
RUN_ONLY = {
    "DATABASE_URL",
    "DEBUG",
    "SECRET_KEY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
}

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 60 + "a-long-random-production-key-for-the-test",
    "ALLOWED_HOSTS": "complaints.example.gov.uk",
}


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in RUN_ONLY}


def fairhear(*args: str, data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`fairhear ARGS` with its data folder in data_dir and env added to a clean environment."""
    return subprocess.run(
        [sys.executable, "-m", "fairhear", *args],
        env={**clean_env(), "FAIRHEAR_DATA_DIR": str(data_dir), **env},
        capture_output=True,
        text=True,
        check=False,
    )
