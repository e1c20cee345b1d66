import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.interchange import exports
from fairhear.interchange.models import ExportRequest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        reverse("staff-home"),
        reverse("casework:list"),
    ],
)
def test_staff_pages_and_exports_are_never_stored(client: Client, manager: User, url: str) -> None:
    client.force_login(manager)

    response = client.get(url)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("form", ExportRequest.Form.values)
def test_an_exported_case_file_is_never_stored(client: Client, manager: User, form: str) -> None:
    export, _ = exports.ask_for_export(by=manager, form=ExportRequest.Form(form))
    exports.write(export.pk)
    client.force_login(manager)

    response = client.get(reverse("interchange:export-download", args=[export.pk]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_public_home_page_may_be_cached(client: Client) -> None:
    response = client.get(reverse("web:home"))
    assert "no-store" not in response.get("Cache-Control", "")
