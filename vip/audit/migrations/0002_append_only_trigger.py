"""Refuse UPDATE and DELETE of audit rows in the database itself (PostgreSQL).

The ORM already refuses; the trigger also stops raw SQL and other clients.
The one exception is the retention job (``purge_audit_events``): inside its
transaction it sets ``vip.audit_purge_before`` and may then delete rows older
than that moment, nothing newer. TRUNCATE stays possible for the test suite's
database flush and for an operator restoring a backup.
"""

from django.db import migrations

from vip.core.migration_operations import PostgreSQLOnly

FORWARD = """
CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
DECLARE
    purge_before text := current_setting('vip.audit_purge_before', true);
BEGIN
    IF TG_OP = 'DELETE' AND purge_before IS NOT NULL AND purge_before <> ''
       AND OLD.occurred_at < purge_before::timestamptz THEN
        RETURN OLD;
    END IF;
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
