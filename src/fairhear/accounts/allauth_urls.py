"""The django-allauth pages Fairhear uses, mounted one by one under /staff/account/.

allauth reverses these by their own names (outside the "accounts" namespace), so they live
here, included without one. Everything else allauth offers (sign-up, email, password reset,
passkeys signing in without a password, renaming a key) is left unmounted.
"""

import allauth.account.views as account_views
import allauth.mfa.base.views as mfa_views
import allauth.mfa.recovery_codes.views as recovery_views
import allauth.mfa.totp.views as totp_views
import allauth.mfa.webauthn.views as webauthn_views
import allauth.socialaccount.providers.openid_connect.views as oidc_views
import allauth.socialaccount.views as social_views
from django.urls import path
from django.views.generic import RedirectView

from fairhear.accounts.sso import allowing_forms_to_provider

urlpatterns = [
    # allauth sends an unfinished sign-in back to its own name for the sign-in page.
    path(
        "sign-in/start/",
        RedirectView.as_view(pattern_name="accounts:sign-in", query_string=True),
        name="account_login",
    ),
    # Where allauth sends a switched-off account that came through single sign-on.
    path("switched-off/", account_views.account_inactive, name="account_inactive"),
    path("sign-in-again/", account_views.reauthenticate, name="account_reauthenticate"),
    path("second-factor/", mfa_views.index, name="mfa_index"),
    path("second-factor/code/", mfa_views.authenticate, name="mfa_authenticate"),
    path("second-factor/code-again/", mfa_views.reauthenticate, name="mfa_reauthenticate"),
    path("second-factor/app/", totp_views.activate_totp, name="mfa_activate_totp"),
    path("second-factor/app/remove/", totp_views.deactivate_totp, name="mfa_deactivate_totp"),
    path(
        "second-factor/recovery-codes/",
        recovery_views.view_recovery_codes,
        name="mfa_view_recovery_codes",
    ),
    path(
        "second-factor/recovery-codes/new/",
        recovery_views.generate_recovery_codes,
        name="mfa_generate_recovery_codes",
    ),
    path(
        "second-factor/recovery-codes/download/",
        recovery_views.download_recovery_codes,
        name="mfa_download_recovery_codes",
    ),
    path("second-factor/security-keys/", webauthn_views.list_webauthn, name="mfa_list_webauthn"),
    path("second-factor/security-keys/add/", webauthn_views.add_webauthn, name="mfa_add_webauthn"),
    path(
        "second-factor/security-keys/<int:pk>/remove/",
        webauthn_views.remove_webauthn,
        name="mfa_remove_webauthn",
    ),
    path(
        "second-factor/security-key-again/",
        webauthn_views.reauthenticate_webauthn,
        name="mfa_reauthenticate_webauthn",
    ),
    path(
        "single-sign-on/cancelled/",
        social_views.login_cancelled,
        name="socialaccount_login_cancelled",
    ),
    path(
        "single-sign-on/<str:provider_id>/",
        allowing_forms_to_provider(oidc_views.login),
        name="openid_connect_login",
    ),
    path(
        "single-sign-on/<str:provider_id>/callback/",
        oidc_views.callback,
        name="openid_connect_callback",
    ),
]
