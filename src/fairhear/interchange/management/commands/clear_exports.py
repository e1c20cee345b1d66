from typing import Any

from django.core.management.base import BaseCommand

from fairhear.interchange.exports import settle_all


class Command(BaseCommand):
    help = (
        "Delete the case files exported from the staff pages once their download time is over, "
        "and mark exports that stopped without finishing as failed. Run it daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        settled = settle_all()
        self.stdout.write(f"Settled {settled} case file exports (expired or stopped).")
