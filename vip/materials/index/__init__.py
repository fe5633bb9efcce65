"""The materials search index: our own analysed terms, stored portably in the database.

- ``parse_params(data)`` -> SearchParams (raises SearchInputError), for the page and the API;
- ``search(params)`` -> SearchResults: ranked hits with marked titles and snippets, total,
  disjunctive facet counts, typo corrections;
- ``published_count(facet, value)``: the published items of a theme, kind, year...;
- ``index_material(pk)`` / ``schedule_index(pk)`` (after commit) / ``reindex_all()``;
- ``pack_index()``: the postings packed again (``reindex_materials --pack``).

Design and figures: bench/search_eval/README.md ("The database index").
"""

from __future__ import annotations

from vip.materials.index.engine import published_count, search
from vip.materials.index.indexing import (
    ReindexReport,
    changes_since_pack,
    index_material,
    index_state,
    is_stale,
    pack_index,
    rebuild_index,
    reindex_all,
    schedule_index,
)
from vip.materials.index.params import parse_params
from vip.materials.index.types import (
    FacetValue,
    Hit,
    SearchInputError,
    SearchParams,
    SearchResults,
)

__all__ = [
    "FacetValue",
    "Hit",
    "ReindexReport",
    "SearchInputError",
    "SearchParams",
    "SearchResults",
    "changes_since_pack",
    "index_material",
    "index_state",
    "is_stale",
    "pack_index",
    "parse_params",
    "published_count",
    "rebuild_index",
    "reindex_all",
    "schedule_index",
    "search",
]
