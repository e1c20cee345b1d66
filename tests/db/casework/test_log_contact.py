import threading
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.db import connection

from fairhear.casework.codes import Channel
from fairhear.casework.models import Category, Contact
from fairhear.casework.references import financial_year
from fairhear.casework.services import CaseworkError, log_contact
from fairhear.organisation.models import ServiceArea

pytestmark = pytest.mark.django_db


def test_references_are_numbered_within_each_financial_year(officer: User) -> None:
    march = log_contact(received=date(2024, 3, 31), channel=Channel.EMAIL, by=officer)
    april = log_contact(received=date(2024, 4, 1), channel=Channel.EMAIL, by=officer)
    april_too = log_contact(received=date(2024, 4, 2), channel=Channel.EMAIL, by=officer)

    assert [march.reference, april.reference, april_too.reference] == [
        "C-2023-0001",
        "C-2024-0001",
        "C-2024-0002",
    ]


@pytest.mark.parametrize(
    ("day", "year"), [(date(2024, 3, 31), 2023), (date(2024, 4, 1), 2024), (date(2025, 1, 1), 2024)]
)
def test_the_financial_year_starts_on_1_april(day: date, year: int) -> None:
    assert financial_year(day) == year


def test_a_contact_keeps_its_categories_in_order_best_fit_first(
    officer: User, area_a: ServiceArea
) -> None:
    late, rude = Category.objects.create(name="Delay"), Category.objects.create(name="Attitude")
    team = area_a.teams.get()

    contact = log_contact(
        received=date(2024, 5, 1),
        channel=Channel.TELEPHONE,
        team=team,
        categories=[rude, late],
        by=officer,
    )

    names = [link.category.name for link in contact.category_links.order_by("position")]
    assert names == ["Attitude", "Delay"]
    assert contact.service_area == area_a, "the team's service area is filled in"
    assert contact.route == "", "a new contact waits for triage"


def test_logging_is_audited_and_starts_the_timeline(officer: User) -> None:
    contact = log_contact(received=date(2024, 5, 1), channel=Channel.LETTER, by=officer)

    assert LogEntry.objects.get_for_object(contact).get().actor == officer
    event = contact.events.get()
    assert (event.action, event.by) == ("fairhear.contact.logged", officer)
    assert event.description == "Contact received by letter."


def test_a_contact_from_the_future_is_refused(officer: User) -> None:
    with pytest.raises(CaseworkError, match="cannot be in the future: 2 May 2024"):
        log_contact(
            received=date(2024, 5, 2), channel=Channel.EMAIL, by=officer, today=date(2024, 5, 1)
        )
    assert not Contact.objects.exists()


def test_a_team_from_another_service_area_is_refused(
    officer: User, area_a: ServiceArea, area_b: ServiceArea
) -> None:
    with pytest.raises(CaseworkError, match="Safeguarding Hub is not a team in Children in Care"):
        log_contact(
            received=date(2024, 5, 1),
            channel=Channel.EMAIL,
            service_area=area_a,
            team=area_b.teams.get(),
            by=officer,
        )


@pytest.mark.django_db(transaction=True)
def test_contacts_logged_at_the_same_instant_get_different_references() -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's in-memory test database cannot be shared between threads")
    references: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def log() -> None:
        try:
            start.wait()
            references.append(
                log_contact(received=date(2024, 6, 3), channel=Channel.EMAIL, by=None).reference
            )
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=log) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(references) == [f"C-2024-{n:04d}" for n in range(1, 9)]
