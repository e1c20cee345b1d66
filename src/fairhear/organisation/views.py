from typing import Any

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from fairhear.core.dates import long_date
from fairhear.organisation import selectors, services
from fairhear.organisation.forms import (
    CorrectNameForm,
    EndForm,
    MergeForm,
    RenameForm,
    ServiceAreaForm,
    TeamForm,
)
from fairhear.organisation.models import OrganisationUnit as Unit
from fairhear.organisation.models import ServiceArea, Team
from fairhear.web.http import AuthenticatedHttpRequest

# URL segment → (model, singular, plural)
KINDS: dict[str, tuple[type[Unit], str, str]] = {
    "service-areas": (ServiceArea, "service area", "service areas"),
    "teams": (Team, "team", "teams"),
}


def _kind(kind: str) -> tuple[type[Unit], str, str]:
    try:
        return KINDS[kind]
    except KeyError:
        raise Http404(f"No such kind of unit: {kind}") from None


def _can_change(request: HttpRequest, model: type[Unit]) -> bool:
    return request.user.has_perm(f"organisation.change_{model._meta.model_name}")


def _require_change(request: HttpRequest, model: type[Unit]) -> None:
    if not _can_change(request, model):
        raise PermissionDenied


@login_required
@permission_required("organisation.view_servicearea", raise_exception=True)
def organisation_list(request: HttpRequest) -> HttpResponse:
    show_ended = request.GET.get("show") == "all"
    areas = list(selectors.service_areas_with_teams())
    if not show_ended:
        areas = [area for area in areas if area.ended is None]
    return render(
        request,
        "organisation/list.html",
        {
            "service_areas": areas,
            "show_ended": show_ended,
            "can_change": _can_change(request, ServiceArea),
        },
    )


@login_required
@permission_required("organisation.view_servicearea", raise_exception=True)
def unit_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model, singular, _ = _kind(kind)
    unit = get_object_or_404(model.objects.select_related("successor"), pk=pk)
    before, after = selectors.lineage(unit)
    history = None
    if request.user.has_perm("auditlog.view_logentry"):
        history = LogEntry.objects.get_for_object(unit).select_related("actor")
    return render(
        request,
        "organisation/detail.html",
        {
            "unit": unit,
            "kind": kind,
            "singular": singular,
            "predecessors": before,
            "successors": after,
            "history": history,
            "can_change": _can_change(request, model),
        },
    )


@login_required
def add_service_area(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_change(request, ServiceArea)
    form = ServiceAreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            area = services.add_service_area(
                name=form.cleaned_data["name"],
                started=form.cleaned_data["started"],
                by=request.user,
            )
        except services.OrganisationError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, f"{area.name} was added.")
            return redirect("organisation:detail", kind="service-areas", pk=area.pk)
    return _form_page(request, form, title="Add a service area")


@login_required
def add_team(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_change(request, Team)
    initial = {"service_area": request.GET.get("service_area")}
    form = TeamForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.add_team(
                service_area=form.cleaned_data["service_area"],
                name=form.cleaned_data["name"],
                started=form.cleaned_data["started"],
                by=request.user,
            )
        except services.OrganisationError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, f"{team.name} was added to {team.service_area.name}.")
            return redirect("organisation:detail", kind="teams", pk=team.pk)
    return _form_page(request, form, title="Add a team")


@login_required
def correct_name(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    model = _kind(kind)[0]
    _require_change(request, model)
    unit = get_object_or_404(model, pk=pk)
    form = CorrectNameForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_name(
                unit,
                name=form.cleaned_data["name"],
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except services.OrganisationError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, f"The name is now {unit.name}.")
            return redirect("organisation:detail", kind=kind, pk=unit.pk)
    return _form_page(request, form, title=f"Correct the name of {unit.name}", unit=unit, kind=kind)


@login_required
def rename(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    model = _kind(kind)[0]
    _require_change(request, model)
    unit = get_object_or_404(model, pk=pk)
    form = RenameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new_unit = services.rename(
                unit,
                name=form.cleaned_data["name"],
                from_day=form.cleaned_data["from_day"],
                by=request.user,
            )
        except services.OrganisationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"{unit.name} is called {new_unit.name} from "
                f"{long_date(form.cleaned_data['from_day'])}.",
            )
            return redirect("organisation:detail", kind=kind, pk=new_unit.pk)
    return _form_page(
        request,
        form,
        title=f"Rename {unit.name} in a restructure",
        unit=unit,
        kind=kind,
        lead=(
            "Reports for earlier years will still show the old name and count its "
            "complaints under the new one. To put right a misspelling instead, "
            "correct the name."
        ),
    )


@login_required
def end(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    model = _kind(kind)[0]
    _require_change(request, model)
    unit = get_object_or_404(model, pk=pk)
    form = EndForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.end(
                unit,
                last_day=form.cleaned_data["last_day"],
                successor=form.cleaned_data["successor"],
                by=request.user,
            )
        except services.OrganisationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{unit.name} has ended.")
            return redirect("organisation:detail", kind=kind, pk=unit.pk)
    return _form_page(request, form, title=f"End {unit.name}", unit=unit, kind=kind)


@login_required
def merge(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    model, _, plural = _kind(kind)
    _require_change(request, model)
    form = MergeForm(request.POST or None, model=model)
    if request.method == "POST" and form.is_valid():
        try:
            into = services.merge(
                list(form.cleaned_data["units"]),
                into=form.cleaned_data["into"],
                last_day=form.cleaned_data["last_day"],
                by=request.user,
            )
        except services.OrganisationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The {plural} were merged into {into.name}.")
            return redirect("organisation:detail", kind=kind, pk=into.pk)
    return _form_page(request, form, title=f"Merge {plural}")


def _form_page(request: HttpRequest, form: Any, *, title: str, **context: Any) -> HttpResponse:
    return render(request, "organisation/form.html", {"form": form, "title": title, **context})
