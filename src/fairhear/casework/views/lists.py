"""The council's lists: complaint categories, the people it appoints and the equality
monitoring answers."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.http import require_POST

from fairhear.casework import forms, selectors, services
from fairhear.casework.models import (
    Category,
    EqualityOption,
    Practitioner,
)
from fairhear.casework.views.base import save_form
from fairhear.web.http import AuthenticatedHttpRequest

CHANGE_CATEGORIES = "casework.change_category"


CHANGE_PEOPLE = "casework.change_practitioner"

CHANGE_EQUALITY = "casework.change_equalityoption"


@login_required
def council_lists(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The categories contacts are put in, the people who investigate, stand as independent
    person or sit on panels, and the equality monitoring answers offered."""
    if not (request.user.has_perm(CHANGE_CATEGORIES) or request.user.has_perm(CHANGE_PEOPLE)):
        raise PermissionDenied
    return render(
        request,
        "casework/lists.html",
        {
            "categories": selectors.categories_with_use(),
            "practitioners": Practitioner.objects.select_related("user").order_by("name"),
            "equality_lists": [
                (kind, title, EqualityOption.objects.filter(kind=kind))
                for kind, title in (
                    (EqualityOption.Kind.GENDER, "Genders"),
                    (EqualityOption.Kind.ETHNICITY, "Ethnic groups and backgrounds"),
                )
            ],
        },
    )


def _list_form(
    request: AuthenticatedHttpRequest,
    form: forms.CategoryForm | forms.PractitionerForm | forms.EqualityOptionForm,
    title: str,
    part: str = "",
) -> HttpResponse:
    lists = reverse("casework:lists") + (f"#{part}" if part else "")
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


_ADDING = {
    EqualityOption.Kind.GENDER: "Add a gender",
    EqualityOption.Kind.ETHNICITY: "Add an ethnic background",
}


@login_required
@permission_required("casework.add_equalityoption", raise_exception=True)
def add_equality_option(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    if kind not in EqualityOption.Kind.values:
        raise Http404
    form = forms.EqualityOptionForm(request.POST or None, kind=kind)
    return _list_form(request, form, _ADDING[EqualityOption.Kind(kind)], part="equality")


@login_required
@permission_required(CHANGE_EQUALITY, raise_exception=True)
def rename_equality_option(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    option = get_object_or_404(EqualityOption, pk=pk)
    form = forms.EqualityOptionForm(request.POST or None, option=option)
    return _list_form(request, form, f"Rename the answer {option.answer}", part="equality")


@login_required
@permission_required(CHANGE_EQUALITY, raise_exception=True)
@require_POST
def offer_equality_option(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    option = get_object_or_404(EqualityOption, pk=pk)
    offered = request.POST.get("offered") == "yes"
    services.offer_equality_option(option, offered=offered, by=request.user)
    if offered:
        messages.success(request, f"{option.answer} is offered on the forms again.")
    else:
        messages.success(request, f"{option.answer} is no longer offered on the forms.")
    return redirect(reverse("casework:lists") + "#equality")
