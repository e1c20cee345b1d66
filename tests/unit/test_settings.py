"""Settings from the environment: run in a fresh interpreter, since Django reads them once."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.fresh import PRODUCTION, clean_env, fairhear


def _start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS)",
        ],
        env={
            **clean_env(),
            "DJANGO_SETTINGS_MODULE": "fairhear.settings",
            "FAIRHEAR_DATA_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_with_nothing_set_it_runs_in_development_mode_on_sqlite_in_the_data_folder(
    tmp_path: Path,
) -> None:
    result = _start(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["True", "django.db.backends.sqlite3"]
    assert (tmp_path / "dev-secret-key").exists()


def test_outside_debug_a_missing_secret_key_stops_the_start_up_with_a_clear_message(
    tmp_path: Path,
) -> None:
    result = _start(tmp_path, DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_bad_boolean_stops_the_start_up_naming_the_variable(tmp_path: Path) -> None:
    result = _start(tmp_path, DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_a_stage_two_clock_start_that_is_not_a_choice_stops_the_start_up(tmp_path: Path) -> None:
    result = _start(tmp_path, FAIRHEAR_STAGE_2_CLOCK_START="statement")
    assert result.returncode != 0
    assert "FAIRHEAR_STAGE_2_CLOCK_START must be one of" in result.stderr


def test_production_settings_pass_the_deployment_checklist(tmp_path: Path) -> None:
    result = fairhear(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        data_dir=tmp_path,
        **PRODUCTION,
        # Preloading HSTS binds the council's whole domain, so it is the council's choice.
        SECURE_HSTS_PRELOAD="true",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("command", ["help", "migrate --help"])
def test_the_fairhear_command_runs_management_commands(command: str, tmp_path: Path) -> None:
    result = fairhear(*command.split(), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "migrate" in result.stdout


def _print_setting(tmp_path: Path, expression: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, json; django.setup(); from django.conf import settings; "
            "from django.core.files.storage import storages; "
            f"print(json.dumps({expression}, default=str))",
        ],
        env={
            **clean_env(),
            "DJANGO_SETTINGS_MODULE": "fairhear.settings",
            "FAIRHEAR_DATA_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_uploads_are_kept_on_local_disk_by_default(tmp_path: Path) -> None:
    result = _print_setting(tmp_path, "type(storages['default']).__name__")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == "FileSystemStorage"


def test_a_bucket_keeps_uploads_in_s3_compatible_storage(tmp_path: Path) -> None:
    result = _print_setting(
        tmp_path,
        "[type(storages['default']).__name__, settings.STORAGES['default']['OPTIONS']]",
        FAIRHEAR_S3_BUCKET="council-complaints",
        FAIRHEAR_S3_ENDPOINT_URL="https://objects.example.net",
        FAIRHEAR_S3_REGION="eu-west-2",
        FAIRHEAR_S3_ACCESS_KEY_ID="key-id",
        FAIRHEAR_S3_SECRET_ACCESS_KEY="secret",
    )
    assert result.returncode == 0, result.stderr
    backend, options = json.loads(result.stdout)
    assert backend == "S3Storage"
    assert options["bucket_name"] == "council-complaints"
    assert options["endpoint_url"] == "https://objects.example.net"
    assert options["region_name"] == "eu-west-2"
    assert (options["access_key"], options["secret_key"]) == ("key-id", "secret")
    assert options["querystring_auth"] is True
    assert options["file_overwrite"] is False


def test_without_keys_the_bucket_leaves_credentials_to_boto3(tmp_path: Path) -> None:
    result = _print_setting(
        tmp_path, "settings.STORAGES['default']['OPTIONS']", FAIRHEAR_S3_BUCKET="complaints"
    )
    assert result.returncode == 0, result.stderr
    options = json.loads(result.stdout)
    assert "access_key" not in options
    assert "endpoint_url" not in options


def test_one_key_without_the_other_stops_the_start_up(tmp_path: Path) -> None:
    result = _start(tmp_path, FAIRHEAR_S3_BUCKET="complaints", FAIRHEAR_S3_ACCESS_KEY_ID="key-id")
    assert result.returncode != 0
    assert "FAIRHEAR_S3_ACCESS_KEY_ID and FAIRHEAR_S3_SECRET_ACCESS_KEY go together" in (
        result.stderr
    )


def test_a_request_for_another_host_is_logged_on_one_line_without_a_traceback(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.test import Client; "
            "print(Client().get('/', HTTP_HOST='scanner.example').status_code)",
        ],
        env={
            **clean_env(),
            **PRODUCTION,
            "DJANGO_SETTINGS_MODULE": "fairhear.settings",
            "FAIRHEAR_DATA_DIR": str(tmp_path),
            "STATIC_ROOT": str(tmp_path),  # spares WhiteNoise's warning of a missing folder
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "400", result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert " ERROR django.security.DisallowedHost: Invalid HTTP_HOST header: 'scanner.example'" in (
        line
    )


@pytest.mark.parametrize("key", ["short", "a" * 60, "django-insecure-" + "abcdefghij" * 5])
def test_outside_debug_a_weak_secret_key_stops_the_start_up_with_one_clear_line(
    tmp_path: Path, key: str
) -> None:
    result = _start(tmp_path, DEBUG="false", SECRET_KEY=key, ALLOWED_HOSTS="example.gov.uk")
    assert result.returncode != 0
    assert "SECRET_KEY is too weak: outside development mode" in result.stderr
    assert "at least 50 random characters" in result.stderr


def test_in_development_a_short_secret_key_is_accepted(tmp_path: Path) -> None:
    assert _start(tmp_path, SECRET_KEY="short").returncode == 0
