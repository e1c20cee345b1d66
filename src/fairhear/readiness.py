"""Whether the database is ready for Fairhear: it answers, and every migration is applied."""

from pathlib import Path

from django.db import connections
from django.db.migrations.executor import MigrationExecutor


def unapplied_migrations(using: str = "default") -> int:
    """How many migrations the database still lacks (all of them when it is empty).

    Raises django.db.DatabaseError when the database cannot be reached or opened.
    """
    executor = MigrationExecutor(connections[using])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def describe_database(using: str = "default") -> str:
    """The database's name and server, without its password, for messages."""
    config = connections[using].settings_dict
    if not config.get("HOST"):
        return str(config["NAME"])
    return f"{config['NAME']} on {config['HOST']}:{config.get('PORT') or 'the default port'}"


def missing_sqlite_file(using: str = "default") -> bool:
    """True when the database is a SQLite file that does not exist (opening it would make an
    empty one, which is never the database meant)."""
    config = connections[using].settings_dict
    name = str(config["NAME"])
    return config["ENGINE"].endswith("sqlite3") and name != ":memory:" and not Path(name).exists()
