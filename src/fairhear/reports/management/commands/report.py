from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairhear.core.report import PeriodError, parse_day, parse_period
from fairhear.reports import selectors
from fairhear.reports.engine import build_report
from fairhear.reports.output import FORMATS, render


class Command(BaseCommand):
    help = (
        "Write the complaints report for a financial year, a quarter or any dates, as JSON, "
        "HTML, Word or Excel."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        period = parser.add_mutually_exclusive_group(required=True)
        period.add_argument("--year", help="financial year: 2019 means 2019/20")
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
            period = parse_period(
                year=options["year"],
                quarter=options["quarter"],
                start=options["start"],
                end=options["end"],
            )
            as_at = parse_day(options["as_at"]) if options["as_at"] else None
        except PeriodError as error:
            raise CommandError(str(error)) from None
        if as_at is not None and as_at < period.start:
            raise CommandError(
                f"--as-at {as_at.isoformat()} is before the period starts "
                f"({period.start.isoformat()}): nothing in it had happened yet"
            )
        output = Path(options["output"]) if options["output"] else None
        # Checked before the report is computed, which takes a while on a large database.
        if output is None and options["format"] not in ("json", "html"):
            raise CommandError(f"give --output FILE: a {options['format']} file is not text")
        if output is not None and output.is_dir():
            raise CommandError(f"--output {output} is a folder: give the file to write in it")
        if output is not None and not output.parent.is_dir():
            raise CommandError(
                f"--output {output}: there is no folder {output.parent.resolve()} to write it in"
            )
        if not selectors.anything_received_in(period):
            self.stderr.write(
                f"warning: nothing was received in {period.label} "
                f"({period.start.isoformat()} to {period.end.isoformat()}): the report is empty."
            )
        report = build_report(period, as_at=as_at)
        content = render(report, options["format"], published=options["published"])
        if output is not None:
            try:
                output.write_bytes(content)
            except OSError as error:
                raise CommandError(f"could not write {output}: {error.strerror}") from None
            self.stderr.write(f"Wrote the {period.label} report to {output}.")
        else:
            self.stdout.write(content.decode())
