"""Logging a contact, page by page: the question pages, "Check your answers", cancelling,
and the confirmation.

The answers so far are kept in the officer's session, as typed, with who typed them: nothing
is written until the contact is logged from the check page, in one transaction through the
casework services (audited as every write is).
"""

import hashlib
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.http import require_POST

from fairhear.casework import selectors, services
from fairhear.casework.forms.log_contact import (
    Answers,
    CheckAnswersForm,
    LogContactPage,
    LogContactStep,
    log_contact_step,
    steps_asked,
)
from fairhear.casework.steps import MANAGE
from fairhear.web.http import AuthenticatedHttpRequest

DRAFT = "casework-log-contact"
LOGGED = "casework-logged"
TITLE = "Log a contact"


def _answers(request: AuthenticatedHttpRequest) -> dict[str, dict[str, list[str]]]:
    draft = request.session.get(DRAFT)
    # Only the officer who typed them sees the answers, whoever uses the session next.
    if not draft or draft.get("by") != request.user.pk:
        return {}
    answers: dict[str, dict[str, list[str]]] = draft["answers"]
    return answers


def _keep(request: AuthenticatedHttpRequest, answers: Answers) -> None:
    request.session[DRAFT] = {"by": request.user.pk, "answers": answers}


def _as_shown(answers: Answers) -> str:
    """A digest of the answers, which changes when any answer does."""
    return hashlib.sha256(json.dumps(answers, sort_keys=True).encode()).hexdigest()


def _page_url(step: LogContactStep, *, change: bool = False) -> str:
    url = reverse("casework:log-page", kwargs={"page": step.slug})
    return url + "?change=1" if change else url


def _sent(form: LogContactPage, data: MultiValueDict[str, Any]) -> dict[str, list[str]]:
    """What was typed into the page's own fields (a date's three boxes too), as sent."""
    return {
        key: data.getlist(key)
        for key in data
        if any(key == name or key.startswith(f"{name}_") for name in form.fields)
    }


def _page(step: LogContactStep, answers: Answers) -> LogContactPage:
    """The page as answered so far, checked again (unanswered: as first shown)."""
    if step.slug in answers:
        return step.form(MultiValueDict(answers[step.slug]), answers=answers)
    return step.form(answers=answers)


def _first_unanswered(answers: Answers) -> LogContactStep | None:
    return next((s for s in steps_asked(answers) if s.slug not in answers), None)


@login_required
@permission_required(MANAGE, raise_exception=True)
def log_contact(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Start logging a contact, or carry on where the officer left off."""
    following = _first_unanswered(_answers(request))
    if following is None:
        return redirect("casework:log-check")
    return redirect(_page_url(following))


@login_required
@permission_required(MANAGE, raise_exception=True)
def log_contact_page(request: AuthenticatedHttpRequest, page: str) -> HttpResponse:
    step = log_contact_step(page)
    if step is None:
        raise Http404("No such page")
    answers = _answers(request)
    asked = steps_asked(answers)
    missing = _first_unanswered(answers)
    if step not in asked or (missing is not None and asked.index(missing) < asked.index(step)):
        # Pages are answered in order, and a page not asked cannot be reached by its address.
        return redirect("casework:log")
    changing = request.GET.get("change") == "1"
    if request.method == "POST":
        form = step.form(request.POST, answers=answers)
        if form.is_valid():
            answers[step.slug] = _sent(form, request.POST)
            _keep(request, answers)
            now_asked = steps_asked(answers)
            position = now_asked.index(step) + 1
            if changing or position == len(now_asked):
                return redirect("casework:log-check")
            return redirect(_page_url(now_asked[position]))
    else:
        form = _page(step, answers)
    position = asked.index(step)
    if changing:
        back = reverse("casework:log-check")
    elif position > 0:
        back = _page_url(asked[position - 1])
    else:
        back = reverse("staff-home")
    return render(
        request,
        "casework/log_contact/page.html",
        {
            "form": form,
            "title": form.title,
            "back": back,
            "lead": form.lead,
            "duplicates": getattr(form, "duplicates", []),
        },
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def check_log_answers(request: AuthenticatedHttpRequest) -> HttpResponse:
    answers = _answers(request)
    missing = _first_unanswered(answers)
    if missing is not None:
        return redirect(_page_url(missing))
    pages = [(step, _page(step, answers)) for step in steps_asked(answers)]
    for step, page in pages:
        if not page.is_valid():
            # Gone out of date since it was answered: the page says what is wrong now.
            return redirect(_page_url(step, change=True))
    shown = _as_shown(answers)
    form = CheckAnswersForm(request.POST or None, request.FILES or None, initial={"shown": shown})
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["shown"] != shown:
            messages.warning(
                request,
                "The answers were changed in another tab or window after you checked them, so "
                "the contact was not logged: check them again, then log it.",
            )
            return redirect("casework:log-check")
        try:
            reference = _log(request, [page for _, page in pages], form)
        except services.CaseworkError as error:
            form.add_error(None, str(error))
        else:
            request.session.pop(DRAFT, None)
            request.session[LOGGED] = reference
            return redirect("casework:logged")
    return render(
        request,
        "casework/log_contact/check.html",
        {
            "form": form,
            "title": "Check your answers before logging the contact",
            "back": _page_url(pages[-1][0]),
            "sections": [
                {"title": page.title, "url": _page_url(step, change=True), "rows": page.in_words()}
                for step, page in pages
            ],
        },
    )


def _log(
    request: AuthenticatedHttpRequest, pages: list[LogContactPage], form: CheckAnswersForm
) -> str:
    """Log the contact the pages describe, with its complainant and document, all or nothing."""
    given: dict[str, Any] = {}
    for page in pages:
        given.update(page.given())
    person = given.pop("person", None)
    who = {key: given.pop(key) for key in ("name", "email", "phone", "address")}
    preferred_contact = given.pop("preferred_contact")
    document = form.cleaned_data["document"]
    with transaction.atomic():
        if person is None and any(who.values()):
            person = services.record_person(
                name=who["name"] or "Name not given",
                email=who["email"],
                phone=who["phone"],
                address=who["address"],
                preferred_contact=preferred_contact,
                by=request.user,
            )
        contact = services.log_contact(complainant=person, by=request.user, **given)
        if document is not None:
            services.add_attachment(
                contact,
                upload=document,
                content_type=form.document_type,
                description="Sent with the contact",
                by=request.user,
            )
    return contact.reference


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def cancel_logging(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.session.pop(DRAFT, None) is not None:
        messages.success(request, "The contact was not logged: its answers were discarded.")
    return redirect("staff-home")


@login_required
@permission_required(MANAGE, raise_exception=True)
def contact_logged(request: AuthenticatedHttpRequest) -> HttpResponse:
    reference = request.session.get(LOGGED)
    if reference is None:
        return redirect("casework:log")
    contact = selectors.get_case_for(request.user, reference)
    return render(request, "casework/log_contact/logged.html", {"contact": contact})
