from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from vip.audit import audit
from vip.audit.models import AuditAction
from vip.core import crypto
from vip.core.fields import EncryptedTextField


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the first key of FIELD_ENCRYPTION_KEYS. "
        "Run after putting a new key first; then the old key can be removed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        with transaction.atomic():
            for model in apps.get_models():
                fields = [
                    f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)
                ]
                if not fields:
                    continue
                names = [f.attname for f in fields]
                # Values are decrypted on load (with any key) and encrypted again
                # on write, always with the first key.
                rows = model._default_manager.values_list("pk", *names).iterator()
                for pk, *values in rows:
                    model._default_manager.filter(pk=pk).update(
                        **{name: value for name, value in zip(names, values, strict=True) if value}
                    )
                    total += 1
            audit.record(AuditAction.ENCRYPTION_KEYS_ROTATED, actor=None, details={"rows": total})
        crypto.reset_keyring()
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {total} rows."))
