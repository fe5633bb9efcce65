"""Raise and read the data version that keys cached pages (see DataVersion)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from vip.core.models import DataVersion


def bump(key: str) -> None:
    """Call inside the transaction of the change."""
    assert transaction.get_connection().in_atomic_block, (
        "bump() belongs in the change's transaction"
    )
    if not DataVersion.objects.filter(key=key).update(version=F("version") + 1):
        DataVersion.objects.create(key=key, version=1)


def current(key: str) -> int:
    return DataVersion.objects.filter(key=key).values_list("version", flat=True).first() or 0
