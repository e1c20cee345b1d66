"""On PostgreSQL, the database itself refuses to change or delete an audit log entry.

The audit log is who changed and who viewed children's records; a council must be able to
rely on it. `fairhear flush` is refused by the command line; this guards against everything
else that reaches the database (a shell, a stray script, SQL). Other databases (SQLite, for
development and small installations) have only the command-line refusal.

One change is allowed: the retention schedule's anonymisation removes the old and new values
from a case's entries (dataprotection.services), and says so for its own transaction with
`SET LOCAL fairhear.audit_redaction = 'on'`. Deleting is never allowed.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
CREATE OR REPLACE FUNCTION fairhear_audit_log_is_kept() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('fairhear.audit_redaction', true) = 'on' THEN
        RETURN NEW;
    END IF;
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
        ("casework", "0004_contact_letter_preferences"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(guard, unguard)]
