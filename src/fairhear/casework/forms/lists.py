"""The filters of the lists (read from the query string), and a list's address at a year."""

from datetime import date
from typing import Any

from crispy_forms_gds.layout import Field
from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode

from fairhear.casework import selectors
from fairhear.casework.codes import Channel, Route
from fairhear.casework.forms.base import StaffChoiceField
from fairhear.core.report import financial_year_of, year_label
from fairhear.organisation.forms import unit_choice
from fairhear.organisation.models import ServiceArea, Team
from fairhear.organisation.selectors import every_service_area, every_team
from fairhear.web.forms import FilterForm, layout_field, offer


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
        offer(self, "year", [(year, year_label(year)) for year in years])


def list_at_year(url_name: str, day: date) -> str:
    """A list by financial year (compliments, costs) at the year that holds `day`."""
    return f"{reverse(url_name)}?{urlencode({'year': financial_year_of(day)})}"


class ComplimentFilterForm(FinancialYearForm):
    """The compliments list's financial year and service area, read from the query string."""

    submit_label = "Show compliments"
    service_area = unit_choice(
        ServiceArea,
        "Service area",
        empty_label="Any",
        error_messages={"invalid_choice": "Choose a service area from the list"},
    )

    def __init__(self, *args: Any, areas: QuerySet[ServiceArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self, "service_area", areas)


def _day_filter(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text="For example, 1/4/2024",
        error_messages={"invalid": f"Enter the date for “{label.lower()}” like 1/4/2024"},
    )


class CaseFilterForm(FilterForm):
    """The case list's search and filters, read from the query string. The search box is laid
    out above the list; the other filters in the panel beside it (`layout_fields`)."""

    submit_label = "Apply filters"
    #: What the list shows when nothing is asked: open cases, soonest due first.
    DEFAULTS = {"status": "open", "sort": "due"}

    q = forms.CharField(
        label="Search cases",
        required=False,
        help_text="A reference, a complainant's or child's name (a surname is enough), a phone "
        "number, an email address or words from the summary",
    )
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
    service_area = unit_choice(ServiceArea, "Service area", empty_label="Any")
    team = unit_choice(Team, "Team", empty_label="Any")
    category = forms.ModelChoiceField(
        queryset=selectors.every_category(), required=False, label="Category", empty_label="Any"
    )
    manager = StaffChoiceField("Responsible manager", required=False, empty_label="Any")
    received_from = _day_filter("Received from")
    received_to = _day_filter("Received to")
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("due", "Due date, soonest first"),
            ("-received", "Newest first"),
            ("received", "Oldest first"),
            ("reference", "Reference"),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self, "service_area", every_service_area())
        offer(self, "team", every_team())
        offer(self, "manager", selectors.managers(former_too=True))

    def layout_fields(self) -> list[Any]:
        return [
            Field.text(name, field_width=10)
            if name.startswith("received_")
            else layout_field(name, field)
            for name, field in self.fields.items()
            if name != "q"
        ]

    @classmethod
    def from_query(cls, query: QueryDict) -> "CaseFilterForm":
        """The form for a list's address: the defaults when it asks for nothing but a page."""
        asked = [name for name in query if name != "page"]
        return cls(query if asked else cls.DEFAULTS)


class ViewLogFilterForm(FilterForm):
    """The view log's filters, read from the query string."""

    submit_label = "Apply filters"

    viewer = StaffChoiceField("Who", with_username=True, required=False, empty_label="Anyone")
    viewed_from = _day_filter("Viewed from")
    viewed_to = _day_filter("Viewed to")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self, "viewer", selectors.viewers())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("viewed_from"), cleaned.get("viewed_to")
        if start and end and end < start:
            self.add_error("viewed_to", "“Viewed to” must be the same as or after “viewed from”")
        return cleaned
