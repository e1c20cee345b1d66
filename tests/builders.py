"""Cases for the database tests, built in one place, in two ways.

Through the casework services, as staff would: a contact is logged, triaged, and taken through
each step of the procedure on fixed dates, so it has the stored status, events and audit
entries the pages read. Each step takes the case as it is and returns it after the step, so a
test can check it in between or take a step of its own.

Or written directly as rows, as an import would: fast, with any history, for the report's
arithmetic (`complaint`, `stage`, `category_outcome`, `cost`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.test import Client
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.census import ETHNIC_GROUPS, GENDERS
from fairhear.casework.codes import Channel, Outcome, Route
from fairhear.casework.forms.log_contact import steps_asked
from fairhear.casework.models import (
    Category,
    CategoryOutcome,
    Contact,
    ContactCategory,
    Cost,
    EqualityOption,
    OmbudsmanCase,
    Person,
    Practitioner,
    Stage,
)
from fairhear.organisation.models import ServiceArea

RECEIVED = date(2024, 5, 1)  # a Wednesday

# ---------------------------------------------------------------------------- through the services


def log(by: User, **fields: Any) -> Contact:
    """A contact as staff log it: received on RECEIVED by telephone unless `fields` differ."""
    given: dict[str, Any] = {"received": RECEIVED, "channel": Channel.TELEPHONE, **fields}
    return services.log_contact(by=by, **given)


def triage(contact: Contact, by: User, route: Route, *, on: date = RECEIVED) -> Contact:
    """Triaged onto `route`; a statutory complaint is found eligible and enters Stage 1."""
    return services.triage_contact(
        contact,
        version=contact.version,
        route=route,
        reason="Decided at triage.",
        eligible=True if route == Route.STATUTORY else None,
        on=on,
        by=by,
    )


def triage_statutory(contact: Contact, by: User, on: date = RECEIVED) -> Contact:
    return triage(contact, by, Route.STATUTORY, on=on)


def stage_one(by: User, **fields: Any) -> Contact:
    """A statutory complaint at Stage 1: logged and triaged on RECEIVED."""
    return triage_statutory(log(by, **fields), by)


def reply_stage_one(
    contact: Contact,
    by: User,
    *,
    on: date = date(2024, 5, 10),
    outcome: Outcome = Outcome.NOT_UPHELD,
) -> Contact:
    return services.reply_stage_one(contact, version=contact.version, on=on, outcome=outcome, by=by)


def request_stage_two(contact: Contact, by: User, *, on: date = date(2024, 5, 20)) -> Contact:
    return services.request_stage_two(contact, version=contact.version, on=on, by=by)


def accept_stage_two(contact: Contact, by: User, *, on: date = date(2024, 5, 21)) -> Contact:
    return services.accept_request(contact, number=2, version=contact.version, on=on, by=by)


def practitioners() -> dict[str, Practitioner]:
    """The people a case is appointed to, by first name; Stella is on the council's staff."""
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


def start_stage_two(
    contact: Contact,
    by: User,
    *,
    investigating_officer: Practitioner,
    independent_person: Practitioner,
    on: date = date(2024, 5, 28),
) -> Contact:
    """The investigators appointed and the statement of complaint agreed: the clock starts."""
    contact = services.appoint_investigators(
        contact,
        version=contact.version,
        investigating_officer=investigating_officer,
        independent_person=independent_person,
        by=by,
    )
    return services.agree_statement_of_complaint(contact, version=contact.version, on=on, by=by)


def stage_two(
    replied: Contact,
    by: User,
    *,
    investigating_officer: Practitioner,
    independent_person: Practitioner,
) -> Contact:
    """A Stage 1 reply taken to a Stage 2 investigation: requested, accepted and started."""
    return start_stage_two(
        accept_stage_two(request_stage_two(replied, by), by),
        by,
        investigating_officer=investigating_officer,
        independent_person=independent_person,
    )


def adjudicate_stage_two(
    contact: Contact,
    by: User,
    *,
    on: date = date(2024, 6, 20),
    outcome: Outcome = Outcome.PARTLY_UPHELD,
) -> Contact:
    return services.adjudicate_stage_two(
        contact, version=contact.version, on=on, outcome=outcome, by=by
    )


def request_stage_three(contact: Contact, by: User, *, on: date = date(2024, 7, 1)) -> Contact:
    return services.request_stage_three(contact, version=contact.version, on=on, by=by)


def accept_stage_three(contact: Contact, by: User, *, on: date = date(2024, 7, 2)) -> Contact:
    return services.accept_request(contact, number=3, version=contact.version, on=on, by=by)


def hold_panel(
    contact: Contact,
    by: User,
    *,
    members: Sequence[Practitioner],
    on: date = date(2024, 7, 30),
) -> Contact:
    """The review panel convened (its first member chairs) and held."""
    contact = services.convene_panel(
        contact, version=contact.version, members=members, chair=members[0], by=by
    )
    return services.hold_panel(contact, version=contact.version, on=on, by=by)


def ombudsman_case(
    by: User,
    *,
    lgsco_reference: str = "23 000 123",
    received: date = date(2024, 6, 3),
    contact: Contact | None = None,
) -> OmbudsmanCase:
    """An Ombudsman case as recorded when the LGSCO writes: about `contact`, or not yet linked."""
    return services.record_ombudsman_case(
        lgsco_reference=lgsco_reference,
        received=received,
        contact=contact,
        version=contact.version if contact is not None else None,
        by=by,
    )


# ---------------------------------------------------------------------------- as rows

_numbers = itertools.count(1)


def category(name: str) -> Category:
    found, _ = Category.objects.get_or_create(name=name)
    return found


def complaint(
    received: date,
    *,
    route: str = Route.STATUTORY,
    area: ServiceArea | None = None,
    categories: tuple[str, ...] = (),
    person: str | None = None,
    replied: date | None = None,
    outcome: str = "",
    extended: bool | None = None,
    **fields: Any,
) -> Contact:
    """A contact; a statutory one gets its Stage 1 (replied and outcome when given)."""
    contact = Contact.objects.create(
        reference=f"C-{received.year}-{next(_numbers):04d}",
        received=received,
        route=route,
        service_area=area,
        complainant=Person.objects.get_or_create(key=person)[0] if person else None,
        **fields,
    )
    for position, name in enumerate(categories):
        ContactCategory.objects.create(contact=contact, category=category(name), position=position)
    if route == Route.STATUTORY:
        Stage.objects.create(
            contact=contact, number=1, responded=replied, outcome=outcome, extended=extended
        )
    return contact


def stage(contact: Contact, number: int, **fields: Any) -> Stage:
    return Stage.objects.create(contact=contact, number=number, **fields)


def category_outcome(contact: Contact, name: str, outcome: str) -> CategoryOutcome:
    return CategoryOutcome.objects.create(
        stage=contact.stages.get(number=1), category=category(name), outcome=outcome
    )


def cost(contact: Contact | None, day: date, kind: str, amount: str) -> Cost:
    return Cost.objects.create(contact=contact, date=day, kind=kind, amount=Decimal(amount))


def census_equality_options() -> None:
    """The equality answers the data migration seeds (the census 2021 categories), for tests
    whose database was emptied since (browser tests flush it after each)."""
    if EqualityOption.objects.exists():
        return
    backgrounds = [(group, label) for group, labels in ETHNIC_GROUPS for label in labels]
    EqualityOption.objects.bulk_create(
        [
            *(
                EqualityOption(kind="gender", label=label, position=position)
                for position, label in enumerate(GENDERS, start=1)
            ),
            *(
                EqualityOption(kind="ethnicity", group=group, label=label, position=position)
                for position, (group, label) in enumerate(backgrounds, start=1)
            ),
        ]
    )


# ---------------------------------------------------------------------------- through the pages


def log_through_pages(client: Client, document: UploadedFile | None = None, **sent: Any) -> Any:
    """Log a contact as an officer does, page by page: each page is sent the answers of `sent`
    that are its own (a date as its three boxes, `received_0` and so on), the pages asked
    following the answers; then the check page, with `document`. The last response, followed."""
    role = {"complainant": {"complainant_role": [sent.get("complainant_role", "")]}}
    for step in steps_asked(role):
        page = step.form.base_fields
        own = {
            key: value
            for key, value in sent.items()
            if any(key == name or key.startswith(f"{name}_") for name in page)
        }
        response = client.post(reverse("casework:log-page", args=[step.slug]), own)
        assert response.status_code == 302, f"the {step.slug} page refused {own}"
    check = client.get(reverse("casework:log-check"))
    return client.post(
        reverse("casework:log-check"),
        {
            "shown": check.context["form"]["shown"].value(),
            **({"document": document} if document is not None else {}),
        },
        follow=True,
    )
