"""The `fairhear` command: Fairhear's management commands and Django's, without manage.py.

Its help lists Fairhear's own commands first, each with what it does; `--version` is
Fairhear's; and a command of Fairhear's run against a database that cannot be opened or is
not migrated stops with one line saying so and where the database is set, not a traceback.
The commands that would empty the audit log are refused.
"""

import os
import sys
import textwrap
from collections import defaultdict
from importlib.metadata import version

from django.core.exceptions import ImproperlyConfigured
from django.core.management import BaseCommand, ManagementUtility, get_commands
from django.core.management.color import color_style
from django.db import DatabaseError

from fairhear.readiness import describe_database, missing_sqlite_file, unapplied_migrations

# Commands that would empty the audit log (who changed and who viewed children's records),
# which the council must keep: refused here, and on PostgreSQL by the database itself.
KEEPS_THE_AUDIT_LOG = {
    "flush": "it would delete the audit log with everything else",
    "sqlflush": "its SQL would delete the audit log with everything else",
    "auditlogflush": "it would delete the audit log",
}

WHERE_THE_DATABASE_IS_SET = (
    "Fairhear's database is the one DATABASE_URL names, else the SQLite file in FAIRHEAR_DATA_DIR."
)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairhear.settings")
    argv = [sys.argv[0] or "fairhear", *sys.argv[1:]]
    if argv[1:] in (["--version"], ["version"]):
        sys.stdout.write(f"fairhear {version('fairhear')}\n")
        return
    try:
        FairhearUtility(argv).execute()
    except ImproperlyConfigured as error:
        # A setting the council must fix (a weak SECRET_KEY, a bad DATABASE_URL): its message
        # says which and how, and a traceback would only hide it.
        sys.stderr.write(f"fairhear: {error}\n")
        sys.exit(1)


def fairhear_commands() -> dict[str, str]:
    """Fairhear's own management commands, by name, with the app that holds each."""
    return {name: app for name, app in get_commands().items() if app.startswith("fairhear.")}


def database_problem() -> str | None:
    """Why Fairhear's commands cannot run on the configured database, or None."""
    where = describe_database()
    if missing_sqlite_file():
        return f"there is no database at {where}: `fairhear migrate` makes one."
    try:
        unapplied = unapplied_migrations()
    except DatabaseError as error:
        reason = (str(error).strip() or type(error).__name__).splitlines()[0]
        return f"cannot open the database {where} ({reason})."
    if unapplied:
        return (
            f"the database {where} is not migrated ({unapplied} migrations to apply): "
            "run `fairhear migrate` first."
        )
    return None


class FairhearUtility(ManagementUtility):
    """Django's command-line utility, speaking as Fairhear."""

    def main_help_text(self, commands_only: bool = False) -> str:
        if commands_only or self.settings_exception is not None:
            return str(super().main_help_text(commands_only))
        style = color_style()
        ours = fairhear_commands()
        width = max(map(len, ours)) + 4
        lines = [
            f"Usage: {self.prog_name} <command> [options]",
            f"'{self.prog_name} help <command>' shows what a command does and its options.",
            "",
            style.NOTICE("Fairhear's commands:"),
        ]
        for name in sorted(ours):
            summary = _first_sentence(self.fetch_command(name).help)
            lines += textwrap.wrap(
                summary,
                width=100,
                initial_indent=f"  {name:<{width}}",
                subsequent_indent=" " * (width + 2),
            )
        lines += ["", style.NOTICE("Other commands, Django's and its add-ons':")]
        others: dict[str, list[str]] = defaultdict(list)
        for name, app in get_commands().items():
            if name not in ours:
                others["django" if app == "django.core" else app.rpartition(".")[-1]].append(name)
        for app in sorted(others):
            lines += textwrap.wrap(
                f"[{app}] " + ", ".join(sorted(others[app])),
                width=100,
                initial_indent="  ",
                subsequent_indent="    ",
            )
        return "\n".join(lines)

    def fetch_command(self, subcommand: str) -> BaseCommand:
        if subcommand in KEEPS_THE_AUDIT_LOG:
            sys.stderr.write(
                f"fairhear {subcommand}: refused: {KEEPS_THE_AUDIT_LOG[subcommand]}, which "
                "the council must keep. To start again, make a new database.\n"
            )
            sys.exit(1)
        command = super().fetch_command(subcommand)
        running = self.argv[1:2] == [subcommand] and not {"-h", "--help"} & set(self.argv)
        if running and subcommand in fairhear_commands():
            problem = database_problem()
            if problem:
                sys.stderr.write(f"fairhear {subcommand}: {problem} {WHERE_THE_DATABASE_IS_SET}\n")
                sys.exit(1)
        return command


def _first_sentence(text: str) -> str:
    sentence, stop, _ = text.partition(". ")
    return sentence + stop.strip()
