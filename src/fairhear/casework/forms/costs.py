"""Costs of the complaints procedure, of a case or general."""

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.models import User

from fairhear.casework import services
from fairhear.casework.codes import CostKind
from fairhear.casework.forms.base import CaseStepForm, choose_one, date_field
from fairhear.casework.models import Cost
from fairhear.web.forms import GovUKForm, carry_version


class CostFields(forms.Form):
    """What a cost was, whether of a case or general: its date, what for and how much."""

    on = date_field("Date")
    kind = choose_one("What it was for", CostKind.choices, missing="Choose what the cost was for")
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
        carry_version(self, cost)

    def act(self, by: User) -> Cost:
        d = self.cleaned_data
        return services.correct_cost(
            self.cost, on=d["on"], kind=d["kind"], amount=d["amount"], by=by, version=d["version"]
        )
