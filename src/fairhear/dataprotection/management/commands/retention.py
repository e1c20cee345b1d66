"""fairhear retention: list the cases the retention schedule makes due, and anonymise them once
a complaints manager confirms."""

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from fairhear.core.dates import long_date
from fairhear.dataprotection.selectors import retention_review
from fairhear.dataprotection.services import RetentionError, anonymise_expired


class Command(BaseCommand):
    help = (
        "List the closed cases, compliments and answered requests about personal data the "
        "retention schedule makes due (run it weekly from the scheduler that runs `fairhear "
        "remind`); with --anonymise and --as, anonymise them after confirmation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of", type=date.fromisoformat, help="The day to apply the schedule for (today)."
        )
        parser.add_argument(
            "--anonymise", action="store_true", help="Anonymise what is due, after confirmation."
        )
        parser.add_argument(
            "--as", dest="username", help="The complaints manager confirming (with --anonymise)."
        )
        parser.add_argument(
            "--yes", action="store_true", help="Confirm without asking (with --anonymise)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_of: date = options["as_of"] or timezone.localdate()
        review = retention_review(as_of)
        write = self.stdout.write
        write(f"Retention schedule: {review.policy}.")
        write(
            f"Due for anonymisation on {long_date(as_of)}: {len(review.due)} cases, "
            f"{len(review.compliments)} compliments, "
            f"{len(review.requests)} requests about personal data."
        )
        for case in review.due:
            write(f"  {case.contact.reference}  closed {case.closed}  kept until {case.keep_until}")
        for expired in review.requests:
            write(
                f"  {expired.what.lower()} request {expired.request.pk}  answered "
                f"{expired.request.answered}  kept until {expired.keep_until}"
            )
        for case in review.held:
            write(f"  {case.contact.reference}  held: {case.held_because}")
        if not options["anonymise"]:
            return
        by = self._confirming_manager(options["username"])
        if review.is_empty:
            write("Nothing to anonymise.")
            return
        if not options["yes"]:
            answer = input("Anonymise these? This cannot be undone. Type yes to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was anonymised.")
        try:
            run = anonymise_expired(as_of=as_of, confirmed=review.references, by=by)
        except RetentionError as error:
            raise CommandError(str(error)) from error
        write(self.style.SUCCESS(f"Anonymised {run.what} (run {run.pk})."))

    def _confirming_manager(self, username: str | None) -> User:
        if not username:
            raise CommandError("Say who confirms with --as USERNAME (a complaints manager).")
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user is called {username}.")
        if not user.has_perm("dataprotection.manage_retention"):
            raise CommandError(f"{username} may not anonymise cases: only a complaints manager.")
        return user
