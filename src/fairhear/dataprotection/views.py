"""The complaints manager's data protection pages: the retention schedule, what is due, holds
and past runs; and subject access requests, from logging to the bundle and the answer."""

from dataclasses import asdict
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from fairhear.casework.models import Contact
from fairhear.casework.views.base import log_view
from fairhear.core.dates import long_date
from fairhear.dataprotection import selectors, services, subject_access
from fairhear.dataprotection.bundle import bundle_zip, cases_for_bundle
from fairhear.dataprotection.forms import (
    AnswerSentForm,
    BundleForm,
    ConfirmForm,
    HoldForm,
    PersonSearchForm,
    PolicyForm,
    SubjectAccessRequestForm,
)
from fairhear.dataprotection.models import LegalHold, SubjectAccessRequest
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
            "open_requests": subject_access.open_requests(),
            "answered_requests": subject_access.answered_requests()[:10],
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
                "taken as the youngest in the age band recorded, or as a new-born when none is."
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
    data: QueryDict, access_request: SubjectAccessRequest
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


@login_required
@permission_required(MANAGE, raise_exception=True)
def answer_sent(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access_request = get_object_or_404(SubjectAccessRequest, pk=pk)
    form = AnswerSentForm(request.POST or None, initial={"version": access_request.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_answer_sent(
                request=access_request,
                version=form.cleaned_data["version"],
                sent=form.cleaned_data["sent"],
                today=timezone.localdate(),
                by=request.user,
            )
        except services.RequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The request from {access_request.requester} is answered.")
            return redirect("dataprotection:retention")
    produced = access_request.bundles.count()
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Record that the answer was sent",
            "back": reverse("dataprotection:request", args=[pk]),
            "lead": (
                f"{access_request.requester} asked on {long_date(access_request.received)}; "
                f"the answer is due by {long_date(access_request.due)}. "
                + (
                    f"{produced} bundle{'s' if produced != 1 else ''} produced."
                    if produced
                    else "No bundle was produced: record this only if no data is held."
                )
            ),
        },
    )
