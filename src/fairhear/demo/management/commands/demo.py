from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from fairhear.demo.council import build_organisation, link_service_areas, reset_demo_users


class Command(BaseCommand):
    help = (
        "Fill an empty database with the fictional demo council, and create or reset a "
        "sign-in for each role with a new password, printed here."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        password, users = reset_demo_users()
        manager = get_user_model().objects.get(username=users[0].username)
        if build_organisation(by=manager):
            self.stdout.write("Created the demo council's service areas and teams.")
        else:
            self.stdout.write("The database already has an organisation: left it as it is.")
        link_service_areas()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Sign in at http://127.0.0.1:8000/staff/"))
        for user in users:
            self.stdout.write(f"  {user.role.value:<20} username: {user.username}")
        self.stdout.write(f"  Password for all of them: {password}")
        self.stdout.write("")
