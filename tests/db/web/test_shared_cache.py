"""The production cache is a database table every worker shares, made by `migrate`."""

import io
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from asgiref.local import Local
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.cache.backends import locmem
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

import fairhear.settings as production
from tests.db.accounts.test_second_factor import SECRET, code_now

pytestmark = pytest.mark.django_db

DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"


def _another_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on the cache is as a second gunicorn worker finds it: its own cache objects
    and database connection state, and none of the first one's memory."""
    monkeypatch.setattr(caches, "_connections", Local())
    for memory in ("_caches", "_expire_info", "_locks"):
        monkeypatch.setattr(locmem, memory, {})


def test_production_caches_in_the_table_the_migration_makes() -> None:
    cache = production.CACHES["default"]

    assert cache["BACKEND"] == DATABASE_CACHE
    assert cache["LOCATION"] in connection.introspection.table_names()
    with override_settings(CACHES=production.CACHES):
        # Django's own command finds nothing left to make (these tests cache in memory, so no
        # one but the migration made the table).
        out = io.StringIO()
        call_command("createcachetable", dry_run=True, verbosity=0, stdout=out)
    assert out.getvalue() == ""


@override_settings(CACHES=production.CACHES)
def test_a_code_used_through_one_worker_is_refused_by_another(
    officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    totp = TOTP.activate(officer, SECRET)
    code = code_now(SECRET)
    if int(time.time()) % 30 == 29:  # the code would change between the two tries
        time.sleep(1)
        code = code_now(SECRET)
    assert totp.validate_code(code)

    _another_process(monkeypatch)

    assert not totp.validate_code(code)
