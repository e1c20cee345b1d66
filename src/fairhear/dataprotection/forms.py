from __future__ import annotations

from django import forms

from fairhear.web.forms import GovUKForm


class PolicyForm(GovUKForm):
    submit_label = "Save the schedule"
    years_after_closure = forms.IntegerField(
        label="Years to keep a case after it closes",
        min_value=1,
        max_value=100,
        help_text="Whole years. For example, 6",
        error_messages={
            "required": "Enter how many years to keep a case after it closes",
            "invalid": "Enter the years as a whole number, like 6",
            "min_value": "Keep a case for at least 1 year",
            "max_value": "Enter 100 years or fewer",
        },
    )
    child_until_age = forms.IntegerField(
        label="Keep a child's case at least until the child is",
        min_value=18,
        max_value=100,
        help_text="An age in years. For example, 25",
        error_messages={
            "required": "Enter the age until which a child's case is kept",
            "invalid": "Enter the age as a whole number, like 25",
            "min_value": "Enter an age of 18 or more",
            "max_value": "Enter an age of 100 or less",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class HoldForm(GovUKForm):
    submit_label = "Place the hold"
    reference = forms.CharField(
        label="Case reference",
        max_length=40,
        help_text="For example, C-2019-0042",
        error_messages={"required": "Enter the reference of the case to hold"},
    )
    reason = forms.CharField(
        label="Why the case must be kept",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the case must be kept"},
    )


class ConfirmForm(forms.Form):
    """The references the manager saw on the preview: only these are anonymised."""

    references = forms.CharField(widget=forms.HiddenInput, required=False)
    as_of = forms.DateField(widget=forms.HiddenInput)

    def confirmed(self) -> list[str]:
        return [r for r in self.cleaned_data["references"].split(",") if r]
