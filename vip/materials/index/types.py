"""What a materials search takes and gives back: shared by the pages and the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString

from vip.materials.models import Material

FACETS = ("kind", "theme", "language", "year", "level", "sector")
SORTS = ("relevance", "newest")


@dataclass(frozen=True, slots=True)
class SearchParams:
    """A validated search: ``q`` None means browse (no query, newest first)."""

    q: str | None = None
    kind: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()  # theme codes
    language: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    level: tuple[str, ...] = ()  # school level codes
    sector: tuple[str, ...] = ()  # sector codes
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True, slots=True)
class Hit:
    material: Material
    score: int
    title_html: SafeString  # the title with matched words in <mark>, escaped
    snippet_html: SafeString  # a passage of summary, body or a file with matches marked
    # The item's themes in list order, from the search's catalogue (code, name).
    themes: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchResults:
    params: SearchParams
    hits: list[Hit]
    total: int
    pages: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # Query words that matched nothing, and the vocabulary word searched instead.
    corrections: dict[str, str] = field(default_factory=dict)


class SearchInputError(Exception):
    """Bad search input: ``errors`` maps a parameter name to translated messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors
