"""Cases at each point of the procedure, built through the services as staff would
(tests/builders.py), as fixtures for the casework tests."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from fairhear.casework.models import Category, Contact, OmbudsmanCase, Practitioner
from fairhear.organisation.models import ServiceArea
from tests import builders


@pytest.fixture
def log(officer: User, area_a: ServiceArea) -> Callable[..., Contact]:
    """Log a contact in area A, by the officer, as `builders.log` does."""

    def log(**fields: object) -> Contact:
        return builders.log(officer, **{"service_area": area_a, **fields})

    return log


@pytest.fixture
def categories(db: None) -> dict[str, Category]:
    return {
        name: Category.objects.create(name=name)
        for name in ("Communication", "Delay", "Staff attitude")
    }


@pytest.fixture
def stage_one(log: Callable[..., Contact], officer: User) -> Contact:
    return builders.triage_statutory(log(), officer)


@pytest.fixture
def replied(stage_one: Contact, officer: User) -> Contact:
    return builders.reply_stage_one(stage_one, officer)


@pytest.fixture
def practitioners(db: None) -> dict[str, Practitioner]:
    return builders.practitioners()


@pytest.fixture
def stage_two(replied: Contact, officer: User, practitioners: dict[str, Practitioner]) -> Contact:
    return builders.stage_two(
        replied,
        officer,
        investigating_officer=practitioners["ivan"],
        independent_person=practitioners["iris"],
    )


@pytest.fixture
def adjudicated(stage_two: Contact, officer: User) -> Contact:
    return builders.adjudicate_stage_two(stage_two, officer)


@pytest.fixture
def stage_three_accepted(adjudicated: Contact, officer: User) -> Contact:
    return builders.accept_stage_three(builders.request_stage_three(adjudicated, officer), officer)


@pytest.fixture
def unlinked(officer: User) -> OmbudsmanCase:
    """An Ombudsman case not yet linked to the case it is about."""
    return builders.ombudsman_case(officer)


@pytest.fixture
def category(db: None) -> Category:
    return Category.objects.create(name="Communication")
