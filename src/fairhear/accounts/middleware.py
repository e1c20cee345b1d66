"""Sign-in rules applied to every request of a signed-in member of staff."""

import time
from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

_LAST_SEEN = "fairhear_last_seen"
# The session is saved at most this often just to note that its user is still there.
_LAST_SEEN_GRANULARITY = 60


class IdleTimeoutMiddleware:
    """Sign out a member of staff who has made no request for FAIRHEAR_IDLE_MINUTES.

    An unlocked computer left in a shared office then shows the next person a sign-in page,
    not children's records. SESSION_COOKIE_AGE still ends every sign-in after its hours.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(_LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.FAIRHEAR_IDLE_MINUTES * 60:
                logout(request)
                messages.info(
                    request,
                    f"You were signed out after {settings.FAIRHEAR_IDLE_MINUTES} minutes "
                    "without activity. Sign in again to go on.",
                )
            elif last_seen is None or now - last_seen >= _LAST_SEEN_GRANULARITY:
                request.session[_LAST_SEEN] = now
        return self.get_response(request)


# The pages a member of staff without a second factor may still open when one is required.
_SET_UP_PAGES = frozenset(
    {
        "mfa_activate_totp",
        "mfa_add_webauthn",
        "mfa_index",
        "account_reauthenticate",
        "sign-out-confirm",
        "sign-out",
        "signed-out",
    }
)


class SecondFactorRequiredMiddleware:
    """With FAIRHEAR_MFA_REQUIRED, send staff who signed in with a password alone and have
    neither an authenticator app nor a security key to set one up before any other staff page.

    Staff who came through single sign-on are left alone: the council's provider asks for
    their second factor.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.FAIRHEAR_MFA_REQUIRED
            and request.user.is_authenticated
            and request.path_info.startswith("/staff/")
            and not _is_set_up_page(request.path_info)
            and not _signed_in_through_provider(request)
            and not is_mfa_enabled(
                request.user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
            )
        ):
            messages.info(
                request,
                "Set up an authenticator app or a security key before you go on: this council "
                "asks every member of staff for a second factor as well as their password.",
            )
            return redirect("mfa_index")
        return self.get_response(request)


def _is_set_up_page(path: str) -> bool:
    try:
        return resolve(path).url_name in _SET_UP_PAGES
    except Resolver404:
        return False


def _signed_in_through_provider(request: HttpRequest) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "socialaccount" for record in records)
