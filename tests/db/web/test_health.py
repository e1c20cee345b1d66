"""The health check that load balancers call: no sign-in, no redirect, 503 when not ready."""

from typing import Any

import pytest
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

pytestmark = pytest.mark.django_db

HEALTH = "/healthz"


def test_a_migrated_database_that_answers_is_healthy_without_signing_in(client: Client) -> None:
    response = client.get(HEALTH)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_an_unapplied_migration_makes_it_unavailable(client: Client) -> None:
    latest = MigrationRecorder.Migration.objects.filter(app="accounts").latest("id")
    latest.delete()

    response = client.get(HEALTH)

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "unapplied_migrations": 1,
    }


def test_a_database_that_does_not_answer_makes_it_unavailable(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get(HEALTH)

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "not answering"}


def test_behind_the_proxy_plain_http_reaches_it_unredirected(client: Client, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    assert client.get(HEALTH).status_code == 200
    assert client.get("/").status_code == 301
