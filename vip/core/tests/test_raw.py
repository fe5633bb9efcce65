"""Reads written as SQL text (vip.core.raw) and the data versions read through them."""

from __future__ import annotations

import pytest
from django.db import transaction

from vip.core import data_versions, raw
from vip.core.models import DataVersion

pytestmark = pytest.mark.django_db


def test_data_versions_are_read_in_the_order_asked_and_unknown_keys_are_zero():
    with transaction.atomic():
        data_versions.bump("b")
        data_versions.bump("b")
        data_versions.bump("a")
    assert data_versions.current("a", "b", "unknown") == "1.2.0"
    assert data_versions.current("b") == "2"
    assert data_versions.current("unknown") == "0"


def test_select_in_reads_every_chunk_and_takes_values_as_parameters(monkeypatch):
    monkeypatch.setattr(raw, "CHUNK", 2)
    DataVersion.objects.bulk_create(
        [DataVersion(key=key, version=n) for n, key in enumerate(["a", "b", "c", "x'); --"])]
    )
    rows = raw.select_in(
        DataVersion, "key, version", "key", ["a", "b", "c", "x'); --", "none"], extra="ORDER BY key"
    )
    assert sorted(rows) == [("a", 0), ("b", 1), ("c", 2), ("x'); --", 3)]
    assert raw.select_in(DataVersion, "key", "key", []) == []
