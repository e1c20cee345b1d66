"""The complaints manager's data protection pages: the retention schedule, what is due, holds
and past runs; subject access requests, from logging to the bundle and the answer; and
correction and erasure requests, from logging to the correction or erasure and the answer."""

from dataclasses import asdict
from typing import TypeVar
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from fairhear.casework.models import Contact, phone_digits
from fairhear.casework.views.base import log_view
from fairhear.core.dates import long_date
from fairhear.core.subject_access import can_extend
from fairhear.dataprotection import rights, selectors, services, subject_access
from fairhear.dataprotection.bundle import bundle_zip, cases_for_bundle
from fairhear.dataprotection.forms import (
    AnswerSentForm,
    BundleForm,
    ConfirmForm,
    CorrectionForm,
    EraseForm,
    ExtendForm,
    HoldForm,
    PersonSearchForm,
    PolicyForm,
    RightsRequestForm,
    SubjectAccessRequestForm,
)
from fairhear.dataprotection.models import (
    LegalHold,
    PersonsRequest,
    RightsRequest,
    SubjectAccessRequest,
)
from fairhear.dataprotection.subject_access import Search
from fairhear.web.http import AuthenticatedHttpRequest

# The complaints manager's one data protection right: retention and subject access alike.
MANAGE = "dataprotection.manage_retention"


@login_required
@permission_required(MANAGE, raise_exception=True)
def retention(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    review = selectors.retention_review(today)
    confirm = ConfirmForm(
        initial={"references": ",".join(review.references), "as_of": today.isoformat()}
    )
    return render(
        request,
        "dataprotection/retention.html",
        {
            "review": review,
            "confirm": confirm,
            "holds": selectors.legal_holds_in_force(),
            "runs": selectors.retention_runs()[:20],
            "today": today,
            "open_requests": rights.requests_to_answer(),
            "answered_requests": subject_access.answered_requests()[:10],
            "answered_rights_requests": rights.answered_rights_requests()[:10],
        },
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def anonymise(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ConfirmForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return redirect("dataprotection:retention")
    try:
        run = services.anonymise_expired(
            as_of=form.cleaned_data["as_of"], confirmed=form.confirmed(), by=request.user
        )
    except services.RetentionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Anonymised {run.what}.")
    return redirect("dataprotection:retention")


@login_required
@permission_required(MANAGE, raise_exception=True)
def edit_policy(request: AuthenticatedHttpRequest) -> HttpResponse:
    policy = selectors.current_policy()
    form = PolicyForm(
        request.POST or None,
        initial={
            "years_after_closure": policy.years_after_closure,
            "child_until_age": policy.child_until_age,
            "request_years_after_answer": policy.request_years_after_answer,
            "version": policy.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_policy(**form.cleaned_data, by=request.user)
        except services.RetentionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The retention schedule was saved.")
            return redirect("dataprotection:retention")
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Retention schedule",
            "back": reverse("dataprotection:retention"),
            "lead": (
                "A closed case is anonymised once both periods have passed. A child's age is "
                "taken as the youngest in the age band recorded, or as a new-born when none is. "
                "A request about personal data keeps its dates and the cases it touched; the "
                "requester's details and what they asked go once its period has passed."
            ),
        },
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def add_hold(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = HoldForm(request.POST or None, initial={"reference": request.GET.get("reference")})
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"].strip().upper()
        contact = Contact.objects.filter(reference=reference).first()
        if contact is None:
            form.add_error("reference", f"There is no case {reference}")
        else:
            try:
                services.place_hold(
                    contact=contact,
                    reason=form.cleaned_data["reason"],
                    on=timezone.localdate(),
                    by=request.user,
                )
            except services.RetentionError as error:
                form.add_error("reference", str(error))
            else:
                messages.success(request, f"{reference} is held: it will not be anonymised.")
                return redirect("dataprotection:retention")
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": "Place a legal hold", "back": reverse("dataprotection:retention")},
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def lift_hold(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    hold = get_object_or_404(LegalHold.objects.select_related("contact"), pk=pk)
    if request.method == "POST":
        try:
            services.lift_hold(hold=hold, on=timezone.localdate(), by=request.user)
        except services.RetentionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"The hold on {hold.contact.reference} was lifted on "
                f"{long_date(timezone.localdate())}.",
            )
    return redirect("dataprotection:retention")


# ---------------------------------------------------------------------------- subject access


@login_required
@permission_required(MANAGE, raise_exception=True)
def log_request(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SubjectAccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            logged = services.log_subject_access_request(
                **form.cleaned_data, today=timezone.localdate(), by=request.user
            )
        except services.RequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"Request from {logged.requester} logged: due {long_date(logged.due)}."
            )
            return redirect("dataprotection:request", pk=logged.pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Log a subject access request",
            "back": reverse("dataprotection:retention"),
            "lead": (
                "A person may ask for the personal data the council holds about them. The answer "
                "is due one calendar month after the request is received (the next working day "
                "when that falls on a weekend or bank holiday)."
            ),
        },
    )


def _search_form(
    data: QueryDict, access_request: PersonsRequest
) -> tuple[PersonSearchForm, Search | None]:
    if not any(data.get(key) for key in ("name", "email", "phone")):
        data = QueryDict(mutable=True)
        data.update(
            {
                "name": access_request.requester,
                "email": access_request.email,
                "phone": access_request.phone,
            }
        )
    form = PersonSearchForm(data)
    return form, form.search() if form.is_valid() else None


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_GET
def subject_access_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access_request = get_object_or_404(SubjectAccessRequest, pk=pk)
    search_form, search = _search_form(request.GET, access_request)
    if access_request.anonymised_in_id is not None:
        # Its requester's details are gone: a search now would start from the removal words.
        search = None
    matches = subject_access.find_cases(search) if search is not None else []
    bundle_form = BundleForm(
        initial={
            "name": search.name if search else "",
            "email": search.email if search else "",
            "phone": search.phone if search else "",
        },
        matches=matches,
    )
    response = render(
        request,
        "dataprotection/subject_access_request.html",
        {
            "access_request": access_request,
            "search_form": search_form,
            "search": search,
            "matches": matches,
            "bundle_form": bundle_form,
            "bundles": subject_access.bundles_of(access_request),
            "extendable": _extendable(access_request),
            "today": timezone.localdate(),
        },
    )
    # The page shows the requester's details, and each case found with its complainant's and
    # child's names: a view of the request and of each of those cases.
    log_view(request, access_request)
    for match in matches:
        log_view(request, match.contact)
    return response


@login_required
@permission_required(MANAGE, raise_exception=True)
def bundle(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access_request = get_object_or_404(SubjectAccessRequest, pk=pk)
    if request.method != "POST":
        return redirect("dataprotection:request", pk=pk)
    if access_request.anonymised_in_id is not None:
        messages.error(
            request,
            "This request's details were removed under the retention schedule: log a new "
            "request to produce a bundle.",
        )
        return redirect("dataprotection:request", pk=pk)
    search = Search(
        name=request.POST.get("name", "").strip(),
        email=request.POST.get("email", "").strip(),
        phone=request.POST.get("phone", "").strip(),
    )
    matches = subject_access.find_cases(search) if search.terms else []
    form = BundleForm(request.POST, matches=matches)
    back = reverse("dataprotection:request", args=[pk]) + "?" + urlencode(asdict(search))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    cases = cases_for_bundle(search, form.cleaned_data["references"])
    data = bundle_zip(access_request, cases)
    try:
        services.record_bundle(
            request=access_request,
            contacts=[case.contact for case in cases],
            searched_for=str(search),
            by=request.user,
        )
    except services.RequestError as error:
        messages.error(request, str(error))
        return redirect(back)
    response = HttpResponse(data, content_type="application/zip")
    name = f"subject-access-{access_request.pk}-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


R = TypeVar("R", bound=PersonsRequest)


def _persons_request(model: type[R], pk: int) -> tuple[R, str]:
    """The request and its page's address."""
    found = get_object_or_404(model, pk=pk)
    page = "dataprotection:request" if model is SubjectAccessRequest else "dataprotection:rights"
    return found, reverse(page, args=[pk])


def _answer_sent(request: AuthenticatedHttpRequest, model: type[R], pk: int) -> HttpResponse:
    persons_request, page = _persons_request(model, pk)
    form = AnswerSentForm(request.POST or None, initial={"version": persons_request.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_answer_sent(
                request=persons_request,
                version=form.cleaned_data["version"],
                sent=form.cleaned_data["sent"],
                today=timezone.localdate(),
                by=request.user,
            )
        except services.RequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The request from {persons_request.requester} is answered.")
            return redirect("dataprotection:retention")
    if isinstance(persons_request, SubjectAccessRequest):
        produced = persons_request.bundles.count()
        done = (
            f"{produced} bundle{'s' if produced != 1 else ''} produced."
            if produced
            else "No bundle was produced: record this only if no data is held."
        )
    else:
        done = "Send them the answer first: its page has a summary to start from."
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Record that the answer was sent",
            "back": page,
            "lead": (
                f"{persons_request.requester} asked on {long_date(persons_request.received)}; "
                f"the answer is due by {long_date(persons_request.due)}. {done}"
            ),
        },
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def answer_sent(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _answer_sent(request, SubjectAccessRequest, pk)


def _extend(request: AuthenticatedHttpRequest, model: type[R], pk: int) -> HttpResponse:
    persons_request, page = _persons_request(model, pk)
    form = ExtendForm(request.POST or None, initial={"version": persons_request.version})
    if request.method == "POST" and form.is_valid():
        try:
            extended = services.extend_request(
                request=persons_request,
                **form.cleaned_data,
                today=timezone.localdate(),
                by=request.user,
            )
        except services.RequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The answer is now due by {long_date(extended.due)}.")
            return redirect(page)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Put off the answer",
            "back": page,
            "lead": (
                "When a request is complex, or the person made many, the answer may be put off "
                "by up to two more months (UK GDPR article 12(3)). Tell "
                f"{persons_request.requester} why before {long_date(persons_request.first_due)}, "
                "when it was first due."
            ),
        },
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def extend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _extend(request, SubjectAccessRequest, pk)


# ------------------------------------------------------------- correction and erasure requests


@login_required
@permission_required(MANAGE, raise_exception=True)
def log_rights_request(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = RightsRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            logged = services.log_rights_request(
                **form.cleaned_data, today=timezone.localdate(), by=request.user
            )
        except services.RequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"Request from {logged.requester} logged: due {long_date(logged.due)}."
            )
            return redirect("dataprotection:rights", pk=logged.pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Log a request to correct or erase personal data",
            "back": reverse("dataprotection:retention"),
            "lead": (
                "A person may ask the council to correct personal data about them that is wrong, "
                "or to erase it where the law allows. The answer is due one calendar month after "
                "the request is received (the next working day when that falls on a weekend or "
                "bank holiday)."
            ),
        },
    )


def _extendable(persons_request: PersonsRequest) -> bool:
    return (
        persons_request.answered is None
        and persons_request.extended_on is None
        and can_extend(persons_request.received, timezone.localdate())
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_GET
def rights_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rights_request = get_object_or_404(RightsRequest, pk=pk)
    search_form, search = _search_form(request.GET, rights_request)
    # Once answered, nothing more is corrected or erased: no search is shown.
    searching = search is not None and rights_request.answered is None
    matches = subject_access.find_cases(search) if searching and search else []
    erasures = list(rights.erasures_of(rights_request))
    decided = {decision.contact_id for decision in erasures}
    checks = {}
    if rights_request.kind == RightsRequest.Kind.ERASURE and matches:
        found = Contact.objects.filter(pk__in=[m.contact.pk for m in matches])
        checks = {
            check.contact.pk: check
            for check in selectors.erasure_checks(found, timezone.localdate())
        }
    erase_form = EraseForm(
        initial={
            "name": search.name if search else "",
            "email": search.email if search else "",
            "phone": search.phone if search else "",
            "version": rights_request.version,
        },
        matches=matches,
    )
    response = render(
        request,
        "dataprotection/rights_request.html",
        {
            "rights_request": rights_request,
            "search_form": search_form,
            "search": search,
            "matches": matches,
            # An erasure decides each case once: those decided are in the table above.
            "to_decide": [
                (match, checks.get(match.contact.pk))
                for match in matches
                if match.contact.pk not in decided
            ],
            "erase_form": erase_form,
            "corrections": rights.corrections_of(rights_request),
            "erasures": erasures,
            "extendable": _extendable(rights_request),
            "today": timezone.localdate(),
        },
    )
    # Like a subject access request's page: a view of the request and of each case found.
    log_view(request, rights_request)
    for match in matches:
        log_view(request, match.contact)
    return response


@login_required
@permission_required(MANAGE, raise_exception=True)
def correct(request: AuthenticatedHttpRequest, pk: int, reference: str) -> HttpResponse:
    rights_request = get_object_or_404(
        RightsRequest, pk=pk, kind=RightsRequest.Kind.CORRECTION, answered=None
    )
    contact = get_object_or_404(Contact.objects.select_related("complainant"), reference=reference)
    page = reverse("dataprotection:rights", args=[pk])
    form = CorrectionForm(request.POST or None, contact=contact)
    changes: list[tuple[str, str, str]] = []
    if request.method == "POST" and form.is_valid():
        changes = _changes(form)
        if not changes:
            form.add_error(None, "Nothing was changed: change at least one detail")
        elif request.POST.get("confirm") == "yes":
            try:
                services.correct_details(
                    request=rights_request,
                    contact=contact,
                    version=form.cleaned_data["version"],
                    person_version=form.cleaned_data.get("person_version"),
                    contact_details=form.contact_details(),
                    person_details=form.person_details(),
                    by=request.user,
                )
            except services.RequestError as error:
                form.add_error(None, str(error))
                changes = []
            else:
                messages.success(request, f"{reference} is corrected.")
                return redirect(page)
    response = render(
        request,
        "dataprotection/correct.html",
        {
            "form": form,
            "contact": contact,
            "rights_request": rights_request,
            "changes": changes if not form.errors else [],
            "back": page,
        },
    )
    log_view(request, contact)
    return response


def _shown(form: CorrectionForm, name: str, value: object) -> str:
    """A value as the form offers it: a choice's label, or the text."""
    field = form.fields[name]
    if name == "disability":
        value = {True: "yes", False: "no"}.get(value, "")  # type: ignore[call-overload]
    for choice, label in getattr(field, "choices", []):
        if str(choice) == str(value):
            return str(label)
    return str(value) if value else "(none)"


def _changes(form: CorrectionForm) -> list[tuple[str, str, str]]:
    """Each detail the manager changed: what, from, to."""
    changes = []
    for name, field in form.fields.items():
        if name in ("version", "person_version"):
            continue
        old, new = form.get_initial_for_field(field, name), form.cleaned_data[name]
        if name == "disability":
            old = {"yes": True, "no": False}.get(old)
            differs = old != new
        elif name == "phone":
            differs = phone_digits(new) != old
        else:
            differs = (old or "") != new
        if differs:
            changes.append((str(field.label), _shown(form, name, old), _shown(form, name, new)))
    return changes


@login_required
@permission_required(MANAGE, raise_exception=True)
def erase(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rights_request = get_object_or_404(RightsRequest, pk=pk, kind=RightsRequest.Kind.ERASURE)
    if request.method != "POST":
        return redirect("dataprotection:rights", pk=pk)
    search = Search(
        name=request.POST.get("name", "").strip(),
        email=request.POST.get("email", "").strip(),
        phone=request.POST.get("phone", "").strip(),
    )
    matches = subject_access.find_cases(search) if search.terms else []
    form = EraseForm(request.POST, matches=matches)
    back = reverse("dataprotection:rights", args=[pk]) + "?" + urlencode(asdict(search))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    try:
        decisions = services.decide_erasure(
            request=rights_request,
            version=form.cleaned_data["version"],
            references=form.cleaned_data["references"],
            as_of=timezone.localdate(),
            by=request.user,
        )
    except services.RequestError as error:
        messages.error(request, str(error))
        return redirect(back)
    erased = sum(1 for d in decisions if d.outcome == d.Outcome.ERASED)
    messages.success(
        request,
        f"{erased} case{'s' if erased != 1 else ''} erased; "
        f"{len(decisions) - erased} kept or already anonymised.",
    )
    return redirect("dataprotection:rights", pk=pk)


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_GET
def response_summary(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rights_request = get_object_or_404(RightsRequest, pk=pk)
    paragraphs = rights.response_summary(rights_request)
    if request.GET.get("download") == "text":
        response = HttpResponse("\n\n".join(paragraphs) + "\n", content_type="text/plain")
        name = f"{rights_request.kind}-request-{rights_request.pk}-answer.txt"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    response = render(
        request,
        "dataprotection/response_summary.html",
        {"rights_request": rights_request, "paragraphs": paragraphs},
    )
    log_view(request, rights_request)
    return response


@login_required
@permission_required(MANAGE, raise_exception=True)
def rights_answer_sent(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _answer_sent(request, RightsRequest, pk)


@login_required
@permission_required(MANAGE, raise_exception=True)
def extend_rights_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _extend(request, RightsRequest, pk)
