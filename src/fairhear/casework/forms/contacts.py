"""Forms about one contact: what it is about and who it concerns (asked when logging it too,
`log_contact`), triage, advocacy, documents, withdrawal, the reply to a contact that is not a
statutory complaint, and assigning an investigator to it."""

from typing import Any

from crispy_forms.layout import HTML
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.contrib.auth.models import User
from django.utils.html import format_html

from fairhear.casework import selectors, services
from fairhear.casework.codes import AgeBand, ChildStatus, ComplainantRole, Route
from fairhear.casework.documents import limits_hint
from fairhear.casework.equality import ethnicity_choices, gender_choices
from fairhear.casework.facts import statutory_timescales
from fairhear.casework.forms.base import (
    CaseStepForm,
    DocumentUpload,
    StaffChoiceField,
    choose_one,
    date_field,
    document_field,
    reveal_radios,
    text_field,
    yes_no_field,
    yes_no_initial,
    yes_no_or_not_known,
)
from fairhear.casework.models import Category, Contact
from fairhear.core.dates import long_date
from fairhear.core.procedure.rules import add_months
from fairhear.organisation.forms import unit_choice
from fairhear.organisation.models import ServiceArea, Team
from fairhear.organisation.selectors import service_areas_offered, teams_offered
from fairhear.web.forms import layout_field, offer


def _heading(text: str) -> HTML:
    return HTML(format_html('<h2 class="govuk-heading-m">{}</h2>', text))


def _folded(form: forms.Form, summary: str, *names: str) -> list[Any]:
    """Fields inside a GOV.UK details component, closed until opened (open when one of them
    has an answer, so no answer, nor anything wrong with one, is hidden). The form's errors
    are not asked: the layout is made before its choices are offered."""
    answers = form.data if form.is_bound else form.initial
    shown = any(answers.get(name) not in (None, "", []) for name in names)
    return [
        HTML(
            format_html(
                '<details class="govuk-details"{}><summary class="govuk-details__summary">'
                '<span class="govuk-details__summary-text">{}</span></summary>'
                '<div class="govuk-details__text">',
                " open" if shown else "",
                summary,
            )
        ),
        *(layout_field(name, form.fields[name]) for name in names if name in form.fields),
        HTML("</div></details>"),
    ]


class AboutFields(forms.Form):
    """What a contact is about: the service and team, its categories, the summary and what
    the complainant would like to happen.

    The categories are asked as the best fit plus any others, because a set of ticked boxes
    has no order and the first category of a contact is the one reports count.
    """

    service_area = unit_choice(
        ServiceArea,
        "Service area complained about",
        help_text="Leave as not known when you choose a team: the team says its service area.",
        empty_label="Not known yet",
    )
    team = unit_choice(Team, "Team complained about", empty_label="Not known yet")
    best_fit = forms.ModelChoiceField(
        queryset=Category.objects.none(),
        label="What it is mostly about",
        help_text="The category that fits best.",
        required=False,
        empty_label="Not decided yet",
    )
    categories = forms.ModelMultipleChoiceField(
        queryset=Category.objects.none(),
        label="Anything else it is about",
        help_text="Tick all that apply.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = text_field("Summary", required=False)
    desired_outcome = text_field("What the complainant would like to happen", required=False)

    def offer_about(self, contact: Contact | None = None) -> None:
        """Offer the units and categories running and active today, and whatever the contact
        already has."""
        area, team = (contact.service_area_id, contact.team_id) if contact else (None, None)
        offer(self, "service_area", service_areas_offered(keeping=area))
        offer(self, "team", teams_offered(keeping=team, by_service_area=True))
        categories = selectors.categories_offered(contact)
        offer(self, "best_fit", categories)
        offer(self, "categories", categories)

    def about_fields(self) -> list[Any]:
        """Laid out with the optional further categories folded away until opened."""
        return [
            *_fields(self, "service_area", "team", "best_fit"),
            *_folded(self, "Anything else it is about (optional)", "categories"),
            *_fields(self, "summary", "desired_outcome"),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        best, others = cleaned.get("best_fit"), list(cleaned.get("categories") or [])
        if others and best is None:
            self.add_error("best_fit", "Choose the category that fits best")
        cleaned["ordered_categories"] = [
            *([best] if best is not None else []),
            *[c for c in others if c != best],
        ]
        return cleaned


class EqualityFields(forms.Form):
    """Equality monitoring of the child or young person: optional, empty is not known; the
    council's own lists of genders and ethnic groups, each with "Prefer not to say"."""

    age_band = forms.ChoiceField(
        label="Age of the child or young person (optional)",
        choices=[("", "Not known"), *AgeBand.choices],
        required=False,
    )
    gender = forms.ChoiceField(label="Gender (optional)", required=False)
    ethnicity = forms.ChoiceField(
        label="Ethnic group (optional)",
        help_text="From the council's list (the census 2021 groups to begin with).",
        required=False,
    )
    disability = yes_no_or_not_known("Does the child or young person have a disability?")

    #: The fields, in the order asked.
    EQUALITY = ("age_band", "gender", "ethnicity", "disability")

    def offer_equality(self, contact: Contact | None = None) -> None:
        offer(self, "gender", gender_choices(contact.gender if contact else ""))
        offer(self, "ethnicity", ethnicity_choices(contact.ethnicity if contact else ""))


def _fields(form: forms.Form, *names: str) -> list[Any]:
    return [layout_field(name, form.fields[name]) for name in names if name in form.fields]


class ContactDetailsFields(AboutFields, EqualityFields):
    """What a contact is about and who it concerns, as one form: correctable after logging."""

    complainant_role = forms.ChoiceField(
        label="Who is complaining",
        choices=[("", "Not known"), *ComplainantRole.choices],
        required=False,
    )
    relationship = forms.CharField(
        label="Their relationship to the child, in their words (optional)",
        required=False,
        max_length=200,
    )
    child_name = forms.CharField(
        label="The child or young person's name (optional)",
        help_text="When they are not the complainant.",
        required=False,
        max_length=200,
    )
    child_status = forms.ChoiceField(
        label="The child's situation",
        choices=[("", "Not known"), *ChildStatus.choices],
        required=False,
    )

    def offer_choices(self, contact: Contact | None = None) -> None:
        """Offer what is running and active today, and whatever the contact already has."""
        self.offer_about(contact)
        self.offer_equality(contact)

    def detail_sections(self) -> list[Any]:
        """The details in sections, each under its heading; the optional lists (more
        categories, equality monitoring) folded away until opened."""
        return [
            _heading("What it is about"),
            *self.about_fields(),
            _heading("The child or young person"),
            *_fields(self, "child_name", "child_status"),
            *_folded(self, "Equality monitoring (optional)", *self.EQUALITY),
        ]

    def details(self) -> dict[str, Any]:
        """The cleaned answers, as the casework services take them."""
        d = self.cleaned_data
        return {
            "categories": d["ordered_categories"],
            **{name: d[name] for name in services.CONTACT_DETAILS},
        }


class TriageForm(CaseStepForm):
    submit_label = "Save the triage"
    route = choose_one(
        "How will it be handled?", Route.choices, missing="Choose how the contact will be handled"
    )
    reason = text_field("Reason for this route")
    on = date_field("Date of the triage decision")
    eligible = yes_no_field(
        "Is the complainant eligible to make a statutory complaint?", required=False
    )
    eligibility_reason = text_field(
        "Eligibility decision",
        required=False,
        help_text="For sufficient interest: the reasons, and the child's views.",
    )
    matter_date = date_field(
        "When the matter happened", required=False, help_text="Optional. For example, 1 3 2024"
    )
    late_discretion = yes_no_field(
        "Made more than 12 months after the matter: will it be considered?", required=False
    )
    late_discretion_reason = text_field("Reasons for the decision on discretion", required=False)

    #: Asked only of a statutory complaint: who may make one, and whether a late one is
    #: considered.
    STATUTORY_ONLY = (
        "eligible",
        "eligibility_reason",
        "matter_date",
        "late_discretion",
        "late_discretion_reason",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        months = statutory_timescales().late_complaint_months
        before = long_date(add_months(self.contact.received, -months))
        self.fields["late_discretion"].label = (
            f"Only if the matter happened before {before}, more than {months} months before "
            "the complaint: will it be considered?"
        )

    def layout_fields(self) -> list[Any]:
        return [
            Field("version"),
            reveal_radios(self, "route", {Route.STATUTORY.value: list(self.STATUTORY_ONLY)}),
            Field.textarea("reason"),
            Field("on"),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("route") and data["route"] != Route.STATUTORY:
            # Answers typed under the statutory choice before another was chosen are not
            # the case's: they were hidden when it was chosen.
            for name in self.STATUTORY_ONLY:
                data[name] = "" if name.endswith("reason") else None
        return data

    def act(self, by: User) -> None:
        d = self.cleaned_data
        services.triage_contact(
            self.contact,
            route=d["route"],
            reason=d["reason"],
            on=d["on"],
            eligible=d["eligible"],
            eligibility_reason=d["eligibility_reason"],
            matter_date=d["matter_date"],
            late_discretion=d["late_discretion"],
            late_discretion_reason=d["late_discretion_reason"],
            **self.base(by),
        )

    def said(self) -> str:
        route = Route(self.cleaned_data["route"])
        if route == Route.STATUTORY:
            return "Stage 1 started"
        label = str(route.label)
        # "a corporate complaint", but "MP enquiry" keeps its capitals.
        return f"Triaged as {label if label[:2].isupper() else label[0].lower() + label[1:]}"


class ResponseForm(CaseStepForm):
    submit_label = "Record the reply"
    on = date_field("Date of the reply")

    def act(self, by: User) -> None:
        services.record_response(self.contact, on=self.cleaned_data["on"], **self.base(by))


class WithdrawForm(CaseStepForm):
    submit_label = "Record the withdrawal"
    on = date_field("Date withdrawn or cancelled")
    reason = text_field("Reason")

    def act(self, by: User) -> None:
        d = self.cleaned_data
        services.withdraw_contact(self.contact, on=d["on"], reason=d["reason"], **self.base(by))


class ContactDetailsForm(ContactDetailsFields, CaseStepForm):
    submit_label = "Save the details"

    def __init__(self, *args: Any, contact: Contact, **kwargs: Any) -> None:
        categories = [link.category for link in contact.category_links.select_related("category")]
        kwargs.setdefault("initial", {}).update(
            {name: getattr(contact, name) for name in services.CONTACT_DETAILS},
            disability=yes_no_initial(contact.disability),
            best_fit=categories[0] if categories else None,
            categories=categories[1:],
        )
        super().__init__(*args, contact=contact, **kwargs)
        self.offer_choices(contact)

    def layout_fields(self) -> list[Any]:
        return [
            Field("version"),
            _heading("Who it is from"),
            *_fields(self, "complainant_role", "relationship"),
            *self.detail_sections(),
        ]

    def act(self, by: User) -> None:
        services.change_contact_details(self.contact, **self.details(), **self.base(by))


class AdvocacyForm(CaseStepForm):
    submit_label = "Save advocacy"
    advocate = yes_no_or_not_known("Does an advocate act for or support the child?")
    requested = yes_no_or_not_known("Did the child, young person or complainant ask for one?")
    offered = date_field(
        "Date advocacy was offered", required=False, help_text="Optional. For example, 3 5 2024"
    )
    accepted = yes_no_or_not_known("Was the offer accepted?")
    provider = forms.CharField(
        label="Who advocates (optional)",
        help_text="The advocacy service, charity or person.",
        required=False,
        max_length=200,
    )

    def __init__(self, *args: Any, contact: Contact, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update(
            advocate=yes_no_initial(contact.advocate),
            requested=yes_no_initial(contact.advocacy_requested),
            offered=contact.advocacy_offered,
            accepted=yes_no_initial(contact.advocacy_accepted),
            provider=contact.advocacy_provider,
        )
        super().__init__(*args, contact=contact, **kwargs)

    def act(self, by: User) -> None:
        d = self.cleaned_data
        services.record_advocacy(
            self.contact,
            advocate=d["advocate"],
            requested=d["requested"],
            offered=d["offered"],
            accepted=d["accepted"],
            provider=d["provider"],
            **self.base(by),
        )


class AttachmentForm(DocumentUpload, CaseStepForm):
    submit_label = "Add the document"
    document = document_field("Document", missing="Choose a file to add")
    description = forms.CharField(
        label="What it is (optional)",
        help_text="For example: complainant's letter of 3 May, investigation report.",
        required=False,
        max_length=200,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = limits_hint()

    def act(self, by: User) -> None:
        services.add_attachment(
            self.contact,
            upload=self.cleaned_data["document"],
            content_type=self.document_type,
            description=self.cleaned_data["description"],
            by=by,
        )


class AssignmentForm(CaseStepForm):
    submit_label = "Assign"
    user = StaffChoiceField(
        "Investigator",
        empty_label="Choose a person",
        error_messages={"required": "Choose the investigator"},
    )
    on = date_field("Date assigned")
    reason = text_field("Why they are assigned (optional)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An assignment changes who may see the case, not the case itself, so it needs no
        # version; two people assigning the same investigator at once meet a unique constraint.
        del self.fields["version"]
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))
        offer(self, "user", selectors.investigators_to_assign(self.contact))

    def act(self, by: User) -> None:
        d = self.cleaned_data
        services.assign_case(self.contact, user=d["user"], on=d["on"], reason=d["reason"], by=by)


class EndAppointmentForm(CaseStepForm):
    submit_label = "End the appointment"
    lead = (
        "They will no longer see this case, unless it is in their own service area. Their name "
        "stays in the stages they worked on. Assigning them again gives them access again."
    )
    user = StaffChoiceField(
        "Whose appointment ends",
        with_username=True,
        empty_label="Choose a person",
        error_messages={"required": "Choose whose appointment ends"},
    )
    on = date_field("Date the appointment ended")
    reason = text_field("Why it ended (optional)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Like an assignment, it changes who may see the case, not the case: no version.
        del self.fields["version"]
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))
        offer(self, "user", selectors.appointed_people(self.contact))

    def act(self, by: User) -> None:
        d = self.cleaned_data
        services.end_appointment(
            self.contact, user=d["user"], on=d["on"], reason=d["reason"], by=by
        )
