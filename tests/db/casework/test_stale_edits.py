"""Edit pages of records without a version number (costs, learning actions, compliments,
Ombudsman cases, categories, appointable people) carry the version they showed: the second
of two saves started from the same version is refused with a clear message, and the first
stays as it was saved."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.models import Category, Cost, Practitioner
from fairhear.organisation.models import ServiceArea
from fairhear.versions import version_of
from tests import builders

pytestmark = pytest.mark.django_db

STALE = "while you were editing it, so nothing was saved"


def _cost(manager: User, area: ServiceArea) -> tuple[Model, str, Callable[[Model], None]]:
    cost = services.add_cost(
        on=date(2024, 5, 1), kind="mediation", amount=Decimal("100"), by=manager
    )

    def change(record: Model, version: str | None = None) -> None:
        services.correct_cost(
            cost,
            on=date(2024, 5, 1),
            kind="mediation",
            amount=Decimal("250"),
            by=manager,
            version=version,
        )

    return cost, reverse("casework:correct-cost", args=[cost.pk]), change


def _action(manager: User, area: ServiceArea) -> tuple[Model, str, Callable[..., None]]:
    action = services.add_learning_action(
        kind="practice_change", description="Train the team.", owner_service_area=area, by=manager
    )

    def change(record: Model, version: str | None = None) -> None:
        services.change_learning_action(
            action,
            kind="practice_change",
            description="Train the whole team.",
            owner_service_area=area,
            owner_team=None,
            due=date(2024, 9, 1),
            by=manager,
            version=version,
        )

    return action, reverse("casework:change-action", args=[action.pk]), change


def _compliment(manager: User, area: ServiceArea) -> tuple[Model, str, Callable[..., None]]:
    compliment = services.record_compliment(
        received=date(2024, 5, 1), service_area=area, text="Kind and quick.", by=manager
    )

    def change(record: Model, version: str | None = None) -> None:
        services.correct_compliment(
            compliment,
            received=date(2024, 5, 1),
            service_area=area,
            text="Kind, quick and clear.",
            by=manager,
            version=version,
        )

    return compliment, reverse("casework:correct-compliment", args=[compliment.pk]), change


def _ombudsman(manager: User, area: ServiceArea) -> tuple[Model, str, Callable[..., None]]:
    case = builders.ombudsman_case(manager, lgsco_reference="24 000 888")

    def change(record: Model, version: str | None = None) -> None:
        services.record_ombudsman_reply(case, on=date(2024, 6, 10), by=manager, version=version)

    return case, reverse("casework:ombudsman-step", args=[case.pk, "reply"]), change


def _category(manager: User, area: ServiceArea) -> tuple[Model, str, Callable[..., None]]:
    category = services.add_category(name="Contact arrangements", by=manager)

    def change(record: Model, version: str | None = None) -> None:
        services.rename_category(
            category, name="Family time arrangements", by=manager, version=version
        )

    return category, reverse("casework:rename-category", args=[category.pk]), change


def _equality_option(manager: User, area: ServiceArea) -> tuple[Model, str, Callable[..., None]]:
    option = services.add_equality_option(kind="gender", label="Agender", by=manager)

    def change(record: Model, version: str | None = None) -> None:
        services.rename_equality_option(option, label="Agender person", by=manager, version=version)

    return option, reverse("casework:rename-equality-option", args=[option.pk]), change


def _practitioner(manager: User, area: ServiceArea) -> tuple[Model, str, Callable[..., None]]:
    person = services.record_practitioner(name="Ivan Reyes", by=manager)

    def change(record: Model, version: str | None = None) -> None:
        services.record_practitioner(
            practitioner=person,
            name="Ivan Reyes",
            organisation="Reyes Reviews",
            by=manager,
            version=version,
        )

    return person, reverse("casework:change-practitioner", args=[person.pk]), change


RECORDS = [_cost, _action, _compliment, _ombudsman, _category, _equality_option, _practitioner]


@pytest.mark.parametrize("make", RECORDS)
def test_the_second_of_two_saves_from_one_version_is_refused_and_the_first_kept(
    client: Client,
    manager: User,
    area_a: ServiceArea,
    make: Callable[..., tuple[Model, str, Callable[..., None]]],
) -> None:
    record, page, change = make(manager, area_a)
    client.force_login(manager)
    shown = client.get(page)
    version = shown.context["form"]["version"].value()
    record.refresh_from_db()  # as stored (an amount of 100 reads back as 100.00)
    assert version == version_of(record), "the edit page carries the version it shows"

    change(record, version)  # the first save, from the version shown
    record.refresh_from_db()
    saved = version_of(record)
    with pytest.raises(services.CaseworkError, match=STALE):
        change(record, version)  # the second, from the same version

    record.refresh_from_db()
    assert version_of(record) == saved


@pytest.mark.parametrize(
    ("model", "page", "answers"),
    [
        (
            Cost,
            "casework:correct-cost",
            {"on_0": "1", "on_1": "5", "on_2": "2024", "kind": "mediation", "amount": "300"},
        ),
        (Category, "casework:rename-category", {"name": "Family time"}),
        (Practitioner, "casework:change-practitioner", {"name": "Ivan Reyes-Smith"}),
    ],
)
def test_the_page_says_someone_else_changed_it_and_saves_nothing(
    client: Client,
    manager: User,
    area_a: ServiceArea,
    model: type[Model],
    page: str,
    answers: dict[str, str],
) -> None:
    make = {Cost: _cost, Category: _category, Practitioner: _practitioner}[model]
    record, url, change = make(manager, area_a)
    client.force_login(manager)
    version = client.get(url).context["form"]["version"].value()
    change(record)  # someone else saves first
    record.refresh_from_db()
    theirs = version_of(record)

    response = client.post(url, {**answers, "version": version})

    assert response.status_code == 200
    assert "Someone else changed this" in response.content.decode()
    record.refresh_from_db()
    assert version_of(record) == theirs
