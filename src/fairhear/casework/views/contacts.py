"""Cases: the case list, the case page and its steps, documents, a case's
history and the view log."""

from datetime import date
from urllib.parse import urlencode

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from fairhear.casework import forms, selectors, services
from fairhear.casework.facts import case_clocks
from fairhear.casework.models import (
    Contact,
)
from fairhear.casework.steps import STEPS, next_steps, where_it_stands
from fairhear.casework.templatetags.casework import long_date, next_step_label
from fairhear.casework.views.base import log_view, paged
from fairhear.web.http import AuthenticatedHttpRequest


@login_required
@permission_required("casework.view_cases", raise_exception=True)
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.CaseFilterForm.from_query(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    today = date.today()
    cases = selectors.filter_cases(selectors.cases_visible_to(request.user), filters, today)
    rows = selectors.case_list(cases, filters.get("sort") or "due")
    return render(
        request,
        "casework/list.html",
        {"form": form, **paged(request, rows), "today": today},
    )


@login_required
@permission_required("casework.view_cases", raise_exception=True)
def case_detail(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    contact = selectors.case_with_details(request.user, reference)
    log_view(request, contact)
    today = date.today()
    stages = list(contact.stages.all())
    clocks = case_clocks(contact, today=today)
    return render(
        request,
        "casework/case.html",
        {
            "contact": contact,
            "stages": stages,
            # The latest stage's manager is the one who answers for the case now.
            "current_stage": stages[-1] if stages else None,
            "manager_step": f"stage-{stages[-1].number}-manager" if stages else "",
            "standing": where_it_stands(contact, clocks),
            "clocks": clocks,
            "steps": next_steps(contact, request.user),
            "events": list(contact.events.all())[::-1],
            "can_view_audit": request.user.has_perm("casework.view_audit"),
            "today": today,
        },
    )


@login_required
@permission_required("casework.view_cases", raise_exception=True)
def case_step(request: AuthenticatedHttpRequest, reference: str, step: str) -> HttpResponse:
    try:
        spec = STEPS[step]
    except KeyError:
        raise Http404("No such step") from None
    contact = selectors.get_case_for(request.user, reference)
    if not request.user.has_perm(spec.permission):
        raise PermissionDenied
    added = None
    if request.method == "GET" and request.GET.get("added", "").isdigit():
        added = (request.GET.get("for", ""), int(request.GET["added"]))
    form = spec.form(request.POST or None, request.FILES or None, contact=contact, added=added)
    if request.method == "POST" and form.is_valid():
        last_event = contact.events.order_by("-pk").values_list("pk", flat=True).first()
        try:
            form.act(request.user)
        except services.CaseworkError as error:
            form.add_error(None, str(error))
        else:
            elsewhere = form.done()
            if elsewhere is not None:
                url, message = elsewhere
                messages.success(request, message)
                return redirect(url)
            after = selectors.get_case_for(request.user, reference)
            messages.success(request, _what_happened(after, form.said(), last_event, spec.title))
            return redirect("casework:case", reference=contact.reference)
    add_person = reverse("casework:add-practitioner")
    if request.method == "GET":
        # A step's page shows the case's details (its form is filled in with them).
        log_view(request, contact)
    return render(
        request,
        "casework/form.html",
        {
            "form": form,
            "title": spec.title,
            "contact": contact,
            "lead": form.lead,
            "adding_people": [
                (f"{add_person}?{urlencode({'next': request.path, 'for': name})}", words)
                for name, words in form.appoints.items()
            ],
        },
    )


def _what_happened(contact: Contact, said: str, last_event: int | None, title: str) -> str:
    """What a step did, in words ("Stage 1 started; Stage 1 reply due 18 December 2026."):
    the form's own words, else the timeline line the step wrote, then what is due next."""
    if not said:
        # The step's own line comes first; any after it (an action agreed in a reply) follow.
        event = contact.events.filter(pk__gt=last_event or 0).order_by("pk").first()
        said = event.description.rstrip(".") if event else f"{title}: saved"
    if contact.next_due is not None:
        said += f"; {next_step_label(contact)} due {long_date(contact.next_due)}"
    return said + "."


@login_required
@permission_required("casework.view_cases", raise_exception=True)
@require_GET
def download_attachment(request: AuthenticatedHttpRequest, reference: str, pk: int) -> FileResponse:
    attachment = selectors.get_attachment_for(request.user, reference, pk)
    log_view(request, attachment)
    # Always a download, never shown inline: a file from outside is not trusted in the page.
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@login_required
@permission_required("casework.view_audit", raise_exception=True)
@require_GET
def case_history(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    contact = selectors.get_case_for(request.user, reference)
    trail = selectors.case_audit_trail(contact)
    views_of = trail.filter(action=LogEntry.Action.ACCESS)
    response = render(
        request,
        "casework/history.html",
        {
            "contact": contact,
            "changes": trail.exclude(action=LogEntry.Action.ACCESS)[:500],
            "views": views_of.filter(content_type__model="contact")[:200],
            "document_views": views_of.filter(content_type__model="attachment")[:200],
            "ombudsman_views": views_of.filter(content_type__model="ombudsmancase")[:200],
            "other_views": views_of.exclude(
                content_type__model__in=["contact", "attachment", "ombudsmancase"]
            )[:200],
        },
    )
    # The history shows the case's changes, so opening it is a view of the case, logged once
    # the page is written: the page lists the views before this one, the next opening this.
    log_view(request, contact)
    return response


@login_required
@permission_required("casework.view_audit", raise_exception=True)
def view_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Who looked at which case: for the complaints manager checking access to personal data."""
    form = forms.ViewLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.view_log(
        viewer=filters.get("viewer"),
        day_from=filters.get("viewed_from"),
        day_to=filters.get("viewed_to"),
    )
    return render(request, "casework/view_log.html", {"form": form, **paged(request, entries)})
