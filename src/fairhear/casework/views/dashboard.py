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


def _list_url(**filters: str) -> str:
    return f"{reverse('casework:list')}?{urlencode(filters)}"


def dashboard_context(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """The complaints dashboard's figures, shown on the staff home page to case workers."""
    today = date.today()
    figures = selectors.dashboard_counts(request.user, today)
    links = {name: _list_url(**filters) for name, filters in _DASHBOARD_LINKS.items()}
    # The two numbers that are not cases link to their own lists, filtered the same way.
    links["ombudsman_replies_due"] = f"{reverse('casework:ombudsman')}?show=replies_due"
    links["actions_overdue"] = f"{reverse('casework:actions')}?show=overdue"
    soonest = selectors.soonest_due_by_stage(request.user)
    return {
        "figures": figures,
        "links": links,
        "stages": [
            {
                "number": number,
                "count": figures[f"stage_{number}"],
                "link": links[f"stage_{number}"],
                "cases": cases,
            }
            for number, cases in soonest.items()
        ],
        "ombudsman_due": selectors.ombudsman_replies_due(request.user)[:10],
        "today": today,
    }


@login_required
def staff_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where staff land after signing in: their roles, and for case workers the dashboard."""
    context: dict[str, Any] = {"roles": roles_of(request.user)}
    if request.user.has_perm("casework.view_cases"):
        context.update(dashboard_context(request))
    return render(request, "casework/dashboard.html", context)
