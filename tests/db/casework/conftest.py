"""Cases at each point of the procedure, built through the services as staff would."""

from collections.abc import Callable
from datetime import date

import pytest
from django.contrib.auth.models import User

from fairhear.casework import services
from fairhear.casework.codes import Channel, Outcome, Route
from fairhear.casework.models import Category, Contact, Practitioner
from fairhear.organisation.models import ServiceArea

RECEIVED = date(2024, 5, 1)  # a Wednesday


@pytest.fixture
def log(officer: User, area_a: ServiceArea) -> Callable[..., Contact]:
    def log(**kwargs: object) -> Contact:
        fields: dict[str, object] = {
            "received": RECEIVED,
            "channel": Channel.TELEPHONE,
            "by": officer,
            "service_area": area_a,
        }
        fields.update(kwargs)
        return services.log_contact(**fields)  # type: ignore[arg-type]

    return log


def triage_statutory(contact: Contact, by: User, on: date = RECEIVED) -> Contact:
    return services.triage_contact(
        contact,
        version=contact.version,
        route=Route.STATUTORY,
        reason="A parent complains about their child's care.",
        eligible=True,
        on=on,
        by=by,
    )


@pytest.fixture
def stage_one(log: Callable[..., Contact], officer: User) -> Contact:
    return triage_statutory(log(), officer)


@pytest.fixture
def replied(stage_one: Contact, officer: User) -> Contact:
    return services.reply_stage_one(
        stage_one,
        version=stage_one.version,
        on=date(2024, 5, 10),
        outcome=Outcome.NOT_UPHELD,
        by=officer,
    )


@pytest.fixture
def practitioners(db: None) -> dict[str, Practitioner]:
    return {
        name: Practitioner.objects.create(name=name.title(), **flags)
        for name, flags in {
            "iris": {},
            "ivan": {},
            "pat": {},
            "paula": {},
            "piers": {},
            "stella": {"is_staff": True},
        }.items()
    }


@pytest.fixture
def stage_two(replied: Contact, officer: User, practitioners: dict[str, Practitioner]) -> Contact:
    c = services.request_stage_two(
        replied, version=replied.version, on=date(2024, 5, 20), by=officer
    )
    c = services.accept_request(c, number=2, version=c.version, on=date(2024, 5, 21), by=officer)
    c = services.appoint_investigators(
        c,
        version=c.version,
        investigating_officer=practitioners["ivan"],
        independent_person=practitioners["iris"],
        by=officer,
    )
    return services.agree_statement_of_complaint(
        c, version=c.version, on=date(2024, 5, 28), by=officer
    )


@pytest.fixture
def adjudicated(stage_two: Contact, officer: User) -> Contact:
    return services.adjudicate_stage_two(
        stage_two,
        version=stage_two.version,
        on=date(2024, 6, 20),
        outcome=Outcome.PARTLY_UPHELD,
        by=officer,
    )


@pytest.fixture
def stage_three_accepted(adjudicated: Contact, officer: User) -> Contact:
    c = services.request_stage_three(
        adjudicated, version=adjudicated.version, on=date(2024, 7, 1), by=officer
    )
    return services.accept_request(c, number=3, version=c.version, on=date(2024, 7, 2), by=officer)


@pytest.fixture
def category(db: None) -> Category:
    return Category.objects.create(name="Communication")
