"""How fast the staff report page renders, against computing the report (prints figures; not
a test).

Run on the demo council (`make demo`, or `fairhear demo` into a data folder):

    FAIRHEAR_DATA_DIR=data .venv/bin/python benchmarks/report_page.py [--year 2025]

Targets (issue 19): rendering the year's page takes at most 3 times computing its JSON, and
under 1 s. The page's charts are drawn as SVG on every view (nothing cached); the Word
document's PNG charts are cached, so it is timed with its cache empty ("first") and full. The
whole page is also fetched through Django's test client as a report viewer, JSON and rendering
together, with every cache empty.

To compare two versions of the code, run this script with PYTHONPATH set to the other
version's `src` (its `static/build` copied in).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from typing import Any


def timed(what: str, run: Callable[[], Any], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    print(f"{what:<52} best {min(times):6.3f} s   median {statistics.median(times):6.3f} s")
    return min(times)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairhear.settings")
    import django

    django.setup()
    from datetime import date

    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from fairhear.core.report import Period, financial_year_of
    from fairhear.reports.engine import build_report
    from fairhear.reports.output import render
    from fairhear.reports.render.page import page_context

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=financial_year_of(date.today()) - 1)
    year = parser.parse_args().year
    period = Period.financial_year(year)
    print(f"Report {period.label} on {django.db.connection.vendor}")

    build_report(period)  # connections and caches warm, as on a running server
    report: dict[str, Any] = {}

    def compute() -> None:
        report.update(build_report(period))

    def cold() -> None:
        cache.clear()
        page_context(report)

    def word_first() -> None:
        cache.clear()
        render(report, "docx")

    json_time = timed("the report's JSON (all tables and the narrative)", compute)
    cold_time = timed("page sections with 8 charts, cache empty", cold)
    warm_time = timed("page sections with 8 charts, cache full", lambda: page_context(report))
    timed("web page to publish (stand-alone HTML)", lambda: render(report, "html"))
    timed("Word document, chart cache empty", word_first)
    timed("Word document, charts cached", lambda: render(report, "docx"))
    timed("Excel workbook", lambda: render(report, "xlsx"))

    setup_test_environment()
    viewer = User.objects.filter(groups__name="Report viewer").first()
    page_time = None
    if viewer is not None:
        client = Client()
        client.force_login(viewer)
        url = reverse("reports:report")

        def fetch() -> None:
            cache.clear()
            assert client.get(url).status_code == 200

        page_time = timed("staff page through Django, JSON included, cache empty", fetch)

    print()
    for what, took in (("cold", cold_time), ("warm", warm_time)):
        verdict = "met" if took <= 3 * json_time and took < 1 else "NOT met"
        print(f"render {what}: {took / json_time:4.1f} x the JSON's time, {took:.3f} s: {verdict}")
    if page_time is not None:
        rendering = page_time - json_time
        verdict = "met" if rendering <= 3 * json_time and page_time < 1 else "NOT met"
        print(
            f"whole page: {page_time / json_time:4.1f} x the JSON's time in all, rendering "
            f"{rendering / json_time:4.1f} x, {page_time:.3f} s: {verdict}"
        )


if __name__ == "__main__":
    main()
