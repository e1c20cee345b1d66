from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fairhear.accounts.forms import SignInForm, SignOutForm
from fairhear.accounts.roles import landing_url_name


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True


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
