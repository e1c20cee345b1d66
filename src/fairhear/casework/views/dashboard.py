"""The staff home page: for case workers, the complaints dashboard."""

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fairhear.accounts.roles import roles_of
from fairhear.casework import selectors
from fairhear.web.http import AuthenticatedHttpRequest

#: Each number on the dashboard links to the case list filtered to the same cases.
_DASHBOARD_LINKS: dict[str, dict[str, str]] = {
    "awaiting_triage": {"status": "awaiting_triage"},
    "new_online": {"status": "awaiting_triage", "channel": "online_form"},
    "open": {"status": "open"},
    "stage_1": {"stage": "1", "sort": "due"},
    "stage_2": {"stage": "2", "sort": "due"},
    "stage_3": {"stage": "3", "sort": "due"},
    "overdue": {"status": "overdue", "sort": "due"},
    "due_this_week": {"status": "due_this_week", "sort": "due"},
    "member_enquiries_open": {"status": "open", "route": "enquiries"},
}


#: The figures listed under "All open cases", in order, each beside its link.
_FIGURE_LABELS = {
    "open": "All open",
    "awaiting_triage": "Awaiting triage",
    "overdue": "Overdue",
    "due_this_week": "Due this week",
    "stage_1": "Stage 1",
    "stage_2": "Stage 2 in progress",
    "stage_3": "Stage 3 in progress",
    "member_enquiries_open": "Member and MP enquiries open",
    "ombudsman_replies_due": "Ombudsman replies due",
    "actions_overdue": "Learning actions overdue",
}


def _list_url(**filters: str) -> str:
    return f"{reverse('casework:list')}?{urlencode(filters)}"


def dashboard_context(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """What a case worker has to do today, and the complaints figures, for the staff home
    page: every list holds only cases the signed-in person can act on."""
    today = date.today()
    figures = selectors.dashboard_counts(request.user, today)
    links = {name: _list_url(**filters) for name, filters in _DASHBOARD_LINKS.items()}
    # The two numbers that are not cases link to their own lists, filtered the same way.
    links["ombudsman_replies_due"] = f"{reverse('casework:ombudsman')}?show=replies_due"
    links["actions_overdue"] = f"{reverse('casework:actions')}?show=overdue"
    can_manage = request.user.has_perm("casework.manage_cases")
    return {
        "figures": figures,
        "links": links,
        "figure_rows": [
            (label, figures[name], links[name]) for name, label in _FIGURE_LABELS.items()
        ],
        "work": selectors.todays_work(request.user, today),
        "ombudsman_due": selectors.ombudsman_replies_due(request.user)[:10] if can_manage else [],
        "today": today,
    }


@login_required
def staff_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where staff land after signing in: their roles, and for case workers the dashboard."""
    context: dict[str, Any] = {"roles": roles_of(request.user)}
    if request.user.has_perm("casework.view_cases"):
        context.update(dashboard_context(request))
    return render(request, "casework/dashboard.html", context)
