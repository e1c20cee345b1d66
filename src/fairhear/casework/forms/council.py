"""The council's own lists kept in Fairhear: the categories of complaint, the people it
appoints, and the answers its equality monitoring offers."""

from typing import Any

from django import forms
from django.contrib.auth.models import User

from fairhear.casework import selectors, services
from fairhear.casework.forms.base import StaffChoiceField, email_field
from fairhear.casework.models import Category, EqualityOption, Practitioner
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


class EqualityOptionForm(GovUKForm):
    """A gender, or an ethnic background with its group, offered by the equality monitoring
    questions: added (`kind` given) or renamed (`option` given)."""

    submit_label = "Save the answer"
    group = forms.CharField(
        label="Ethnic group",
        max_length=90,
        required=False,
        help_text="The group it is listed under, for example White. A new group is listed last.",
    )
    label = forms.CharField(max_length=100, error_messages={"required": "Enter the answer's words"})

    def __init__(
        self, *args: Any, kind: str = "", option: EqualityOption | None = None, **kwargs: Any
    ) -> None:
        self.option = option
        self.kind = option.kind if option is not None else kind
        if option is not None:
            kwargs.setdefault("initial", {}).update(group=option.group, label=option.label)
        super().__init__(*args, **kwargs)
        self.fields["label"].label = "Ethnic background" if self.ethnic else "Gender"
        if option is not None:
            carry_version(self, option)

    @property
    def ethnic(self) -> bool:
        return self.kind == EqualityOption.Kind.ETHNICITY

    def layout_fields(self) -> list[Any]:
        # A gender has no group.
        return [f for f in super().layout_fields() if self.ethnic or f.fields[0] != "group"]

    def clean_group(self) -> str:
        group: str = self.cleaned_data["group"].strip()
        if self.ethnic and not group:
            raise forms.ValidationError("Enter the ethnic group the background is listed under")
        return group if self.ethnic else ""

    def act(self, by: User) -> EqualityOption:
        group = self.cleaned_data["group"]
        if self.option is None:
            return services.add_equality_option(
                kind=self.kind, group=group, label=self.cleaned_data["label"], by=by
            )
        return services.rename_equality_option(
            self.option,
            group=group,
            label=self.cleaned_data["label"],
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
