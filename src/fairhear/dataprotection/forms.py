from __future__ import annotations

from typing import Any

from django import forms

from fairhear.dataprotection.subject_access import SHORTEST_NAME, Match, Search
from fairhear.web.forms import DateField, FilterForm, GovUKForm, offer


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


class SubjectAccessRequestForm(GovUKForm):
    submit_label = "Log the request"
    requester = forms.CharField(
        label="Name of the person asking for their data",
        max_length=200,
        error_messages={"required": "Enter the name of the person asking for their data"},
    )
    received = DateField(label="Date the request was received", help_text="For example, 31 1 2025")
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter the email address like name@example.com"},
    )
    phone = forms.CharField(label="Phone number (optional)", max_length=50, required=False)
    address = forms.CharField(
        label="Postal address (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        help_text="How they asked, and how their identity was checked",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PersonSearchForm(FilterForm):
    """Who to look for: the request's details to start with, changed to try other spellings."""

    submit_label = "Search"
    name = forms.CharField(label="Name", max_length=200, required=False)
    email = forms.CharField(label="Email address", max_length=254, required=False)
    phone = forms.CharField(label="Phone number", max_length=50, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for key in ("name", "email", "phone"):
            cleaned[key] = (cleaned.get(key) or "").strip()
        if not any(cleaned[key] for key in ("name", "email", "phone")):
            raise forms.ValidationError("Enter a name, an email address or a phone number")
        if cleaned["name"] and len(cleaned["name"]) < SHORTEST_NAME:
            self.add_error(
                "name", f"Enter at least {SHORTEST_NAME} letters of the name, or leave it empty"
            )
        return cleaned

    def search(self) -> Search:
        data = self.cleaned_data
        return Search(name=data["name"], email=data["email"], phone=data["phone"])


class BundleForm(forms.Form):
    """The cases the manager ticked as being about the person, from the search's matches."""

    name = forms.CharField(widget=forms.HiddenInput, required=False)
    email = forms.CharField(widget=forms.HiddenInput, required=False)
    phone = forms.CharField(widget=forms.HiddenInput, required=False)
    references = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Tick at least one case that is about the person",
            "invalid_choice": "Tick only cases the search found",
        },
    )

    def __init__(self, *args: Any, matches: list[Match], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self, "references", [(m.contact.reference, m.contact.reference) for m in matches])


class AnswerSentForm(GovUKForm):
    submit_label = "Record that the answer was sent"
    sent = DateField(label="Date the answer was sent")
    version = forms.IntegerField(widget=forms.HiddenInput)
