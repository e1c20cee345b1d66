"""`fairhear remind`: the daily reminder emails (run it from cron or a systemd timer)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairhear.casework.reminders import send_reminders

# The command is the top of the stack: it may reach the public front door's acknowledgements,
# which casework itself never imports.
from fairhear.public.services import retry_acknowledgements


class Command(BaseCommand):
    help = (
        "Email each responsible manager their cases due soon or overdue, and the complaints "
        "team a digest, and try again acknowledgements that could not be sent. Safe to run "
        "more than once a day: each reminder goes once a day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--within",
            type=int,
            default=3,
            help="Remind of cases due within this many working days (default 3).",
        )
        parser.add_argument(
            "--today", help="The day to remind for, as YYYY-MM-DD (default: today)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["within"] < 0:
            raise CommandError("--within must be 0 or more working days.")
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else date.today()
        except ValueError:
            raise CommandError(
                f"--today must be a date like 2024-05-01, not {options['today']!r}."
            ) from None
        run = send_reminders(today=today, within=options["within"])
        self.stdout.write(
            f"Sent {len(run.sent)} reminder email(s); {len(run.already_sent)} were already "
            "sent today."
        )
        retried = retry_acknowledgements()
        if retried.sent or retried.failed:
            self.stdout.write(
                f"Acknowledgements that had failed: {len(retried.sent)} sent now"
                + (f"; still failing: {', '.join(retried.failed)}." if retried.failed else ".")
            )
