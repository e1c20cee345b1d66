"""The permission matrix: every address of the project, and what each persona gets there.

Every named URL pattern has at least one entry in PAGES, saying what each role's persona and a
signed-out visitor get when they open it, and, for a page with a form, who may not send it.
A pattern without an entry fails `test_every_url_of_the_project_has_an_entry`, so no page is
added without deciding who may see it. The rules the entries follow:

- a role without the right to a page gets 403;
- a record outside the user's scope (another service area's case, for a service manager) is
  404, so its existence is not leaked;
- a signed-out visitor on a staff page is sent to sign in;
- a refused form changes nothing in the database.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.http import FileResponse, HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from fairhear.accounts.roles import Role
from fairhear.casework.codes import ActionKind, CostKind
from fairhear.casework.models import Contact, EqualityOption
from fairhear.casework.steps import STEPS
from fairhear.core.report import financial_year_of
from tests.conftest import PASSWORD, ROLES
from tests.db.interchange.helpers import CONTACTS, case_file_zip
from tests.db.records import Records

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
PERSONAS = (*ROLES, ANONYMOUS)
#: The answer of a staff page to a signed-out visitor: a redirect to sign in, then back.
SIGN_IN = "sign in"
Answer = int | str
Answers = Mapping[str, Answer]
REFUSALS = (403, 404, SIGN_IN)

CASE_TEAM = ("manager", "officer")
SERVICE_MANAGERS = ("service_manager_a", "service_manager_b")
CASE_READERS = (*CASE_TEAM, *SERVICE_MANAGERS, "investigator")
REPORT_READERS = (*CASE_TEAM, "report_viewer")
ORGANISATION_READERS = (*CASE_TEAM, *SERVICE_MANAGERS, "report_viewer")
#: Who sees the records of service area A, and who is told they do not exist.
SEES_A = (*CASE_TEAM, "service_manager_a")
NOT_A = ("service_manager_b", "investigator")


def public(answer: int = 200) -> dict[str, Answer]:
    """A public page: everyone, signed in or not, gets the same answer."""
    return {persona: answer for persona in PERSONAS}


def staff(*allowed: str, hidden: tuple[str, ...] = (), ok: int = 200) -> dict[str, Answer]:
    """A staff page: `ok` for the `allowed` personas, 404 for the `hidden` (the record is
    outside their scope), 403 for every other role, and signed-out visitors sent to sign in."""
    assert not set(allowed) & set(hidden), "a persona is either allowed or hidden"
    answers: dict[str, Answer] = {persona: 403 for persona in ROLES}
    answers.update(dict.fromkeys(hidden, 404))
    answers.update(dict.fromkeys(allowed, ok))
    answers[ANONYMOUS] = SIGN_IN
    return answers


def _day(name: str, day: date) -> dict[str, str]:
    """A GOV.UK date input's three fields."""
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@dataclass(frozen=True)
class Form:
    """What a page's form is sent in the test, and what each persona gets for sending it.

    `answers` defaults to the page's own: whoever may not open the page may not send its form
    either, and the others are sent on (302). With `saves`, the data is a whole form: the
    first persona allowed sends it too, and it must change something, so that a refusal
    changing nothing means something. Without, only the refusals are sent."""

    data: Callable[[Records], dict[str, Any]]
    answers: Answers | None = None
    saves: bool = True


@dataclass(frozen=True)
class Page:
    """One page: its URL name and arguments, and the answer each persona gets to a GET."""

    name: str
    answers: Answers
    args: Callable[[Records], list[Any]] | None = None
    form: Form | None = None
    variant: str = ""

    def url(self, records: Records) -> str:
        return reverse(self.name, args=self.args(records) if self.args else None)

    def post_answers(self) -> Answers:
        if self.form is not None and self.form.answers is not None:
            return self.form.answers
        return {p: a if a in REFUSALS else 302 for p, a in self.answers.items()}

    def __str__(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name


#: Who may take each step of a case: the complaints team, or also the service manager of the
#: case's service area. The steps are pages of one URL, so a new step must be listed here too.
CASE_STEPS: dict[str, tuple[str, ...]] = {
    "triage": CASE_TEAM,
    "reply": CASE_TEAM,
    "withdraw": CASE_TEAM,
    "details": CASE_TEAM,
    "advocacy": CASE_TEAM,
    "document": CASE_TEAM,
    "stage-1-manager": CASE_TEAM,
    "stage-1-extension": SEES_A,
    "stage-1-reply": SEES_A,
    "stage-2-request": CASE_TEAM,
    "stage-2-decision": CASE_TEAM,
    "stage-2-investigators": CASE_TEAM,
    "stage-2-statement": CASE_TEAM,
    "stage-2-report": CASE_TEAM,
    "stage-2-extension": CASE_TEAM,
    "stage-2-manager": CASE_TEAM,
    "stage-2-adjudication": CASE_TEAM,
    "stage-3-request": CASE_TEAM,
    "stage-3-decision": CASE_TEAM,
    "stage-3-panel": CASE_TEAM,
    "stage-3-manager": CASE_TEAM,
    "stage-3-panel-held": CASE_TEAM,
    "stage-3-chair-report": CASE_TEAM,
    "stage-3-response": CASE_TEAM,
    "ombudsman": CASE_TEAM,
    "cost": CASE_TEAM,
    "action": SEES_A,
    "assign": CASE_TEAM,
    "end-appointment": CASE_TEAM,
    "compliment": CASE_TEAM,
}

#: Steps taken on a contact awaiting triage; the others are taken on case A, at Stage 1.
ON_A_NEW_CONTACT = ("triage", "compliment")
#: Steps whose whole form is the contact's version, which the first persona allowed saves.
VERSION_ONLY = ("compliment",)


def _case_step(step: str, allowed: tuple[str, ...]) -> Page:
    def contact(records: Records) -> Contact:
        return records.new_contact_a if step in ON_A_NEW_CONTACT else records.case_a

    saves = step in VERSION_ONLY
    return Page(
        "casework:step",
        staff(*allowed, hidden=NOT_A),
        lambda r: [contact(r).reference, step],
        # The role and the scope are checked before the form is read, so the version alone
        # shows a refusal; each step's own form is tested with the casework pages.
        Form(
            lambda r: {"version": r.version_of(contact(r))},
            answers=staff(*allowed, hidden=NOT_A, ok=302 if saves else 200),
            saves=saves,
        ),
        variant=step,
    )


_STAFF_DETAILS = {
    "first_name": "Sam",
    "last_name": "Okafor",
    "email": "sam.okafor@example.gov.uk",
    "username": "sokafor",
    "roles": [Role.COMPLAINTS_OFFICER.value],
}
_COST = {**_day("on", date(2024, 6, 1)), "kind": CostKind.OTHER, "amount": "1"}
THIS_YEAR = financial_year_of(date.today())

PAGES: list[Page] = [
    # ------------------------------------------------------------- public: anyone may open
    Page("web:home", public()),
    Page("web:accessibility", public()),
    Page("web:health", public()),  # for load balancers: no sign-in
    Page("accounts:sign-in", {**public(302), ANONYMOUS: 200}),  # the signed in go on
    Page("accounts:sign-out", public(405)),  # signing out is a POST
    Page("accounts:signed-out", public()),
    Page("account_login", public(302)),  # allauth's name for the sign-in page: sends there
    Page("mfa_authenticate", public(302)),  # with no sign-in waiting for a code, sent on
    Page("socialaccount_login_cancelled", public()),
    Page("account_inactive", public()),
    # Single sign-on is off here (no provider set up), so its addresses do not exist;
    # tests/db/accounts/test_single_sign_on.py covers them with a provider.
    Page("openid_connect_login", public(404), lambda r: ["council"]),
    Page("openid_connect_callback", public(404), lambda r: ["council"]),
    Page("public:start", public(302), lambda r: ["complaint"]),  # to the first question
    Page("public:step", public(), lambda r: ["complaint", "name"]),
    Page("public:check", public(302), lambda r: ["complaint"]),  # nothing to check yet
    Page("public:sent", public(302), lambda r: ["complaint"]),  # nothing sent yet
    Page("public:status", public(), lambda r: [r.status_token]),
    # ------------------------------------------------------------- every member of staff
    Page("staff-home", staff(*ROLES)),
    Page("accounts:landing", staff(*ROLES, ok=302)),
    Page("accounts:sign-out-confirm", staff(*ROLES)),
    # The council's setup: for anyone who may use some part of it.
    Page("staff-settings", staff(*ORGANISATION_READERS)),
    Page(
        "accounts:change-password",
        staff(*ROLES),
        form=Form(
            lambda r: {
                "old_password": PASSWORD,
                "new_password1": "a brand new passphrase",
                "new_password2": "a brand new passphrase",
            }
        ),
    ),
    # Each member of staff's own second factor. Changes ask for the password again first
    # (the matrix signs in without one); the codes exist only once an app or a key is set up.
    Page("account_reauthenticate", staff(*ROLES)),
    Page("mfa_index", staff(*ROLES)),
    Page("mfa_reauthenticate", staff(*ROLES, ok=302)),
    # These two send the signed-out to allauth's own sign-in address, which sends on to ours.
    Page("mfa_activate_totp", {**staff(*ROLES, ok=302), ANONYMOUS: 302}),
    Page("mfa_generate_recovery_codes", {**staff(*ROLES, ok=302), ANONYMOUS: 302}),
    Page("mfa_deactivate_totp", staff(*ROLES, ok=404)),
    Page("mfa_view_recovery_codes", staff(*ROLES, ok=404)),
    Page("mfa_download_recovery_codes", staff(*ROLES, ok=404)),
    Page("mfa_list_webauthn", staff(*ROLES)),
    Page("mfa_reauthenticate_webauthn", staff(*ROLES, ok=302)),  # no key here: sent on
    Page("mfa_add_webauthn", {**staff(*ROLES, ok=302), ANONYMOUS: 302}),
    # Asks for the password again before it looks for the key (none here).
    Page("mfa_remove_webauthn", {**staff(*ROLES, ok=302), ANONYMOUS: 302}, lambda r: [1]),
    # ------------------------------------------------------------- staff accounts
    Page("accounts:staff", staff("manager")),
    Page(
        "accounts:add-staff",
        staff("manager"),
        form=Form(lambda r: _STAFF_DETAILS, answers=staff("manager")),  # shows the password
    ),
    Page(
        "accounts:change-staff",
        staff("manager"),
        lambda r: [r.officer.pk],
        Form(lambda r: {**_STAFF_DETAILS, "username": "priya"}),
    ),
    Page(
        "accounts:new-password",
        staff("manager"),
        lambda r: [r.officer.pk],
        Form(lambda r: {}, answers=staff("manager")),  # shows the password
    ),
    Page(
        "accounts:set-active",
        staff("manager", ok=405),
        lambda r: [r.officer.pk],
        Form(lambda r: {"active": "no"}),
    ),
    # ------------------------------------------------------------- organisation
    Page("organisation:list", staff(*ORGANISATION_READERS)),
    Page(
        "organisation:detail",
        staff(*ORGANISATION_READERS),
        lambda r: ["service-areas", r.area_a.pk],
        variant="service area",
    ),
    Page(
        "organisation:detail",
        staff(*ORGANISATION_READERS),
        lambda r: ["teams", r.team_a.pk],
        variant="team",
    ),
    Page(
        "organisation:add-service-area",
        staff("manager"),
        form=Form(lambda r: {"name": "Early Help", **_day("started", date(2024, 4, 1))}),
    ),
    Page(
        "organisation:add-team",
        staff("manager"),
        form=Form(
            lambda r: {
                "service_area": r.area_a.pk,
                "name": "Kinship Team",
                **_day("started", date(2024, 4, 1)),
            }
        ),
    ),
    Page(
        "organisation:merge",
        staff("manager"),
        lambda r: ["teams"],
        Form(
            lambda r: {
                "units": [r.team_b.pk],
                "into": r.team_a.pk,
                **_day("last_day", date(2023, 3, 31)),
            }
        ),
        variant="teams",
    ),
    Page(
        "organisation:merge",
        staff("manager"),
        lambda r: ["service-areas"],
        Form(
            lambda r: {
                "units": [r.area_without_teams.pk],
                "into": r.area_a.pk,
                **_day("last_day", date(2023, 3, 31)),
            }
        ),
        variant="service areas",
    ),
    Page(
        "organisation:correct-name",
        staff("manager"),
        lambda r: ["service-areas", r.area_a.pk],
        Form(lambda r: {"name": "Children Looked After"}),
    ),
    Page(
        "organisation:rename",
        staff("manager"),
        lambda r: ["teams", r.team_a.pk],
        Form(lambda r: {"name": "Fostering and Kinship", **_day("from_day", date(2023, 4, 1))}),
    ),
    Page(
        "organisation:end",
        staff("manager"),
        lambda r: ["teams", r.team_b.pk],
        Form(lambda r: _day("last_day", date(2023, 3, 31))),
    ),
    # ------------------------------------------------------------- cases
    Page("casework:list", staff(*CASE_READERS)),
    # Logging a contact: the answers wait in the session (not in the database) until the
    # check page logs it, which the casework tests walk through.
    Page("casework:log", staff(*CASE_TEAM, ok=302)),
    Page(
        "casework:log-page",
        staff(*CASE_TEAM),
        lambda r: ["arrival"],
        Form(
            lambda r: {**_day("received", date(2024, 5, 1)), "channel": "telephone"},
            saves=False,
        ),
    ),
    Page("casework:log-check", staff(*CASE_TEAM, ok=302), form=Form(lambda r: {}, saves=False)),
    Page("casework:log-cancel", staff(*CASE_TEAM, ok=405), form=Form(lambda r: {}, saves=False)),
    Page("casework:logged", staff(*CASE_TEAM, ok=302)),
    Page(
        "casework:case",
        staff(*SEES_A, hidden=NOT_A),
        lambda r: [r.case_a.reference],
        variant="area A",
    ),
    Page(
        "casework:case",
        staff(*CASE_TEAM, "service_manager_b", "investigator", hidden=("service_manager_a",)),
        lambda r: [r.case_b.reference],
        variant="area B, assigned to the investigator",
    ),
    Page("casework:history", staff("manager"), lambda r: [r.case_a.reference]),
    Page(
        "casework:download-attachment",
        staff(*SEES_A, hidden=NOT_A),
        lambda r: [r.case_a.reference, r.document.pk],
    ),
    *(_case_step(step, allowed) for step, allowed in CASE_STEPS.items()),
    Page("casework:view-log", staff("manager")),
    # ------------------------------------------------------------- learning actions
    Page("casework:actions", staff(*CASE_READERS)),
    Page(
        "casework:add-action",
        staff(*CASE_TEAM),
        form=Form(
            lambda r: {
                "kind": ActionKind.TRAINING_OR_GUIDANCE,
                "description": "Review the charging policy.",
                "owner": f"area:{r.area_a.pk}",
            }
        ),
    ),
    Page(
        "casework:change-action",
        staff(*SEES_A, hidden=("service_manager_b",)),
        lambda r: [r.action_a.pk],
        Form(
            lambda r: {
                "kind": r.action_a.kind,
                "description": "Changed.",
                "owner": f"area:{r.area_a.pk}",
            }
        ),
        variant="from case A",
    ),
    Page(
        "casework:change-action",
        staff(*CASE_TEAM, "service_manager_b", hidden=("service_manager_a",)),
        lambda r: [r.action_b.pk],
        Form(
            lambda r: {
                "kind": r.action_b.kind,
                "description": "Changed.",
                "owner": f"team:{r.team_b.pk}",
            }
        ),
        variant="owned in area B",
    ),
    Page(
        "casework:complete-action",
        staff(*SEES_A, hidden=("service_manager_b",)),
        lambda r: [r.action_a.pk],
        Form(lambda r: {**_day("on", date(2024, 9, 1)), "evidence": "Weekly checks in place."}),
    ),
    # ------------------------------------------------------------- costs
    Page("casework:costs", staff(*CASE_TEAM)),
    Page("casework:add-cost", staff(*CASE_TEAM), form=Form(lambda r: _COST)),
    Page(
        "casework:correct-cost",
        staff(*CASE_TEAM),
        lambda r: [r.cost.pk],
        Form(lambda r: _COST),
    ),
    # ------------------------------------------------------------- the Ombudsman
    Page("casework:ombudsman", staff(*CASE_READERS)),
    Page(
        "casework:add-ombudsman",
        staff(*CASE_TEAM),
        form=Form(
            lambda r: {"lgsco_reference": "23 011 456", **_day("received", date(2024, 2, 10))}
        ),
    ),
    Page(
        "casework:ombudsman-case",
        staff(*SEES_A, hidden=NOT_A),
        lambda r: [r.ombudsman_a.lgsco_reference],
        variant="about case A",
    ),
    Page(
        "casework:ombudsman-case",
        # Only the whole-council roles see an enquiry not linked to a case.
        staff(*CASE_TEAM, hidden=(*SERVICE_MANAGERS, "investigator")),
        lambda r: [r.ombudsman_unlinked.lgsco_reference],
        variant="not linked",
    ),
    Page(
        "casework:ombudsman-history",
        staff("manager"),
        lambda r: [r.ombudsman_unlinked.lgsco_reference],
        variant="not linked",
    ),
    Page(
        "casework:ombudsman-history",
        staff("manager", ok=302),  # to its case's history
        lambda r: [r.ombudsman_a.lgsco_reference],
        variant="about case A",
    ),
    Page(
        "casework:ombudsman-step",
        staff(*CASE_TEAM),
        lambda r: [r.ombudsman_a.pk, "reply"],
        Form(lambda r: _day("on", date(2024, 6, 20))),
        variant="reply",
    ),
    Page(
        "casework:ombudsman-step",
        staff(*CASE_TEAM),
        lambda r: [r.ombudsman_a.pk, "decision"],
        Form(lambda r: {**_day("on", date(2024, 9, 2)), "decision": "not_upheld"}),
        variant="decision",
    ),
    Page(
        "casework:ombudsman-step",
        staff(*CASE_TEAM),
        lambda r: [r.ombudsman_decided.pk, "compliance"],
        Form(lambda r: {"complied": "yes"}),
        variant="compliance",
    ),
    Page(
        "casework:ombudsman-step",
        staff(*CASE_TEAM),
        lambda r: [r.ombudsman_unlinked.pk, "link"],
        Form(lambda r: {"reference": r.case_a.reference}),
        variant="link",
    ),
    # ------------------------------------------------------------- compliments
    Page("casework:compliments", staff(*CASE_TEAM, *SERVICE_MANAGERS)),
    Page(
        "casework:add-compliment",
        staff(*CASE_TEAM),
        form=Form(
            lambda r: {
                **_day("received", date.today()),
                "team": r.team_a.pk,
                "text": "Thank you.",
            }
        ),
    ),
    Page(
        "casework:correct-compliment",
        # The service manager of its area reads it in the list, but may not correct it.
        staff(*CASE_TEAM, hidden=("service_manager_b",)),
        lambda r: [r.compliment_a.pk],
        Form(
            lambda r: {
                **_day("received", r.compliment_a.received),
                "team": r.team_a.pk,
                "text": "Changed.",
            }
        ),
        variant="area A",
    ),
    Page(
        "casework:correct-compliment",
        staff(*CASE_TEAM, hidden=("service_manager_a",)),
        lambda r: [r.compliment_b.pk],
        variant="area B",
    ),
    # ------------------------------------------------------------- the council's lists
    Page("casework:lists", staff(*CASE_TEAM)),
    Page("casework:add-category", staff("manager"), form=Form(lambda r: {"name": "Delay"})),
    Page(
        "casework:rename-category",
        staff("manager"),
        lambda r: [r.category.pk],
        Form(lambda r: {"name": "Family time"}),
    ),
    Page(
        "casework:offer-category",
        staff("manager", ok=405),
        lambda r: [r.category.pk],
        Form(lambda r: {"offered": "no"}),
    ),
    Page(
        "casework:add-equality-option",
        staff("manager"),
        lambda r: ["gender"],
        Form(lambda r: {"label": "Agender"}),
    ),
    Page(
        "casework:rename-equality-option",
        staff("manager"),
        lambda r: [EqualityOption.objects.get(label="Non-binary").pk],
        Form(lambda r: {"label": "Nonbinary"}),
    ),
    Page(
        "casework:offer-equality-option",
        staff("manager", ok=405),
        lambda r: [EqualityOption.objects.get(label="Non-binary").pk],
        Form(lambda r: {"offered": "no"}),
    ),
    Page(
        "casework:add-practitioner",
        staff(*CASE_TEAM),
        form=Form(lambda r: {"name": "Iris Independent"}),
    ),
    Page(
        "casework:change-practitioner",
        staff(*CASE_TEAM),
        lambda r: [r.practitioner.pk],
        Form(lambda r: {"name": "Pat Panelist"}),
    ),
    # ------------------------------------------------------------- letters
    Page("letters:templates", staff("manager")),
    Page("letters:notices", staff("manager"), form=Form(lambda r: {"switched_on": "yes"})),
    Page(
        "letters:edit-template",
        staff("manager"),
        lambda r: ["acknowledgement", "standard"],
        Form(
            lambda r: {"subject": "We have your complaint", "body": "Dear {{ complainant_name }}"}
        ),
    ),
    Page(
        "letters:case",
        staff(*SEES_A, hidden=NOT_A),
        lambda r: [r.case_a.reference],
    ),
    Page(
        "letters:write",
        staff(*CASE_TEAM),
        lambda r: [r.case_a.reference],
        # Case A has no complainant to send to: only the refusals are sent.
        Form(lambda r: {"version": r.version_of(r.case_a)}, saves=False),
    ),
    Page(
        "letters:preferences",
        staff(*CASE_TEAM),
        lambda r: [r.case_a.reference],
        Form(lambda r: {"version": r.version_of(r.case_a), "letters_by": "post"}),
    ),
    Page(
        "letters:word",
        staff(*SEES_A, hidden=NOT_A),
        lambda r: [r.case_a.reference, r.letter_a.pk],
    ),
    Page(
        "letters:pdf",
        staff(*SEES_A, hidden=NOT_A),
        lambda r: [r.case_a.reference, r.letter_a.pk],
    ),
    # ------------------------------------------------------------- the case file
    Page(
        "interchange:home",
        staff("manager"),
        form=Form(lambda r: {"case_file": case_file_zip(contacts=CONTACTS)}),
    ),
    Page("interchange:report", staff("manager"), lambda r: [r.import_run.pk]),
    *(
        Page(
            name,
            dict.fromkeys(PERSONAS, 405),  # a GET is refused before sign-in is checked
            lambda r: [r.import_run.pk],
            Form(lambda r: {}, answers=staff("manager", ok=302)),
        )
        for name in ("interchange:confirm", "interchange:cancel")
    ),
    Page(
        "interchange:ask-export",
        dict.fromkeys(PERSONAS, 405),  # a GET is refused before sign-in is checked
        form=Form(lambda r: {"form": "zip"}, answers=staff("manager", ok=302)),
    ),
    *(
        Page(name, staff("manager"), lambda r: [r.case_file_export.pk])
        for name in (
            "interchange:export-status",
            "interchange:export-progress",
            "interchange:export-download",
        )
    ),
    Page(
        "interchange:export-delete",
        dict.fromkeys(PERSONAS, 405),
        lambda r: [r.case_file_export.pk],
        Form(lambda r: {}, answers=staff("manager", ok=302)),
    ),
    # ------------------------------------------------------------- retention
    Page("dataprotection:retention", staff("manager")),
    Page(
        "dataprotection:schedule",
        staff("manager"),
        form=Form(
            lambda r: {
                "years_after_closure": "7",
                "child_until_age": "25",
                "request_years_after_answer": "3",
                "version": "1",
            }
        ),
    ),
    Page(
        "dataprotection:anonymise",
        staff("manager", ok=302),  # a GET goes back to the retention page
        form=Form(lambda r: {"references": "", "as_of": "2024-01-01"}, saves=False),
    ),
    Page(
        "dataprotection:add-hold",
        staff("manager"),
        form=Form(lambda r: {"reference": r.case_a.reference, "reason": "A claim is expected."}),
    ),
    Page(
        "dataprotection:lift-hold",
        staff("manager", ok=302),
        lambda r: [r.legal_hold.pk],
        form=Form(lambda r: {}),
    ),
    Page(
        "dataprotection:log-request",
        staff("manager"),
        form=Form(lambda r: {"requester": "Jo Bloggs", **_day("received", date.today())}),
    ),
    Page("dataprotection:request", staff("manager"), lambda r: [r.subject_access_request.pk]),
    Page(
        "dataprotection:bundle",
        staff("manager", ok=302),  # a GET goes back to the request
        lambda r: [r.subject_access_request.pk],
        # Only the refusals are sent: the manager's bundle is tested in dataprotection.
        form=Form(lambda r: {"name": "Jo Bloggs", "references": [r.case_a.reference]}, saves=False),
    ),
    Page(
        "dataprotection:answered",
        staff("manager"),
        lambda r: [r.subject_access_request.pk],
        form=Form(lambda r: {**_day("sent", date.today()), "version": "1"}),
    ),
    Page(
        "dataprotection:extend",
        staff("manager"),
        lambda r: [r.subject_access_request.pk],
        form=Form(lambda r: {"further_months": "2", "reason": "Many cases.", "version": "1"}),
    ),
    Page(
        "dataprotection:log-rights-request",
        staff("manager"),
        form=Form(
            lambda r: {
                "kind": "erasure",
                "requester": "Jo Bloggs",
                "asked_for": "Erase my details.",
                **_day("received", date.today()),
            }
        ),
    ),
    Page("dataprotection:rights", staff("manager"), lambda r: [r.correction_request.pk]),
    Page(
        "dataprotection:correct",
        staff("manager"),
        lambda r: [r.correction_request.pk, r.case_a.reference],
        # Only the refusals are sent: the correction itself is tested in dataprotection.
        form=Form(lambda r: {"child_name": "Alex", "version": "1"}, saves=False),
    ),
    Page(
        "dataprotection:erase",
        staff("manager", ok=302),  # a GET goes back to the request
        lambda r: [r.erasure_request.pk],
        # Only the refusals are sent: the erasure itself is tested in dataprotection.
        form=Form(
            lambda r: {"name": "Jo Bloggs", "version": "1", "references": [r.case_a.reference]},
            saves=False,
        ),
    ),
    Page("dataprotection:rights-answer", staff("manager"), lambda r: [r.erasure_request.pk]),
    Page(
        "dataprotection:rights-extend",
        staff("manager"),
        lambda r: [r.erasure_request.pk],
        form=Form(lambda r: {"further_months": "1", "reason": "Many cases.", "version": "1"}),
    ),
    Page(
        "dataprotection:rights-answered",
        staff("manager"),
        lambda r: [r.erasure_request.pk],
        form=Form(lambda r: {**_day("sent", date.today()), "version": "1"}),
    ),
    # ------------------------------------------------------------- reports
    Page("reports:report", staff(*REPORT_READERS)),
    Page("reports:download", staff(*REPORT_READERS), lambda r: [THIS_YEAR, "json"]),
    Page(
        "reports:figures",
        staff(*REPORT_READERS),
        form=Form(
            lambda r: {
                "context-year": "2019",
                "context-measure": "referrals",
                "context-value": "1",
            },
            answers=staff("manager", ok=302),  # only the complaints manager records figures
        ),
    ),
]


# ------------------------------------------------------------------------------ the URLs


def _routes(
    resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """Every URL pattern of the project as (its name with namespaces, its route)."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry, prefix + str(entry.pattern), inner)
        else:
            assert isinstance(entry, URLPattern)
            yield (f"{namespace}{entry.name}" if entry.name else "", prefix + str(entry.pattern))


def _entry_to_add(name: str, route: str) -> str:
    if not name:
        return f"  /{route}: give the pattern a name, then add its entry to PAGES"
    kwargs = [part.split(">")[0].split(":")[-1] for part in route.split("<")[1:]]
    args = f", lambda r: [{', '.join(f'r.<{k}>' for k in kwargs)}]" if kwargs else ""
    return f'  /{route}: Page("{name}", staff(<who may open it>){args}),'


def test_every_url_of_the_project_has_an_entry() -> None:
    listed = {page.name for page in PAGES}
    routes = list(_routes())
    missing = [_entry_to_add(name, route) for name, route in routes if name not in listed]

    assert not missing, (
        "These URLs are not in the permission matrix. Decide who may open each and add an "
        "entry to PAGES in tests/db/test_permissions.py (public() for a page anyone may "
        "open; a Form for a page that takes one; a record it needs goes in "
        "tests/db/records.py):\n" + "\n".join(missing)
    )
    assert listed <= {name for name, _ in routes}, "PAGES names a URL the project no longer has"


def test_every_step_of_a_case_has_an_entry() -> None:
    assert set(STEPS) == set(CASE_STEPS), (
        "Each step of a case is a page: list who may take a new one in CASE_STEPS in "
        "tests/db/test_permissions.py"
    )


# ------------------------------------------------------------------------------ the answers


@pytest.fixture
def records(request: pytest.FixtureRequest) -> Records:
    return Records(request)


@pytest.fixture
def clients(request: pytest.FixtureRequest) -> dict[str, Client]:
    """A browser for each persona, signed in as its member of staff (but the anonymous one)."""
    clients = {persona: Client() for persona in PERSONAS}
    for role in ROLES:
        clients[role].force_login(request.getfixturevalue(role))
    return clients


def _answer(response: HttpResponse, url: str) -> Answer:
    if isinstance(response, FileResponse) and response.file_to_stream is not None:
        # A download's file. Not response.close(): that signals the end of a request, which
        # closes the test's database connection on PostgreSQL.
        response.file_to_stream.close()
    if response.status_code == 302:
        sent_to = urlsplit(response["Location"])
        if sent_to.path == reverse("accounts:sign-in") and parse_qs(sent_to.query).get("next") == [
            url
        ]:
            return SIGN_IN
    return response.status_code


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_each_persona_gets_the_answer_its_role_and_scope_allow(
    page: Page, records: Records, clients: dict[str, Client]
) -> None:
    url = page.url(records)
    assert resolve(url).view_name == page.name, f"{url} is not a {page.name} page"

    got = {persona: _answer(clients[persona].get(url), url) for persona in PERSONAS}

    assert got == page.answers, f"GET {url}: what each persona got, then what PAGES says"


def _database() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the sessions' (signing in is not a change of data)."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
        if model is not Session
    }


FORM_PAGES = [page for page in PAGES if page.form is not None]


@pytest.mark.parametrize("page", FORM_PAGES, ids=str)
def test_a_persona_without_the_right_cannot_send_the_form_and_nothing_changes(
    page: Page, records: Records, clients: dict[str, Client]
) -> None:
    assert page.form is not None
    url = page.url(records)
    page.form.data(records)  # make every record the form names before the database is read
    answers = page.post_answers()
    refused = [persona for persona in PERSONAS if answers[persona] in REFUSALS]
    before = _database()

    got = {p: _answer(clients[p].post(url, page.form.data(records)), url) for p in refused}

    assert got == {p: answers[p] for p in refused}, f"POST {url}: got, then what PAGES says"
    assert _database() == before
    if page.form.saves:
        allowed = next(persona for persona in ROLES if persona not in refused)
        sent = _answer(clients[allowed].post(url, page.form.data(records)), url)
        assert sent == answers[allowed], f"{allowed} sending the form"
        assert _database() != before, f"{allowed}'s form changed nothing: the test data is wrong"
