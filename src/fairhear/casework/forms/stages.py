"""The steps of Stages 1, 2 and 3: the responsible manager, extensions, the request for a
stage and the decision on it, the investigators, the panel, and each stage's reply."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.contrib.auth.models import User

from fairhear.casework import selectors, services
from fairhear.casework.codes import DECIDED_OUTCOMES, GIVEN_WITH_A_REPLY, ActionKind
from fairhear.casework.facts import extension_limit
from fairhear.casework.forms.actions import LearningActionFields
from fairhear.casework.forms.base import (
    CaseStepForm,
    StaffChoiceField,
    choose_one,
    date_field,
    reveal_radios,
    text_field,
    yes_no_field,
)
from fairhear.casework.models import Practitioner
from fairhear.core.dates import long_date
from fairhear.core.procedure import DeclineReason
from fairhear.web.forms import layout_field, offer

OUTCOME_CHOICES = [(o.value, o.label) for o in DECIDED_OUTCOMES]


def _adjudicating_officer() -> forms.CharField:
    return forms.CharField(label="Adjudicating officer (optional)", required=False, max_length=200)


def _practitioner_choice(label: str, **kwargs: Any) -> forms.ModelChoiceField[Practitioner]:
    return forms.ModelChoiceField(queryset=selectors.practitioners(), label=label, **kwargs)


class ManagerForm(CaseStepForm):
    """The manager responsible for a stage: at Stage 1 the one who replies; at Stages 2 and
    3 the one who sees the stage through and gets its reminders."""

    submit_label = "Assign"
    stage = 1
    manager = StaffChoiceField(
        "Responsible manager",
        empty_label="Choose a manager",
        error_messages={"required": "Choose the responsible manager"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self, "manager", selectors.managers())

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
    on = date_field("Date of the extension")
    reason = text_field("Why more time is needed", missing="Enter why more time is needed")
    complainant_told = forms.BooleanField(
        label="The complainant was told the new date",
        required=False,
    )
    complainant_agreed = forms.BooleanField(label="The complainant agreed", required=False)
    new_due = date_field("New date given to the complainant", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.latest = extension_limit(self.contact, self.stage)
        if self.latest is not None:
            self.fields["new_due"].help_text = (
                f"The latest date the law allows is {long_date(self.latest)}. A later date "
                "needs the complainant's agreement, and the reply still counts as late after "
                f"{long_date(self.latest)}."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        new_due, latest = data.get("new_due"), self.latest
        if new_due and latest and new_due > latest and not data.get("complainant_agreed"):
            self.add_error(
                "new_due",
                f"The new date is after {long_date(latest)}, the latest the law allows: give "
                "a date on or before it, or record that the complainant agreed to the later "
                "date",
            )
        return data

    def said(self) -> str:
        new_due, latest = self.cleaned_data["new_due"], self.latest
        if new_due and latest and new_due > latest:
            return (
                f"Stage {self.stage} extended to {long_date(new_due)} with the complainant's "
                f"agreement. This is after {long_date(latest)}, the latest the law allows: "
                "the reply will count as late"
            )
        return ""

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


class ReplyForm(CaseStepForm, LearningActionFields):
    """The reply of a stage: Stage 1 reply, Stage 2 adjudication, Stage 3 response; what the
    reply itself gave, and a learning action agreed in it, asked with its owner and due date
    (the learning action's fields, revealed when one was agreed)."""

    submit_label = "Record the reply"
    stage = 1
    on = date_field("Date the reply was sent")
    outcome = choose_one("Outcome", OUTCOME_CHOICES, missing="Choose the outcome")
    what_was_done = text_field("What was done", required=False)
    actions = forms.MultipleChoiceField(
        label="What the reply itself gave",
        choices=[(kind.value, kind.label) for kind in GIVEN_WITH_A_REPLY],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    action_agreed = yes_no_field(
        "Was a learning action agreed that is still to do?", required=False
    )

    #: The learning action's fields, asked when one was agreed.
    ACTION_FIELDS = ("kind", "description", "owner", "due")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.categories = list(self.contact.categories.order_by("contact_links__position"))
        for category in self.categories:
            self.fields[f"category_{category.pk}"] = forms.ChoiceField(
                label=f"Outcome for {category.name}",
                choices=[("", "Not decided separately"), *OUTCOME_CHOICES],
                required=False,
            )
        offer(
            self,
            "kind",
            [
                ("", "Choose the kind of action"),
                *((k.value, k.label) for k in ActionKind if k not in GIVEN_WITH_A_REPLY),
            ],
        )
        for name in self.ACTION_FIELDS:
            self.fields[name].required = False
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def layout_fields(self) -> list[Any]:
        asked = [n for n in self.fields if n not in (*self.ACTION_FIELDS, "action_agreed")]
        # Each category's outcome follows the outcome of the whole.
        per_category = [n for n in asked if n.startswith("category_")]
        asked = [n for n in asked if n not in per_category]
        at = asked.index("outcome") + 1
        asked[at:at] = per_category
        return [
            *(layout_field(name, self.fields[name]) for name in asked),
            reveal_radios(self, "action_agreed", {"yes": list(self.ACTION_FIELDS)}),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action_agreed"):
            missing = {
                "kind": "Choose the kind of action",
                "description": "Describe the action and the lesson behind it",
                "owner": "Choose who owns the action",
                "due": "Enter the date the action is due by",
            }
            for name, message in missing.items():
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        else:
            # What was typed under "Yes" before answering "No" is not asked about.
            for name in self.ACTION_FIELDS:
                self.errors.pop(name, None)
        return data

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
            "learning_action": self.answers() if d["action_agreed"] else None,
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
    adjudicating_officer = _adjudicating_officer()

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
    on = date_field("Date requested")
    discretion = forms.ChoiceField(
        label="If the request is out of time: the decision on discretion",
        choices=[
            ("", "Not needed: it is in time"),
            ("accept", "Consider it despite being late"),
            ("refuse", "Do not consider it"),
        ],
        required=False,
    )
    discretion_reason = text_field("Reasons for the decision on discretion", required=False)

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
    decision = choose_one(
        "Decision on the request",
        [("accept", "Accept"), ("decline", "Decline")],
        missing="Choose whether to accept or decline the request",
    )
    on = date_field("Date of the decision")
    reason = forms.ChoiceField(
        label="Lawful reason to decline",
        choices=[
            ("", "Choose a reason"),
            *((str(r.value), r.label.capitalize()) for r in DeclineReason),
        ],
        required=False,
    )
    explanation = text_field(
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


class InvestigatorsForm(CaseStepForm):
    submit_label = "Appoint"
    appoints = {
        "investigating_officer": "Add an investigating officer to the council's list",
        "independent_person": "Add an independent person to the council's list",
    }
    investigating_officer = _practitioner_choice(
        "Investigating officer",
        empty_label="Choose a person",
        error_messages={"required": "Choose the investigating officer"},
    )
    independent_person = forms.ModelChoiceField(
        queryset=selectors.independent_people(),
        label="Independent person",
        empty_label="Choose a person",
        error_messages={"required": "Choose the independent person"},
    )
    adjudicating_officer = _adjudicating_officer()

    def missing_people(self) -> list[str]:
        """What the council's list cannot offer yet, in words."""
        missing = []
        if not selectors.practitioners().exists():
            missing.append("No one is on the council's list to investigate yet.")
        if not selectors.independent_people().exists():
            missing.append(
                "No one on the council's list can be the independent person: they must not "
                "work for the council or be a councillor."
            )
        return missing

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
    on = date_field("Date")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Each step names its own date, in the label and in every error message.
        self.fields["on"] = date_field(self.date_label)


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
    appoints = {"members": "Add a panel member to the council's list"}
    members = forms.ModelMultipleChoiceField(
        queryset=selectors.practitioners(),
        label="Panel members",
        help_text="Choose three independent people.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the three panel members"},
    )
    chair = _practitioner_choice(
        "Chair",
        empty_label="Choose the chair",
        error_messages={"required": "Choose the panel's chair"},
    )

    def missing_people(self) -> list[str]:
        count = selectors.practitioners().count()
        if count >= 3:
            return []
        return [f"A panel has three members; the council's list has {count}."]

    def act(self, by: User) -> None:
        d = self.cleaned_data
        services.convene_panel(
            self.contact, members=list(d["members"]), chair=d["chair"], **self.base(by)
        )
