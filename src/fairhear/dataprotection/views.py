"""The complaints manager's retention page: the schedule, what is due, holds and past runs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from fairhear.casework.models import Contact
from fairhear.core.dates import long_date
from fairhear.dataprotection import selectors, services
from fairhear.dataprotection.forms import ConfirmForm, HoldForm, PolicyForm
from fairhear.dataprotection.models import LegalHold
from fairhear.web.http import AuthenticatedHttpRequest

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
