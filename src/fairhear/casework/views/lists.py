"""The council's lists: complaint categories and the people it appoints."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.http import require_POST

from fairhear.casework import forms, selectors, services
from fairhear.casework.models import (
    Category,
    Practitioner,
)
from fairhear.casework.views.base import save_form
from fairhear.web.http import AuthenticatedHttpRequest

CHANGE_CATEGORIES = "casework.change_category"


CHANGE_PEOPLE = "casework.change_practitioner"


@login_required
def council_lists(request: AuthenticatedHttpRequest) -> HttpResponse:
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
    request: AuthenticatedHttpRequest, form: forms.CategoryForm | forms.PractitionerForm, title: str
) -> HttpResponse:
    lists = reverse("casework:lists")
    return save_form(
        request,
        form,
        title=title,
        saved=lambda record: f"{record} was saved.",
        back=lists,
        then=lambda _: lists,
    )


@login_required
@permission_required("casework.add_category", raise_exception=True)
def add_category(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _list_form(request, forms.CategoryForm(request.POST or None), "Add a category")


@login_required
@permission_required(CHANGE_CATEGORIES, raise_exception=True)
def rename_category(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    category = get_object_or_404(Category, pk=pk)
    form = forms.CategoryForm(request.POST or None, category=category)
    return _list_form(request, form, f"Rename the category {category.name}")


@login_required
@permission_required(CHANGE_CATEGORIES, raise_exception=True)
@require_POST
def offer_category(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    category = get_object_or_404(Category, pk=pk)
    offered = request.POST.get("offered") == "yes"
    services.offer_category(category, offered=offered, by=request.user)
    if offered:
        messages.success(request, f"{category.name} is offered for new contacts again.")
    else:
        messages.success(request, f"{category.name} is no longer offered for new contacts.")
    return redirect("casework:lists")


def _step_to_return_to(request: AuthenticatedHttpRequest) -> str | None:
    """The case step that sent someone to add a person (its `next`), to go back to once they
    are added; any other address is ignored."""
    back = request.GET.get("next", "")
    try:
        match = resolve(back)
    except Resolver404:
        return None
    return back if match.view_name == "casework:step" else None


@login_required
@permission_required("casework.add_practitioner", raise_exception=True)
def add_practitioner(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.PractitionerForm(request.POST or None)
    title = "Add an investigator, independent person or panel member"
    step = _step_to_return_to(request)
    chosen_as = request.GET.get("for", "")
    if step is None:
        return _list_form(request, form, title)
    return save_form(
        request,
        form,
        title=title,
        saved=lambda record: f"{record} was added to the council's list: appoint them below.",
        back=step,
        then=lambda record: f"{step}?{urlencode({'added': record.pk, 'for': chosen_as})}",
    )


@login_required
@permission_required(CHANGE_PEOPLE, raise_exception=True)
def change_practitioner(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    practitioner = get_object_or_404(Practitioner, pk=pk)
    form = forms.PractitionerForm(request.POST or None, practitioner=practitioner)
    return _list_form(request, form, f"Change the details of {practitioner.name}")
