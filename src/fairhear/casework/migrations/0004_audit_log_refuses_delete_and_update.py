"""On PostgreSQL, the database itself refuses to change or delete an audit log entry.

The audit log is who changed and who viewed children's records; a council must be able to
rely on it. `fairhear flush` is refused by the command line; this guards against everything
else that reaches the database (a shell, a stray script, SQL). Other databases (SQLite, for
development and small installations) have only the command-line refusal.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
CREATE OR REPLACE FUNCTION fairhear_audit_log_is_kept() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is kept: its entries cannot be changed or deleted (%).', TG_OP;
END;
$$;
CREATE TRIGGER fairhear_audit_log_is_kept
    BEFORE UPDATE OR DELETE ON auditlog_logentry
    FOR EACH ROW EXECUTE FUNCTION fairhear_audit_log_is_kept();
"""

DROP = """
DROP TRIGGER IF EXISTS fairhear_audit_log_is_kept ON auditlog_logentry;
DROP FUNCTION IF EXISTS fairhear_audit_log_is_kept();
"""


def guard(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def unguard(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0003_contact_wishes_and_attachments"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(guard, unguard)]
