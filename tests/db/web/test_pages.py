import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_public_home_page_uses_the_council_header_not_gov_uk(client: Client) -> None:
    html = client.get(reverse("web:home")).content.decode()

    assert 'class="govuk-generic-header"' in html
    assert "Fairhear Borough Council" in html
    assert "govuk-header__logotype" not in html
    assert "GOV.UK" not in html
    assert 'href="#main-content"' in html


@override_settings(
    FAIRHEAR_COUNCIL_NAME="Westmere District Council",
    FAIRHEAR_COMPLAINTS_EMAIL="complaints@westmere.example",
)
def test_the_council_name_and_contact_come_from_settings(client: Client) -> None:
    html = client.get(reverse("web:home")).content.decode()
    assert "<title>Complaints and compliments about children's social care" in html
    assert "Westmere District Council</title>" in html
    assert 'href="mailto:complaints@westmere.example"' in html


@override_settings(FAIRHEAR_COUNCIL_LOGO="https://westmere.example/logo.svg")
def test_an_optional_logo_shows_beside_the_name(client: Client) -> None:
    html = client.get(reverse("web:home")).content.decode()
    assert '<img src="https://westmere.example/logo.svg" alt=""' in html


def test_a_missing_page_is_a_styled_404(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-generic-header" in response.content.decode()


def test_a_refused_page_is_a_styled_403(client: Client, investigator: User) -> None:
    client.force_login(investigator)
    response = client.get(reverse("organisation:list"))
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


def test_a_server_error_is_a_styled_500(rf: object) -> None:
    from fairhear.web.views import server_error

    response = server_error(rf.get("/"))  # type: ignore[attr-defined]
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_pages_carry_a_content_security_policy_without_inline_script(client: Client) -> None:
    response = client.get(reverse("web:home"))

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "<script>" not in response.content.decode()


def test_pages_carry_the_security_headers_of_the_deployment_checklist(client: Client) -> None:
    response = client.get(reverse("web:home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_staff_home_page_names_the_roles_of_the_user(client: Client, manager: User) -> None:
    client.force_login(manager)
    html = client.get(reverse("staff-home")).content.decode()
    assert "(complaints manager)" in html
    assert "Service areas and teams" in html


def test_a_user_without_a_role_is_told_to_ask_for_one(client: Client, no_role: User) -> None:
    client.force_login(no_role)
    html = client.get(reverse("staff-home")).content.decode()
    assert "Your account has no role yet" in html
    assert "Service areas and teams" not in html
