"""The audit trail records who did what, in the same transaction, and cannot be changed."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from vip.audit import audit
from vip.audit.audit import AuditUsageError
from vip.audit.models import AppendOnlyError, AuditAction, AuditEvent


def record(**kwargs):
    with transaction.atomic():
        return audit.record(AuditAction.USER_UPDATED, actor=None, **kwargs)


def test_a_record_outside_a_transaction_is_refused(transactional_db):
    with pytest.raises(AuditUsageError):
        audit.record(AuditAction.USER_UPDATED, actor=None)
    assert not AuditEvent.objects.filter(action=AuditAction.USER_UPDATED).exists()


def test_a_record_rolls_back_with_its_change(teacher):
    def failing_change():
        with transaction.atomic():
            audit.record(AuditAction.USER_UPDATED, actor=teacher, target=teacher)
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        failing_change()
    assert not AuditEvent.objects.filter(action=AuditAction.USER_UPDATED).exists()


def test_it_names_the_target_by_type_and_id(teacher):
    event = record(target=teacher)
    assert (event.target_type, event.target_id) == ("accounts.user", str(teacher.pk))


def test_details_must_stay_small(db):
    with pytest.raises(AuditUsageError):
        record(details={"document": "x" * 5000})


def test_the_orm_refuses_to_change_or_delete_an_event(db):
    event = record()
    event.details = {"changed": True}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(details={})
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert event.details == {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET details = '{}' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
)
def test_postgresql_refuses_raw_updates_and_deletes(db, sql):
    event = record(details={"kept": True})
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])
    event.refresh_from_db()
    assert event.details == {"kept": True}


def test_a_request_leaves_its_id_and_address_on_the_record(client, teacher, password):
    response = client.post(
        "/en/accounts/login/",
        {"email": teacher.email, "password": password},
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_REQUEST_ID="req-1234567890",
    )
    assert response["X-Request-ID"] == "req-1234567890"
    event = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert event.ip == "198.51.100.7"
    assert event.request_id == "req-1234567890"


def test_a_malformed_request_id_is_replaced(client, reference_data):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="bad id with spaces")
    assert response["X-Request-ID"] != "bad id with spaces"
    assert len(response["X-Request-ID"]) == 32


def test_reference_data_loads_are_audited(db):
    from vip.registry.services import load_reference_data

    load_reference_data(actor=None)
    event = AuditEvent.objects.filter(action=AuditAction.REFERENCE_DATA_LOADED).latest("id")
    assert event.details["created"] == {}


def test_the_retention_job_deletes_only_events_past_the_retention_period(db):
    import datetime

    from django.utils import timezone

    from vip.audit.retention import purge_audit_events

    old = record(details={"age": "old"})
    recent = record(details={"age": "recent"})
    # Back-date one row as only a test may: raw SQL, with the trigger off on PostgreSQL.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "UPDATE audit_auditevent SET occurred_at = %s WHERE id = %s",
            [timezone.now() - datetime.timedelta(days=6 * 365), old.pk],
        )
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")

    deleted = purge_audit_events()

    assert deleted == 1
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()
    purge = AuditEvent.objects.get(action=AuditAction.AUDIT_PURGED)
    assert purge.details["deleted"] == 1


def test_the_retention_period_cannot_be_set_below_a_year(db):
    from vip.audit.retention import purge_audit_events

    with pytest.raises(ValueError, match="at least a year"):
        purge_audit_events(older_than_days=30)
