"""Learning actions, about a case or not."""

from typing import Any

from django import forms
from django.contrib.auth.models import User

from fairhear.casework import services
from fairhear.casework.codes import ActionKind
from fairhear.casework.forms.base import CaseStepForm, date_field, text_field
from fairhear.casework.models import LearningAction
from fairhear.organisation.models import ServiceArea, Team
from fairhear.organisation.selectors import service_areas_offered, teams_offered
from fairhear.web.forms import GovUKForm, carry_version, offer


class LearningActionFields(forms.Form):
    """What a learning action is, whether about a case or not, and who owns it.

    An action has one owner, a service area or a team, so both are offered in one select,
    grouped, each coded as "area:<pk>" or "team:<pk>".
    """

    kind = forms.ChoiceField(
        label="Kind of action",
        # No kind is chosen for the user: an action left as the first kind would be
        # counted under it in the reports.
        choices=[("", "Choose the kind of action"), *ActionKind.choices],
        error_messages={"required": "Choose the kind of action"},
    )
    description = text_field(
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
    due = date_field("Due by", required=False)

    def __init__(self, *args: Any, action: LearningAction | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # What is running today, and whatever owns the action already (it may have ended).
        areas = service_areas_offered(keeping=action.owner_service_area_id if action else None)
        teams = teams_offered(keeping=action.owner_team_id if action else None)
        self.owners: dict[str, ServiceArea | Team] = {f"area:{a.pk}": a for a in areas}
        self.owners.update((f"team:{t.pk}", t) for t in teams)
        offer(
            self,
            "owner",
            [
                ("", "Choose who owns it"),
                ("Service areas", [(f"area:{a.pk}", a.name) for a in areas]),
                ("Teams", [(f"team:{t.pk}", f"{t.name} ({t.service_area.name})") for t in teams]),
            ],
        )

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


class CompleteActionForm(GovUKForm):
    submit_label = "Mark as done"
    on = date_field("Date completed")
    evidence = text_field("Evidence that it was done")

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
        carry_version(self, action)

    def act(self, by: User) -> LearningAction:
        return services.change_learning_action(
            self.action, by=by, version=self.cleaned_data["version"], **self.answers()
        )
