"""`fairhear backup` and `fairhear restore`: a round trip through one archive on this
database (the suite runs on SQLite and on PostgreSQL)."""

import json
import zipfile
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings

import fairhear.settings as production
from fairhear.casework import services
from fairhear.casework.models import Attachment, Compliment, Contact, EqualityOption, Stage
from fairhear.operations.backup import read_manifest, records_held, stored_files
from tests import builders

# Transactional, as the commands run: the backup takes its own snapshot transaction.
pytestmark = pytest.mark.django_db(transaction=True)

LETTER = b"%PDF-1.7\nThe complainant's letter.\n"


@pytest.fixture
def council(manager: User) -> Contact:
    """A council's records: a complaint replied to at Stage 1 with a letter attached, another
    contact and a compliment, each with its audit log entries."""
    contact = builders.reply_stage_one(builders.stage_one(manager), manager)
    services.add_attachment(
        contact,
        upload=SimpleUploadedFile("letter.pdf", LETTER),
        content_type="application/pdf",
        description="The first letter",
        by=manager,
    )
    builders.log(manager, received=date(2024, 6, 3))
    services.record_compliment(received=date(2024, 6, 4), by=manager, text="Thank you.")
    return contact


def _back_up_and_empty(tmp_path: Path) -> Path:
    archive = tmp_path / "backup.zip"
    call_command("backup", "--output", str(archive), stdout=StringIO())
    call_command("flush", interactive=False, verbosity=0)
    for name in list(stored_files(default_storage)):
        default_storage.delete(name)
    assert not records_held()
    assert not list(stored_files(default_storage))
    return archive


def test_a_backup_restores_every_record_the_audit_log_and_the_uploads(
    council: Contact, manager: User, tmp_path: Path
) -> None:
    before = {
        model: model.objects.count() for model in (Contact, Stage, Compliment, Attachment, User)
    }
    log_before = sorted(LogEntry.objects.values_list("id", "object_repr", "action", "actor"))
    roles = set(Group.objects.values_list("name", flat=True))
    attachment = Attachment.objects.get()
    archive = _back_up_and_empty(tmp_path)

    out = StringIO()
    call_command("restore", str(archive), stdout=out)

    assert "Restored" in out.getvalue()
    assert {model: model.objects.count() for model in before} == before
    restored = Contact.objects.get(pk=council.pk)
    assert (restored.reference, restored.state, restored.received) == (
        council.reference,
        council.state,
        council.received,
    )
    assert User.objects.get(pk=manager.pk).groups.get().name in roles
    assert set(Group.objects.values_list("name", flat=True)) == roles
    assert sorted(LogEntry.objects.values_list("id", "object_repr", "action", "actor")) == (
        log_before
    )
    assert LogEntry.objects.get_for_object(restored).exists()
    with Attachment.objects.get().file.open() as restored_file:
        assert restored_file.read() == LETTER
    assert Attachment.objects.get().file.name == attachment.file.name


def test_the_archive_has_a_manifest_with_the_version_the_counts_and_the_files(
    council: Contact, tmp_path: Path
) -> None:
    archive = tmp_path / "backup.zip"
    call_command("backup", "--output", str(archive), stdout=StringIO())

    manifest = read_manifest(archive)
    assert manifest.counts["casework.contact"] == 2
    assert manifest.counts["casework.compliment"] == 1
    assert manifest.counts["auditlog.logentry"] == LogEntry.objects.count()
    assert "contenttypes.contenttype" not in manifest.counts
    assert manifest.files == [Attachment.objects.get().file.name]
    with zipfile.ZipFile(archive) as zipped:
        assert json.loads(zipped.read("manifest.json"))["format"] == "fairhear-backup"


def test_a_database_that_is_not_empty_is_refused_unless_replaced(
    council: Contact, manager: User, tmp_path: Path
) -> None:
    archive = tmp_path / "backup.zip"
    call_command("backup", "--output", str(archive), stdout=StringIO())
    builders.log(manager, received=date(2024, 7, 1))  # made after the backup

    with pytest.raises(CommandError, match=r"the database is not empty .*give --replace"):
        call_command("restore", str(archive))
    assert Contact.objects.count() == 3

    call_command("restore", str(archive), "--replace", stdout=StringIO())
    assert Contact.objects.count() == 2


@override_settings(CACHES=production.CACHES)
def test_the_shared_cache_is_left_out_and_kept_by_a_restore(
    council: Contact, tmp_path: Path
) -> None:
    # A used code's mark: a restore must not let it be used again.
    used = "allauth.mfa.totp.used?user=1&code=123456"
    cache = caches["default"]
    cache.set(used, "y")
    try:
        archive = tmp_path / "backup.zip"
        call_command("backup", "--output", str(archive), stdout=StringIO())
        call_command("restore", str(archive), "--replace", stdout=StringIO())

        with zipfile.ZipFile(archive) as zipped:
            assert "totp.used" not in zipped.read("database.json").decode()
        assert cache.get(used) == "y"
    finally:
        cache.clear()  # the table outlives the flush between transactional tests


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "there is no file"),
        (b"not a zip", "is not a zip archive"),
        (b"", "is not a zip archive"),
    ],
)
def test_a_file_that_is_not_a_backup_is_refused_in_one_line(
    content: bytes | None, message: str, tmp_path: Path
) -> None:
    archive = tmp_path / "backup.zip"
    if content is not None:
        archive.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        call_command("restore", str(archive))


def test_a_backup_of_other_migrations_is_refused(tmp_path: Path, db: None) -> None:
    archive = tmp_path / "backup.zip"
    call_command("backup", "--output", str(archive), stdout=StringIO())
    with zipfile.ZipFile(archive) as zipped:
        entries = {name: zipped.read(name) for name in zipped.namelist()}
    manifest = json.loads(entries["manifest.json"])
    manifest["migrations"].append("casework.9999_from_the_future")
    entries["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, data in entries.items():
            zipped.writestr(name, data)

    with pytest.raises(CommandError, match="1 not applied here"):
        call_command("restore", str(archive))


def test_a_backup_into_a_folder_that_does_not_exist_is_refused(tmp_path: Path, db: None) -> None:
    with pytest.raises(CommandError, match="there is no folder"):
        call_command("backup", "--output", str(tmp_path / "missing" / "backup.zip"))


def test_a_restore_that_fails_leaves_nothing_behind(council: Contact, tmp_path: Path) -> None:
    archive = _back_up_and_empty(tmp_path)
    with zipfile.ZipFile(archive) as zipped:
        entries = {name: zipped.read(name) for name in zipped.namelist()}
    manifest = json.loads(entries["manifest.json"])
    manifest["counts"]["casework.contact"] += 1  # the records no longer add up
    entries["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, data in entries.items():
            zipped.writestr(name, data)

    with pytest.raises(CommandError, match=r"do not match the manifest: casework\.contact"):
        call_command("restore", str(archive))

    assert not records_held()
    assert set(Group.objects.values_list("name", flat=True))  # the roles are still there


def test_a_freshly_migrated_database_counts_as_empty_for_a_restore() -> None:
    # Migrations make the role groups and seed the council's equality answers; a restore
    # into a new server's database must not be refused for them. (A restore test before this
    # one may have emptied the database, so the seed is made again.)
    builders.census_equality_options()
    assert EqualityOption.objects.exists()
    assert not records_held()
