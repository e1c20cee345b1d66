"""The council's own lists kept in Fairhear: the categories of complaint and the people it
appoints."""

from typing import Any

from django import forms
from django.contrib.auth.models import User

from fairhear.casework import selectors, services
from fairhear.casework.forms.base import StaffChoiceField, email_field
from fairhear.casework.models import Category, Practitioner
from fairhear.web.forms import GovUKForm, carry_version, offer


class CategoryForm(GovUKForm):
    submit_label = "Save the category"
    name = forms.CharField(
        label="Category name",
        max_length=200,
        error_messages={"required": "Enter the category's name"},
    )

    def __init__(self, *args: Any, category: Category | None = None, **kwargs: Any) -> None:
        self.category = category
        if category is not None:
            kwargs.setdefault("initial", {})["name"] = category.name
        super().__init__(*args, **kwargs)
        if category is not None:
            carry_version(self, category)

    def act(self, by: User) -> Category:
        if self.category is None:
            return services.add_category(name=self.cleaned_data["name"], by=by)
        return services.rename_category(
            self.category,
            name=self.cleaned_data["name"],
            by=by,
            version=self.cleaned_data["version"],
        )


class PractitionerForm(GovUKForm):
    submit_label = "Save"
    name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter the person's name"}
    )
    organisation = forms.CharField(label="Organisation (optional)", required=False, max_length=200)
    email = email_field("Email address (optional)")
    is_staff = forms.BooleanField(
        label="Works for the council (so cannot be the independent person)", required=False
    )
    is_councillor = forms.BooleanField(label="Is a councillor", required=False)
    user = StaffChoiceField(
        "Their Fairhear sign-in (optional)",
        with_username=True,
        help_text="With it, they can open the cases they are appointed to, and no others.",
        required=False,
        empty_label="No sign-in",
    )

    def __init__(self, *args: Any, practitioner: Practitioner | None = None, **kwargs: Any) -> None:
        self.practitioner = practitioner
        if practitioner is not None:
            kwargs.setdefault("initial", {}).update(
                name=practitioner.name,
                organisation=practitioner.organisation,
                email=practitioner.email,
                is_staff=practitioner.is_staff,
                is_councillor=practitioner.is_councillor,
                user=practitioner.user_id,
            )
        super().__init__(*args, **kwargs)
        offer(self, "user", selectors.sign_ins_for(practitioner))
        if practitioner is not None:
            carry_version(self, practitioner)

    def act(self, by: User) -> Practitioner:
        return services.record_practitioner(
            practitioner=self.practitioner, by=by, **self.cleaned_data
        )
