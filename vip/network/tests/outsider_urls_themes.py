"""This app's part of the outsider table in vip/core/tests/test_outsiders.py: themes and
sectors, which only national administrators list, add and rename."""

from __future__ import annotations

from typing import Any

from vip.core.tests.test_outsiders import OWN, POST_ONLY, PUBLIC, REFUSED  # noqa: F401

URLS: dict[str, tuple[str, str]] = {
    "network:themes_and_sectors": ("/en/network/themes-and-sectors/", REFUSED),
    "network:theme_create": ("/en/network/themes/new/", REFUSED),
    "network:theme_edit": ("/en/network/themes/school-non-attendance/edit/", REFUSED),
    "network:sector_create": ("/en/network/sectors/new/", REFUSED),
    "network:sector_edit": ("/en/network/sectors/pupil-welfare/edit/", REFUSED),
}


def example_objects() -> dict[str, Any]:
    """The themes and sectors come with the reference data: nothing to create."""
    return {}
