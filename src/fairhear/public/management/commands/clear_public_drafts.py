from typing import Any

from django.core.management.base import BaseCommand

from fairhear.public.ratelimit import clear_full_buckets
from fairhear.public.services import clear_expired_drafts


class Command(BaseCommand):
    help = (
        "Delete unfinished public forms (and their files) older than FAIRHEAR_PUBLIC_DRAFT_DAYS, "
        "and rate-limit buckets that have refilled. Run it daily from cron or a systemd timer."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        drafts = clear_expired_drafts()
        buckets = clear_full_buckets()
        self.stdout.write(f"Deleted {drafts} expired drafts and {buckets} idle rate-limit buckets.")
