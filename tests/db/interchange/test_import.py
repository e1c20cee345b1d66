"""A good import: what it writes, its warnings, re-importing and corrected files."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.db import connection

from fairhear.casework.models import (
    CaseEvent,
    Compliment,
    Contact,
    Cost,
    LearningAction,
    Person,
    ReferenceCounter,
    Stage,
)
from fairhear.interchange.models import ImportRun
from fairhear.interchange.services import import_case_file
from fairhear.interchange.writers import ANALYZE_AFTER_CONTACTS
from fairhear.organisation.models import ServiceArea, Team
from tests.db.interchange.helpers import CONTACTS, STAGES, fingerprint, tables

pytestmark = pytest.mark.django_db

TODAY = date(2024, 3, 1)


def _import(**files: str) -> "ImportRun":
    result = import_case_file(tables(**files), file_name="case-file", by=None, today=TODAY)
    assert result.imported, [str(error) for error in result.errors]
    return result.run


def test_it_creates_what_the_file_names_and_records_the_run(manager: User) -> None:
    result = import_case_file(
        tables(stages=STAGES), file_name="case-file.zip", by=manager, today=TODAY
    )

    contact = Contact.objects.get(reference="C-2023-0001")
    assert contact.service_area == ServiceArea.objects.get(name="Children in Care")
    assert contact.team == Team.objects.get(name="Fostering Service")
    assert [c.name for c in contact.categories.order_by("contact_links__position")] == [
        "Communication",
        "Delay",
    ]
    assert Person.objects.get().contacts.count() == 2  # a repeat complainant, one person
    assert Stage.objects.get(contact=contact, number=2).extended is True
    run = result.run
    assert run.by == manager
    assert run.status == ImportRun.Status.IMPORTED
    assert run.counts["contacts.csv"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert run.created_names["teams"] == ["Fostering Service"]
    assert run.created_names["people"] == {"created": 1, "matched": 0}
    assert LogEntry.objects.get_for_object(run).get().actor == manager
    assert set(CaseEvent.objects.values_list("action", flat=True)) == {"fairhear.contact.imported"}


def test_new_contacts_after_an_import_do_not_reuse_its_references() -> None:
    _import()

    assert ReferenceCounter.objects.get(year=2023).last_number == 2


def test_it_lists_warnings_in_file_row_column_form_and_still_imports() -> None:
    stages = """\
        reference,stage,requested,decision,decline_reason,extended,extension_reason,responded,outcome
        C-2023-0001,1,,accepted,,yes,,2023-05-12,partly_upheld
        C-2023-0001,2,2023-07-20,declined,,,,,
        C-2023-0003,1,,accepted,,,,2023-05-20,not_upheld
        """
    contacts = CONTACTS + "C-2023-0003,2023-05-02,statutory,email,P2,,,\n"
    contacts = contacts.replace("reference,received,route,", "reference,received,route,")
    ombudsman = """\
        lgsco_reference,received,council_replied,decided
        23 001 100,2023-08-01,2023-09-01,2023-08-20
        """

    result = import_case_file(
        tables(contacts=contacts, stages=stages, ombudsman=ombudsman),
        file_name="old",
        by=None,
        today=TODAY,
    )

    assert result.imported
    assert [str(w).split(": ")[0] for w in result.warnings] == [
        "stages.csv:2:extension_reason",
        "stages.csv:3:decline_reason",
        "stages.csv:3:requested",
        "ombudsman.csv:2:decided",
    ]
    assert result.run.warnings == [str(w) for w in result.warnings]


def test_it_warns_of_an_open_stage_past_its_due_date_and_a_reply_after_withdrawal() -> None:
    contacts = (
        "reference,received,route,withdrawn,responded\n"
        "C-1,2024-01-02,statutory,,\n"
        "C-2,2024-01-02,statutory,2024-01-10,\n"
        "C-3,2024-01-02,corporate,2024-01-10,2024-01-12\n"
    )
    stages = "reference,stage,responded\nC-1,1,\nC-2,1,2024-01-15\n"

    result = import_case_file(
        tables(contacts=contacts, stages=stages), file_name="x", by=None, today=TODAY
    )

    assert [str(w) for w in result.warnings] == [
        "contacts.csv:4:responded: the reply on 12 January 2024 came after the contact was "
        "withdrawn on 10 January 2024",
        "stages.csv:2:responded: stage 1 is still open and was due on 16 January 2024",
        "stages.csv:3:responded: the reply on 15 January 2024 came after the contact was "
        "withdrawn on 10 January 2024",
    ]


FULL = {
    "stages": STAGES,
    "category_outcomes": "reference,stage,category,outcome\nC-2023-0001,2,Delay,upheld\n",
    "actions": (
        "reference,kind,description,owner\nC-2023-0001,apology,Said sorry,Fostering Service\n"
    ),
    "costs": (
        "reference,date,kind,amount\n"
        "C-2023-0001,2023-07-10,panel,100\n"
        "C-2023-0001,2023-07-10,panel,100\n"
    ),
    "compliments": "received,service_area,source,internal,text,publish\n"
    "2023-05-05,Children in Care,child,no,Thank you,yes\n",
    "ombudsman": "lgsco_reference,reference,received,decision,remedy,financial_remedy\n"
    "23 001 100,C-2023-0001,2023-08-01,upheld,apology;financial,250\n",
    "context": "year,measure,value\n2023,referrals,4100\n",
    "benchmarks": "year,council,complaints_received,percent_upheld\n2023,Eastmere,80,42.5\n",
}


def test_importing_the_same_file_again_changes_nothing() -> None:
    _import(**FULL)
    before = fingerprint()

    run = _import(**FULL)

    assert fingerprint() == before
    assert all(counts["created"] == counts["updated"] == 0 for counts in run.counts.values())
    assert run.counts["costs.csv"] == {"created": 0, "updated": 0, "unchanged": 2}


def test_a_corrected_file_updates_the_rows_matched_by_their_keys() -> None:
    _import(**FULL)
    contact = Contact.objects.get(reference="C-2023-0001")
    corrected = dict(FULL)
    corrected["stages"] = STAGES.replace("2023-07-10,not_upheld", "2023-07-11,upheld")
    corrected["ombudsman"] = FULL["ombudsman"].replace(",250", ",300")
    corrected["context"] = "year,measure,value\n2023,referrals,4200\n"

    run = _import(contacts=CONTACTS.replace("email", "letter"), **corrected)

    contact.refresh_from_db()
    assert contact.channel == "letter"
    assert contact.version == 2  # an editor holding the old version must reload it
    stage = Stage.objects.get(contact=contact, number=2)
    assert (stage.responded, stage.outcome) == (date(2023, 7, 11), "upheld")
    assert contact.ombudsman_cases.get().financial_remedy == Decimal("300.00")
    assert run.counts["contacts.csv"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert run.counts["stages.csv"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert run.counts["context.csv"] == {"created": 0, "updated": 1, "unchanged": 0}
    assert Contact.objects.count() == 2


def test_rows_without_an_id_match_stored_rows_one_to_one_counting_repeats() -> None:
    _import(**FULL)
    three = FULL["costs"] + "C-2023-0001,2023-07-10,panel,100\n"

    run = _import(costs=three, stages=STAGES)

    assert Cost.objects.count() == 3
    assert run.counts["costs.csv"] == {"created": 1, "updated": 0, "unchanged": 2}


def test_a_row_with_an_id_updates_that_row_or_creates_it_with_that_id() -> None:
    _import(**FULL)
    action = LearningAction.objects.get()
    actions = (
        "id,reference,kind,description,owner\n"
        f"{action.pk},C-2023-0001,apology,Said sorry in writing,Fostering Service\n"
        "500,,training_or_guidance,Guidance on letters,Children in Care\n"
    )

    run = _import(actions=actions, stages=STAGES)

    action.refresh_from_db()
    assert action.description == "Said sorry in writing"
    created = LearningAction.objects.get(pk=500)
    assert created.owner_service_area == ServiceArea.objects.get(name="Children in Care")
    assert run.counts["actions.csv"] == {"created": 1, "updated": 1, "unchanged": 0}
    # The id sequence moved past the imported id, so new rows still get fresh ids.
    assert LearningAction.objects.create(kind="apology").pk > 500


def test_compliments_with_ids_survive_a_change_of_text() -> None:
    _import(**FULL)
    compliment = Compliment.objects.get()
    compliments = (
        "id,received,service_area,source,internal,text,publish\n"
        f"{compliment.pk},2023-05-05,Children in Care,child,no,Thank you so much,yes\n"
    )

    _import(compliments=compliments)

    assert Compliment.objects.get().text == "Thank you so much"


def test_organisation_rows_keep_a_restructure_and_names_must_match_them() -> None:
    organisation = """\
        kind,name,parent,from,to,successor
        service_area,Children in Care,,2015-04-01,,
        team,Fostering North,Children in Care,2015-04-01,2023-03-31,Fostering Service
        team,Fostering Service,Children in Care,2023-04-01,,
        """

    _import(organisation=organisation)

    old = Team.objects.get(name="Fostering North")
    assert old.ended == date(2023, 3, 31)
    assert old.successor == Team.objects.get(name="Fostering Service")


def test_a_new_team_without_a_service_area_is_refused_without_organisation_csv() -> None:
    contacts = "reference,received,route,team\nC-1,2023-05-02,statutory,New Team\n"

    result = import_case_file(tables(contacts=contacts), file_name="x", by=None)

    assert [str(e) for e in result.errors] == [
        "contacts.csv:2:service_area: enter the service area of 'New Team': it is a new team "
        "and needs one"
    ]


def test_imported_cases_carry_where_they_stand_and_what_is_due_next() -> None:
    _import(
        contacts="""\
        reference,received,route
        C-2023-0001,2023-05-02,statutory
        C-2023-0002,2023-05-03,statutory
        """,
        stages="""\
        reference,stage,responded,outcome
        C-2023-0001,1,2023-05-12,upheld
        C-2023-0002,1,,
        """,
    )

    answered = Contact.objects.get(reference="C-2023-0001")
    waiting = Contact.objects.get(reference="C-2023-0002")
    assert answered.state == "closed"
    assert (answered.next_step, answered.next_due) == ("", None)
    assert waiting.state == "stage_1"
    # Ten working days after 3 May 2023, the coronation bank holiday (8 May) not counted.
    assert (waiting.next_step, waiting.next_due) == ("stage_1_reply", date(2023, 5, 18))


def test_a_big_import_refreshes_the_planner_statistics_on_postgresql(
    django_capture_on_commit_callbacks: Any,
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")
    rows = "\n".join(
        f"C-2023-{n:04d},2023-05-02,representation" for n in range(1, ANALYZE_AFTER_CONTACTS + 1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        _import(contacts="reference,received,route\n" + rows + "\n")

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'casework_contact'")
        assert cursor.fetchone()[0] == ANALYZE_AFTER_CONTACTS
