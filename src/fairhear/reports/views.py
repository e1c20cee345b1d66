from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from fairhear.core.report import Period, PeriodError, parse_period, year_label
from fairhear.reports.engine import build_report
from fairhear.reports.forms import BenchmarkForm, ContextFigureForm
from fairhear.reports.output import FORMATS, suppression_threshold
from fairhear.reports.output import render as render_report
from fairhear.reports.render.page import page_context
from fairhear.reports.selectors import benchmarks, context_figures, report_years
from fairhear.reports.services import ReportFiguresError, record_benchmark, record_context_figure
from fairhear.web.http import AuthenticatedHttpRequest

DOWNLOADS = (
    ("docx", "Word document (editable)"),
    ("xlsx", "Excel workbook of the tables"),
    ("html", "Web page to print or publish"),
    ("json", "JSON (the figures for other tools)"),
)


def _default_year(years: list[int]) -> int:
    # The latest complete year is the one an annual report is written about.
    return years[1] if len(years) > 1 else years[0]


def _period(request: AuthenticatedHttpRequest, year: str, years: list[int]) -> Period:
    """The year (one of `years`), or one quarter of it for senior managers (`?quarter=1`
    to `4`), read as the `fairhear report` command reads its period."""
    try:
        period = parse_period(year=year, quarter=request.GET.get("quarter", ""))
    except PeriodError as error:
        raise Http404(str(error)) from None
    if period.year not in years:
        raise Http404("No report for that year")
    return period


def _sees_cases(request: AuthenticatedHttpRequest) -> bool:
    """Whether the internal report lists single cases (references, dates, costs): only for
    staff who may see every case anyway."""
    return request.user.has_perm("casework.view_all_cases")


@login_required
@permission_required("reports.view_report", raise_exception=True)
def report_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    years = report_years(date.today())
    period = _period(request, request.GET.get("year") or str(_default_year(years)), years)
    year = period.year
    published = request.GET.get("version") == "published"
    report = build_report(period)
    context = page_context(
        report,
        threshold=suppression_threshold() if published else None,
        case_detail=_sees_cases(request),
    )
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
def download(request: AuthenticatedHttpRequest, year: int, form: str) -> HttpResponse:
    if form not in FORMATS:
        raise Http404("No such report")
    period = _period(request, str(year), report_years(date.today()))
    published = request.GET.get("published") == "1"
    report = build_report(period)
    extension, content_type = FORMATS[form]
    content = render_report(report, form, published=published, case_detail=_sees_cases(request))
    response = HttpResponse(content, content_type=content_type)
    version = "published" if published else "internal"
    label = period.label.replace("/", "-").replace(" ", "-")
    response["Content-Disposition"] = (
        f'attachment; filename="complaints-report-{label}-{version}.{extension}"'
    )
    return response


@login_required
@permission_required("reports.view_report", raise_exception=True)
def figures(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Demand figures and other councils' figures, which the reports set beside ours."""
    can_change = request.user.has_perm("reports.change_contextfigure")
    context_form = ContextFigureForm(request.POST if "context-year" in request.POST else None)
    benchmark_form = BenchmarkForm(request.POST if "benchmark-year" in request.POST else None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        try:
            if context_form.is_bound and context_form.is_valid():
                record_context_figure(**context_form.cleaned_data, by=request.user)
                messages.success(request, "The figure is saved.")
                return redirect("reports:figures")
            if benchmark_form.is_bound and benchmark_form.is_valid():
                record_benchmark(**benchmark_form.cleaned_data, by=request.user)
                messages.success(request, "The council's figures are saved.")
                return redirect("reports:figures")
        except ReportFiguresError as error:
            form = context_form if context_form.is_bound else benchmark_form
            form.add_error(None, str(error))
    return render(
        request,
        "reports/figures.html",
        {
            "context_figures": context_figures(),
            "benchmarks": benchmarks(),
            "context_form": context_form,
            "benchmark_form": benchmark_form,
            "can_change": can_change,
        },
    )
