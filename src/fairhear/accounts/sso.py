"""Single sign-on: the council's OpenID Connect provider vouches for a member of staff, and
the groups it says they are in decide their Fairhear roles (and a service manager's areas).

django-allauth runs the protocol; these adapters decide who may come in and with what. The
provider is the source of truth for an account that signs in through it: its roles are set
afresh from the groups at every sign-in, so someone moved out of a group loses the role at
their next sign-in.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse

from fairhear.accounts import services
from fairhear.accounts.roles import Role
from fairhear.organisation.models import ServiceArea

#: The id of the one provider in SOCIALACCOUNT_PROVIDERS, and so part of its addresses.
PROVIDER_ID = "council"


@dataclass(frozen=True)
class ProviderAccess:
    """What the provider's groups give a member of staff."""

    roles: list[Role]
    service_areas: list[ServiceArea]

    def refusal(self) -> str:
        """Why this access is not enough to come in, or "" if it is."""
        if not self.roles:
            return "Your council account is not in any of the groups that give access to Fairhear."
        return services.service_area_problem(self.roles, self.service_areas)


def groups_in(claims: Iterable[Mapping[str, Any]]) -> set[str]:
    """Every group named in the claims' groups claim (the ID token's and the userinfo's)."""
    found: set[str] = set()
    for claim_set in claims:
        value = claim_set.get(settings.FAIRHEAR_OIDC_GROUPS_CLAIM)
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, list):
            found.update(str(group) for group in value)
    return found


def access_for(groups: set[str]) -> ProviderAccess:
    """The roles and service areas the settings map these groups to."""
    roles = [role for role in Role if groups & set(settings.FAIRHEAR_OIDC_ROLE_GROUPS[role.value])]
    named = Q(pk__in=[])
    for group, name in _area_groups():
        if group in groups:
            named |= Q(name__iexact=name)
    areas = list(ServiceArea.objects.filter(named).order_by("name"))
    return ProviderAccess(roles=roles, service_areas=areas)


def _area_groups() -> list[tuple[str, str]]:
    pairs = []
    for item in settings.FAIRHEAR_OIDC_SERVICE_AREA_GROUPS:
        group, sep, name = item.partition("=")
        if not sep or not group.strip() or not name.strip():
            raise ImproperlyConfigured(
                "FAIRHEAR_OIDC_SERVICE_AREA_GROUPS must be a comma-separated list of "
                f"group=Service area name pairs, not {item!r}."
            )
        pairs.append((group.strip(), name.strip()))
    return pairs


def _access_of(sociallogin: SocialLogin) -> ProviderAccess:
    extra = sociallogin.account.extra_data or {}
    claim_sets = [extra.get("id_token") or {}, extra.get("userinfo") or {}]
    return access_for(groups_in(claim_sets))


class StaffAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Local accounts are added by a complaints manager, never by a visitor.
        return False


class StaffSocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        # Anyone the provider vouches for, once pre_social_login has found their roles.
        return True

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        access = _access_of(sociallogin)
        refusal = access.refusal()
        if refusal:
            response = render(
                request,
                "accounts/sso_refused.html",
                {"reason": refusal, "provider_name": settings.FAIRHEAR_OIDC_NAME},
                status=403,
            )
            raise ImmediateHttpResponse(response)
        if sociallogin.is_existing:
            services.apply_provider_access(
                sociallogin.user, roles=access.roles, service_areas=access.service_areas
            )

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form: Any = None) -> User:
        user: User = super().save_user(request, sociallogin, form)
        access = _access_of(sociallogin)
        services.apply_provider_access(user, roles=access.roles, service_areas=access.service_areas)
        return user


@dataclass(frozen=True)
class SsoProvider:
    """The council's provider as the sign-in page offers it."""

    name: str
    login_url: str
    #: Scheme, host and port of the provider, where the sign-in form is redirected on to.
    origin: str


def sso_provider() -> SsoProvider | None:
    """The council's provider, if single sign-on is set up."""
    if not settings.FAIRHEAR_OIDC_SERVER_URL:
        return None
    return SsoProvider(
        name=settings.FAIRHEAR_OIDC_NAME,
        login_url=reverse("openid_connect_login", kwargs={"provider_id": PROVIDER_ID}),
        origin="{0.scheme}://{0.netloc}".format(urlsplit(settings.FAIRHEAR_OIDC_SERVER_URL)),
    )


def allow_forms_to_provider(response: HttpResponseBase) -> HttpResponseBase:
    """Let a page's sign-in form go on to the provider.

    The Content Security Policy's form-action also governs where a form's answer is redirected,
    and the provider's sign-in page is on another site.
    """
    provider = sso_provider()
    if provider is not None:
        response._csp_update = {"form-action": [provider.origin]}  # type: ignore[attr-defined]
    return response


def allowing_forms_to_provider(
    view: Callable[..., HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return allow_forms_to_provider(view(request, *args, **kwargs))

    return wrapped
