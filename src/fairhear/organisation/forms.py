from __future__ import annotations

from typing import Any

from crispy_forms_gds.layout import Field, Size
from django import forms

from fairhear.organisation import selectors
from fairhear.organisation.models import OrganisationUnit as Unit
from fairhear.organisation.models import ServiceArea
from fairhear.web.forms import DateField, GovUKForm, carry_version, offer


def unit_choice(
    model: type[Unit], label: str, *, empty_label: str, required: bool = False, **kwargs: Any
) -> forms.ModelChoiceField[Any]:
    """A choice of one service area or team (as `model` says). It offers none until the form
    offers some (`web.forms.offer`), since what is offered depends on the day and the record."""
    return forms.ModelChoiceField(
        queryset=model.objects.none(),
        label=label,
        empty_label=empty_label,
        required=required,
        **kwargs,
    )


class ServiceAreaForm(GovUKForm):
    submit_label = "Add service area"
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the name"}
    )
    started = DateField(
        label="Start date",
        required=False,
        help_text=(
            "The first day it ran. Leave empty if it has always existed. For example, 1 4 2024"
        ),
    )

    def layout_fields(self) -> list[Any]:
        return [Field.text("name"), Field("started")]


class TeamForm(ServiceAreaForm):
    submit_label = "Add team"
    field_order = ["service_area", "name", "started"]
    service_area = unit_choice(
        ServiceArea,
        "Service area",
        empty_label="Choose a service area",
        required=True,
        error_messages={"required": "Choose the service area the team belongs to"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self, "service_area", selectors.service_areas_offered())

    def layout_fields(self) -> list[Any]:
        return [Field.select("service_area"), *super().layout_fields()]


class CorrectNameForm(GovUKForm):
    submit_label = "Correct the name"
    name = forms.CharField(
        label="Correct name",
        max_length=200,
        help_text="Only to put right a misspelling: the new name is used for every year.",
        error_messages={"required": "Enter the correct name"},
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})["name"] = unit.name
        super().__init__(*args, **kwargs)
        carry_version(self, unit)

    def layout_fields(self) -> list[Any]:
        return [Field.text("name", label_size=Size.MEDIUM)]


class RenameForm(GovUKForm):
    submit_label = "Rename"
    name = forms.CharField(
        label="New name", max_length=200, error_messages={"required": "Enter the new name"}
    )
    from_day = DateField(
        label="Date of the new name",
        required=True,
        help_text="The first day it is known by the new name. For example, 1 4 2024",
    )


class EndForm(GovUKForm):
    submit_label = "End it"
    last_day = DateField(label="Last day", required=True, help_text="For example, 31 3 2024")
    # A service area's or a team's, as the unit is.
    successor = unit_choice(ServiceArea, "Who took over its work (optional)", empty_label="No one")

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self, "successor", selectors.successors_for(unit))

    def layout_fields(self) -> list[Any]:
        return [Field("last_day"), Field.select("successor")]


class MergeForm(GovUKForm):
    submit_label = "Merge"
    units = forms.ModelMultipleChoiceField(
        queryset=ServiceArea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Which ones are merging",
        error_messages={"required": "Choose at least one to merge"},
    )
    into = unit_choice(
        ServiceArea,
        "What they merge into",
        empty_label="Choose one",
        required=True,
        error_messages={"required": "Choose what they merge into"},
    )
    last_day = DateField(
        label="Last day before the merger", required=True, help_text="For example, 31 3 2024"
    )

    def __init__(self, *args: Any, model: type[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("units", "into"):
            offer(self, name, selectors.running_on(model))

    def layout_fields(self) -> list[Any]:
        return [Field.checkboxes("units"), Field.select("into"), Field("last_day")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("into") is not None and data["into"] in data.get("units", []):
            self.add_error("units", "Do not tick the one they merge into")
        return data
