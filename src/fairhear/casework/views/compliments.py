"""A financial year's compliments, and recording and correcting them."""

from datetime import date

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fairhear.casework import forms, selectors
from fairhear.casework.steps import COMPLIMENTS, MANAGE
from fairhear.casework.views.base import paged, save_form
from fairhear.core.report import year_label
from fairhear.web.http import AuthenticatedHttpRequest


@login_required
@permission_required(MANAGE, raise_exception=True)
def add_compliment(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.ComplimentForm(request.POST or None)
    return _compliment_form(
        request,
        form,
        title="Record a compliment",
        saved="The compliment was recorded.",
        back=reverse("casework:compliments"),
    )


def _compliment_form(
    request: AuthenticatedHttpRequest,
    form: forms.ComplimentForm,
    *,
    title: str,
    saved: str,
    back: str,
) -> HttpResponse:
    """A compliment's form page; once saved, the compliments list at the compliment's year."""
    return save_form(
        request,
        form,
        title=title,
        saved=saved,
        back=back,
        then=lambda _: forms.list_at_year("casework:compliments", form.cleaned_data["received"]),
    )


@login_required
@permission_required(COMPLIMENTS, raise_exception=True)
def compliment_list(request: AuthenticatedHttpRequest) -> HttpResponse:
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
            **paged(request, compliments),
        },
    )


@login_required
@permission_required(COMPLIMENTS, raise_exception=True)
def correct_compliment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
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
