"""This app's part of the outsider table in vip/core/tests/test_outsiders.py."""

from __future__ import annotations

from typing import Any

from vip.core.tests.test_outsiders import OWN, POST_ONLY, PUBLIC, REFUSED  # noqa: F401

URLS: dict[str, tuple[str, str]] = {
    "network:import": ("/en/network/import/", REFUSED),
    "network:import_template": ("/en/network/import/template.xlsx", REFUSED),
    "network:export": ("/en/network/export/memberships.csv", REFUSED),
}


def example_objects() -> dict[str, Any]:
    """Create what the addresses need; returns the placeholders' values."""
    return {}
