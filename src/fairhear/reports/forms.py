from django import forms

from fairhear.web.forms import GovUKForm

_YEAR_HELP = "The first year of the financial year: 2019 means 2019/20"


def _year() -> forms.IntegerField:
    return forms.IntegerField(
        label="Year",
        help_text=_YEAR_HELP,
        min_value=2000,
        max_value=2039,
        error_messages={
            "required": "Enter the year, for example 2019",
            "invalid": "Enter the year as a number, for example 2019",
            "min_value": "Enter a year from 2000",
            "max_value": "Enter a year before 2040",
        },
    )


def _percent(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        error_messages={
            "invalid": f"Enter the {label.lower()} as a number, for example 45.5",
            "min_value": "Enter a percentage from 0 to 100",
            "max_value": "Enter a percentage from 0 to 100",
            "max_decimal_places": "Enter the percentage with at most 2 decimal places",
        },
    )


class ContextFigureForm(GovUKForm):
    submit_label = "Save the figure"
    prefix = "context"
    year = _year()
    measure = forms.CharField(
        label="Measure",
        max_length=100,
        help_text="For example referrals, assessments, children_in_care",
        error_messages={"required": "Enter what the figure measures, for example referrals"},
    )
    value = forms.DecimalField(
        label="Value",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages={
            "required": "Enter the figure",
            "invalid": "Enter the figure as a number, for example 2450",
            "min_value": "Enter a figure of 0 or more",
        },
    )


class BenchmarkForm(GovUKForm):
    submit_label = "Save the council's figures"
    prefix = "benchmark"
    year = _year()
    council = forms.CharField(
        label="Council", max_length=200, error_messages={"required": "Enter the council's name"}
    )
    complaints_received = forms.IntegerField(
        label="Complaints received",
        required=False,
        min_value=0,
        error_messages={"invalid": "Enter the number of complaints as a whole number"},
    )
    percent_upheld = _percent("Percentage upheld")
    percent_in_timescale = _percent("Percentage in timescale")
