"""Retention of the audit trail: rows older than AUDIT_RETENTION_DAYS are deleted.

This is the only deletion the trail allows. It bypasses the ORM guard on
purpose, and on PostgreSQL it tells the append-only trigger the cut-off, so
the trigger still refuses anything newer. The purge itself is audited.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from vip.audit import audit
from vip.audit.models import AuditAction, AuditEvent


def purge_audit_events(*, older_than_days: int | None = None) -> int:
    days = older_than_days if older_than_days is not None else settings.AUDIT_RETENTION_DAYS
    if days < 365:
        raise ValueError("The audit trail is kept at least a year.")
    cutoff = timezone.now() - datetime.timedelta(days=days)
    table = AuditEvent._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT set_config('vip.audit_purge_before', %s, true)", [cutoff.isoformat()]
            )
        cursor.execute(f"DELETE FROM {table} WHERE occurred_at < %s", [cutoff])  # noqa: S608
        deleted = cursor.rowcount
        audit.record(
            AuditAction.AUDIT_PURGED,
            actor=None,
            target_type="audit.auditevent",
            details={"deleted": deleted, "before": cutoff.date().isoformat()},
        )
    return deleted
