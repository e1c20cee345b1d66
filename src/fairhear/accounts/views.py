from typing import Any

from allauth.account.utils import perform_login
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from fairhear.accounts import selectors, services
from fairhear.accounts.forms import (
    ConfirmForm,
    OwnPasswordForm,
    SignInForm,
    SignOutForm,
    StaffForm,
)
from fairhear.accounts.roles import landing_url_name, roles_of
from fairhear.accounts.sso import allow_forms_to_provider, sso_provider
from fairhear.web.http import AuthenticatedHttpRequest


class SignInView(auth_views.LoginView):
    """Username and password, checked by Django (and counted by django-axes), then handed to
    django-allauth's sign-in steps: the authenticator code for those who have one."""

    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        response: HttpResponse = perform_login(
            self.request, form.get_user(), redirect_url=self.get_success_url()
        )
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["provider"] = sso_provider()
        return context

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        allow_forms_to_provider(response)
        return response


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """Where a user goes after signing in: the first page of their role's work."""
    return redirect(landing_url_name(request.user))


@login_required
def sign_out_confirm(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/sign_out.html",
        {"form": SignOutForm(), "action": reverse("accounts:sign-out")},
    )


def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


class ChangeOwnPasswordView(auth_views.PasswordChangeView):
    template_name = "web/form_page.html"
    form_class = OwnPasswordForm
    success_url = reverse_lazy("staff-home")
    extra_context = {"title": "Change your password", "back": reverse_lazy("staff-home")}

    def form_valid(self, form: OwnPasswordForm) -> HttpResponse:
        user = services.change_own_password(form.user, password=form.cleaned_data["new_password1"])
        # Keep this session signed in; the password change signs out every other one.
        update_session_auth_hash(self.request, user)
        messages.success(self.request, "Your password has been changed.")
        return redirect(self.get_success_url())


@login_required
@permission_required("auth.change_user", raise_exception=True)
def staff_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/staff_list.html", {"staff": selectors.staff_members()})


@login_required
@permission_required("auth.add_user", raise_exception=True)
@never_cache
def add_staff(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = StaffForm(
        request.POST if request.method == "POST" else None, submit_label="Add member of staff"
    )
    if request.method == "POST" and form.is_valid():
        try:
            user, password = services.add_staff(**form.cleaned_data, by=request.user)
        except services.StaffError as error:
            form.add_error(error.field, str(error))
        else:
            # Shown in this response only: the password is not kept anywhere to show again.
            return _password_page(request, user, password, added=True)
    return _form_page(request, form, title="Add a member of staff")


@login_required
@permission_required("auth.change_user", raise_exception=True)
def change_staff(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = _manageable(request, pk)
    current_areas = selectors.service_areas_of(user)
    initial = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "username": user.username,
        "roles": roles_of(user),
        "service_areas": current_areas,
    }
    form = StaffForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        member=user,
        current_areas=current_areas,
        submit_label="Save changes",
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.change_staff(user, **form.cleaned_data, by=request.user)
        except services.StaffError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, f"The changes to {_name(user)} were saved.")
            return redirect("accounts:staff")
    return _form_page(request, form, title=f"Change {_name(user)}")


@login_required
@permission_required("auth.change_user", raise_exception=True)
@require_POST
def set_active(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = _manageable(request, pk)
    active = request.POST.get("active") == "yes"
    try:
        user = services.set_active(user, active=active, by=request.user)
    except services.StaffError as error:
        messages.error(request, str(error))
    else:
        if user.is_active:
            messages.success(request, f"{_name(user)} can sign in again.")
        else:
            messages.success(request, f"{_name(user)} can no longer sign in.")
    return redirect("accounts:staff")


@login_required
@permission_required("auth.change_user", raise_exception=True)
@never_cache
def new_password(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = _manageable(request, pk)
    if request.method == "POST":
        password = services.set_new_password(user, by=request.user)
        return _password_page(request, user, password, added=False)
    return render(
        request,
        "web/form_page.html",
        {
            "form": ConfirmForm(submit_label="Set a new password"),
            "title": f"Set a new password for {_name(user)}",
            "back": reverse("accounts:staff"),
            "lead": (
                "Their current password will stop working at once, and any sign-in they have "
                "open will end. You will see the new password once, to give to them."
            ),
        },
    )


def _manageable(request: AuthenticatedHttpRequest, pk: int) -> User:
    """The account to change, if the signed-in user may change it."""
    user = get_object_or_404(User, pk=pk)
    if not services.may_manage(user, by=request.user):
        raise PermissionDenied("Only a superuser can change a superuser's account.")
    return user


def _password_page(request: HttpRequest, user: User, password: str, *, added: bool) -> HttpResponse:
    return render(
        request,
        "accounts/staff_password.html",
        {"member": user, "name": _name(user), "password": password, "added": added},
    )


def _form_page(request: HttpRequest, form: StaffForm, *, title: str) -> HttpResponse:
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": title, "back": reverse("accounts:staff")},
    )


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()
