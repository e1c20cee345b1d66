"""The staff report pages: the downloads, and recording figures."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.core.report import financial_year_of
from fairhear.reports.models import Benchmark, ContextFigure
from tests.builders import complaint

pytestmark = pytest.mark.django_db

LAST_YEAR = financial_year_of(date.today()) - 1


def test_the_downloads_are_named_for_the_year_and_version(
    client: Client, report_viewer: User
) -> None:
    complaint(date(LAST_YEAR, 5, 1))
    client.force_login(report_viewer)

    response = client.get(reverse("reports:download", args=[LAST_YEAR, "docx"]), {"published": "1"})

    label = f"{LAST_YEAR}-{(LAST_YEAR + 1) % 100:02d}"
    assert response["Content-Disposition"] == (
        f'attachment; filename="complaints-report-{label}-published.docx"'
    )
    assert response.content[:2] == b"PK"


def test_a_quarter_of_the_year_can_be_read_and_downloaded(
    client: Client, report_viewer: User
) -> None:
    complaint(date(LAST_YEAR, 10, 1))
    client.force_login(report_viewer)

    page = client.get(reverse("reports:report"), {"year": LAST_YEAR, "quarter": "3"})
    download = client.get(reverse("reports:download", args=[LAST_YEAR, "json"]), {"quarter": "3"})

    assert "Q3" in page.content.decode()
    assert download.json()["period"]["start"] == f"{LAST_YEAR}-10-01"
    assert client.get(reverse("reports:report"), {"quarter": "5"}).status_code == 404


def test_a_year_without_data_or_an_unknown_form_is_not_found(
    client: Client, report_viewer: User
) -> None:
    client.force_login(report_viewer)

    assert client.get(reverse("reports:report"), {"year": "1990"}).status_code == 404
    assert client.get(reverse("reports:report"), {"year": "last"}).status_code == 404
    assert client.get(reverse("reports:report"), {"quarter": "Q3"}).status_code == 404
    assert client.get(reverse("reports:download", args=[1990, "json"])).status_code == 404
    assert client.get(reverse("reports:download", args=[LAST_YEAR, "pdf"])).status_code == 404


def test_the_manager_records_a_demand_figure_and_a_benchmark(client: Client, manager: User) -> None:
    client.force_login(manager)
    url = reverse("reports:figures")

    client.post(
        url, {"context-year": "2019", "context-measure": "referrals", "context-value": "2450"}
    )
    client.post(
        url, {"context-year": "2019", "context-measure": "referrals", "context-value": "2500"}
    )
    client.post(
        url,
        {
            "benchmark-year": "2019",
            "benchmark-council": "Nearby Borough",
            "benchmark-percent_upheld": "41.5",
        },
    )

    assert ContextFigure.objects.get(year=2019, measure="referrals").value == 2500
    assert Benchmark.objects.get().percent_upheld == pytest.approx(41.5)


def test_a_bad_figure_is_refused_saying_what_is_wrong(client: Client, manager: User) -> None:
    client.force_login(manager)

    response = client.post(
        reverse("reports:figures"),
        {"context-year": "19", "context-measure": "referrals", "context-value": "lots"},
    )

    html = response.content.decode()
    assert "Enter a year from 2000" in html
    assert "Enter the figure as a number, for example 2450" in html
    assert not ContextFigure.objects.exists()
