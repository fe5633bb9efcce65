"""Building blocks shared by the domain apps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language


def search_key(*parts: str | None) -> str:
    """The normalised text that list searches match against.

    SQLite's LIKE folds case for ASCII only, so "äänekoski" would not find
    "Äänekoski"; matching a case-folded copy with ``contains`` behaves the same on
    SQLite and PostgreSQL. ä and ö stay distinct letters, as Finnish needs.
    """
    return " ".join(part.casefold() for part in parts if part)


class TranslatedNameMixin(models.Model):
    """Finnish, Swedish and English names; ``name`` follows the active language.

    Finnish is always present; a missing translation falls back to it.
    """

    name_fi = models.CharField(max_length=200)
    name_sv = models.CharField(max_length=200, blank=True)
    name_en = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "fi")[:2]
        return getattr(self, f"name_{language}", "") or self.name_fi


class DataVersion(models.Model):
    """A counter per kind of data, raised in the transaction of every change to it.

    Cached pages carry the version in their key, so a change is visible at once in
    every process, with no cache to purge.
    """

    key = models.CharField(max_length=64, unique=True)
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"
