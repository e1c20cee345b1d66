"""The casework forms. Each step form knows which service it calls (`act`), so views stay thin.

Every form that changes a contact carries the version the user saw, for optimistic locking.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from fairhear.accounts.roles import Role
from fairhear.casework import selectors, services
from fairhear.casework.codes import (
    DECIDED_OUTCOMES,
    ActionKind,
    AgeBand,
    Channel,
    ChildStatus,
    ComplainantRole,
    ComplimentSource,
    CostKind,
    LgscoDecision,
    LgscoRemedy,
    Route,
)
from fairhear.casework.documents import check_upload, limits_hint
from fairhear.casework.models import (
    Category,
    Compliment,
    Contact,
    Cost,
    LearningAction,
    OmbudsmanCase,
    Person,
    Practitioner,
)
from fairhear.core.dates import long_date
from fairhear.core.procedure import DeclineReason
from fairhear.core.report import financial_year_of, year_label
from fairhear.organisation.models import ServiceArea, Team
from fairhear.organisation.selectors import running_on
from fairhear.web.forms import DateField, FilterForm, GovUKForm

OUTCOME_CHOICES = [(o.value, o.label) for o in DECIDED_OUTCOMES]
YES_NO = [("yes", "Yes"), ("no", "No")]


def _date(label: str, *, required: bool = True, help_text: str = "") -> DateField:
    return DateField(
        label=label, required=required, help_text=help_text or "For example, 27 3 2024"
    )


def _text(
    label: str, *, required: bool = True, help_text: str = "", missing: str = ""
) -> forms.CharField:
    """A text box; `missing` is its message when left empty, for a label that "Enter the …"
    does not read well with."""
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": missing or f"Enter the {label.lower()}"},
    )


def _yes_no(label: str, *, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": f"Answer: {label.rstrip('?').lower()}?"},
        empty_value=None,
    )


class DocumentUpload(forms.Form):
    """A form with a `document` file field: refused if too big or of a kind not accepted,
    and its checked content type kept for the service."""

    document_type = ""

    def clean_document(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("document")
        if upload is not None:
            self.document_type = check_upload(upload)
        return upload


class CaseStepForm(GovUKForm):
    """A step on one case: carries the case version and calls one service."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, contact: Contact, **kwargs: Any) -> None:
        self.contact = contact
        kwargs.setdefault("initial", {})["version"] = contact.version
        super().__init__(*args, **kwargs)

    def act(self, by: User) -> None:
        """Call the step's service (each step form says which)."""
        raise NotImplementedError(type(self).__name__)

    def base(self, by: User) -> dict[str, Any]:
        return {"version": self.cleaned_data["version"], "by": by}

    #: Said above the form when the step needs explaining.
    lead = ""

    def done(self) -> tuple[str, str] | None:
        """Where to go once the step is saved and what to say there, for a step that cannot
        return to the case page with "saved" (None: it can)."""
        return None


# ------------------------------------------------------------------------------ log a contact


def _yes_no_initial(value: bool | None) -> str:
    if value is None:
        return ""
    return "yes" if value else "no"


def _yes_no_not_known(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("yes", "Yes"), ("no", "No"), ("", "Not known")],
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class ContactDetailsFields(forms.Form):
    """What a contact is about and who it concerns: asked when logging it, correctable later.

    The categories are asked as the best fit plus any others, because a set of ticked boxes
    has no order and the first category of a contact is the one reports count.
    """

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
    service_area = forms.ModelChoiceField(
        queryset=ServiceArea.objects.none(),
        label="Service area complained about",
        help_text="Leave as not known when you choose a team: the team says its service area.",
        required=False,
        empty_label="Not known yet",
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        label="Team complained about",
        required=False,
        empty_label="Not known yet",
    )
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
    summary = _text("Summary", required=False)
    desired_outcome = _text("What the complainant would like to happen", required=False)
    age_band = forms.ChoiceField(
        label="Age of the child or young person (optional)",
        choices=[("", "Not known"), *AgeBand.choices],
        required=False,
    )
    gender = forms.CharField(label="Gender (optional)", required=False, max_length=100)
    ethnicity = forms.CharField(label="Ethnicity (optional)", required=False, max_length=200)
    disability = _yes_no_not_known("Does the child or young person have a disability?")

    def offer_choices(self, contact: Contact | None = None) -> None:
        """Offer what is running and active today, and whatever the contact already has."""
        areas = Q(pk__in=running_on(ServiceArea).values("pk"))
        teams = Q(pk__in=running_on(Team).values("pk"))
        categories = Q(active=True)
        if contact is not None:
            areas |= Q(pk=contact.service_area_id)
            teams |= Q(pk=contact.team_id)
            categories |= Q(contact_links__contact=contact)
        self.fields["service_area"].queryset = ServiceArea.objects.filter(areas).order_by("name")  # type: ignore[attr-defined]
        self.fields["team"].queryset = (  # type: ignore[attr-defined]
            Team.objects.filter(teams)
            .select_related("service_area")
            .order_by("service_area__name", "name")
        )
        chosen = Category.objects.filter(categories).distinct().order_by("name")
        self.fields["best_fit"].queryset = chosen  # type: ignore[attr-defined]
        self.fields["categories"].queryset = chosen  # type: ignore[attr-defined]

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

    def details(self) -> dict[str, Any]:
        """The cleaned answers, as the casework services take them."""
        d = self.cleaned_data
        return {
            "categories": d["ordered_categories"],
            **{name: d[name] for name in services.CONTACT_DETAILS},
        }


class LogContactForm(DocumentUpload, ContactDetailsFields, GovUKForm):
    submit_label = "Log the contact"
    field_order = [
        "received",
        "channel",
        "name",
        "email",
        "phone",
        "person",
        "complainant_role",
        "relationship",
        "child_name",
        "child_status",
        "service_area",
        "team",
        "best_fit",
        "categories",
        "summary",
        "desired_outcome",
        "advocate",
        "advocacy_requested",
        "call_back_requested",
        "document",
    ]
    received = _date("Date received")
    channel = forms.ChoiceField(
        label="How it arrived",
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the contact arrived"},
    )
    name = forms.CharField(label="Complainant's name", required=False, max_length=200)
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    phone = forms.CharField(label="Phone number", required=False, max_length=50)
    person = forms.ChoiceField(
        label="Is this someone already recorded?",
        required=False,
        widget=forms.RadioSelect,
    )
    advocate = _yes_no_not_known("Does an advocate act for or support the child?")
    advocacy_requested = _yes_no_not_known("Did they ask for an advocate?")
    call_back_requested = forms.BooleanField(label="They asked us to phone them", required=False)
    document = forms.FileField(
        label="A document sent with the contact (optional)",
        required=False,
        error_messages={"empty": "The selected file is empty"},
    )

    def __init__(self, *args: Any, duplicates: list[Person] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_choices()
        self.duplicates = duplicates or []
        if self.duplicates:
            choices = [
                (str(p.pk), f"{p.name or p.key}, {p.email or 'no email'}, {p.phone or 'no phone'}")
                for p in self.duplicates
            ]
            self.fields["person"].choices = [*choices, ("new", "No, someone new")]  # type: ignore[attr-defined]
            self.fields["person"].required = True
            self.fields["person"].error_messages["required"] = (
                "Choose whether the complainant is one of the people already recorded"
            )
        else:
            del self.fields["person"]
            self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def clean_received(self) -> date:
        received: date = self.cleaned_data["received"]
        if received > date.today():
            raise forms.ValidationError("The date received cannot be in the future")
        return received


class TriageForm(CaseStepForm):
    submit_label = "Save the triage"
    route = forms.ChoiceField(
        label="How will it be handled?",
        choices=Route.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the contact will be handled"},
    )
    reason = _text("Reason for this route")
    on = _date("Date of the triage decision")
    eligible = _yes_no("Is the complainant eligible to make a statutory complaint?", required=False)
    eligibility_reason = _text(
        "Eligibility decision",
        required=False,
        help_text="For sufficient interest: the reasons, and the child's views.",
    )
    matter_date = _date(
        "When the matter happened", required=False, help_text="Optional. For example, 1 3 2024"
    )
    late_discretion = _yes_no(
        "Made more than 12 months after the matter: will it be considered?", required=False
    )
    late_discretion_reason = _text("Reasons for the decision on discretion", required=False)

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


class ResponseForm(CaseStepForm):
    submit_label = "Record the reply"
    on = _date("Date of the reply")

    def act(self, by: User) -> None:
        services.record_response(self.contact, on=self.cleaned_data["on"], **self.base(by))


class WithdrawForm(CaseStepForm):
    submit_label = "Record the withdrawal"
    on = _date("Date withdrawn or cancelled")
    reason = _text("Reason")

    def act(self, by: User) -> None:
        d = self.cleaned_data
        services.withdraw_contact(self.contact, on=d["on"], reason=d["reason"], **self.base(by))


class ContactDetailsForm(ContactDetailsFields, CaseStepForm):
    submit_label = "Save the details"

    def __init__(self, *args: Any, contact: Contact, **kwargs: Any) -> None:
        categories = [link.category for link in contact.category_links.select_related("category")]
        kwargs.setdefault("initial", {}).update(
            {name: getattr(contact, name) for name in services.CONTACT_DETAILS},
            disability=_yes_no_initial(contact.disability),
            best_fit=categories[0] if categories else None,
            categories=categories[1:],
        )
        super().__init__(*args, contact=contact, **kwargs)
        self.offer_choices(contact)

    def act(self, by: User) -> None:
        services.change_contact_details(self.contact, **self.details(), **self.base(by))


class AdvocacyForm(CaseStepForm):
    submit_label = "Save advocacy"
    advocate = _yes_no_not_known("Does an advocate act for or support the child?")
    requested = _yes_no_not_known("Did the child, young person or complainant ask for one?")
    offered = _date(
        "Date advocacy was offered", required=False, help_text="Optional. For example, 3 5 2024"
    )
    accepted = _yes_no_not_known("Was the offer accepted?")
    provider = forms.CharField(
        label="Who advocates (optional)",
        help_text="The advocacy service, charity or person.",
        required=False,
        max_length=200,
    )

    def __init__(self, *args: Any, contact: Contact, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update(
            advocate=_yes_no_initial(contact.advocate),
            requested=_yes_no_initial(contact.advocacy_requested),
            offered=contact.advocacy_offered,
            accepted=_yes_no_initial(contact.advocacy_accepted),
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
    document = forms.FileField(
        label="Document",
        error_messages={
            "required": "Choose a file to add",
            "empty": "The selected file is empty",
        },
    )
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


class ManagerForm(CaseStepForm):
    """The manager responsible for a stage: at Stage 1 the one who replies; at Stages 2 and
    3 the one who sees the stage through and gets its reminders."""

    submit_label = "Assign"
    stage = 1
    manager = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Responsible manager",
        empty_label="Choose a manager",
        error_messages={"required": "Choose the responsible manager"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        managers = User.objects.filter(
            is_active=True, groups__name__in=[Role.SERVICE_MANAGER, Role.COMPLAINTS_MANAGER]
        )
        self.fields["manager"].queryset = managers.distinct().order_by("first_name", "username")  # type: ignore[attr-defined]
        self.fields["manager"].label_from_instance = (  # type: ignore[attr-defined]
            lambda user: user.get_full_name() or user.get_username()
        )

    def act(self, by: User) -> None:
        services.assign_responsible_manager(
            self.contact, manager=self.cleaned_data["manager"], stage=self.stage, **self.base(by)
        )


class StageTwoManagerForm(ManagerForm):
    stage = 2


class StageThreeManagerForm(ManagerForm):
    stage = 3


class ExtensionForm(CaseStepForm):
    submit_label = "Record the extension"
    stage = 1
    on = _date("Date of the extension")
    reason = _text("Why more time is needed", missing="Enter why more time is needed")
    complainant_told = forms.BooleanField(
        label="The complainant was told the new date",
        required=False,
    )
    complainant_agreed = forms.BooleanField(label="The complainant agreed", required=False)
    new_due = _date("New date given to the complainant", required=False)

    def act(self, by: User) -> None:
        d = self.cleaned_data
        extend = services.extend_stage_one if self.stage == 1 else services.extend_stage_two
        extend(
            self.contact,
            on=d["on"],
            reason=d["reason"],
            complainant_told=d["complainant_told"],
            complainant_agreed=d["complainant_agreed"],
            new_due=d["new_due"],
            **self.base(by),
        )

    def layout_fields(self) -> list[Any]:
        return [
            Field("version"),
            Field("on"),
            Field.textarea("reason"),
            Field.checkbox("complainant_told"),
            Field.checkbox("complainant_agreed"),
            Field("new_due"),
        ]


class StageTwoExtensionForm(ExtensionForm):
    stage = 2


class ReplyForm(CaseStepForm):
    """The reply of a stage: Stage 1 reply, Stage 2 adjudication, Stage 3 response."""

    submit_label = "Record the reply"
    stage = 1
    on = _date("Date the reply was sent")
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=OUTCOME_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome"},
    )
    what_was_done = _text("What was done", required=False)
    actions = forms.MultipleChoiceField(
        label="Things done or agreed",
        choices=ActionKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.categories = list(self.contact.categories.order_by("contact_links__position"))
        for category in self.categories:
            self.fields[f"category_{category.pk}"] = forms.ChoiceField(
                label=f"Outcome for {category.name}",
                choices=[("", "Not decided separately"), *OUTCOME_CHOICES],
                required=False,
            )
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def act(self, by: User) -> None:
        d = self.cleaned_data
        per_category = {
            c: d[f"category_{c.pk}"] for c in self.categories if d.get(f"category_{c.pk}")
        }
        common = {
            "on": d["on"],
            "outcome": d["outcome"],
            "category_outcomes": per_category,
            "what_was_done": d["what_was_done"],
            "actions": d["actions"],
            **self.base(by),
        }
        if self.stage == 1:
            services.reply_stage_one(self.contact, **common)
        elif self.stage == 2:
            services.adjudicate_stage_two(
                self.contact, adjudicating_officer=d["adjudicating_officer"], **common
            )
        else:
            services.respond_stage_three(self.contact, **common)


class AdjudicationForm(ReplyForm):
    submit_label = "Record the adjudication"
    stage = 2
    field_order = ["version", "on", "adjudicating_officer"]
    adjudicating_officer = forms.CharField(
        label="Adjudicating officer (optional)", required=False, max_length=200
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Named when the investigators were appointed, or first named here.
        stage = self.contact.stages.filter(number=2).first()
        if stage is not None:
            self.fields["adjudicating_officer"].initial = stage.adjudicating_officer


class AuthorityResponseForm(ReplyForm):
    submit_label = "Record the response"
    stage = 3


class RequestForm(CaseStepForm):
    submit_label = "Record the request"
    stage = 2
    on = _date("Date requested")
    discretion = forms.ChoiceField(
        label="If the request is out of time: the decision on discretion",
        choices=[
            ("", "Not needed: it is in time"),
            ("accept", "Consider it despite being late"),
            ("refuse", "Do not consider it"),
        ],
        required=False,
    )
    discretion_reason = _text("Reasons for the decision on discretion", required=False)

    def act(self, by: User) -> None:
        d = self.cleaned_data
        request = services.request_stage_two if self.stage == 2 else services.request_stage_three
        request(
            self.contact,
            on=d["on"],
            discretion_accepted={"accept": True, "refuse": False}.get(d["discretion"]),
            discretion_reason=d["discretion_reason"],
            **self.base(by),
        )


class StageThreeRequestForm(RequestForm):
    stage = 3


class DecisionForm(CaseStepForm):
    submit_label = "Record the decision"
    stage = 2
    decision = forms.ChoiceField(
        label="Decision on the request",
        choices=[("accept", "Accept"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to accept or decline the request"},
    )
    on = _date("Date of the decision")
    reason = forms.ChoiceField(
        label="Lawful reason to decline",
        choices=[
            ("", "Choose a reason"),
            *((str(r.value), r.label.capitalize()) for r in DeclineReason),
        ],
        required=False,
    )
    explanation = _text(
        "Why it is declined",
        required=False,
        help_text="The complainant is told this, and that they can go to the Ombudsman.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "decline" and not data.get("reason"):
            self.add_error("reason", "Choose the lawful reason to decline")
        return data

    def act(self, by: User) -> None:
        d = self.cleaned_data
        if d["decision"] == "accept":
            services.accept_request(self.contact, number=self.stage, on=d["on"], **self.base(by))
        else:
            services.decline_request(
                self.contact,
                number=self.stage,
                on=d["on"],
                reason=d["reason"],
                explanation=d["explanation"],
                **self.base(by),
            )


class StageThreeDecisionForm(DecisionForm):
    stage = 3


def _practitioners(**kwargs: Any) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(queryset=Practitioner.objects.all(), **kwargs)


class InvestigatorsForm(CaseStepForm):
    submit_label = "Appoint"
    investigating_officer = _practitioners(
        label="Investigating officer",
        empty_label="Choose a person",
        error_messages={"required": "Choose the investigating officer"},
    )
    independent_person = forms.ModelChoiceField(
        # Council staff and councillors cannot be independent; the service refuses them too.
        queryset=Practitioner.objects.filter(is_staff=False, is_councillor=False),
        label="Independent person",
        empty_label="Choose a person",
        error_messages={"required": "Choose the independent person"},
    )
    adjudicating_officer = forms.CharField(
        label="Adjudicating officer (optional)", required=False, max_length=200
    )

    def act(self, by: User) -> None:
        d = self.cleaned_data
        services.appoint_investigators(
            self.contact,
            investigating_officer=d["investigating_officer"],
            independent_person=d["independent_person"],
            adjudicating_officer=d["adjudicating_officer"],
            **self.base(by),
        )


class DatedStepForm(CaseStepForm):
    """A step that is only a date: the statement agreed, the report, the panel."""

    date_label = "Date"
    on = _date("Date")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Each step names its own date, in the label and in every error message.
        self.fields["on"] = _date(self.date_label)


class StatementForm(DatedStepForm):
    submit_label = "Record the statement"
    date_label = "Date the statement of complaint was agreed"

    def act(self, by: User) -> None:
        services.agree_statement_of_complaint(
            self.contact, on=self.cleaned_data["on"], **self.base(by)
        )


class InvestigationReportForm(DatedStepForm):
    submit_label = "Record the report"
    date_label = "Date of the investigation report"

    def act(self, by: User) -> None:
        services.record_investigation_report(
            self.contact, on=self.cleaned_data["on"], **self.base(by)
        )


class PanelHeldForm(DatedStepForm):
    submit_label = "Record the panel"
    date_label = "Date the review panel met"

    def act(self, by: User) -> None:
        services.hold_panel(self.contact, on=self.cleaned_data["on"], **self.base(by))


class ChairReportForm(DatedStepForm):
    submit_label = "Record the report"
    date_label = "Date of the chair's report"

    def act(self, by: User) -> None:
        services.record_chair_report(self.contact, on=self.cleaned_data["on"], **self.base(by))


class PanelForm(CaseStepForm):
    submit_label = "Save the panel"
    members = forms.ModelMultipleChoiceField(
        queryset=Practitioner.objects.all(),
        label="Panel members",
        help_text="Choose three independent people.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the three panel members"},
    )
    chair = _practitioners(
        label="Chair",
        empty_label="Choose the chair",
        error_messages={"required": "Choose the panel's chair"},
    )

    def act(self, by: User) -> None:
        d = self.cleaned_data
        services.convene_panel(
            self.contact, members=list(d["members"]), chair=d["chair"], **self.base(by)
        )


class OmbudsmanEnquiryFields(forms.Form):
    """What an Ombudsman enquiry says, whether it is about a case or not."""

    lgsco_reference = forms.CharField(
        label="Ombudsman's reference",
        max_length=50,
        error_messages={"required": "Enter the Ombudsman's reference"},
    )
    received = _date("Date the enquiry arrived")
    enquiry_due = _date(
        "Reply due by",
        required=False,
        help_text="Leave empty for 28 calendar days after the enquiry arrived.",
    )
    summary = _text("Summary", required=False)


class OmbudsmanCaseForm(CaseStepForm, OmbudsmanEnquiryFields):
    submit_label = "Record the enquiry"

    def act(self, by: User) -> None:
        d = self.cleaned_data
        services.record_ombudsman_case(
            contact=self.contact,
            lgsco_reference=d["lgsco_reference"],
            received=d["received"],
            enquiry_due=d["enquiry_due"],
            summary=d["summary"],
            **self.base(by),
        )


class CostFields(forms.Form):
    """What a cost was, whether of a case or general: its date, what for and how much."""

    on = _date("Date")
    kind = forms.ChoiceField(
        label="What it was for",
        choices=CostKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the cost was for"},
    )
    amount = forms.DecimalField(
        label="Amount in pounds",
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "required": "Enter the amount",
            "invalid": "Enter the amount as a number, like 1250.00",
            "min_value": "Enter an amount of more than £0",
        },
    )


class CostForm(CaseStepForm, CostFields):
    submit_label = "Add the cost"

    def act(self, by: User) -> None:
        d = self.cleaned_data
        services.add_cost(
            contact=self.contact, on=d["on"], kind=d["kind"], amount=d["amount"], by=by
        )


class LearningActionFields(forms.Form):
    """What a learning action is, whether about a case or not, and who owns it.

    An action has one owner, a service area or a team, so both are offered in one select,
    grouped, each coded as "area:<pk>" or "team:<pk>".
    """

    kind = forms.ChoiceField(
        label="Kind of action",
        choices=ActionKind.choices,
        error_messages={"required": "Choose the kind of action"},
    )
    description = _text(
        "The lesson and the action", missing="Describe the action and the lesson behind it"
    )
    owner = forms.ChoiceField(
        label="Who owns it",
        help_text="A service area, or one of its teams.",
        error_messages={
            "required": "Choose who owns the action",
            "invalid_choice": "Choose who owns the action from the list",
        },
    )
    due = _date("Due by", required=False)

    def __init__(self, *args: Any, action: LearningAction | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # What is running today, and whatever owns the action already (it may have ended).
        areas = Q(pk__in=running_on(ServiceArea).values("pk"))
        teams = Q(pk__in=running_on(Team).values("pk"))
        if action is not None:
            areas |= Q(pk=action.owner_service_area_id)
            teams |= Q(pk=action.owner_team_id)
        in_areas = ServiceArea.objects.filter(areas).order_by("name")
        in_teams = Team.objects.filter(teams).select_related("service_area").order_by("name")
        self.owners: dict[str, ServiceArea | Team] = {f"area:{a.pk}": a for a in in_areas}
        self.owners.update((f"team:{t.pk}", t) for t in in_teams)
        self.fields["owner"].choices = [  # type: ignore[attr-defined]
            ("", "Choose who owns it"),
            ("Service areas", [(f"area:{a.pk}", a.name) for a in in_areas]),
            ("Teams", [(f"team:{t.pk}", f"{t.name} ({t.service_area.name})") for t in in_teams]),
        ]

    def answers(self) -> dict[str, Any]:
        """The action as the services take it, its owner as a service area or a team."""
        d = self.cleaned_data
        owner = self.owners[d["owner"]]
        return {
            "kind": d["kind"],
            "description": d["description"],
            "owner_service_area": owner if isinstance(owner, ServiceArea) else None,
            "owner_team": owner if isinstance(owner, Team) else None,
            "due": d["due"],
        }


class LearningActionForm(CaseStepForm, LearningActionFields):
    submit_label = "Add the action"

    def act(self, by: User) -> None:
        services.add_learning_action(contact=self.contact, by=by, **self.answers())


class AssignmentForm(CaseStepForm):
    submit_label = "Assign"
    user = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Investigator",
        empty_label="Choose a person",
        error_messages={"required": "Choose the investigator"},
    )
    on = _date("Date assigned")
    reason = _text("Why they are assigned (optional)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An assignment changes who may see the case, not the case itself, so it needs no
        # version; two people assigning the same investigator at once meet a unique constraint.
        del self.fields["version"]
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))
        investigators = User.objects.filter(groups__name=Role.INVESTIGATOR, is_active=True)
        self.fields["user"].queryset = investigators.exclude(  # type: ignore[attr-defined]
            case_assignments__contact=self.contact
        ).order_by("first_name", "last_name", "username")
        self.fields["user"].label_from_instance = (  # type: ignore[attr-defined]
            lambda user: user.get_full_name() or user.get_username()
        )

    def act(self, by: User) -> None:
        d = self.cleaned_data
        services.assign_case(self.contact, user=d["user"], on=d["on"], reason=d["reason"], by=by)


# ------------------------------------------------------------------ forms not about one case


class CompleteActionForm(GovUKForm):
    submit_label = "Mark as done"
    on = _date("Date completed")
    evidence = _text("Evidence that it was done")

    def act(self, action: LearningAction, by: User) -> None:
        services.complete_learning_action(
            action, on=self.cleaned_data["on"], evidence=self.cleaned_data["evidence"], by=by
        )


class GeneralActionForm(GovUKForm, LearningActionFields):
    """A learning action not about one case: from the Ombudsman or a general review."""

    submit_label = "Add the action"

    def act(self, by: User) -> LearningAction:
        return services.add_learning_action(by=by, **self.answers())


class ChangeActionForm(GovUKForm, LearningActionFields):
    submit_label = "Save the changes"

    def __init__(self, *args: Any, action: LearningAction, **kwargs: Any) -> None:
        self.action = action
        owner = ""  # a reply's action has none when its case had no service area
        if action.owner_team_id:
            owner = f"team:{action.owner_team_id}"
        elif action.owner_service_area_id:
            owner = f"area:{action.owner_service_area_id}"
        kwargs.setdefault("initial", {}).update(
            kind=action.kind, description=action.description, owner=owner, due=action.due
        )
        super().__init__(*args, action=action, **kwargs)

    def act(self, by: User) -> LearningAction:
        return services.change_learning_action(self.action, by=by, **self.answers())


class GeneralCostForm(GovUKForm, CostFields):
    """A cost of no one case, such as publicity for the complaints procedure."""

    submit_label = "Add the cost"

    def act(self, by: User) -> Cost:
        d = self.cleaned_data
        return services.add_cost(on=d["on"], kind=d["kind"], amount=d["amount"], by=by)


class CorrectCostForm(GovUKForm, CostFields):
    submit_label = "Correct the cost"

    def __init__(self, *args: Any, cost: Cost, **kwargs: Any) -> None:
        self.cost = cost
        kwargs.setdefault("initial", {}).update(on=cost.date, kind=cost.kind, amount=cost.amount)
        super().__init__(*args, **kwargs)

    def act(self, by: User) -> Cost:
        d = self.cleaned_data
        return services.correct_cost(
            self.cost, on=d["on"], kind=d["kind"], amount=d["amount"], by=by
        )


class FinancialYearForm(FilterForm):
    """A list's choice of financial year (1 April to 31 March), read from the query string;
    `years` are the years offered, newest first."""

    submit_label = "Show the year"
    year = forms.TypedChoiceField(
        label="Financial year",
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Choose a financial year from the list"},
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("year", years[0])
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year_label(year)) for year in years]  # type: ignore[attr-defined]


class UnlinkedOmbudsmanForm(GovUKForm, OmbudsmanEnquiryFields):
    """An Ombudsman enquiry about no case recorded here (say, one from before Fairhear)."""

    submit_label = "Record the enquiry"
    field_order = ["lgsco_reference", "received", "enquiry_due", "service_area", "team"]
    service_area = forms.ModelChoiceField(
        queryset=ServiceArea.objects.none(),
        label="Service area (optional)",
        required=False,
        empty_label="Not known",
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        label="Team (optional)",
        help_text="The service area is the team's when only the team is chosen.",
        required=False,
        empty_label="Not known",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_area"].queryset = running_on(ServiceArea).order_by("name")  # type: ignore[attr-defined]
        teams = running_on(Team).select_related("service_area")
        self.fields["team"].queryset = teams.order_by("service_area__name", "name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        area, team = data.get("service_area"), data.get("team")
        if area and team and team.service_area_id != area.pk:
            self.add_error("team", f"{team.name} is not in {area.name}: choose one of its teams")
        return data

    def act(self, by: User) -> OmbudsmanCase:
        d = self.cleaned_data
        return services.record_ombudsman_case(
            lgsco_reference=d["lgsco_reference"],
            received=d["received"],
            enquiry_due=d["enquiry_due"],
            service_area=d["service_area"],
            team=d["team"],
            summary=d["summary"],
            by=by,
        )


class OmbudsmanStepForm(GovUKForm):
    """A step on one Ombudsman case, linked to a case or not: calls one service."""

    def __init__(self, *args: Any, case: OmbudsmanCase, **kwargs: Any) -> None:
        self.case = case
        super().__init__(*args, **kwargs)

    def act(self, by: User) -> None:
        """Call the step's service (each step form says which)."""
        raise NotImplementedError(type(self).__name__)


class OmbudsmanReplyForm(OmbudsmanStepForm):
    submit_label = "Record the reply"
    on = _date("Date the council replied")

    def act(self, by: User) -> None:
        services.record_ombudsman_reply(self.case, on=self.cleaned_data["on"], by=by)


class OmbudsmanDecisionForm(OmbudsmanStepForm):
    submit_label = "Record the decision"
    on = _date("Date of the decision")
    decision = forms.ChoiceField(
        label="The Ombudsman's decision",
        choices=LgscoDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the Ombudsman's decision"},
    )
    remedies = forms.MultipleChoiceField(
        label="Remedies asked for",
        choices=LgscoRemedy.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    financial_remedy = forms.DecimalField(
        label="Financial remedy in pounds (optional)",
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        error_messages={
            "invalid": "Enter the financial remedy as a number, like 250.00",
            "min_value": "The financial remedy cannot be less than £0",
        },
    )
    satisfactory_remedy_by_council = _yes_no(
        "Did the Ombudsman find the council had already offered a satisfactory remedy?",
        required=False,
    )

    def act(self, by: User) -> None:
        d = self.cleaned_data
        services.record_ombudsman_decision(
            self.case,
            on=d["on"],
            decision=d["decision"],
            remedies=d["remedies"],
            financial_remedy=d["financial_remedy"],
            satisfactory_remedy_by_council=d["satisfactory_remedy_by_council"],
            by=by,
        )


class OmbudsmanComplianceForm(OmbudsmanStepForm):
    submit_label = "Record compliance"
    complied = _yes_no("Did the council carry out the Ombudsman's recommendations?")

    def __init__(self, *args: Any, case: OmbudsmanCase, **kwargs: Any) -> None:
        # A correction starts from the answer already recorded.
        if case.complied is not None:
            kwargs.setdefault("initial", {})["complied"] = "yes" if case.complied else "no"
        super().__init__(*args, case=case, **kwargs)

    def act(self, by: User) -> None:
        services.record_ombudsman_compliance(
            self.case, complied=self.cleaned_data["complied"], by=by
        )


class OmbudsmanLinkForm(OmbudsmanStepForm):
    """The case an Ombudsman case is about, found by its reference; a link to the wrong case
    is corrected the same way."""

    submit_label = "Link to the case"
    reference = forms.CharField(
        label="Case reference",
        max_length=40,
        help_text="For example, C-2024-0001",
        error_messages={"required": "Enter the reference of the case"},
    )

    def __init__(self, *args: Any, case: OmbudsmanCase, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case.contact is not None:
            linked = case.contact.reference
            self.fields["reference"].help_text = f"Linked to {linked} now. For example, C-2024-0001"

    def clean_reference(self) -> str:
        # References are shown in capitals; one typed in small letters or with spaces is the same.
        return "".join(self.cleaned_data["reference"].split()).upper()

    def act(self, by: User) -> None:
        reference = self.cleaned_data["reference"]
        contact = selectors.cases_visible_to(by).filter(reference=reference).first()
        if contact is None:
            raise services.CaseworkError(
                f"There is no case {reference}: check the reference, like C-2024-0001."
            )
        # The view returns to where the case is now worked on, so it reads the updated case.
        self.case = services.link_ombudsman_case(self.case, contact=contact, by=by)


class ComplimentForm(GovUKForm):
    submit_label = "Record the compliment"
    received = _date("Date received")
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        label="Team complimented",
        required=False,
        empty_label="Not one team",
    )
    service_area = forms.ModelChoiceField(
        queryset=ServiceArea.objects.none(),
        label="Service area (when not one team)",
        required=False,
        empty_label="Not known",
    )
    source = forms.ChoiceField(
        label="Who sent it", choices=[("", "Not known"), *ComplimentSource.choices], required=False
    )
    internal = forms.TypedChoiceField(
        label="Where it came from",
        choices=[("no", "From outside the council"), ("yes", "From inside the council")],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    text = _text("What they said", required=False)
    publish = _yes_no("Did they agree to it being published?", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = running_on(Team).order_by("name")  # type: ignore[attr-defined]
        self.fields["service_area"].queryset = running_on(ServiceArea).order_by("name")  # type: ignore[attr-defined]

    def act(self, by: User) -> None:
        d = self.cleaned_data
        services.record_compliment(
            received=d["received"],
            team=d["team"],
            service_area=d["service_area"],
            source=d["source"],
            internal=d["internal"],
            text=d["text"],
            publish=d["publish"],
            by=by,
        )


class CorrectComplimentForm(ComplimentForm):
    """Every detail of a recorded compliment, starting from what it says now."""

    submit_label = "Save the correction"

    def __init__(self, *args: Any, compliment: Compliment, **kwargs: Any) -> None:
        self.compliment = compliment
        kwargs.setdefault("initial", {}).update(
            received=compliment.received,
            team=compliment.team_id,
            # The service area is asked only when the compliment is not about one team.
            service_area=None if compliment.team_id else compliment.service_area_id,
            source=compliment.source,
            internal=_yes_no_initial(compliment.internal),
            text=compliment.text,
            publish=_yes_no_initial(compliment.publish),
        )
        super().__init__(*args, **kwargs)
        # What runs today, and what the compliment names already (perhaps ended since).
        teams = Q(pk__in=running_on(Team).values("pk")) | Q(pk=compliment.team_id)
        areas = Q(pk__in=running_on(ServiceArea).values("pk")) | Q(pk=compliment.service_area_id)
        self.fields["team"].queryset = Team.objects.filter(teams).order_by("name")  # type: ignore[attr-defined]
        self.fields["service_area"].queryset = ServiceArea.objects.filter(areas).order_by("name")  # type: ignore[attr-defined]

    def act(self, by: User) -> None:
        services.correct_compliment(self.compliment, by=by, **self.cleaned_data)


class ComplimentInsteadForm(CaseStepForm):
    """A contact awaiting triage that turns out to be praise: it becomes a compliment."""

    submit_label = "Record as a compliment"
    # The same questions as on the page that records a compliment.
    source = ComplimentForm.base_fields["source"]
    internal = ComplimentForm.base_fields["internal"]
    publish = ComplimentForm.base_fields["publish"]

    def __init__(self, *args: Any, contact: Contact, **kwargs: Any) -> None:
        super().__init__(*args, contact=contact, **kwargs)
        self.lead = (
            f"A compliment is recorded with the date received ({long_date(contact.received)}), "
            f"service area, team and summary of {contact.reference}, and the contact is "
            "removed. The audit log keeps what the contact held, and its reference is never "
            "used again."
        )

    def act(self, by: User) -> None:
        d = self.cleaned_data
        self.compliment = services.record_contact_as_compliment(
            self.contact,
            source=d["source"],
            internal=d["internal"],
            publish=d["publish"],
            **self.base(by),
        )

    def done(self) -> tuple[str, str]:
        return (
            list_at_year("casework:compliments", self.compliment.received),
            f"{self.contact.reference} was recorded as a compliment and removed from the "
            "cases. Its reference is not used again.",
        )


def list_at_year(url_name: str, day: date) -> str:
    """A list by financial year (compliments, costs) at the year that holds `day`."""
    return f"{reverse(url_name)}?{urlencode({'year': financial_year_of(day)})}"


class ComplimentFilterForm(FinancialYearForm):
    """The compliments list's financial year and service area, read from the query string."""

    submit_label = "Show compliments"
    service_area = forms.ModelChoiceField(
        queryset=ServiceArea.objects.none(),
        label="Service area",
        required=False,
        empty_label="Any",
        error_messages={"invalid_choice": "Choose a service area from the list"},
    )

    def __init__(self, *args: Any, areas: QuerySet[ServiceArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_area"].queryset = areas  # type: ignore[attr-defined]


def _day_filter(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text="For example, 1/4/2024",
        error_messages={"invalid": f"Enter the date for “{label.lower()}” like 1/4/2024"},
    )


class CaseFilterForm(FilterForm):
    """The case list's filters, read from the query string."""

    submit_label = "Apply filters"

    q = forms.CharField(label="Reference, name or words", required=False)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[
            ("", "Any"),
            ("open", "Open"),
            ("awaiting_triage", "Awaiting triage"),
            ("due_this_week", "Due this week"),
            ("overdue", "Overdue"),
            ("closed", "Closed"),
            ("withdrawn", "Withdrawn"),
        ],
    )
    stage = forms.ChoiceField(
        label="Stage",
        required=False,
        choices=[("", "Any"), ("1", "Stage 1"), ("2", "Stage 2"), ("3", "Stage 3")],
    )
    route = forms.ChoiceField(
        label="Route",
        required=False,
        choices=[("", "Any"), *Route.choices, ("enquiries", "Member or MP enquiry")],
    )
    channel = forms.ChoiceField(
        label="How it came in", required=False, choices=[("", "Any"), *Channel.choices]
    )
    service_area = forms.ModelChoiceField(
        queryset=ServiceArea.objects.none(), required=False, label="Service area", empty_label="Any"
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(), required=False, label="Team", empty_label="Any"
    )
    category = forms.ModelChoiceField(
        queryset=Category.objects.none(), required=False, label="Category", empty_label="Any"
    )
    manager = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="Responsible manager", empty_label="Any"
    )
    received_from = _day_filter("Received from")
    received_to = _day_filter("Received to")
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("-received", "Newest first"),
            ("received", "Oldest first"),
            ("due", "Due date"),
            ("reference", "Reference"),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_area"].queryset = ServiceArea.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["team"].queryset = Team.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["category"].queryset = Category.objects.all()  # type: ignore[attr-defined]
        managers = User.objects.filter(
            groups__name__in=[Role.SERVICE_MANAGER, Role.COMPLAINTS_MANAGER]
        ).distinct()
        self.fields["manager"].queryset = managers.order_by("first_name", "username")  # type: ignore[attr-defined]
        self.fields["manager"].label_from_instance = (  # type: ignore[attr-defined]
            lambda user: user.get_full_name() or user.get_username()
        )


class ViewLogFilterForm(FilterForm):
    """The view log's filters, read from the query string."""

    submit_label = "Apply filters"

    viewer = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="Who", empty_label="Anyone"
    )
    viewed_from = _day_filter("Viewed from")
    viewed_to = _day_filter("Viewed to")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Everyone who has ever signed in, so a departed colleague's views can still be found.
        staff = User.objects.filter(last_login__isnull=False)
        self.fields["viewer"].queryset = staff.order_by("first_name", "last_name", "username")  # type: ignore[attr-defined]
        self.fields["viewer"].label_from_instance = (  # type: ignore[attr-defined]
            lambda user: f"{user.get_full_name() or user.get_username()} ({user.get_username()})"
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("viewed_from"), cleaned.get("viewed_to")
        if start and end and end < start:
            self.add_error("viewed_to", "“Viewed to” must be the same as or after “viewed from”")
        return cleaned


# ------------------------------------------------------------------- the council's lists


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

    def act(self, by: User) -> Category:
        if self.category is None:
            return services.add_category(name=self.cleaned_data["name"], by=by)
        return services.rename_category(self.category, name=self.cleaned_data["name"], by=by)


class PractitionerForm(GovUKForm):
    submit_label = "Save"
    name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter the person's name"}
    )
    organisation = forms.CharField(label="Organisation (optional)", required=False, max_length=200)
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    is_staff = forms.BooleanField(
        label="Works for the council (so cannot be the independent person)", required=False
    )
    is_councillor = forms.BooleanField(label="Is a councillor", required=False)
    user = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Their Fairhear sign-in (optional)",
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
        # Staff with a role; the sign-in already on this record stays offered if deactivated.
        staff = User.objects.filter(groups__isnull=False, is_active=True)
        if practitioner is not None and practitioner.user_id is not None:
            staff = staff | User.objects.filter(pk=practitioner.user_id)
        self.fields["user"].queryset = staff.distinct().order_by(  # type: ignore[attr-defined]
            "first_name", "last_name", "username"
        )
        self.fields["user"].label_from_instance = (  # type: ignore[attr-defined]
            lambda user: f"{user.get_full_name() or user.get_username()} ({user.get_username()})"
        )

    def act(self, by: User) -> Practitioner:
        return services.record_practitioner(
            practitioner=self.practitioner, by=by, **self.cleaned_data
        )
