"""Single sign-on against the test provider: the provider's groups decide the roles."""

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.accounts.roles import Role, roles_of
from fairhear.accounts.selectors import service_areas_of
from fairhear.organisation.models import ServiceArea
from tests.oidc_provider import Person, TestProvider, running_provider, sso_settings

pytestmark = pytest.mark.django_db

LOGIN = reverse("openid_connect_login", args=["council"])


@pytest.fixture
def provider(settings: Any) -> Iterator[TestProvider]:
    with running_provider() as provider:
        sso_settings(settings, provider)
        yield provider


def _person(*groups: str, sub: str = "entra-oid-1") -> Person:
    return Person(
        sub=sub,
        preferred_username="jo.adeyemi@example.gov.uk",
        email="jo.adeyemi@example.gov.uk",
        given_name="Jo",
        family_name="Adeyemi",
        groups=list(groups),
    )


def sign_in_through(client: Client, provider: TestProvider, person: Person) -> Any:
    """Press the sign-in button, let the provider vouch for `person`, and come back."""
    provider.person = person
    to_provider = client.post(LOGIN)
    assert to_provider.status_code == 302
    back = requests.get(to_provider["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302, back.text
    callback = urlsplit(back.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


def test_the_sign_in_page_offers_the_councils_account(client: Client, provider: TestProvider):
    response = client.get(reverse("accounts:sign-in"))

    html = response.content.decode()
    assert "Sign in with your council account" in html
    assert f'action="{LOGIN}"' in html
    # The browser follows the form's redirect to the provider only if form-action allows it.
    form_action = next(
        part for part in response["Content-Security-Policy"].split(";") if "form-action" in part
    )
    assert provider.issuer in form_action


def test_without_a_provider_the_sign_in_page_offers_only_a_password(client: Client, db: None):
    html = client.get(reverse("accounts:sign-in")).content.decode()
    assert "council account" not in html
    assert client.post(LOGIN).status_code == 404


def test_a_member_of_the_managers_group_comes_in_as_complaints_manager(
    client: Client, provider: TestProvider
) -> None:
    response = sign_in_through(client, provider, _person("grp-complaints-managers", "other"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:landing")
    user = User.objects.get(email="jo.adeyemi@example.gov.uk")
    assert roles_of(user) == [Role.COMPLAINTS_MANAGER]
    assert user.get_full_name() == "Jo Adeyemi"
    assert client.get(reverse("accounts:staff")).status_code == 200
    assert provider.token_requests == 1


def test_a_service_manager_gets_the_areas_of_their_groups(
    client: Client, provider: TestProvider, area_a: ServiceArea, area_b: ServiceArea
) -> None:
    sign_in_through(client, provider, _person("grp-service-managers", "grp-front-door"))

    user = User.objects.get(email="jo.adeyemi@example.gov.uk")
    assert roles_of(user) == [Role.SERVICE_MANAGER]
    assert [area.name for area in service_areas_of(user)] == [area_b.name]


def test_someone_in_no_mapped_group_is_refused_with_a_clear_page(
    client: Client, provider: TestProvider
) -> None:
    response = sign_in_through(client, provider, _person("grp-everyone"))

    html = response.content.decode()
    assert response.status_code == 403
    assert "You cannot sign in to Fairhear" in html
    assert "not in any of the groups that give access to Fairhear" in html
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email="jo.adeyemi@example.gov.uk").exists()


def test_a_service_manager_without_an_area_group_is_refused(
    client: Client, provider: TestProvider, area_b: ServiceArea
) -> None:
    response = sign_in_through(client, provider, _person("grp-service-managers"))

    assert response.status_code == 403
    assert "Choose the service areas a service manager looks after" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_groups_decide_the_roles_afresh_at_every_sign_in(
    client: Client, provider: TestProvider
) -> None:
    sign_in_through(client, provider, _person("grp-complaints-officers"))
    client.logout()

    sign_in_through(client, provider, _person("grp-councillors"))

    user = User.objects.get(email="jo.adeyemi@example.gov.uk")
    assert User.objects.filter(email="jo.adeyemi@example.gov.uk").count() == 1
    assert roles_of(user) == [Role.REPORT_VIEWER]
    assert client.get(reverse("casework:list")).status_code == 403


def test_someone_taken_out_of_every_group_is_refused_and_keeps_no_session(
    client: Client, provider: TestProvider
) -> None:
    sign_in_through(client, provider, _person("grp-complaints-officers"))
    client.logout()

    response = sign_in_through(client, provider, _person())

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_required_second_factor_is_left_to_the_provider(
    client: Client, provider: TestProvider, settings: Any
) -> None:
    settings.FAIRHEAR_MFA_REQUIRED = True
    sign_in_through(client, provider, _person("grp-complaints-officers"))

    assert client.get(reverse("staff-home")).status_code == 200
    page = client.get(reverse("mfa_index")).content.decode()
    assert "You sign in with your council account, which asks for your second factor" in page
    assert reverse("mfa_activate_totp") not in page


def test_a_local_account_with_the_same_email_is_never_taken_over(
    client: Client, provider: TestProvider, officer: User
) -> None:
    officer.email = "jo.adeyemi@example.gov.uk"
    officer.save()

    sign_in_through(client, provider, _person("grp-complaints-managers"))

    assert User.objects.filter(email="jo.adeyemi@example.gov.uk").count() == 2
    officer.refresh_from_db()
    assert roles_of(officer) == [Role.COMPLAINTS_OFFICER]
    assert client.session["_auth_user_id"] != str(officer.pk)


def test_a_deactivated_account_cannot_come_back_through_the_provider(
    client: Client, provider: TestProvider
) -> None:
    sign_in_through(client, provider, _person("grp-complaints-officers"))
    client.logout()
    User.objects.filter(email="jo.adeyemi@example.gov.uk").update(is_active=False)

    response = sign_in_through(client, provider, _person("grp-complaints-officers"))

    assert response["Location"] == reverse("account_inactive")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "This account has been switched off" in page
