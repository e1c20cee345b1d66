"""The casework pages. Thin: read through the selectors, write through the services.

A case outside the user's scope is 404 (selectors.get_case_for); a page their role may not
use is 403.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol
from urllib.parse import urlencode

from auditlog.models import LogEntry
from auditlog.signals import accessed
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fairhear.audit import acting_as
from fairhear.casework import forms, selectors, services
from fairhear.casework.codes import Route
from fairhear.casework.facts import case_clocks
from fairhear.casework.models import (
    Attachment,
    Category,
    Contact,
    Cost,
    OmbudsmanCase,
    Practitioner,
)
from fairhear.core.procedure import CaseState
from fairhear.core.report import Period, financial_year_of, year_label

MANAGE = "casework.manage_cases"
RESPOND = "casework.respond_stage_one"
COMPLIMENTS = "casework.view_compliment"


@dataclass(frozen=True)
class Step:
    form: type[forms.CaseStepForm]
    permission: str
    title: str


#: Every step a case page offers, by URL slug.
STEPS: dict[str, Step] = {
    "triage": Step(forms.TriageForm, MANAGE, "Triage the contact"),
    "reply": Step(forms.ResponseForm, MANAGE, "Record the reply"),
    "withdraw": Step(forms.WithdrawForm, MANAGE, "Record a withdrawal or cancellation"),
    "details": Step(forms.ContactDetailsForm, MANAGE, "Change the contact's details"),
    "advocacy": Step(forms.AdvocacyForm, MANAGE, "Record advocacy"),
    "document": Step(forms.AttachmentForm, MANAGE, "Add a document"),
    "stage-1-manager": Step(forms.ManagerForm, MANAGE, "Assign the responsible manager"),
    "stage-1-extension": Step(forms.ExtensionForm, RESPOND, "Extend Stage 1"),
    "stage-1-reply": Step(forms.ReplyForm, RESPOND, "Record the Stage 1 reply"),
    "stage-2-request": Step(forms.RequestForm, MANAGE, "Record a request for Stage 2"),
    "stage-2-decision": Step(forms.DecisionForm, MANAGE, "Decide on the Stage 2 request"),
    "stage-2-investigators": Step(
        forms.InvestigatorsForm, MANAGE, "Appoint the investigating officer and independent person"
    ),
    "stage-2-statement": Step(forms.StatementForm, MANAGE, "Record the statement of complaint"),
    "stage-2-report": Step(
        forms.InvestigationReportForm, MANAGE, "Record the investigation report"
    ),
    "stage-2-extension": Step(forms.StageTwoExtensionForm, MANAGE, "Extend Stage 2"),
    "stage-2-manager": Step(
        forms.StageTwoManagerForm, MANAGE, "Assign the responsible manager for Stage 2"
    ),
    "stage-2-adjudication": Step(forms.AdjudicationForm, MANAGE, "Record the adjudication"),
    "stage-3-request": Step(forms.StageThreeRequestForm, MANAGE, "Record a request for Stage 3"),
    "stage-3-decision": Step(forms.StageThreeDecisionForm, MANAGE, "Decide on the Stage 3 request"),
    "stage-3-panel": Step(forms.PanelForm, MANAGE, "Choose the review panel"),
    "stage-3-manager": Step(
        forms.StageThreeManagerForm, MANAGE, "Assign the responsible manager for Stage 3"
    ),
    "stage-3-panel-held": Step(forms.PanelHeldForm, MANAGE, "Record the review panel meeting"),
    "stage-3-chair-report": Step(forms.ChairReportForm, MANAGE, "Record the chair's report"),
    "stage-3-response": Step(
        forms.AuthorityResponseForm, MANAGE, "Record the authority's response"
    ),
    "ombudsman": Step(forms.OmbudsmanCaseForm, MANAGE, "Record an Ombudsman enquiry"),
    "cost": Step(forms.CostForm, MANAGE, "Add a cost"),
    "action": Step(forms.LearningActionForm, RESPOND, "Add a learning action"),
    "assign": Step(forms.AssignmentForm, MANAGE, "Assign an investigator"),
    "compliment": Step(forms.ComplimentInsteadForm, MANAGE, "Record as a compliment instead"),
}

#: The steps that make sense in each state of a statutory complaint (the core still decides).
_STATUTORY_STEPS: dict[str, tuple[str, ...]] = {
    CaseState.STAGE_1: ("stage-1-manager", "stage-1-extension", "stage-1-reply", "stage-2-request"),
    CaseState.STAGE_2_REQUESTED: ("stage-2-decision",),
    CaseState.STAGE_2_ACCEPTED: (
        "stage-2-manager",
        "stage-2-investigators",
        "stage-2-statement",
        "stage-2-extension",
    ),
    CaseState.STAGE_2: (
        "stage-2-manager",
        "stage-2-investigators",
        "stage-2-report",
        "stage-2-extension",
        "stage-2-adjudication",
    ),
    CaseState.STAGE_3_REQUESTED: ("stage-3-decision",),
    CaseState.STAGE_3_ACCEPTED: ("stage-3-manager", "stage-3-panel", "stage-3-panel-held"),
    CaseState.STAGE_3: ("stage-3-manager", "stage-3-chair-report", "stage-3-response"),
}


def next_steps(contact: Contact, user: Any) -> list[tuple[str, str]]:
    """The steps offered on the case page, as (slug, title), that the user may take."""
    slugs: list[str] = []
    if contact.state != CaseState.WITHDRAWN:
        if not contact.route:
            slugs.append("triage")
            slugs.append("compliment")
        elif contact.route != Route.STATUTORY:
            if contact.responded is None:
                slugs.append("reply")
        elif contact.state == CaseState.CLOSED:
            numbers = {stage.number: stage for stage in contact.stages.all()}
            if 2 not in numbers and numbers.get(1) and numbers[1].responded:
                slugs.append("stage-2-request")
            if 3 not in numbers and numbers.get(2) and numbers[2].responded:
                slugs.append("stage-3-request")
        else:
            slugs.extend(_STATUTORY_STEPS.get(contact.state, ()))
        if contact.state != CaseState.CLOSED:
            slugs.append("withdraw")
    if contact.route:
        slugs.extend(["ombudsman", "cost", "action"])
    return [(slug, STEPS[slug].title) for slug in slugs if user.has_perm(STEPS[slug].permission)]


# ------------------------------------------------------------------------------ dashboard

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


def dashboard_context(request: HttpRequest) -> dict[str, Any]:
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


# ------------------------------------------------------------------------------ case list


@login_required
@permission_required("casework.view_cases", raise_exception=True)
def case_list(request: HttpRequest) -> HttpResponse:
    form = forms.CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = date.today()
    cases = selectors.filter_cases(selectors.cases_visible_to(request.user), filters, today)
    rows = selectors.case_list(cases, filters.get("sort") or "-received")
    return render(
        request,
        "casework/list.html",
        {"form": form, **_pages(request, rows), "today": today},
    )


def _pages(request: HttpRequest, rows: QuerySet[Any]) -> dict[str, Any]:
    """The page of `rows` asked for (50 a page), for web/includes/pagination.html."""
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page,
        "elided": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        "query": query.urlencode(),
    }


# ------------------------------------------------------------------------------ log a contact


@login_required
@permission_required(MANAGE, raise_exception=True)
def log_contact(request: HttpRequest) -> HttpResponse:
    duplicates: list[Any] = []
    if request.method == "POST":
        duplicates = list(
            selectors.likely_duplicates(
                name=request.POST.get("name", ""),
                email=request.POST.get("email", ""),
                phone=request.POST.get("phone", ""),
            )[:10]
        )
    form = forms.LogContactForm(request.POST or None, request.FILES or None, duplicates=duplicates)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        user: User = request.user  # type: ignore[assignment]
        chosen = d.get("person") or "new"
        person = None
        if chosen != "new":
            person = next(p for p in duplicates if str(p.pk) == chosen)
        elif d["name"] or d["email"] or d["phone"]:
            person = services.record_person(
                name=d["name"] or "Name not given", email=d["email"], phone=d["phone"], by=user
            )
        try:
            # The contact and its document are kept together or not at all.
            with transaction.atomic():
                contact = services.log_contact(
                    received=d["received"],
                    channel=d["channel"],
                    complainant=person,
                    advocate=d["advocate"],
                    advocacy_requested=d["advocacy_requested"],
                    call_back_requested=d["call_back_requested"],
                    by=user,
                    **form.details(),
                )
                if d["document"] is not None:
                    services.add_attachment(
                        contact,
                        upload=d["document"],
                        content_type=form.document_type,
                        description="Sent with the contact",
                        by=user,
                    )
        except services.CaseworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Contact {contact.reference} was logged. Triage it next.")
            return redirect("casework:case", reference=contact.reference)
    return render(
        request,
        "casework/form.html",
        {"form": form, "title": "Log a contact", "duplicates": form.duplicates},
    )


# ------------------------------------------------------------------------------ one case


@login_required
@permission_required("casework.view_cases", raise_exception=True)
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    contact = selectors.case_with_details(request.user, reference)
    with acting_as(request.user):  # type: ignore[arg-type]
        accessed.send(sender=Contact, instance=contact)
    today = date.today()
    stages = list(contact.stages.all())
    return render(
        request,
        "casework/case.html",
        {
            "contact": contact,
            "stages": stages,
            "clocks": case_clocks(contact, today=today),
            "steps": next_steps(contact, request.user),
            "events": list(contact.events.all())[::-1],
            "can_view_audit": request.user.has_perm("casework.view_audit"),
            "today": today,
        },
    )


@login_required
@permission_required("casework.view_cases", raise_exception=True)
def case_step(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    try:
        spec = STEPS[step]
    except KeyError:
        raise Http404("No such step") from None
    contact = selectors.get_case_for(request.user, reference)
    if not request.user.has_perm(spec.permission):
        raise PermissionDenied
    form = spec.form(request.POST or None, request.FILES or None, contact=contact)
    if request.method == "POST" and form.is_valid():
        try:
            form.act(request.user)  # type: ignore[arg-type]
        except services.CaseworkError as error:
            form.add_error(None, str(error))
        else:
            elsewhere = form.done()
            if elsewhere is not None:
                url, message = elsewhere
                messages.success(request, message)
                return redirect(url)
            messages.success(request, f"{spec.title}: saved.")
            return redirect("casework:case", reference=contact.reference)
    return render(
        request,
        "casework/form.html",
        {"form": form, "title": spec.title, "contact": contact, "lead": form.lead},
    )


@login_required
@permission_required("casework.view_cases", raise_exception=True)
def download_attachment(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    attachment = selectors.get_attachment_for(request.user, reference, pk)
    with acting_as(request.user):  # type: ignore[arg-type]
        accessed.send(sender=Attachment, instance=attachment)
    # Always a download, never shown inline: a file from outside is not trusted in the page.
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@login_required
@permission_required("casework.view_audit", raise_exception=True)
def case_history(request: HttpRequest, reference: str) -> HttpResponse:
    contact = selectors.get_case_for(request.user, reference)
    trail = selectors.case_audit_trail(contact)
    views_of = trail.filter(action=LogEntry.Action.ACCESS)
    return render(
        request,
        "casework/history.html",
        {
            "contact": contact,
            "changes": trail.exclude(action=LogEntry.Action.ACCESS)[:500],
            "views": views_of.filter(content_type__model="contact")[:200],
            "document_views": views_of.filter(content_type__model="attachment")[:200],
            "ombudsman_views": views_of.filter(content_type__model="ombudsmancase")[:200],
        },
    )


# ------------------------------------------------------------------- not about one case


@login_required
@permission_required("casework.view_cases", raise_exception=True)
def action_list(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "")
    if show not in selectors.ACTION_FILTERS:
        show = ""
    today = date.today()
    here = reverse("casework:actions")
    return render(
        request,
        "casework/actions.html",
        {
            **_pages(request, selectors.actions_shown(request.user, show, today)),
            "show": show,
            "showing_done": show == "done",
            "filters": [
                (label, f"{here}?{urlencode({'show': value})}" if value else here, value == show)
                for value, label in selectors.ACTION_FILTERS.items()
            ],
            "today": today,
        },
    )


@login_required
@permission_required(RESPOND, raise_exception=True)
def complete_action(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.actions_visible_to(request.user).filter(pk=pk).first()
    if action is None:
        raise Http404("No such action")
    form = forms.CompleteActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            form.act(action, request.user)  # type: ignore[arg-type]
        except services.CaseworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The action is done.")
            return redirect("casework:actions")
    return render(request, "casework/form.html", {"form": form, "title": "Complete an action"})


class _ActingForm(Protocol):
    """A form page's form: valid or not, then `act` calls one service."""

    def is_valid(self) -> bool: ...

    def add_error(self, field: str | None, error: str) -> None: ...

    def act(self, by: User) -> Any: ...


def _save_form(
    request: HttpRequest,
    form: _ActingForm,
    *,
    title: str,
    saved: str | Callable[[Any], str],
    back: str,
    then: Callable[[Any], str],
    contact: Contact | None = None,
) -> HttpResponse:
    """A form page not about one case's step: on a valid save, say `saved` (words, or words
    made from the saved record) and go to `then(saved record)`; otherwise show the form
    again with what is wrong."""
    if request.method == "POST" and form.is_valid():
        try:
            record = form.act(request.user)  # type: ignore[arg-type]
        except services.CaseworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, saved if isinstance(saved, str) else saved(record))
            return redirect(then(record))
    return render(
        request,
        "casework/form.html",
        {"form": form, "title": title, "back": back, "contact": contact},
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def add_action(request: HttpRequest) -> HttpResponse:
    """A learning action about no one case: from the Ombudsman or a general review."""
    back = reverse("casework:actions")
    return _save_form(
        request,
        forms.GeneralActionForm(request.POST or None),
        title="Add a learning action",
        saved="The learning action was added.",
        back=back,
        then=lambda _: back,
    )


@login_required
@permission_required(RESPOND, raise_exception=True)
def change_action(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for(request.user, pk)
    back = reverse("casework:actions")
    return _save_form(
        request,
        forms.ChangeActionForm(request.POST or None, action=action),
        title="Change a learning action",
        saved="The learning action was changed.",
        back=back,
        then=lambda _: back,
        contact=action.contact,
    )


def _costs_of_year(cost: Cost) -> str:
    """The costs page for the financial year of a cost."""
    return forms.list_at_year("casework:costs", cost.date)


@login_required
@permission_required(MANAGE, raise_exception=True)
def cost_list(request: HttpRequest) -> HttpResponse:
    """The costs of one financial year, each and in total by kind, on one page (a year's
    costs are a few hundred rows at most: a few for each case that reaches Stage 2 or 3)."""
    today = date.today()
    this_year = financial_year_of(today)
    form = forms.FinancialYearForm(
        request.GET or None, years=selectors.cost_years(today), initial={"year": this_year}
    )
    chosen = form.cleaned_data.get("year") if form.is_valid() else None
    period = Period.financial_year(chosen or this_year)
    by_kind, overall = selectors.cost_totals(period.start, period.end)
    return render(
        request,
        "casework/costs.html",
        {
            "form": form,
            "period": period,
            "costs": selectors.costs_between(period.start, period.end),
            "by_kind": by_kind,
            "overall": overall,
        },
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def add_cost(request: HttpRequest) -> HttpResponse:
    """A cost of no one case, such as publicity for the complaints procedure."""
    return _save_form(
        request,
        forms.GeneralCostForm(request.POST or None),
        title="Add a general cost",
        saved="The cost was added.",
        back=reverse("casework:costs"),
        then=_costs_of_year,
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def correct_cost(request: HttpRequest, pk: int) -> HttpResponse:
    cost = get_object_or_404(Cost.objects.select_related("contact"), pk=pk)
    return _save_form(
        request,
        forms.CorrectCostForm(request.POST or None, cost=cost),
        title="Correct a cost",
        saved="The cost was corrected.",
        back=_costs_of_year(cost),
        then=_costs_of_year,
        contact=cost.contact,
    )


@login_required
@permission_required("casework.view_cases", raise_exception=True)
def ombudsman_list(request: HttpRequest) -> HttpResponse:
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
def add_ombudsman_case(request: HttpRequest) -> HttpResponse:
    return _save_form(
        request,
        forms.UnlinkedOmbudsmanForm(request.POST or None),
        title="Record an Ombudsman enquiry not linked to a case",
        saved=lambda case: f"Ombudsman case {case.lgsco_reference} was recorded.",
        back=reverse("casework:ombudsman"),
        then=lambda case: reverse("casework:ombudsman-case", args=[case.lgsco_reference]),
    )


@login_required
@permission_required("casework.view_cases", raise_exception=True)
def ombudsman_case(request: HttpRequest, lgsco_reference: str) -> HttpResponse:
    case = selectors.get_ombudsman_case_for(request.user, lgsco_reference)
    with acting_as(request.user):  # type: ignore[arg-type]
        accessed.send(sender=OmbudsmanCase, instance=case)
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
def ombudsman_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
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
            form.act(request.user)  # type: ignore[arg-type]
        except services.CaseworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{title}: saved.")
            return redirect(_ombudsman_back(form.case))
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
def ombudsman_history(request: HttpRequest, lgsco_reference: str) -> HttpResponse:
    """The history of an Ombudsman case not linked to a case; a linked one's is its case's."""
    case = selectors.get_ombudsman_case_for(request.user, lgsco_reference)
    if case.contact is not None:
        return redirect("casework:history", reference=case.contact.reference)
    trail = selectors.ombudsman_audit_trail(case)
    return render(
        request,
        "casework/ombudsman_history.html",
        {
            "case": case,
            "changes": trail.exclude(action=LogEntry.Action.ACCESS)[:500],
            "views": trail.filter(action=LogEntry.Action.ACCESS)[:200],
        },
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def add_compliment(request: HttpRequest) -> HttpResponse:
    form = forms.ComplimentForm(request.POST or None)
    return _compliment_form(
        request,
        form,
        title="Record a compliment",
        saved="The compliment was recorded.",
        back=reverse("casework:compliments"),
    )


def _compliment_form(
    request: HttpRequest, form: forms.ComplimentForm, *, title: str, saved: str, back: str
) -> HttpResponse:
    """A compliment's form page; once saved, the compliments list at the compliment's year."""
    return _save_form(
        request,
        form,
        title=title,
        saved=saved,
        back=back,
        then=lambda _: forms.list_at_year("casework:compliments", form.cleaned_data["received"]),
    )


@login_required
@permission_required(COMPLIMENTS, raise_exception=True)
def compliment_list(request: HttpRequest) -> HttpResponse:
    """The compliments of a financial year, newest first: all of them for the complaints
    team, their own service areas' for a service manager."""
    visible = selectors.compliments_visible_to(request.user)
    years = selectors.compliment_years(visible, date.today())
    form = forms.ComplimentFilterForm(
        request.GET or None,
        years=years,
        areas=selectors.compliment_service_areas(request.user),
    )
    chosen = form.cleaned_data if form.is_valid() else {}
    year = chosen.get("year") or years[0]
    compliments = selectors.compliments_received(visible, year, chosen.get("service_area"))
    return render(
        request,
        "casework/compliments.html",
        {
            "form": form,
            "year": year_label(year),
            "service_area": chosen.get("service_area"),
            **_pages(request, compliments),
        },
    )


@login_required
@permission_required(COMPLIMENTS, raise_exception=True)
def correct_compliment(request: HttpRequest, pk: int) -> HttpResponse:
    compliment = selectors.get_compliment_for(request.user, pk)
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    form = forms.CorrectComplimentForm(request.POST or None, compliment=compliment)
    return _compliment_form(
        request,
        form,
        title="Correct a compliment",
        saved="The compliment was corrected.",
        back=forms.list_at_year("casework:compliments", compliment.received),
    )


# ------------------------------------------------------------------- the council's lists

CHANGE_CATEGORIES = "casework.change_category"
CHANGE_PEOPLE = "casework.change_practitioner"


@login_required
def council_lists(request: HttpRequest) -> HttpResponse:
    """The categories contacts are put in, and the people who investigate, stand as
    independent person or sit on panels."""
    if not (request.user.has_perm(CHANGE_CATEGORIES) or request.user.has_perm(CHANGE_PEOPLE)):
        raise PermissionDenied
    return render(
        request,
        "casework/lists.html",
        {
            "categories": selectors.categories_with_use(),
            "practitioners": Practitioner.objects.select_related("user").order_by("name"),
        },
    )


def _list_form(
    request: HttpRequest, form: forms.CategoryForm | forms.PractitionerForm, title: str
) -> HttpResponse:
    lists = reverse("casework:lists")
    return _save_form(
        request,
        form,
        title=title,
        saved=lambda record: f"{record} was saved.",
        back=lists,
        then=lambda _: lists,
    )


@login_required
@permission_required("casework.add_category", raise_exception=True)
def add_category(request: HttpRequest) -> HttpResponse:
    return _list_form(request, forms.CategoryForm(request.POST or None), "Add a category")


@login_required
@permission_required(CHANGE_CATEGORIES, raise_exception=True)
def rename_category(request: HttpRequest, pk: int) -> HttpResponse:
    category = get_object_or_404(Category, pk=pk)
    form = forms.CategoryForm(request.POST or None, category=category)
    return _list_form(request, form, f"Rename the category {category.name}")


@login_required
@permission_required(CHANGE_CATEGORIES, raise_exception=True)
@require_POST
def offer_category(request: HttpRequest, pk: int) -> HttpResponse:
    category = get_object_or_404(Category, pk=pk)
    offered = request.POST.get("offered") == "yes"
    services.offer_category(category, offered=offered, by=request.user)  # type: ignore[arg-type]
    if offered:
        messages.success(request, f"{category.name} is offered for new contacts again.")
    else:
        messages.success(request, f"{category.name} is no longer offered for new contacts.")
    return redirect("casework:lists")


@login_required
@permission_required("casework.add_practitioner", raise_exception=True)
def add_practitioner(request: HttpRequest) -> HttpResponse:
    form = forms.PractitionerForm(request.POST or None)
    return _list_form(request, form, "Add an investigator, independent person or panel member")


@login_required
@permission_required(CHANGE_PEOPLE, raise_exception=True)
def change_practitioner(request: HttpRequest, pk: int) -> HttpResponse:
    practitioner = get_object_or_404(Practitioner, pk=pk)
    form = forms.PractitionerForm(request.POST or None, practitioner=practitioner)
    return _list_form(request, form, f"Change the details of {practitioner.name}")


# ------------------------------------------------------------------------------ view log


@login_required
@permission_required("casework.view_audit", raise_exception=True)
def view_log(request: HttpRequest) -> HttpResponse:
    """Who looked at which case: for the complaints manager checking access to personal data."""
    form = forms.ViewLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.view_log(
        viewer=filters.get("viewer"),
        day_from=filters.get("viewed_from"),
        day_to=filters.get("viewed_to"),
    )
    return render(request, "casework/view_log.html", {"form": form, **_pages(request, entries)})
