"""The period a report is asked for, read the same way by the command and the report page."""

from datetime import date

import pytest

from fairhear.core.report import Period, PeriodError, parse_day, parse_period


@pytest.mark.parametrize(
    ("given", "period"),
    [
        ({"year": "2019"}, Period.financial_year(2019)),
        ({"year": " 2019 "}, Period.financial_year(2019)),
        ({"year": "2019", "quarter": ""}, Period.financial_year(2019)),
        ({"quarter": "2019Q3"}, Period.quarter(2019, 3)),
        ({"quarter": "2019q4"}, Period.quarter(2019, 4)),
        ({"year": "2019", "quarter": "1"}, Period.quarter(2019, 1)),
        ({"year": "2019", "quarter": "4"}, Period.quarter(2019, 4)),
        (
            {"start": "2019-04-01", "end": "2019-09-30"},
            Period(date(2019, 4, 1), date(2019, 9, 30)),
        ),
        (
            {"start": "2020-02-29", "end": "2020-02-29"},
            Period(date(2020, 2, 29), date(2020, 2, 29)),
        ),
    ],
)
def test_a_year_a_quarter_or_two_days_make_a_period(given: dict[str, str], period: Period) -> None:
    assert parse_period(**given) == period


def test_the_kind_of_period_labels_the_report() -> None:
    assert parse_period(year="2019").label == "2019/20"
    assert parse_period(year="2019", quarter="3").label == "2019/20 Q3"
    assert parse_period(quarter="2019Q3").label == "2019/20 Q3"
    assert parse_period(start="2019-04-01", end="2019-09-30").label == (
        "1 April 2019 to 30 September 2019"
    )


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({}, "give a financial year, a quarter, or the first and last days"),
        ({"year": ""}, "give a financial year, a quarter, or the first and last days"),
        ({"year": "abc"}, "'abc' is not a financial year: write its first year, e.g. 2019"),
        ({"year": "19"}, "'19' is not a financial year"),
        ({"year": "2019/20"}, "'2019/20' is not a financial year"),
        ({"year": "0000"}, "'0000' is not a financial year"),
        ({"year": "9999"}, "'9999' is not a financial year"),
        ({"year": "2019", "quarter": "5"}, "a financial year has quarters 1 to 4, not 5"),
        ({"year": "2019", "quarter": "0"}, "a financial year has quarters 1 to 4, not 0"),
        ({"year": "2019", "quarter": "Q3"}, "'Q3' is not a quarter of 2019/20: give its number"),
        ({"year": "2019", "quarter": "²"}, "'²' is not a quarter of 2019/20"),
        ({"quarter": "2019Q5"}, "'2019Q5' is not a quarter: .* e.g. 2019Q3"),
        ({"quarter": "3"}, "'3' is not a quarter: .* e.g. 2019Q3"),
        ({"start": "2019-04-01"}, "--from needs --to: give the last day of the period too"),
        ({"end": "2019-04-01"}, "--to goes with --from: give the first day of the period too"),
        ({"year": "2019", "end": "2020-01-01"}, "--to goes with --from"),
        (
            {"year": "2019", "start": "2019-04-01", "end": "2020-01-01"},
            "give a financial year or a quarter, or the first and last days: not both",
        ),
        ({"start": "1 April", "end": "2019-05-01"}, "'1 April' is not a date: write it as YYYY"),
        ({"start": "2019-04-01", "end": "2019-02-30"}, "'2019-02-30' is not a date"),
        (
            {"start": "2019-04-01", "end": "2019-03-01"},
            "the period ends on 1 March 2019, before it starts on 1 April 2019",
        ),
    ],
)
def test_a_period_that_cannot_be_read_says_why(given: dict[str, str], message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        parse_period(**given)


def test_a_day_is_written_year_month_day() -> None:
    assert parse_day("2020-06-30") == date(2020, 6, 30)
    with pytest.raises(PeriodError, match=r"'30/06/2020' is not a date: .* e\.g\. 2020-03-31"):
        parse_day("30/06/2020")
