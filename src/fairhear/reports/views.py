from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Min
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from fairhear.casework.models import Contact
from fairhear.core.report import Period, financial_year_of, year_label
from fairhear.reports.engine import build_report
from fairhear.reports.forms import BenchmarkForm, ContextFigureForm
from fairhear.reports.models import Benchmark, ContextFigure
from fairhear.reports.output import FORMATS, suppression_threshold
from fairhear.reports.output import render as render_report
from fairhear.reports.render.page import page_context
from fairhear.reports.services import ReportFiguresError, record_benchmark, record_context_figure

DOWNLOADS = (
    ("docx", "Word document (editable)"),
    ("xlsx", "Excel workbook of the tables"),
    ("html", "Web page to print or publish"),
    ("json", "JSON (the figures for other tools)"),
)


def _years() -> list[int]:
    """Financial years with case data, newest first (at least the current one)."""
    this_year = financial_year_of(date.today())
    first = Contact.objects.aggregate(first=Min("received"))["first"]
    start = financial_year_of(first) if first else this_year
    return list(range(this_year, start - 1, -1))


def _chosen_year(request: HttpRequest, years: list[int]) -> int:
    # The latest complete year is the one an annual report is written about.
    default = years[1] if len(years) > 1 else years[0]
    text = request.GET.get("year", "")
    if not text:
        return default
    if not text.isdigit() or int(text) not in years:
        raise Http404("No report for that year")
    return int(text)


def _period(request: HttpRequest, year: int) -> Period:
    """The whole year, or one quarter of it for senior managers (`?quarter=1` to `4`)."""
    quarter = request.GET.get("quarter", "")
    if not quarter:
        return Period.financial_year(year)
    if quarter not in ("1", "2", "3", "4"):
        raise Http404("A financial year has quarters 1 to 4")
    return Period.quarter(year, int(quarter))


@login_required
@permission_required("reports.view_report", raise_exception=True)
def report_page(request: HttpRequest) -> HttpResponse:
    years = _years()
    year = _chosen_year(request, years)
    period = _period(request, year)
    published = request.GET.get("version") == "published"
    report = build_report(period)
    context = page_context(report, threshold=suppression_threshold() if published else None)
    query = urlencode(
        {
            **({"quarter": request.GET["quarter"]} if period.kind == "quarter" else {}),
            **({"published": "1"} if published else {}),
        }
    )
    context.update(
        {
            "years": [(y, year_label(y)) for y in years],
            "year": year,
            "quarters": [("", "The whole year"), *((str(q), f"Quarter {q}") for q in range(1, 5))],
            "quarter": request.GET.get("quarter", ""),
            "published": published,
            "downloads": [
                {
                    "text": text,
                    "href": reverse("reports:download", args=[year, form])
                    + (f"?{query}" if query else ""),
                }
                for form, text in DOWNLOADS
            ],
        }
    )
    return render(request, "reports/report.html", context)


@login_required
@permission_required("reports.view_report", raise_exception=True)
def download(request: HttpRequest, year: int, form: str) -> HttpResponse:
    if form not in FORMATS or year not in _years():
        raise Http404("No such report")
    period = _period(request, year)
    published = request.GET.get("published") == "1"
    report = build_report(period)
    extension, content_type = FORMATS[form]
    response = HttpResponse(
        render_report(report, form, published=published), content_type=content_type
    )
    version = "published" if published else "internal"
    label = period.label.replace("/", "-").replace(" ", "-")
    response["Content-Disposition"] = (
        f'attachment; filename="complaints-report-{label}-{version}.{extension}"'
    )
    return response


@login_required
@permission_required("reports.view_report", raise_exception=True)
def figures(request: HttpRequest) -> HttpResponse:
    """Demand figures and other councils' figures, which the reports set beside ours."""
    can_change = request.user.has_perm("reports.change_contextfigure")
    context_form = ContextFigureForm(request.POST if "context-year" in request.POST else None)
    benchmark_form = BenchmarkForm(request.POST if "benchmark-year" in request.POST else None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        try:
            if context_form.is_bound and context_form.is_valid():
                record_context_figure(**context_form.cleaned_data, by=request.user)  # type: ignore[arg-type]
                messages.success(request, "The figure is saved.")
                return redirect("reports:figures")
            if benchmark_form.is_bound and benchmark_form.is_valid():
                record_benchmark(**benchmark_form.cleaned_data, by=request.user)  # type: ignore[arg-type]
                messages.success(request, "The council's figures are saved.")
                return redirect("reports:figures")
        except ReportFiguresError as error:
            form = context_form if context_form.is_bound else benchmark_form
            form.add_error(None, str(error))
    return render(
        request,
        "reports/figures.html",
        {
            "context_figures": ContextFigure.objects.order_by("-year", "measure"),
            "benchmarks": Benchmark.objects.order_by("-year", "council"),
            "context_form": context_form,
            "benchmark_form": benchmark_form,
            "can_change": can_change,
        },
    )
