"""Compliments: recorded, corrected, or made from a contact that turns out to be praise."""

from typing import Any

from django import forms
from django.contrib.auth.models import User

from fairhear.casework import services
from fairhear.casework.codes import ComplimentSource
from fairhear.casework.forms.base import (
    CaseStepForm,
    date_field,
    text_field,
    yes_no_field,
    yes_no_initial,
)
from fairhear.casework.forms.lists import list_at_year
from fairhear.casework.models import Compliment, Contact
from fairhear.core.dates import long_date
from fairhear.organisation.forms import unit_choice
from fairhear.organisation.models import ServiceArea, Team
from fairhear.organisation.selectors import service_areas_offered, teams_offered
from fairhear.web.forms import GovUKForm, carry_version, offer


class ComplimentForm(GovUKForm):
    submit_label = "Record the compliment"
    received = date_field("Date received")
    team = unit_choice(Team, "Team complimented", empty_label="Not one team")
    service_area = unit_choice(
        ServiceArea, "Service area (when not one team)", empty_label="Not known"
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
    text = text_field("What they said", required=False)
    publish = yes_no_field("Did they agree to it being published?", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self, "team", teams_offered())
        offer(self, "service_area", service_areas_offered())

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
            internal=yes_no_initial(compliment.internal),
            text=compliment.text,
            publish=yes_no_initial(compliment.publish),
        )
        super().__init__(*args, **kwargs)
        # What runs today, and what the compliment names already (perhaps ended since).
        offer(self, "team", teams_offered(keeping=compliment.team_id))
        offer(self, "service_area", service_areas_offered(keeping=compliment.service_area_id))
        carry_version(self, compliment)

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
