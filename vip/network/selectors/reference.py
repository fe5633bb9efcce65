"""Reads of the network's reference rows (themes, sectors), shared by pages, feeds and the API."""

from __future__ import annotations

from vip.network.models import Sector, Theme


def theme_by_code(code: str) -> Theme | None:
    """The theme with this code, in any letter case."""
    return Theme.objects.filter(code=code.strip().lower()).first()


def theme_codes() -> list[str]:
    return list(Theme.objects.values_list("code", flat=True))


def sector_by_code(code: str) -> Sector | None:
    return Sector.objects.filter(code=code.strip().lower()).first()
