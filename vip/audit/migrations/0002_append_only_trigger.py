"""Refuse UPDATE and DELETE of audit rows in the database itself (PostgreSQL).

The ORM already refuses; the trigger also stops raw SQL and other clients.
TRUNCATE stays possible for the test suite's database flush and for an
operator restoring a backup.
"""

from django.db import migrations

from vip.core.migration_operations import PostgreSQLOnly

FORWARD = """
CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_auditevent is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [PostgreSQLOnly(FORWARD, BACKWARD)]
