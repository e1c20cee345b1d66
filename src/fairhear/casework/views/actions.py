"""The learning actions list and the pages that add, change and complete actions."""

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fairhear.casework import forms, selectors, services
from fairhear.casework.steps import MANAGE, RESPOND
from fairhear.casework.views.base import paged, save_form
from fairhear.web.http import AuthenticatedHttpRequest


@login_required
@permission_required("casework.view_cases", raise_exception=True)
def action_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    show = request.GET.get("show", "")
    if show not in selectors.ACTION_FILTERS:
        show = ""
    today = date.today()
    here = reverse("casework:actions")
    return render(
        request,
        "casework/actions.html",
        {
            **paged(request, selectors.actions_shown(request.user, show, today)),
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
def complete_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = selectors.actions_visible_to(request.user).filter(pk=pk).first()
    if action is None:
        raise Http404("No such action")
    form = forms.CompleteActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            form.act(action, request.user)
        except services.CaseworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The action is done.")
            return redirect("casework:actions")
    return render(request, "casework/form.html", {"form": form, "title": "Complete an action"})


@login_required
@permission_required(MANAGE, raise_exception=True)
def add_action(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A learning action about no one case: from the Ombudsman or a general review."""
    back = reverse("casework:actions")
    return save_form(
        request,
        forms.GeneralActionForm(request.POST or None),
        title="Add a learning action",
        saved="The learning action was added.",
        back=back,
        then=lambda _: back,
    )


@login_required
@permission_required(RESPOND, raise_exception=True)
def change_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for(request.user, pk)
    back = reverse("casework:actions")
    return save_form(
        request,
        forms.ChangeActionForm(request.POST or None, action=action),
        title="Change a learning action",
        saved="The learning action was changed.",
        back=back,
        then=lambda _: back,
        contact=action.contact,
    )
