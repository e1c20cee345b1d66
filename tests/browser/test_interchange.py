import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from playwright.sync_api import expect

from fairhear.casework.models import Contact
from tests.browser.conftest import AccessiblePage, follow, sign_in
from tests.conftest import PASSWORD
from tests.db.interchange.helpers import CONTACTS, STAGES

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
