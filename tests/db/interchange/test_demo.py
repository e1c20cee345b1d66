"""The demo council: deterministic for a seed, realistic enough, and a clean case file."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from fairhear.casework.models import Contact, OmbudsmanCase, Person, Practitioner, Stage
from fairhear.casework.selectors import my_cases, todays_work
from fairhear.core.procedure import OPEN_STATES, CaseState
from fairhear.demo.casework import Generator
from fairhear.demo.council import DemoError, build_organisation, demo_teams, fill_case_data
from fairhear.interchange import files
from fairhear.interchange.format import serialise
from fairhear.interchange.models import CaseFileExport
from fairhear.interchange.services import check_case_file, export_case_file
from fairhear.organisation.models import Team

pytestmark = pytest.mark.django_db

UNTIL = date(2024, 9, 30)


def _demo(manager: User, seed: int) -> dict[str, bytes]:
    build_organisation(by=manager)
    fill_case_data(seed=seed, scale=1, years=3, until=UNTIL, by=manager)
    tables = export_case_file(by=None, form=CaseFileExport.Form.FOLDER).tables
    return {table.name: files.csv_bytes(table) for table in tables}


def _generated(manager: User, seed: int) -> dict[str, list[list[str]]]:
    if not Team.objects.exists():
        build_organisation(by=manager)
    generator = Generator(seed=seed, scale=1, teams=demo_teams(), until=UNTIL)
    return {
        f"{year}/{name}": table.rows
        for year, case_file in enumerate(generator.years(3))
        for name, table in serialise(case_file).items()
    }


def test_the_same_seed_gives_the_same_council(manager: User) -> None:
    assert _generated(manager, seed=11) == _generated(manager, seed=11)


def test_another_seed_gives_another_council(manager: User) -> None:
    assert _generated(manager, seed=11)["0/contacts"] != _generated(manager, seed=12)["0/contacts"]


def test_its_case_file_imports_without_errors(manager: User) -> None:
    exported = _demo(manager, seed=5)
    tables = {name: files.read_csv(data, f"{name}.csv") for name, data in exported.items()}

    checked = check_case_file(tables, today=UNTIL)

    assert checked.errors == []
    # History is imperfect, as a council's is: a few late requests, no more.
    assert len(checked.warnings) < 20


def test_it_looks_like_a_council_in_the_published_reports(manager: User) -> None:
    _demo(manager, seed=5)
    year = Contact.objects.filter(received__gte=date(2023, 4, 1), received__lte=date(2024, 3, 31))

    statutory = year.filter(route="statutory").count()
    assert 40 <= statutory <= 200
    assert set(year.values_list("route", flat=True)) == {
        "statutory",
        "corporate",
        "representation",
        "member_enquiry",
        "mp_enquiry",
        "not_accepted",
    }
    stage_ones = Stage.objects.filter(number=1, responded__isnull=False)
    late = [
        s
        for s in stage_ones.select_related("contact")
        if (s.responded - s.contact.received).days > 28
    ]
    assert 0 < len(late) < stage_ones.count() / 2
    assert Stage.objects.filter(number=3).exists()
    assert OmbudsmanCase.objects.exclude(decision="").exists()
    # The restructure of April 2023: old team names before it, new ones after.
    assert not year.filter(team__name="Child Protection Team North").exists()
    assert Contact.objects.filter(team__name="Child Protection Team North").exists()
    repeat = Contact.objects.values("complainant").distinct().count()
    assert repeat < Contact.objects.count()
    # Only recent contacts are still open: none outside the procedure waits months.
    stale = Contact.objects.exclude(route="statutory").filter(
        state__in=[s.value for s in OPEN_STATES], received__lt=UNTIL - timedelta(days=90)
    )
    assert not stale.exists()


def test_it_leaves_a_database_with_case_data_alone(manager: User) -> None:
    _demo(manager, seed=5)
    count = Contact.objects.count()

    with pytest.raises(DemoError):
        fill_case_data(seed=5, scale=1, years=1, until=UNTIL, by=manager)
    out = StringIO()
    call_command("demo", stdout=out)

    assert "already has case data: left it as it is" in out.getvalue()
    assert Contact.objects.count() == count


def test_it_leaves_a_council_s_own_organisation_without_cases_alone(area_a: object) -> None:
    out = StringIO()

    call_command("demo", stdout=out)

    assert "an organisation or case data of its own: the demo left it as it is" in out.getvalue()
    assert not Contact.objects.exists()


def test_every_role_has_a_day_of_work_and_every_complainant_a_name(client: Client) -> None:
    call_command("demo", "--years", "2", "--until", UNTIL.isoformat(), stdout=StringIO())
    users = {user.username: user for user in User.objects.all()}

    work = {name: todays_work(users[name], UNTIL) for name in ("officer", "service-manager")}
    investigator = my_cases(users["investigator"])

    assert not Person.objects.filter(name="").exists()
    assert not Person.objects.filter(phone="").exists()
    assert Practitioner.objects.filter(user=users["investigator"]).exists()
    assert investigator.count() >= 1
    assert {case.state for case in investigator} == {CaseState.STAGE_2}
    officer = work["officer"]
    assert officer.requests is not None
    assert officer.requests.count >= 2
    assert officer.new_online is not None
    assert officer.new_online.count >= 2
    manager = work["service-manager"]
    assert manager.overdue is not None
    assert manager.overdue.count >= 1
    assert my_cases(users["service-manager"]).count() == 3
    # A complainant is found by surname and by phone number, as staff search.
    someone = Contact.objects.filter(route="", complainant__isnull=False).first()
    assert someone is not None
    assert someone.complainant is not None
    client.force_login(users["officer"])
    for search in (someone.complainant.name.split()[-1], someone.complainant.phone):
        listed = client.get(reverse("casework:list"), {"q": search, "status": ""})
        assert someone in listed.context["page"].paginator.object_list, search
