"""A financial year's costs, and adding and correcting them."""

from datetime import date

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from fairhear.casework import forms, selectors
from fairhear.casework.models import Cost
from fairhear.casework.steps import MANAGE
from fairhear.casework.views.base import save_form
from fairhear.core.report import Period, financial_year_of
from fairhear.web.http import AuthenticatedHttpRequest


def _costs_of_year(cost: Cost) -> str:
    """The costs page for the financial year of a cost."""
    return forms.list_at_year("casework:costs", cost.date)


@login_required
@permission_required(MANAGE, raise_exception=True)
def cost_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The costs of one financial year, each and in total by kind, on one page (a year's
    costs are a few hundred rows at most: a few for each case that reaches Stage 2 or 3)."""
    today = date.today()
    this_year = financial_year_of(today)
    form = forms.FinancialYearForm(
        request.GET or None, years=selectors.cost_years(today), initial={"year": this_year}
    )
    chosen = form.cleaned_data.get("year") if form.is_valid() else None
    period = Period.financial_year(chosen or this_year)
    by_kind, overall = selectors.cost_totals(period.start, period.end)
    return render(
        request,
        "casework/costs.html",
        {
            "form": form,
            "period": period,
            "costs": selectors.costs_between(period.start, period.end),
            "by_kind": by_kind,
            "overall": overall,
        },
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def add_cost(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A cost of no one case, such as publicity for the complaints procedure."""
    return save_form(
        request,
        forms.GeneralCostForm(request.POST or None),
        title="Add a general cost",
        saved="The cost was added.",
        back=reverse("casework:costs"),
        then=_costs_of_year,
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def correct_cost(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cost = get_object_or_404(Cost.objects.select_related("contact"), pk=pk)
    return save_form(
        request,
        forms.CorrectCostForm(request.POST or None, cost=cost),
        title="Correct a cost",
        saved="The cost was corrected.",
        back=_costs_of_year(cost),
        then=_costs_of_year,
        contact=cost.contact,
    )
