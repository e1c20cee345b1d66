from collections.abc import Collection
from datetime import date
from functools import cached_property
from typing import Any

from allauth.account.forms import ReauthenticateForm
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as MFAReauthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.forms import GenerateRecoveryCodesForm
from allauth.mfa.totp.forms import ActivateTOTPForm, DeactivateTOTPForm
from allauth.mfa.webauthn.forms import (
    AddWebAuthnForm,
    AuthenticateWebAuthnForm,
    ReauthenticateWebAuthnForm,
)
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fixed, Layout
from django import forms
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.models import User
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db.models import Q

from fairhear.accounts.roles import Role
from fairhear.accounts.services import service_area_problem, username_problem
from fairhear.organisation.models import ServiceArea
from fairhear.web.forms import GovUKForm, offer


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your complaints manager.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username"
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text(
                "username", field_width=Fixed.TWENTY, autocomplete="username", spellcheck="false"
            ),
            Field.text("password", field_width=Fixed.TWENTY, autocomplete="current-password"),
            Button("submit", "Sign in"),
        )


class SignOutForm(forms.Form):
    """No fields: signing out is a POST so that a link elsewhere cannot sign a user out."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Button("submit", "Sign out"))


class StaffForm(GovUKForm):
    """A member of staff's name, sign-in and roles, for adding them and for changes."""

    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter their first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter their last name"}
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="Their work email: reminders of cases due are sent to it.",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
        },
    )
    username = forms.CharField(
        label="Username",
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text="What they type to sign in: letters, digits and @ . + - _ only, no spaces.",
        error_messages={
            "required": "Enter a username",
            "max_length": "The username must be 150 characters or fewer",
        },
    )
    roles = forms.TypedMultipleChoiceField(
        label="Roles",
        choices=[(role.value, role.value) for role in Role],
        coerce=Role,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose every role they have.",
        error_messages={"required": "Choose at least one role"},
    )
    service_areas = forms.ModelMultipleChoiceField(
        label="Service areas",
        queryset=ServiceArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only for a service manager: the service areas whose complaints they answer.",
    )

    def __init__(
        self,
        *args: Any,
        submit_label: str,
        member: User | None = None,
        current_areas: Collection[ServiceArea] = (),
        **kwargs: Any,
    ) -> None:
        self.submit_label = submit_label
        self.member = member
        super().__init__(*args, **kwargs)
        # Areas still running, and any that ended but are still theirs so they can be unticked.
        running = Q(ended__isnull=True) | Q(ended__gte=date.today())
        queryset = ServiceArea.objects.filter(running | Q(pk__in=[a.pk for a in current_areas]))
        offer(self, "service_areas", queryset.order_by("name"))
        self.fields["username"].widget.attrs.update(autocomplete="off", spellcheck="false")
        self.fields["email"].widget.attrs.update(autocomplete="off", spellcheck="false")

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        problem = username_problem(username, exclude=self.member)
        if problem:
            raise forms.ValidationError(problem)
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "roles" in data and "service_areas" in data:
            problem = service_area_problem(data["roles"], data["service_areas"])
            if problem:
                self.add_error("service_areas", problem)
        return data


class ConfirmForm(GovUKForm):
    """No fields: a button to confirm an action that changes something."""

    def __init__(self, *args: Any, submit_label: str, **kwargs: Any) -> None:
        self.submit_label = submit_label
        super().__init__(*args, **kwargs)


class OwnPasswordForm(PasswordChangeForm):
    """Django's own check of the old password and the rules for the new one, in GOV.UK style."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Your current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "New password again"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        self.error_messages["password_incorrect"] = (
            "Your current password was entered wrongly: enter it again"
        )
        self.error_messages["password_mismatch"] = "The two new passwords must be the same"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("old_password", field_width=Fixed.TWENTY, autocomplete="current-password"),
            Field.text("new_password1", field_width=Fixed.TWENTY, autocomplete="new-password"),
            Field.text("new_password2", field_width=Fixed.TWENTY, autocomplete="new-password"),
            Button("submit", "Change password"),
        )


# --- The second factor: django-allauth's forms, worded and laid out for GOV.UK.


class SecondFactorAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": (
            "The code is not right: enter the 6 digits your authenticator app shows now, "
            "or one of your recovery codes"
        ),
    }

    def get_public_key_credential_rp_entity(self) -> dict[str, str]:
        # The relying party's id stays allauth's, the host staff reach Fairhear on (checked
        # against ALLOWED_HOSTS): a key works on that address only. Its name is the council's,
        # as the authenticator app's issuer is.
        return {
            **super().get_public_key_credential_rp_entity(),
            "name": settings.FAIRHEAR_COUNCIL_NAME,
        }

    def generate_authenticator_name(self, user: AbstractBaseUser, type: Authenticator.Type) -> str:
        if type != Authenticator.Type.WEBAUTHN:
            return str(super().generate_authenticator_name(user, type))
        count = Authenticator.objects.filter(user_id=user.pk, type=type).count()
        return f"Security key {count + 1}"


def _code_field(form: forms.Form, *, label: str, help_text: str) -> None:
    field = form.fields["code"]
    field.label = label
    field.help_text = help_text
    field.error_messages["required"] = "Enter the code"
    # GOV.UK asks for no placeholder: it disappears as soon as someone types.
    field.widget.attrs.pop("placeholder", None)
    # Authenticator and recovery codes are digits alike.
    field.widget.attrs.update(inputmode="numeric", spellcheck="false")


def _helper(*fields: Any, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields, Button("submit", submit))
    return helper


def _ask_for_a_code(form: forms.Form) -> None:
    """The code field of the second factor: an app's 6 digits or a recovery code."""
    has_app = Authenticator.objects.filter(
        user_id=form.user.pk,  # type: ignore[attr-defined]
        type=Authenticator.Type.TOTP,
    ).exists()
    _code_field(
        form,
        label="Code",
        help_text="The 6 digits your authenticator app shows, or one of your recovery codes."
        if has_app
        else "One of the recovery codes you saved when you added your security key.",
    )
    form.helper = _helper(  # type: ignore[attr-defined]
        Field.text("code", field_width=Fixed.TEN, autocomplete="one-time-code"),
        submit="Continue",
    )


class SecondFactorForm(AuthenticateForm):
    """The code asked for at sign-in after the password."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _ask_for_a_code(self)


class SecondFactorAgainForm(MFAReauthenticateForm):
    """The code asked for again before a change to how the account signs in."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _ask_for_a_code(self)


class ActivateAuthenticatorForm(ActivateTOTPForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code_field(
            self,
            label="Code from your authenticator app",
            help_text="The 6 digits it shows for this account.",
        )
        self.helper = _helper(
            Field.text("code", field_width=Fixed.FIVE, autocomplete="one-time-code"),
            submit="Turn on",
        )


class DeactivateAuthenticatorForm(DeactivateTOTPForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(submit="Remove authenticator app")


class NewRecoveryCodesForm(GenerateRecoveryCodesForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(submit="Make new recovery codes")


class PasswordAgainForm(ReauthenticateForm):
    """The password asked for again before a change to how the account signs in."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["password"]
        field.label = "Your password"
        field.help_text = ""
        field.error_messages["required"] = "Enter your password"
        self.helper = _helper(
            Field.text("password", field_width=Fixed.TWENTY, autocomplete="current-password"),
            submit="Continue",
        )


# --- Security keys (WebAuthn): the browser asks the key, and the form carries its answer in a
# hidden field. Its errors say what to do with the key, not with a typed code.

KEY_NOT_USED = (
    "Your security key was not used: press the button, then touch or unlock your key when "
    "your browser asks. Security keys need JavaScript switched on"
)
KEY_NOT_ACCEPTED = (
    "Your security key was not accepted: use a key added to this account, on this address"
)


def _about_the_key(error: forms.ValidationError) -> forms.ValidationError:
    # allauth reports any refused answer from a key as its wrong-code error.
    if error.code == "incorrect_code":
        return forms.ValidationError(KEY_NOT_ACCEPTED, code="key_not_accepted")
    return error


class AddSecurityKeyForm(AddWebAuthnForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name = self.fields["name"]
        name.label = "Name of the key"
        name.help_text = "So that you can tell your keys apart, for example the key's colour."
        # Nobody fills in the key's answer: without it the whole form is in error (below),
        # not a field nobody can see.
        self.fields["credential"].required = False
        self.helper = _helper(
            Field.text("name", field_width=Fixed.TWENTY, autocomplete="off"),
            "credential",
            submit="Add security key",
        )

    def clean(self) -> dict[str, Any]:
        if not self.cleaned_data.get("credential"):
            self.errors.pop("credential", None)
            raise forms.ValidationError(KEY_NOT_USED, code="key_not_used")
        try:
            data: dict[str, Any] = super().clean()
        except forms.ValidationError as error:
            raise _about_the_key(error) from None
        return data


class SecurityKeyForm(AuthenticateWebAuthnForm):
    """The security key asked for at sign-in after the password, as the second factor."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        messages = self.fields["credential"].error_messages
        messages["required"] = messages["invalid"] = KEY_NOT_USED

    @cached_property
    def has_keys(self) -> bool:
        return bool(
            Authenticator.objects.filter(
                user_id=self.user.pk, type=Authenticator.Type.WEBAUTHN
            ).exists()
        )

    def clean_credential(self) -> Authenticator:
        try:
            return super().clean_credential()
        except forms.ValidationError as error:
            raise _about_the_key(error) from None


class SecurityKeyAgainForm(SecurityKeyForm, ReauthenticateWebAuthnForm):
    """The security key asked for again before a change to how the account signs in."""
