"""The complaints manager's pages for staff accounts: what they show and what they change."""

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.accounts.models import StaffProfile
from fairhear.accounts.roles import Role, roles_of
from fairhear.casework.selectors import own_service_area_ids
from fairhear.organisation.models import ServiceArea
from tests.conftest import PASSWORD, ROLES

pytestmark = pytest.mark.django_db

STAFF = reverse("accounts:staff")
ADD = reverse("accounts:add-staff")


def _details(**overrides: Any) -> dict[str, Any]:
    details = {
        "first_name": "Sam",
        "last_name": "Okafor",
        "email": "sam.okafor@example.gov.uk",
        "username": "sokafor",
        "roles": [Role.COMPLAINTS_OFFICER.value],
    }
    details.update(overrides)
    return details


def _signs_in(username: str, password: str) -> bool:
    """Whether the sign-in page accepts this username and password."""
    client = Client()
    client.post(reverse("accounts:sign-in"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def _accounts() -> list[tuple[Any, ...]]:
    """Everything the staff pages can change, to check that a refused change changed nothing."""
    return [
        (
            *row,
            sorted(roles_of(user)),
            sorted(StaffProfile.objects.filter(user=user).values_list("service_areas", flat=True)),
        )
        for user in User.objects.order_by("pk")
        for row in [
            (
                user.username,
                user.first_name,
                user.last_name,
                user.email,
                user.is_active,
                user.password,
            )
        ]
    ]


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_change_their_own_password_and_finds_it_from_sign_out(
    request: pytest.FixtureRequest, client: Client, role: str
) -> None:
    client.force_login(request.getfixturevalue(role))

    sign_out = client.get(reverse("accounts:sign-out-confirm")).content.decode()

    assert reverse("accounts:change-password") in sign_out
    assert client.get(reverse("accounts:change-password")).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_the_staff_entry_under_settings_is_for_the_complaints_manager_only(
    request: pytest.FixtureRequest, client: Client, role: str
) -> None:
    client.force_login(request.getfixturevalue(role))

    setup = client.get(reverse("staff-settings"))
    html = setup.content.decode() if setup.status_code == 200 else ""

    assert (f'href="{STAFF}"' in html) == (role == "manager")


def _row(html: str, username: str) -> str:
    """The staff list's table row for this username."""
    rows = [
        row for row in html.split("<tr") if f'<td class="govuk-table__cell">{username}</td>' in row
    ]
    assert len(rows) == 1, username
    return " ".join(rows[0].split())


def test_the_list_shows_each_member_of_staff_with_roles_and_service_areas(
    client: Client, manager: User, service_manager_a: User, officer: User
) -> None:
    officer.is_active = False
    officer.save()
    client.force_login(manager)

    html = client.get(STAFF).content.decode()

    tomasz = _row(html, "tomasz")
    assert '<td class="govuk-table__cell">Service manager</td>' in tomasz
    assert '<td class="govuk-table__cell">Children in Care</td>' in tomasz
    assert '<td class="govuk-table__cell">Yes</td>' in tomasz
    assert "Deactivate<span" in tomasz
    priya = _row(html, "priya")
    assert "Deactivated</strong>" in priya
    assert "Reactivate<span" in priya
    # A manager is offered no button to switch their own account off, and changes their own
    # password knowing the current one.
    morgan = _row(html, "morgan")
    assert "activate<span" not in morgan
    assert "Change your password" in morgan


def test_the_manager_adds_a_service_manager_who_can_then_sign_in(
    client: Client, manager: User, area_a: ServiceArea, area_b: ServiceArea
) -> None:
    client.force_login(manager)

    response = client.post(
        ADD, _details(roles=[Role.SERVICE_MANAGER.value], service_areas=[area_b.pk])
    )

    assert response.status_code == 200
    user = User.objects.get(username="sokafor")
    assert (user.first_name, user.last_name, user.email) == (
        "Sam",
        "Okafor",
        "sam.okafor@example.gov.uk",
    )
    assert roles_of(user) == [Role.SERVICE_MANAGER]
    assert own_service_area_ids(user) == {area_b.pk}
    password = response.context["password"]
    html = response.content.decode()
    assert password in html
    assert "Give this password to them securely; they should change it" in html
    assert response["Cache-Control"].startswith("max-age=0")
    assert len(password) >= 16
    # Shown once: the list does not show it again, and the database keeps only its hash.
    assert password not in client.get(STAFF).content.decode()
    assert password not in user.password
    assert _signs_in("sokafor", password)


def test_two_new_accounts_get_different_passwords(client: Client, manager: User) -> None:
    client.force_login(manager)
    first = client.post(ADD, _details()).context["password"]
    second = client.post(ADD, _details(username="other")).context["password"]
    assert first != second


def test_adding_and_changing_staff_is_audited_with_who_did_it(
    client: Client, manager: User, area_a: ServiceArea
) -> None:
    client.force_login(manager)
    client.post(ADD, _details(roles=[Role.SERVICE_MANAGER.value], service_areas=[area_a.pk]))
    user = User.objects.get(username="sokafor")

    client.post(
        reverse("accounts:change-staff", args=[user.pk]),
        _details(first_name="Samuel", roles=[Role.INVESTIGATOR.value]),
    )

    entries = LogEntry.objects.get_for_object(user).order_by("pk")
    assert {entry.actor for entry in entries} == {manager}
    assert entries[0].action == LogEntry.Action.CREATE
    assert any(entry.changes_dict.get("first_name") == ["Sam", "Samuel"] for entry in entries)
    assert any("groups" in entry.changes_dict for entry in entries)
    profile_entries = LogEntry.objects.get_for_object(user.staff_profile)
    assert any("service_areas" in entry.changes_dict for entry in profile_entries)
    assert {entry.actor for entry in profile_entries} == {manager}


@pytest.mark.parametrize(
    ("details", "field", "message"),
    [
        (
            {"roles": [Role.SERVICE_MANAGER.value]},
            "service_areas",
            "Choose the service areas a service manager looks after",
        ),
        (
            {"roles": [Role.INVESTIGATOR.value], "service_areas": ["AREA"]},
            "service_areas",
            "Only a service manager has service areas",
        ),
        ({"username": "MORGAN"}, "username", "The username 'MORGAN' is already taken"),
        ({"username": "sam okafor"}, "username", "Enter a valid username"),
        ({"roles": []}, "roles", "Choose at least one role"),
        ({"email": "sam at example"}, "email", "Enter an email address in the correct format"),
        ({"first_name": ""}, "first_name", "Enter their first name"),
    ],
)
def test_bad_details_are_explained_and_add_no_one(
    client: Client,
    manager: User,
    area_a: ServiceArea,
    details: dict[str, Any],
    field: str,
    message: str,
) -> None:
    if details.get("service_areas") == ["AREA"]:
        details["service_areas"] = [area_a.pk]
    client.force_login(manager)
    before = _accounts()

    response = client.post(ADD, _details(**details))

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert 'class="govuk-error-summary"' in response.content.decode()
    assert _accounts() == before


def test_the_manager_changes_an_officer_into_a_service_manager(
    client: Client, manager: User, officer: User, area_a: ServiceArea, area_b: ServiceArea
) -> None:
    client.force_login(manager)
    url = reverse("accounts:change-staff", args=[officer.pk])
    assert 'value="priya"' in client.get(url).content.decode()

    response = client.post(
        url,
        _details(
            username="Priya.S",
            roles=[Role.SERVICE_MANAGER.value, Role.INVESTIGATOR.value],
            service_areas=[area_a.pk, area_b.pk],
        ),
    )

    assert response["Location"] == STAFF
    officer.refresh_from_db()
    assert officer.username == "Priya.S"
    assert roles_of(officer) == [Role.SERVICE_MANAGER, Role.INVESTIGATOR]
    assert own_service_area_ids(officer) == {area_a.pk, area_b.pk}
    assert _signs_in("Priya.S", PASSWORD)


def test_a_change_can_keep_the_same_username_in_another_case(
    client: Client, manager: User, officer: User
) -> None:
    client.force_login(manager)
    client.post(reverse("accounts:change-staff", args=[officer.pk]), _details(username="PRIYA"))
    officer.refresh_from_db()
    assert officer.username == "PRIYA"


def test_a_refused_change_changes_nothing(
    client: Client, manager: User, officer: User, service_manager_a: User
) -> None:
    client.force_login(manager)
    before = _accounts()

    response = client.post(
        reverse("accounts:change-staff", args=[service_manager_a.pk]),
        _details(username="Priya", roles=[Role.SERVICE_MANAGER.value]),
    )

    assert "already taken" in response.content.decode()
    assert "Choose the service areas a service manager looks after" in response.content.decode()
    assert _accounts() == before


def test_a_manager_cannot_take_away_their_own_manager_role(client: Client, manager: User) -> None:
    client.force_login(manager)
    before = _accounts()

    response = client.post(
        reverse("accounts:change-staff", args=[manager.pk]), _details(username="morgan")
    )

    assert "You cannot take away your own Complaints manager role" in response.content.decode()
    assert _accounts() == before


def test_a_deactivated_account_cannot_sign_in_until_reactivated(
    client: Client, manager: User, officer: User
) -> None:
    officer_client = Client()
    officer_client.force_login(officer)
    client.force_login(manager)
    url = reverse("accounts:set-active", args=[officer.pk])

    response = client.post(url, {"active": "no"}, follow=True)

    assert "priya can no longer sign in" in response.content.decode()
    officer.refresh_from_db()
    assert not officer.is_active
    assert not _signs_in("priya", PASSWORD)
    assert officer_client.get(reverse("staff-home")).status_code == 302  # signed out
    assert LogEntry.objects.get_for_object(officer).latest("pk").actor == manager

    client.post(url, {"active": "yes"})

    officer.refresh_from_db()
    assert officer.is_active
    assert _signs_in("priya", PASSWORD)
    assert User.objects.filter(pk=officer.pk).exists()


def test_a_manager_cannot_deactivate_themself(client: Client, manager: User) -> None:
    client.force_login(manager)

    response = client.post(
        reverse("accounts:set-active", args=[manager.pk]), {"active": "no"}, follow=True
    )

    assert "You cannot deactivate your own account" in response.content.decode()
    manager.refresh_from_db()
    assert manager.is_active
    assert reverse("accounts:set-active", args=[manager.pk]) not in response.content.decode()


def test_a_new_password_replaces_the_old_one_and_is_audited(
    client: Client, manager: User, officer: User
) -> None:
    client.force_login(manager)
    url = reverse("accounts:new-password", args=[officer.pk])
    assert "Set a new password for priya" in client.get(url).content.decode()

    response = client.post(url)

    password = response.context["password"]
    assert password in response.content.decode()
    assert not _signs_in("priya", PASSWORD)
    assert _signs_in("priya", password)
    entry = LogEntry.objects.get_for_object(officer).latest("pk")
    assert entry.actor == manager
    assert entry.changes_dict["password"] == ["(hidden)", "(a new one was generated)"]
    officer.refresh_from_db()
    # The hash itself never reaches the audit log.
    logged = [str(entry.changes) for entry in LogEntry.objects.all()]
    assert not any(officer.password.split("$")[-1] in text for text in logged)


def test_a_member_of_staff_changes_their_own_password(client: Client, officer: User) -> None:
    client.force_login(officer)
    url = reverse("accounts:change-password")
    new = "a much longer passphrase now"

    wrong = client.post(url, {"old_password": "wrong", "new_password1": new, "new_password2": new})
    assert "Your current password was entered wrongly" in wrong.content.decode()

    response = client.post(
        url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )

    assert response["Location"] == reverse("staff-home")
    assert client.get(reverse("staff-home")).status_code == 200  # still signed in
    assert _signs_in("priya", new)
    assert LogEntry.objects.get_for_object(officer).latest("pk").actor == officer
