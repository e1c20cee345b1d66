"""`fairhear refresh_statuses`: recompute where every contact stands and its next due date."""

from typing import Any

from django.core.management.base import BaseCommand

from fairhear.casework.models import Contact
from fairhear.casework.services import refresh_statuses_of


class Command(BaseCommand):
    help = (
        "Recompute every contact's stored status and next due date. Run it after changing "
        "FAIRHEAR_ENQUIRY_REPLY_DAYS or when the bank holidays change: due dates already "
        "stored were counted with the old days. Safe to run at any time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        ids = list(Contact.objects.values_list("pk", flat=True))
        changed = refresh_statuses_of(ids)
        self.stdout.write(
            f"Checked {len(ids)} contact(s); {changed} had a stale status or due date, now "
            "corrected."
        )
