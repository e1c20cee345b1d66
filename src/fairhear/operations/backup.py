"""One archive holding everything Fairhear keeps, and its restore.

The archive is a zip of `manifest.json` (the Fairhear version, the migrations applied, the
number of records of each model and the files), `database.json` (every record as Django's
JSON serialisation, so a backup of SQLite restores into PostgreSQL and the other way) and the
uploaded files under `files/`, read through the storage so S3 works as well as local disk.

Content types and permissions are left out (every `migrate` makes them, with ids of its own),
and records refer to them by natural key; sessions are left out, so restoring signs everyone
out. The shared cache's table is no model's, so it is neither backed up nor emptied by a
restore: codes already used stay used. A restore needs the same migrations as the backup:
restore with the version that made it, then upgrade.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import IO, Any

from auditlog.context import disable_auditlog
from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

from fairhear.accounts.services import sync_role_groups

FORMAT = "fairhear-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.json"
FILES = "files/"

#: Made by every `migrate` (ids differ between databases) or not worth keeping.
LEFT_OUT = ("contenttypes", "auth.permission", "sessions")
#: What a freshly migrated database already holds: the role groups and the council's equality
#: answers (seeded with the census list). A restore replaces them with the backup's.
MADE_BY_MIGRATE = ("auth.group", "casework.equalityoption")


class BackupError(Exception):
    """The backup cannot be written or restored; the message says why in one line."""


@dataclass(frozen=True)
class Manifest:
    fairhear_version: str
    made: str
    database: str
    migrations: list[str]
    counts: dict[str, int]
    files: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "format_version": FORMAT_VERSION, **self.__dict__}

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def write_backup(path: Path, *, storage: Storage = default_storage) -> Manifest:
    """Write the database and the uploaded files to the zip archive `path`."""
    if not path.parent.is_dir():
        raise BackupError(f"there is no folder {path.parent.resolve()} to write {path.name} in")
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DATABASE
        snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
        with transaction.atomic():
            if snapshot:
                # One snapshot for every table, however long the dump takes (SQLite's
                # transaction is one already).
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            call_command(
                "dumpdata",
                exclude=list(LEFT_OUT),
                natural_foreign=True,
                use_base_manager=True,
                output=str(dump),
                verbosity=0,
            )
            migrations = applied_migrations()
        names = sorted(stored_files(storage))
        manifest = Manifest(
            fairhear_version=version("fairhear"),
            made=datetime.now(UTC).isoformat(timespec="seconds"),
            database=connection.vendor,
            migrations=migrations,
            counts=_counts(dump),
            files=names,
        )
        partial = path.with_name(path.name + ".partial")
        try:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(MANIFEST, json.dumps(manifest.as_json(), indent=2))
                archive.write(dump, DATABASE)
                for name in names:
                    with storage.open(name) as source, archive.open(FILES + name, "w") as target:
                        shutil.copyfileobj(source, target)
            partial.replace(path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise BackupError(f"could not write {path}: {error.strerror or error}") from None
    return manifest


def read_manifest(path: Path) -> Manifest:
    """The manifest of the archive `path`, checked to be a Fairhear backup."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _manifest(archive, path)
    except FileNotFoundError:
        raise BackupError(f"there is no file {path}") from None
    except (zipfile.BadZipFile, IsADirectoryError):
        raise BackupError(f"{path} is not a backup: it is not a zip archive") from None


def restore_backup(
    path: Path, *, replace: bool = False, storage: Storage = default_storage
) -> Manifest:
    """Restore the archive `path` into this database, which must be migrated to the same
    migrations and empty unless `replace`, which first deletes everything in it. Nothing is
    kept of a restore that fails."""
    manifest = read_manifest(path)
    ours = applied_migrations()
    if set(ours) != set(manifest.migrations):
        missing = len(set(manifest.migrations) - set(ours))
        extra = len(set(ours) - set(manifest.migrations))
        raise BackupError(
            f"the backup was made by Fairhear {manifest.fairhear_version} on a database with "
            f"other migrations ({missing} not applied here, {extra} applied here only): migrate "
            "to the backup's version, restore, then upgrade"
        )
    held = records_held()
    if held and not replace:
        listed = ", ".join(f"{count} {label}" for label, count in held.most_common(3))
        raise BackupError(
            f"the database is not empty ({listed}, ...): restore into an empty, migrated "
            "database, or give --replace to delete everything in it first"
        )
    with (
        zipfile.ZipFile(path) as archive,
        tempfile.TemporaryDirectory() as work,
        disable_auditlog(),
        transaction.atomic(),
    ):
        if held:
            call_command("flush", interactive=False, verbosity=0)
        for label in MADE_BY_MIGRATE:
            apps.get_model(label).objects.all().delete()
        dump = Path(work) / DATABASE
        with archive.open(DATABASE) as source, dump.open("wb") as target:
            shutil.copyfileobj(source, target)
        try:
            call_command("loaddata", str(dump), verbosity=0)
        except DatabaseError as error:
            raise BackupError(f"the records could not be restored: {error}") from None
        restored = _database_counts(manifest.counts)
        if restored != manifest.counts:
            differ = [
                label for label in manifest.counts if restored[label] != manifest.counts[label]
            ]
            raise BackupError(
                f"the restored records do not match the manifest: {', '.join(differ)}"
            )
        # The backup's groups, with the permissions this version of Fairhear gives each role.
        sync_role_groups()
        for name in manifest.files:
            with archive.open(FILES + name) as source:
                _put(storage, name, source)
    return manifest


def applied_migrations() -> list[str]:
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


def records_held() -> Counter[str]:
    """How many records of each kind the database holds, beyond what `migrate` makes."""
    held: Counter[str] = Counter()
    for model in _backed_up_models():
        label = model._meta.label_lower
        if label not in MADE_BY_MIGRATE:
            count = model._base_manager.count()
            if count:
                held[label] = count
    return held


def stored_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file in the storage, by its name there."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # local storage with nothing uploaded yet
        return
    for name in files:
        yield f"{folder}{name}"
    for sub in folders:
        yield from stored_files(storage, f"{folder}{sub}/")


def _backed_up_models() -> list[type[Model]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in LEFT_OUT and model._meta.label_lower not in LEFT_OUT
    ]


def _counts(dump: Path) -> dict[str, int]:
    with dump.open() as stream:
        return dict(sorted(Counter(record["model"] for record in json.load(stream)).items()))


def _database_counts(labels: dict[str, int]) -> dict[str, int]:
    return {label: apps.get_model(label)._base_manager.count() for label in labels}


def _manifest(archive: zipfile.ZipFile, path: Path) -> Manifest:
    try:
        data = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError):
        raise BackupError(
            f"{path} is not a Fairhear backup: it has no readable {MANIFEST}"
        ) from None
    if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} is not a backup this version of Fairhear reads "
            f"(format {data.get('format')!r} version {data.get('format_version')!r})"
        )
    missing = [
        name
        for name in [DATABASE] + [FILES + f for f in data["files"]]
        if name not in archive.namelist()
    ]
    if missing:
        raise BackupError(f"{path} is incomplete: it lacks {missing[0]}")
    return Manifest(
        fairhear_version=data["fairhear_version"],
        made=data["made"],
        database=data["database"],
        migrations=data["migrations"],
        counts=data["counts"],
        files=data["files"],
    )


def _put(storage: Storage, name: str, content: IO[bytes]) -> None:
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, File(content, name=name))
    if saved != name:
        raise BackupError(f"the storage kept {name} as {saved}")
