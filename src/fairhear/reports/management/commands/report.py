from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairhear.core.report import Period, PeriodError, parse_quarter
from fairhear.reports.engine import build_report
from fairhear.reports.output import FORMATS, render


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2020-03-31"
        ) from None


class Command(BaseCommand):
    help = (
        "Write the complaints report for a financial year, a quarter or any dates, as JSON, "
        "HTML, Word or Excel."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        period = parser.add_mutually_exclusive_group(required=True)
        period.add_argument("--year", type=int, help="financial year: 2019 means 2019/20")
        period.add_argument("--quarter", help="a quarter of a financial year, e.g. 2019Q3")
        period.add_argument("--from", dest="start", help="first day, YYYY-MM-DD (with --to)")
        parser.add_argument("--to", dest="end", help="last day, YYYY-MM-DD (with --from)")
        parser.add_argument("--as-at", help="the figures as they stood on this day (default today)")
        parser.add_argument("--format", choices=sorted(FORMATS), default="json")
        parser.add_argument("--output", help="file to write (default: the standard output)")
        parser.add_argument(
            "--published",
            action="store_true",
            help='the public version: small counts shown as "fewer than 5"',
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["year"] is not None:
                period = Period.financial_year(options["year"])
            elif options["quarter"]:
                period = parse_quarter(options["quarter"])
            else:
                if not options["end"]:
                    raise CommandError("--from needs --to: give the last day of the period too")
                period = Period(_day(options["start"]), _day(options["end"]))
        except PeriodError as error:
            raise CommandError(str(error)) from None
        if options["end"] and not options["start"]:
            raise CommandError("--to goes with --from: give the first day of the period too")
        as_at = _day(options["as_at"]) if options["as_at"] else None
        report = build_report(period, as_at=as_at)
        content = render(report, options["format"], published=options["published"])
        if options["output"]:
            Path(options["output"]).write_bytes(content)
            self.stderr.write(f"Wrote the {period.label} report to {options['output']}.")
        elif options["format"] in ("json", "html"):
            self.stdout.write(content.decode())
        else:
            raise CommandError(f"give --output FILE: a {options['format']} file is not text")
