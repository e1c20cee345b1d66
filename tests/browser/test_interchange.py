import io
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from playwright.sync_api import expect

from fairhear.casework.models import Contact
from fairhear.interchange import services
from fairhear.interchange.services import import_case_file
from tests.browser.conftest import AccessiblePage, follow, sign_in
from tests.conftest import PASSWORD
from tests.db.interchange.helpers import CONTACTS, STAGES, tables

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_manager_uploads_checks_and_imports_a_case_file(
    visitor: AccessiblePage, manager: User, tmp_path: Path
) -> None:
    upload = tmp_path / "case-file.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("contacts.csv", CONTACTS)
        archive.writestr("stages.csv", STAGES)
    upload.write_bytes(buffer.getvalue())

    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        sign_in(visitor, manager.username, PASSWORD)
        follow(visitor, "Settings")
        visitor.page.get_by_role("link", name="Case file").click()
        visitor.assert_accessible()
        visitor.page.get_by_label("Case file").set_input_files(upload)
        visitor.page.get_by_role("button", name="Check the file").click()
        visitor.assert_accessible()
        expect(visitor.page.get_by_role("heading", level=1)).to_have_text(
            "Checked, waiting to be confirmed"
        )
        visitor.page.get_by_role("button", name="Import the file").click()
        visitor.assert_accessible()

    expect(visitor.page.get_by_role("heading", level=1)).to_have_text("Imported")
    expect(visitor.page.get_by_role("table")).to_contain_text("contacts.csv")
    assert Contact.objects.count() == 2


def test_the_manager_exports_the_case_file_and_downloads_it_when_it_is_ready(
    visitor: AccessiblePage, manager: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_case_file(tables(), file_name="first", by=manager)
    reading = services.export_case_file

    def slowly(**kwargs: Any) -> services.ExportedCaseFile:
        time.sleep(3)  # long enough to see the progress, then the page change by itself
        return reading(**kwargs)

    monkeypatch.setattr(services, "export_case_file", slowly)
    page = visitor.page

    with override_settings(MEDIA_ROOT=tmp_path / "media", FAIRHEAR_EXPORTS_IN_BACKGROUND=True):
        sign_in(visitor, manager.username, PASSWORD)
        visitor.goto("/staff/case-file/")
        page.get_by_label("Zip of CSV files").check()
        follow(visitor, "Export the case file", role="button")
        expect(page.get_by_role("heading", level=1)).to_have_text("Export of the case file")
        expect(page.get_by_text("Reading the database.")).to_be_visible()
        link = page.get_by_role("link", name=re.compile(r"Download the case file \(zip, .+\)"))
        expect(link).to_be_visible(timeout=30_000)
        visitor.assert_accessible()
        with page.expect_download() as download:
            link.click()
        with zipfile.ZipFile(download.value.path()) as archive:
            assert "C-2023-0001" in archive.read("contacts.csv").decode()
