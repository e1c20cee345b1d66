"""The container files agree with the repository (no Docker here: the image itself is built by
.ci/run where Docker works), and the container's health check asks with an allowed host."""

import importlib.util
import re
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from tests.unit.fresh import fairhear

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
COMPOSE = (ROOT / "compose.yaml").read_text()


def _healthcheck() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "container_healthcheck", ROOT / "scripts" / "container_healthcheck.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("allowed_hosts", "host"),
    [
        ("complaints.example.gov.uk,other.example", "complaints.example.gov.uk"),
        (".example.gov.uk", "example.gov.uk"),
        ("*", "localhost"),
        ("", "localhost"),
    ],
)
def test_the_health_check_asks_as_the_first_allowed_host(
    allowed_hosts: str, host: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALLOWED_HOSTS", allowed_hosts)
    assert _healthcheck().host() == host


def test_the_health_check_fails_when_nothing_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "1")
    assert _healthcheck().main() == 1


def test_every_file_the_dockerfile_copies_from_the_repository_exists() -> None:
    for line in DOCKERFILE.splitlines():
        if line.startswith("COPY ") and "--from=" not in line:
            *sources, _target = line.split()[1:]
            for source in sources:
                assert (ROOT / source).exists(), source


def test_the_image_installs_the_hashed_lock_and_runs_gunicorn_as_another_user() -> None:
    assert "pip install --require-hashes -r /tmp/production.txt" in DOCKERFILE
    assert "COPY requirements/production.txt" in DOCKERFILE
    users = re.findall(r"^USER (\S+)$", DOCKERFILE, re.MULTILINE)
    assert users == ["fairhear"]
    assert "fairhear collectstatic --no-input" in DOCKERFILE
    assert '"exec gunicorn fairhear.wsgi' in DOCKERFILE


def test_the_build_context_leaves_out_local_environments_and_builds() -> None:
    ignored = (ROOT / ".dockerignore").read_text().split()
    for path in (".venv", "node_modules", "data", "src/fairhear/static/build", ".env"):
        assert path in ignored


def test_compose_checks_health_and_runs_the_migrations_and_the_daily_jobs() -> None:
    for service in ("db:", "migrate:", "app:", "jobs:"):
        assert f"\n  {service}\n" in COMPOSE
    assert '["CMD", "python", "/app/container_healthcheck.py"]' in COMPOSE
    assert "/app/container_healthcheck.py" in DOCKERFILE
    assert '["sh", "/app/daily_jobs.sh"]' in COMPOSE
    assert "scripts/daily_jobs.sh" in DOCKERFILE
    assert "condition: service_completed_successfully" in COMPOSE
    assert "- fairhear-data:/data" in COMPOSE
    assert "- postgres-data:/var/lib/postgresql/data" in COMPOSE


def test_the_daily_jobs_script_is_valid_shell() -> None:
    result = subprocess.run(
        ["sh", "-n", str(ROOT / "scripts" / "daily_jobs.sh")], capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_build_time_collectstatic_settings_start(tmp_path: Path) -> None:
    # The image's collectstatic step runs with production settings and a throwaway key: the
    # settings' checks (a strong key among them) must let it start.
    step = re.search(r"RUN (DEBUG=false SECRET_KEY=\S+)", DOCKERFILE)
    assert step is not None
    env = dict(pair.split("=", 1) for pair in step.group(1).split())
    result = fairhear("collectstatic", "--help", data_dir=tmp_path, **env)
    assert result.returncode == 0, result.stderr
