"""The dashboard's lists of today's work: the rows each signed-in person can act on."""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q, QuerySet

from fairhear.casework.codes import Channel
from fairhear.casework.models import Contact
from fairhear.casework.selectors.cases import OPEN_STATES, end_of_week
from fairhear.casework.selectors.scope import AnyUser, cases_visible_to, scope_of
from fairhear.core.procedure import CaseState

#: How many rows each list shows; its heading gives the full count and links to the rest.
ROWS = 10


@dataclass
class WorkList:
    """One list on the dashboard: its first rows, and how many there are in all."""

    cases: list[Contact]
    count: int


@dataclass
class TodaysWork:
    overdue: WorkList | None = None
    due_this_week: WorkList | None = None
    requests: WorkList | None = None
    new_online: WorkList | None = None
    mine: WorkList | None = None


def _open(cases: QuerySet[Contact]) -> QuerySet[Contact]:
    return cases.filter(state__in=OPEN_STATES, withdrawn__isnull=True)


def _rows(cases: QuerySet[Contact], rows: int = ROWS) -> WorkList:
    """The first rows by due date (undated last), and the count: two queries."""
    ordered = cases.select_related("complainant", "service_area", "team").order_by(
        F("next_due").asc(nulls_last=True), "reference"
    )
    return WorkList(list(ordered[:rows]), cases.count())


def actionable_cases(user: AnyUser) -> QuerySet[Contact]:
    """The open cases whose next step the user may record: every one for the complaints team;
    for a service manager, the Stage 1 cases they may extend or answer; none for anyone else
    (an investigator's work is listed as their own cases)."""
    cases = _open(cases_visible_to(user))
    if user.has_perm("casework.manage_cases"):
        return cases
    if user.has_perm("casework.respond_stage_one"):
        return cases.filter(state=CaseState.STAGE_1)
    return cases.none()


def my_cases(user: AnyUser) -> QuerySet[Contact]:
    """The open cases the user works on: as responsible manager, investigator, independent
    person or panel member, or assigned to them."""
    if not user.is_authenticated or not user.has_perm("casework.view_cases"):
        return Contact.objects.none()
    _, working_on = scope_of(user)
    return _open(Contact.objects.filter(pk__in=working_on))


def requests_to_answer(cases: QuerySet[Contact]) -> QuerySet[Contact]:
    """Cases whose complainant asked for a call back while the contact is new or at Stage 1,
    or asked for an advocate not yet offered."""
    return cases.filter(
        Q(call_back_requested=True, state__in=[CaseState.RECEIVED, CaseState.STAGE_1])
        | Q(advocacy_requested=True, advocacy_offered__isnull=True)
    )


def todays_work(user: AnyUser, today: date) -> TodaysWork:
    """What the user has to do today, most urgent first. Lists they cannot act on are left out
    (None): an investigator, who records no step, sees only their own cases."""
    work = TodaysWork()
    if user.has_perm("casework.manage_cases") or user.has_perm("casework.respond_stage_one"):
        actionable = actionable_cases(user).exclude(next_due=None)
        work.overdue = _rows(actionable.filter(next_due__lt=today))
        work.due_this_week = _rows(
            actionable.filter(next_due__gte=today, next_due__lte=end_of_week(today))
        )
    if user.has_perm("casework.manage_cases"):
        visible = _open(cases_visible_to(user))
        work.requests = _rows(requests_to_answer(visible))
        work.new_online = _rows(visible.filter(route="", channel=Channel.ONLINE_FORM))
    work.mine = _rows(my_cases(user))
    return work
