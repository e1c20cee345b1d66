"""The `fairhear` command: Django's management commands, without needing to find manage.py."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairhear.settings")
    from django.core.management import execute_from_command_line

    argv = [sys.argv[0] or "fairhear", *sys.argv[1:]]
    execute_from_command_line(argv)
