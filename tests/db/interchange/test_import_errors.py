"""Every kind of error of interchange.md refuses the whole import and names file:row:column."""

import pytest

from fairhear.interchange.models import ImportRun
from fairhear.interchange.services import import_case_file
from tests.db.interchange.helpers import STAGES, fingerprint, tables

pytestmark = pytest.mark.django_db

LETTER_HEADER = "reference,kind,audience,channel,sent\n"
SENT = "2023-05-03T10:00:00Z"
DOCUMENT_HEADER = "reference,file,original_name,content_type,size,sha256,uploaded\n"
EVENT_HEADER = "reference,at,kind,action,by,record,object,description,changes,details\n"

CASES = {
    "bad code": (
        {"contacts": "reference,received,route\nC-1,2023-05-02,complaint\n"},
        "contacts.csv:2:route: 'complaint' is not a route code",
    ),
    "bad date": (
        {"contacts": "reference,received,route\nC-1,02/05/2023,statutory\n"},
        "contacts.csv:2:received: '02/05/2023' is not a date",
    ),
    "impossible date": (
        {"contacts": "reference,received,route\nC-1,2023-02-30,statutory\n"},
        "contacts.csv:2:received: '2023-02-30' is not a real date",
    ),
    "bad number": (
        {"costs": "date,kind,amount\n2023-05-02,panel,£120\n"},
        "costs.csv:2:amount: '£120' is not an amount of money",
    ),
    "bad boolean": (
        {"contacts": "reference,received,route,advocate\nC-1,2023-05-02,statutory,maybe\n"},
        "contacts.csv:2:advocate: 'maybe' is not yes or no",
    ),
    "unknown column": (
        {"contacts": "reference,received,route,chanel\nC-1,2023-05-02,statutory,email\n"},
        "contacts.csv:1:chanel: unknown column",
    ),
    "missing required column": (
        {"contacts": "reference,received\nC-1,2023-05-02\n"},
        "contacts.csv:1:route: this required column is missing",
    ),
    "missing required value": (
        {"contacts": "reference,received,route\nC-1,,statutory\n"},
        "contacts.csv:2:received: enter a date",
    ),
    "missing contacts file": (
        {"contacts": "", "context": "year,measure,value\n2023,referrals,10\n"},
        "contacts.csv:1:reference: this required column is missing",
    ),
    "duplicate key": (
        {
            "contacts": (
                "reference,received,route\nC-1,2023-05-02,statutory\nC-1,2023-05-03,statutory\n"
            )
        },
        "contacts.csv:3:reference: the same reference as row 2",
    ),
    "unknown contact": (
        {"stages": "reference,stage\nC-2023-9999,1\n"},
        "stages.csv:2:reference: no contact 'C-2023-9999' in contacts.csv or in Fairhear",
    ),
    "unknown service area": (
        {
            "organisation": "kind,name,parent\nservice_area,Front Door,\n",
            "contacts": (
                "reference,received,route,service_area\nC-1,2023-05-02,statutory,Front Dor\n"
            ),
        },
        "contacts.csv:2:service_area: 'Front Dor' is not a service area in organisation.csv",
    ),
    "unknown team": (
        {
            "organisation": "kind,name,parent\nservice_area,Front Door,\nteam,Hub,Front Door\n",
            "contacts": "reference,received,route,team\nC-1,2023-05-02,statutory,Hubb\n",
        },
        "contacts.csv:2:team: 'Hubb' is not a team in organisation.csv",
    ),
    "stage 2 without stage 1": (
        {"stages": "reference,stage,requested\nC-2023-0001,2,2023-06-01\n"},
        "stages.csv:2:stage: C-2023-0001 has stage 2 but no stage 1",
    ),
    "stage 3 without stage 2": (
        {
            "stages": (
                "reference,stage,requested,responded\n"
                "C-2023-0001,1,,2023-05-10\nC-2023-0001,3,2023-06-01,\n"
            )
        },
        "stages.csv:3:stage: C-2023-0001 has stage 3 but no stage 2",
    ),
    "stage 2 without its request date": (
        {"stages": "reference,stage,requested\nC-2023-0001,1,\nC-2023-0001,2,\n"},
        "stages.csv:3:requested: enter a date for stages 2 and 3",
    ),
    "contact withdrawn before received": (
        {"contacts": "reference,received,route,withdrawn\nC-1,2023-05-02,statutory,2023-05-01\n"},
        "contacts.csv:2:withdrawn: 1 May 2023 is before the contact was received on 2 May 2023",
    ),
    "contact responded before received": (
        {"contacts": "reference,received,route,responded\nC-1,2023-05-02,corporate,2023-04-01\n"},
        "contacts.csv:2:responded: 1 April 2023 is before the contact was received",
    ),
    "stage 1 reply before the contact": (
        {"stages": "reference,stage,responded\nC-2023-0001,1,2023-05-01\n"},
        "stages.csv:2:responded: 1 May 2023 is before the contact's received date (2 May 2023)",
    ),
    "stage 2 asked for before the stage 1 reply": (
        {
            "stages": (
                "reference,stage,requested,responded\n"
                "C-2023-0001,1,,2023-05-12\nC-2023-0001,2,2023-05-10,\n"
            )
        },
        "stages.csv:3:requested: 10 May 2023 is before the stage 1 reply (12 May 2023)",
    ),
    "started before requested": (
        {
            "stages": (
                "reference,stage,requested,started,responded\n"
                "C-2023-0001,1,,,2023-05-12\nC-2023-0001,2,2023-05-22,2023-05-20,\n"
            )
        },
        "stages.csv:3:started: 20 May 2023 is before requested (22 May 2023)",
    ),
    "responded before started": (
        {
            "stages": (
                "reference,stage,requested,started,responded\n"
                "C-2023-0001,1,,,2023-05-12\nC-2023-0001,2,2023-05-22,2023-06-01,2023-05-30\n"
            )
        },
        "stages.csv:3:responded: 30 May 2023 is before started (1 June 2023)",
    ),
    "panel before the request": (
        {
            "stages": (
                "reference,stage,requested,responded,panel_held\n"
                "C-2023-0001,1,,2023-05-12,\nC-2023-0001,2,2023-05-22,2023-06-20,\n"
                "C-2023-0001,3,2023-07-01,,2023-06-30\n"
            )
        },
        "stages.csv:4:panel_held: 30 June 2023 is before requested (1 July 2023)",
    ),
    "chair's report before the panel": (
        {
            "stages": (
                "reference,stage,requested,responded,panel_held,panel_report\n"
                "C-2023-0001,1,,2023-05-12,,\nC-2023-0001,2,2023-05-22,2023-06-20,,\n"
                "C-2023-0001,3,2023-07-01,,2023-07-20,2023-07-19\n"
            )
        },
        "stages.csv:4:panel_report: 19 July 2023 is before panel_held (20 July 2023)",
    ),
    "stage 3 response before the chair's report": (
        {
            "stages": (
                "reference,stage,requested,responded,panel_held,panel_report\n"
                "C-2023-0001,1,,2023-05-12,,\nC-2023-0001,2,2023-05-22,2023-06-20,,\n"
                "C-2023-0001,3,2023-07-01,2023-07-24,2023-07-20,2023-07-25\n"
            )
        },
        "stages.csv:4:responded: 24 July 2023 is before panel_report (25 July 2023)",
    ),
    "ombudsman decision before its enquiry": (
        {"ombudsman": "lgsco_reference,received,decided\n23 001 123,2023-08-01,2023-07-01\n"},
        "ombudsman.csv:2:decided: 1 July 2023 is before the enquiry was received on 1 August 2023",
    ),
    "council reply before the enquiry": (
        {
            "ombudsman": (
                "lgsco_reference,received,council_replied\n23 001 123,2023-08-01,2023-07-01\n"
            )
        },
        "ombudsman.csv:2:council_replied: 1 July 2023 is before the enquiry was received",
    ),
    "letter of an unknown contact": (
        {"letters": f"{LETTER_HEADER}C-2023-9999,acknowledgement,standard,email,{SENT}\n"},
        "letters.csv:2:reference: no contact 'C-2023-9999' in contacts.csv or in Fairhear",
    ),
    "bad letter kind": (
        {"letters": f"{LETTER_HEADER}C-2023-0001,thank_you,standard,email,{SENT}\n"},
        "letters.csv:2:kind: 'thank_you' is not a kind code: use one of acknowledgement,",
    ),
    "bad letter channel": (
        {"letters": f"{LETTER_HEADER}C-2023-0001,acknowledgement,standard,fax,{SENT}\n"},
        "letters.csv:2:channel: 'fax' is not a channel code: use one of email, post",
    ),
    "letter sent without a time zone": (
        {"letters": f"{LETTER_HEADER}C-2023-0001,acknowledgement,standard,email,2023-05-03 10:00"},
        "letters.csv:2:sent: '2023-05-03 10:00' is not a date and time with its offset from UTC",
    ),
    "letter sent by nobody known": (
        {
            "letters": (
                "reference,kind,audience,channel,sent,sent_by\n"
                f"C-2023-0001,acknowledgement,standard,email,{SENT},ghost\n"
            )
        },
        "letters.csv:2:sent_by: no user 'ghost' in Fairhear",
    ),
    "letter without a sender, imported without a user": (
        {"letters": f"{LETTER_HEADER}C-2023-0001,acknowledgement,standard,email,{SENT}\n"},
        "letters.csv:2:sent_by: enter the username of who sent it",
    ),
    "the same letter twice": (
        {
            "letters": (
                f"{LETTER_HEADER}C-2023-0001,acknowledgement,standard,email,{SENT}\n"
                "C-2023-0001,acknowledgement,standard,post,2023-05-03T11:00:00+01:00\n"
            )
        },
        "letters.csv:3:sent: the same reference + kind + audience + sent as row 2",
    ),
    "an event without its offset from UTC": (
        {"events": f"{EVENT_HEADER}C-2023-0001,2023-05-03 10:00:00.5,timeline,x.y,,,,Logged,,\n"},
        "events.csv:2:at: '2023-05-03 10:00:00.5' is not a date and time with its offset",
    ),
    "an event of an unknown contact": (
        {"events": f"{EVENT_HEADER}C-2023-9999,{SENT},timeline,x.y,,,,Logged,,\n"},
        "events.csv:2:reference: no contact 'C-2023-9999' in contacts.csv or in Fairhear",
    ),
    "an audit entry about something that is not a case record": (
        {"events": f"{EVENT_HEADER}C-2023-0001,{SENT},audit,update,,auth.user,x,,,\n"},
        "events.csv:2:record: 'auth.user' is not a record of a case",
    ),
    "an audit entry with an unknown action": (
        {"events": f"{EVENT_HEADER}C-2023-0001,{SENT},audit,edit,,casework.contact,x,,,\n"},
        "events.csv:2:action: 'edit' is not an audit action: use one of create, update,",
    ),
    "a timeline line without words": (
        {"events": f"{EVENT_HEADER}C-2023-0001,{SENT},timeline,x.y,,,,,,\n"},
        "events.csv:2:description: enter a value",
    ),
    "changes that are not JSON": (
        {"events": f"{EVENT_HEADER}C-2023-0001,{SENT},audit,update,,casework.contact,x,,{{a,\n"},
        "events.csv:2:changes: '{a' is not JSON",
    ),
    "the same document twice": (
        {
            "documents": (
                f"{DOCUMENT_HEADER}C-2023-0001,documents/a.txt,a.txt,text/plain,1,{'0' * 64},"
                f"{SENT}\nC-2023-0001,documents/a.txt,b.txt,text/plain,1,{'0' * 64},{SENT}\n"
            )
        },
        "documents.csv:3:file: the same file as row 2: each may appear once",
    ),
    "a document uploaded at no real time": (
        {
            "documents": (
                f"{DOCUMENT_HEADER}C-2023-0001,documents/a.txt,a.txt,text/plain,1,{'0' * 64},"
                "2023-02-30T10:00:00Z\n"
            )
        },
        "documents.csv:2:uploaded: '2023-02-30T10:00:00Z' is not a real date and time",
    ),
    "the same person twice": (
        {"people": "kind,key,name\ncomplainant,P1,Ann\ncomplainant,P1,Anne\n"},
        "people.csv:3:reference: the same kind + key + reference as row 2",
    ),
    "a complainant without a key": (
        {"people": "kind,key,name\ncomplainant,,Ann\n"},
        "people.csv:2:key: enter the complainant's key",
    ),
    "a child of an unknown contact": (
        {"people": "kind,reference,name\nchild,C-2023-9999,Sam\n"},
        "people.csv:2:reference: no contact 'C-2023-9999' in contacts.csv or in Fairhear",
    ),
    "a child with an email address": (
        {"people": "kind,reference,name,email\nchild,C-2023-0001,Sam,sam@example.org\n"},
        "people.csv:2:email: a child's row holds only the child's name",
    ),
    "a bad kind of person": (
        {"people": "kind,key,name\nadvocate,P1,Ann\n"},
        "people.csv:2:kind: 'advocate' is not a kind code: use one of complainant, child",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_it_refuses_bad_input_naming_file_row_and_column_and_writes_nothing(case: str) -> None:
    files, expected = CASES[case]
    before = fingerprint()

    result = import_case_file(tables(**files), file_name="bad", by=None)

    assert not result.imported
    messages = [str(error) for error in result.errors]
    assert any(message.startswith(expected) for message in messages), messages
    assert fingerprint() == before
    assert ImportRun.objects.get().status == ImportRun.Status.REFUSED


def test_it_reports_every_error_not_just_the_first() -> None:
    files = {
        "contacts": "reference,received,route\nC-1,2023-13-01,statutory\nC-2,2023-05-02,nope\n",
        "stages": "reference,stage\nC-9,1\n",
    }

    result = import_case_file(tables(**files), file_name="bad", by=None)

    assert [f"{e.file}:{e.row}:{e.column}" for e in result.errors] == [
        "contacts.csv:2:received",
        "contacts.csv:3:route",
        "stages.csv:2:reference",
    ]


def test_a_row_pointing_at_a_broken_contact_row_is_not_reported_twice() -> None:
    files = {
        "contacts": "reference,received,route\nC-1,yesterday,statutory\n",
        "stages": "reference,stage\nC-1,1\n",
    }

    result = import_case_file(tables(**files), file_name="bad", by=None)

    assert [str(error)[:27] for error in result.errors] == ["contacts.csv:2:received: 'y"]


def test_a_letter_of_a_broken_contact_row_is_not_reported_again() -> None:
    files = {
        "contacts": "reference,received,route\nC-1,yesterday,statutory\n",
        "letters": f"{LETTER_HEADER}C-1,acknowledgement,standard,email,{SENT}\n",
    }

    result = import_case_file(tables(**files), file_name="bad", by=None)

    assert [f"{e.file}:{e.row}:{e.column}" for e in result.errors] == [
        "contacts.csv:2:received",
        "letters.csv:2:sent_by",  # its own mistake is still reported
    ]


def test_an_unknown_file_is_an_error() -> None:
    result = import_case_file(tables(contact="reference\n"), file_name="bad", by=None)

    assert any(str(error).startswith("contact.csv:1:") for error in result.errors)


def test_codes_are_read_without_regard_to_case() -> None:
    files = {"contacts": "reference,received,route,channel\nC-1,2023-05-02,Statutory,EMAIL\n"}

    result = import_case_file(tables(**files), file_name="ok", by=None)

    assert result.imported


def test_stages_from_the_helper_are_valid() -> None:
    assert import_case_file(tables(stages=STAGES), file_name="ok", by=None).imported


# ---------------------------------------------------------------------------- no cascades


def test_a_file_with_three_mistakes_gives_exactly_its_three_errors() -> None:
    contacts = (
        "reference,received,route,chanel\n"
        "C-2023-0001,2023-05-02,statutory,email\n"
        "C-2023-0002,2023-05-03,complaint,email\n"
        "C-2023-0003,03/05/2023,statutory,letter\n"
        "C-2023-0004,2023-05-04,statutory,email\n"
    )
    stages = (
        "reference,stage,requested,responded\n"
        "C-2023-0001,1,,2023-05-20\nC-2023-0002,1,,2023-05-20\n"
        "C-2023-0003,1,,2023-05-20\nC-2023-0003,2,2023-05-25,\nC-2023-0004,1,,2023-05-20\n"
    )
    costs = "reference,date,kind,amount\nC-2023-0002,2023-06-01,panel,100\n"
    outcomes = "reference,stage,category,outcome\nC-2023-0003,2,Delay,upheld\n"

    result = import_case_file(
        tables(contacts=contacts, stages=stages, costs=costs, category_outcomes=outcomes),
        file_name="three mistakes",
        by=None,
    )

    assert [f"{e.file}:{e.row}:{e.column}" for e in result.errors] == [
        "contacts.csv:1:chanel",
        "contacts.csv:3:route",
        "contacts.csv:4:received",
    ]


def test_a_missing_column_is_reported_once_and_the_rows_are_still_checked() -> None:
    contacts = "reference,received\nC-2023-0001,2023-05-02\nC-2023-0002,2023-13-01\nC-2023-0003,\n"
    stages = "reference,stage\nC-2023-0001,1\nC-2023-0002,1\n"

    result = import_case_file(tables(contacts=contacts, stages=stages), file_name="bad", by=None)

    assert [f"{e.file}:{e.row}:{e.column}" for e in result.errors] == [
        "contacts.csv:1:route",
        "contacts.csv:3:received",
        "contacts.csv:4:received",
    ]


def test_without_a_reference_column_nothing_is_reported_as_an_unknown_contact() -> None:
    contacts = "ref,received,route\nC-2023-0001,2023-05-02,statutory\n"
    stages = "reference,stage\nC-2023-0001,1\n"

    result = import_case_file(tables(contacts=contacts, stages=stages), file_name="bad", by=None)

    assert [f"{e.file}:{e.row}:{e.column}" for e in result.errors] == [
        "contacts.csv:1:ref",
        "contacts.csv:1:reference",
    ]


def test_a_name_whose_organisation_row_failed_is_not_reported_again() -> None:
    organisation = "kind,name,from\nservice_area,Front Door,someday\n"
    contacts = "reference,received,route,service_area\nC-1,2023-05-02,statutory,Front Door\n"

    result = import_case_file(
        tables(organisation=organisation, contacts=contacts), file_name="bad", by=None
    )

    assert [f"{e.file}:{e.row}:{e.column}" for e in result.errors] == ["organisation.csv:2:from"]


def test_errors_are_capped_per_file_with_a_count_of_the_rest() -> None:
    rows = "".join(f"C-{number},2023-05-02,nope\n" for number in range(1, 131))

    result = import_case_file(
        tables(contacts=f"reference,received,route\n{rows}"), file_name="bad", by=None
    )

    assert len(result.errors) == 101
    assert str(result.errors[99]).startswith("contacts.csv:101:route:")
    assert str(result.errors[100]).startswith("contacts.csv: and 30 more error(s) in this file")
