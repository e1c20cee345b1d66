"""Ombudsman enquiries and their steps, about a case or not."""

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.models import User

from fairhear.casework import selectors, services
from fairhear.casework.codes import LgscoDecision, LgscoRemedy
from fairhear.casework.forms.base import (
    CaseStepForm,
    choose_one,
    date_field,
    text_field,
    yes_no_field,
)
from fairhear.casework.models import OmbudsmanCase
from fairhear.organisation.forms import unit_choice
from fairhear.organisation.models import ServiceArea, Team
from fairhear.organisation.selectors import service_areas_offered, teams_offered
from fairhear.web.forms import GovUKForm, carry_version, offer


class OmbudsmanEnquiryFields(forms.Form):
    """What an Ombudsman enquiry says, whether it is about a case or not."""

    lgsco_reference = forms.CharField(
        label="Ombudsman's reference",
        max_length=50,
        error_messages={"required": "Enter the Ombudsman's reference"},
    )
    received = date_field("Date the enquiry arrived")
    enquiry_due = date_field(
        "Reply due by",
        required=False,
        help_text="Leave empty for 28 calendar days after the enquiry arrived.",
    )
    summary = text_field("Summary", required=False)


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


class UnlinkedOmbudsmanForm(GovUKForm, OmbudsmanEnquiryFields):
    """An Ombudsman enquiry about no case recorded here (say, one from before Fairhear)."""

    submit_label = "Record the enquiry"
    field_order = ["lgsco_reference", "received", "enquiry_due", "service_area", "team"]
    service_area = unit_choice(ServiceArea, "Service area (optional)", empty_label="Not known")
    team = unit_choice(
        Team,
        "Team (optional)",
        help_text="The service area is the team's when only the team is chosen.",
        empty_label="Not known",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self, "service_area", service_areas_offered())
        offer(self, "team", teams_offered(by_service_area=True))

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
        carry_version(self, case)

    def act(self, by: User) -> None:
        """Call the step's service (each step form says which)."""
        raise NotImplementedError(type(self).__name__)

    @property
    def version(self) -> str:
        return str(self.cleaned_data["version"])


class OmbudsmanReplyForm(OmbudsmanStepForm):
    submit_label = "Record the reply"
    on = date_field("Date the council replied")

    def act(self, by: User) -> None:
        services.record_ombudsman_reply(
            self.case, on=self.cleaned_data["on"], by=by, version=self.version
        )


class OmbudsmanDecisionForm(OmbudsmanStepForm):
    submit_label = "Record the decision"
    on = date_field("Date of the decision")
    decision = choose_one(
        "The Ombudsman's decision", LgscoDecision.choices, missing="Choose the Ombudsman's decision"
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
    satisfactory_remedy_by_council = yes_no_field(
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
            version=self.version,
        )


class OmbudsmanComplianceForm(OmbudsmanStepForm):
    submit_label = "Record compliance"
    complied = yes_no_field("Did the council carry out the Ombudsman's recommendations?")

    def __init__(self, *args: Any, case: OmbudsmanCase, **kwargs: Any) -> None:
        # A correction starts from the answer already recorded.
        if case.complied is not None:
            kwargs.setdefault("initial", {})["complied"] = "yes" if case.complied else "no"
        super().__init__(*args, case=case, **kwargs)

    def act(self, by: User) -> None:
        services.record_ombudsman_compliance(
            self.case, complied=self.cleaned_data["complied"], by=by, version=self.version
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
        self.case = services.link_ombudsman_case(
            self.case, contact=contact, by=by, version=self.version
        )
