"""The table of the shared cache (settings.CACHES), made here so that `migrate` is all an
install needs: no separate `createcachetable` step to forget."""

from django.core.management import call_command
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

# Frozen here as a migration's names are; settings.CACHES names the same table.
TABLE = "fairhear_cache"


def create_table(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # Named explicitly, Django's own command makes the table whatever CACHES says (the tests
    # keep a cache in memory) and does nothing if it is there already.
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies: list[tuple[str, str]] = []

    operations = [migrations.RunPython(create_table, drop_table)]
