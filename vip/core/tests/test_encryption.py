"""Encrypted fields and key rotation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from vip.accounts.models import TOTPDevice
from vip.audit.models import AuditAction, AuditEvent
from vip.core import crypto

OLD_KEY = crypto.new_key()
NEW_KEY = crypto.new_key()


@pytest.fixture(autouse=True)
def fresh_keyring():
    crypto.reset_keyring()
    yield
    crypto.reset_keyring()


def stored_secret(device: TOTPDevice) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM accounts_totpdevice WHERE id = %s", [device.pk])
        return cursor.fetchone()[0]


def test_rotation_re_encrypts_under_the_new_key_so_the_old_one_can_go(teacher, capsys):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        device = TOTPDevice.objects.create(user=teacher, secret="JBSWY3DPEHPK3PXP")
        before = stored_secret(device)

    crypto.reset_keyring()
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        # Both keys read the old value; the command rewrites it under the new key.
        assert TOTPDevice.objects.get(pk=device.pk).secret == "JBSWY3DPEHPK3PXP"
        call_command("rotate_encryption_keys")
    assert "Re-encrypted 1 rows" in capsys.readouterr().out
    assert stored_secret(device) != before

    crypto.reset_keyring()
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        assert TOTPDevice.objects.get(pk=device.pk).secret == "JBSWY3DPEHPK3PXP"
    assert AuditEvent.objects.filter(action=AuditAction.ENCRYPTION_KEYS_ROTATED).exists()


def test_a_value_without_its_key_is_an_error_not_garbage(teacher):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        device = TOTPDevice.objects.create(user=teacher, secret="JBSWY3DPEHPK3PXP")
    crypto.reset_keyring()
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]), pytest.raises(ImproperlyConfigured):
        TOTPDevice.objects.get(pk=device.pk)


def test_a_malformed_key_is_reported(db):
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=["not-a-key"]),
        pytest.raises(ImproperlyConfigured, match="Fernet keys"),
    ):
        crypto.encrypt("x")
