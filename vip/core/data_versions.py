"""Raise and read the data version that keys cached pages (see DataVersion)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from vip.core import raw
from vip.core.models import DataVersion


def bump(key: str) -> None:
    """Call inside the transaction of the change."""
    assert transaction.get_connection().in_atomic_block, (
        "bump() belongs in the change's transaction"
    )
    if not DataVersion.objects.filter(key=key).update(version=F("version") + 1):
        DataVersion.objects.create(key=key, version=1)


def current(*keys: str) -> str:
    """The versions of ``keys`` as one token, read in one query; "0" for unknown keys.

    Every cached page asks this, hit or miss: in SQL text (see vip.core.raw)."""
    versions = dict(raw.select_in(DataVersion, "key, version", "key", keys))
    return ".".join(str(versions.get(key, 0)) for key in keys)
