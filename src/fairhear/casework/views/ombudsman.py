"""The Ombudsman's cases: the list, a case's page, its steps and history."""

from datetime import date

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from fairhear.casework import forms, selectors, services
from fairhear.casework.models import OmbudsmanCase
from fairhear.casework.steps import MANAGE
from fairhear.casework.views.base import log_view, save_form
from fairhear.web.http import AuthenticatedHttpRequest


@login_required
@permission_required("casework.view_cases", raise_exception=True)
def ombudsman_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    replies_due = request.GET.get("show") == "replies_due"
    if replies_due:
        cases = selectors.ombudsman_replies_due(request.user)
    else:
        cases = (
            selectors.ombudsman_cases_visible_to(request.user)
            .select_related("contact")
            .order_by("-received")
        )
    return render(
        request,
        "casework/ombudsman.html",
        {"cases": cases[:500], "replies_due": replies_due, "today": date.today()},
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def add_ombudsman_case(request: AuthenticatedHttpRequest) -> HttpResponse:
    return save_form(
        request,
        forms.UnlinkedOmbudsmanForm(request.POST or None),
        title="Record an Ombudsman enquiry not linked to a case",
        saved=lambda case: f"Ombudsman case {case.lgsco_reference} was recorded.",
        back=reverse("casework:ombudsman"),
        then=lambda case: reverse("casework:ombudsman-case", args=[case.lgsco_reference]),
    )


@login_required
@permission_required("casework.view_cases", raise_exception=True)
def ombudsman_case(request: AuthenticatedHttpRequest, lgsco_reference: str) -> HttpResponse:
    case = selectors.get_ombudsman_case_for(request.user, lgsco_reference)
    log_view(request, case)
    return render(
        request,
        "casework/ombudsman_case.html",
        {
            "case": case,
            "can_view_audit": request.user.has_perm("casework.view_audit"),
            "today": date.today(),
        },
    )


_OMBUDSMAN_FORMS: dict[str, tuple[type[forms.OmbudsmanStepForm], str]] = {
    "reply": (forms.OmbudsmanReplyForm, "Record the council's reply to the Ombudsman"),
    "decision": (forms.OmbudsmanDecisionForm, "Record the Ombudsman's decision"),
    "compliance": (forms.OmbudsmanComplianceForm, "Record the council's compliance"),
    "link": (forms.OmbudsmanLinkForm, "Link to a case"),
}


def _ombudsman_back(case: OmbudsmanCase) -> str:
    """Where a linked Ombudsman case is worked on: its case page; else its own page."""
    if case.contact is not None:
        return reverse("casework:case", args=[case.contact.reference])
    return reverse("casework:ombudsman-case", args=[case.lgsco_reference])


@login_required
@permission_required(MANAGE, raise_exception=True)
def ombudsman_step(request: AuthenticatedHttpRequest, pk: int, step: str) -> HttpResponse:
    case = (
        selectors.ombudsman_cases_visible_to(request.user)
        .select_related("contact")
        .filter(pk=pk)
        .first()
    )
    if case is None or step not in _OMBUDSMAN_FORMS:
        raise Http404("No such Ombudsman case")
    form_class, title = _OMBUDSMAN_FORMS[step]
    if step == "compliance" and case.complied is not None:
        title = "Correct the council's compliance"
    form = form_class(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            form.act(request.user)
        except services.CaseworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{title}: saved.")
            return redirect(_ombudsman_back(form.case))
    if request.method == "GET":
        log_view(request, case)
    return render(
        request,
        "casework/form.html",
        {
            "form": form,
            "title": f"{title} ({case.lgsco_reference})",
            "contact": case.contact,
            "back": _ombudsman_back(case),
        },
    )


@login_required
@permission_required("casework.view_audit", raise_exception=True)
@require_GET
def ombudsman_history(request: AuthenticatedHttpRequest, lgsco_reference: str) -> HttpResponse:
    """The history of an Ombudsman case not linked to a case; a linked one's is its case's."""
    case = selectors.get_ombudsman_case_for(request.user, lgsco_reference)
    if case.contact is not None:
        return redirect("casework:history", reference=case.contact.reference)
    trail = selectors.ombudsman_audit_trail(case)
    response = render(
        request,
        "casework/ombudsman_history.html",
        {
            "case": case,
            "changes": trail.exclude(action=LogEntry.Action.ACCESS)[:500],
            "views": trail.filter(action=LogEntry.Action.ACCESS)[:200],
        },
    )
    # Logged once the page is written, as the case history is (see contacts.case_history).
    log_view(request, case)
    return response
