from __future__ import annotations

from typing import Any

from crispy_forms_gds.layout import Button, Layout
from django import forms

from fairhear.casework.codes import AgeBand
from fairhear.casework.equality import ethnicity_choices, gender_choices
from fairhear.casework.forms.base import yes_no_or_not_known
from fairhear.casework.models import Contact
from fairhear.dataprotection.models import RightsRequest
from fairhear.dataprotection.subject_access import SHORTEST_NAME, Match, Search
from fairhear.versions import version_of
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
    request_years_after_answer = forms.IntegerField(
        label="Years to keep a request about personal data after it is answered",
        min_value=1,
        max_value=100,
        help_text=("Subject access, correction and erasure requests. Whole years. For example, 2"),
        error_messages={
            "required": "Enter how many years to keep a request after it is answered",
            "invalid": "Enter the years as a whole number, like 2",
            "min_value": "Keep a request for at least 1 year after it is answered",
            "max_value": "Enter 100 years or fewer",
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


class RightsRequestForm(SubjectAccessRequestForm):
    submit_label = "Log the request"
    kind = forms.ChoiceField(
        label="What they ask for",
        choices=[
            (RightsRequest.Kind.CORRECTION.value, "To correct their personal data"),
            (RightsRequest.Kind.ERASURE.value, "To erase their personal data"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether they ask for a correction or an erasure"},
    )
    asked_for = forms.CharField(
        label="What they ask to be corrected or erased",
        help_text="In their words, with the cases they name",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what they ask to be corrected or erased"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requester"].label = "Name of the person making the request"
        self.fields["requester"].error_messages["required"] = (
            "Enter the name of the person making the request"
        )
        self.order_fields(["kind", "requester", "received", "asked_for"])
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))


class ExtendForm(GovUKForm):
    submit_label = "Put off the answer"
    further_months = forms.TypedChoiceField(
        label="How much longer is needed",
        choices=[("1", "One more month"), ("2", "Two more months")],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how much longer is needed"},
    )
    reason = forms.CharField(
        label="Why more time is needed",
        help_text="What makes the request complex, or how many requests they made. Tell them "
        "this before the answer was first due.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why more time is needed"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


#: The case's own personal details a correction request may change (casework's names).
CONTACT_FIELDS = ("child_name", "relationship", "age_band", "gender", "ethnicity", "disability")
#: The complainant's details a correction request may change.
PERSON_FIELDS = ("name", "email", "phone", "address")


class CorrectionForm(GovUKForm):
    """The personal details of one case, as they are, for the manager to correct: the
    complainant's (on every case of theirs) and the child's and equality answers (this case)."""

    submit_label = "Check the corrections"
    name = forms.CharField(
        label="Complainant's name",
        max_length=200,
        error_messages={"required": "Enter the complainant's name"},
    )
    email = forms.EmailField(
        label="Complainant's email address",
        required=False,
        error_messages={"invalid": "Enter the email address like name@example.com"},
    )
    phone = forms.CharField(label="Complainant's phone number", max_length=50, required=False)
    address = forms.CharField(
        label="Complainant's postal address",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    child_name = forms.CharField(label="The child's name", max_length=200, required=False)
    relationship = forms.CharField(
        label="Complainant's relationship to the child", max_length=200, required=False
    )
    age_band = forms.ChoiceField(
        label="Age of the child or young person",
        choices=[("", "Not known"), *AgeBand.choices],
        required=False,
    )
    gender = forms.ChoiceField(label="Gender", required=False)
    ethnicity = forms.ChoiceField(label="Ethnic group", required=False)
    disability = yes_no_or_not_known("Does the child or young person have a disability?")
    version = forms.IntegerField(widget=forms.HiddenInput)
    person_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, contact: Contact, **kwargs: Any) -> None:
        person = contact.complainant
        initial = {field: getattr(contact, field) for field in CONTACT_FIELDS}
        initial["disability"] = {True: "yes", False: "no", None: ""}[contact.disability]
        initial["version"] = contact.version
        if person is not None:
            initial.update({field: getattr(person, field) for field in PERSON_FIELDS})
            initial["person_version"] = version_of(person)
        super().__init__(*args, initial=initial, **kwargs)
        if person is None:
            for field in (*PERSON_FIELDS, "person_version"):
                del self.fields[field]
            self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))
        offer(self, "gender", gender_choices(contact.gender))
        offer(self, "ethnicity", ethnicity_choices(contact.ethnicity))

    def contact_details(self) -> dict[str, str | bool | None]:
        return {field: self.cleaned_data[field] for field in CONTACT_FIELDS}

    def person_details(self) -> dict[str, str]:
        return {f: self.cleaned_data[f] for f in PERSON_FIELDS if f in self.cleaned_data}


class EraseForm(BundleForm):
    """The cases the manager ticked as being about the person, to erase where the law allows."""

    version = forms.IntegerField(widget=forms.HiddenInput)
