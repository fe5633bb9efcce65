"""Each term's postings packed into one row, so that a search reads a row per query term.

The postings table stays the source of truth (one row per term and item, written on
every save); a *pack* copies it, term by term, into ``SearchPack`` rows of two int32
arrays, item ids ascending and their weights. A common word of the national bank occurs
in 30,000-40,000 items: read as rows that is 15-25 ms of fetching and converting, read
as one pack well under a millisecond.

Between packs, saves go on as before and list the item in ``SearchChange``. A search
takes a term's pack without the changed items and adds their current rows
(``read``), so it finds exactly what the postings table holds; only the cost grows with
the changes. ``reindex_materials`` packs at the end of every rebuild and
``reindex_materials --pack`` packs again without re-analysing anything (a minute at
national scale; run it nightly, see the README).
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from django.db import connection
from django.utils import timezone

from vip.materials.index.models import SearchChange, SearchIndexState, SearchPack, SearchPosting

_DTYPE = np.dtype("<i4")
# Rows fetched at a time while packing (a server-side cursor on PostgreSQL).
FETCH = 50_000
# Terms per IN (...) list (SQLite allows 32,766 parameters; stay well below).
CHUNK = 900


def encode(ids: Any, weights: Any) -> bytes:
    return bytes(np.asarray(ids, _DTYPE).tobytes() + np.asarray(weights, _DTYPE).tobytes())


def decode(data: bytes | memoryview) -> tuple[Any, Any]:
    """(ids, weights) as int64 arrays."""
    values = np.frombuffer(data, dtype=_DTYPE).astype(np.int64)
    half = len(values) // 2
    return values[:half], values[half:]


def _terms(rows: Iterator[Sequence[tuple[int, int, int]]]) -> Iterator[tuple[int, Any]]:
    """(term id, its (material, weight) rows as an array) from rows ordered by term."""
    carry: Any = None
    for chunk in rows:
        block = np.asarray(chunk, dtype=np.int64).reshape(-1, 3)
        if carry is not None:
            block = np.concatenate([carry, block])
        # Every term whose rows are complete: all but the chunk's last one.
        starts = np.flatnonzero(np.diff(block[:, 0])) + 1
        bounds = [0, *starts.tolist()]
        for a, b in itertools.pairwise(bounds):
            yield int(block[a, 0]), block[a:b, 1:]
        carry = block[bounds[-1] :]
    if carry is not None and len(carry):
        yield int(carry[0, 0]), carry[:, 1:]


def _fetched(sql: str) -> Iterator[Sequence[tuple[int, int, int]]]:
    # A chunked cursor streams on both databases (a named cursor on PostgreSQL).
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(FETCH):
            yield rows


def pack_all() -> int:
    """Pack every term's postings and forget the changes; the number of terms packed.

    The caller holds the index's state lock inside a transaction (as every index
    writer), so no save slips in between the read and the clearing of the changes.
    """
    postings = SearchPosting._meta.db_table
    SearchPack.objects.all()._raw_delete(SearchPack.objects.db)
    batch: list[SearchPack] = []
    packed = 0
    rows = _fetched(
        f"SELECT term_id, material_id, weight FROM {postings} "  # noqa: S608
        "ORDER BY term_id, material_id"
    )
    for term_id, pairs in _terms(rows):
        batch.append(SearchPack(term_id=term_id, data=encode(pairs[:, 0], pairs[:, 1])))
        if len(batch) >= 200:
            SearchPack.objects.bulk_create(batch)
            packed += len(batch)
            batch = []
    SearchPack.objects.bulk_create(batch)
    packed += len(batch)
    SearchChange.objects.all()._raw_delete(SearchChange.objects.db)
    SearchIndexState.objects.filter(pk=1).update(pack=uuid.uuid4().hex, packed_at=timezone.now())
    return packed


def record_change(material_id: int) -> None:
    """List an item whose postings changed (inside the index writer's transaction)."""
    SearchChange.objects.bulk_create([SearchChange(material_id=material_id)], ignore_conflicts=True)


def changed_ids() -> Any:
    """The items changed since the last pack, as a sorted int64 array."""
    ids = SearchChange.objects.order_by("material_id").values_list("material_id", flat=True)
    return np.asarray(list(ids), dtype=np.int64)


def read(term_ids: Sequence[int], *, packed: bool, changed: Any) -> dict[int, tuple[Any, Any]]:
    """term id -> (item ids, weights) as the postings table has them now.

    ``packed``: whether the postings were packed (else every row is read); ``changed``:
    the ids of the items changed since, as ``changed_ids`` gave them (an int64 array).
    """
    wanted = sorted(set(term_ids))
    if not packed:
        return _by_term(wanted, _rows(wanted))
    found: dict[int, tuple[Any, Any]] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        rows = SearchPack.objects.filter(term_id__in=chunk).values_list("term_id", "data")
        found.update((term_id, decode(data)) for term_id, data in rows)
    if len(changed):
        # Only the changes the caller knows of: one listed meanwhile keeps its packed rows
        # (what the caller's catalogue expects) instead of appearing twice.
        fresh = _by_term(wanted, _rows(wanted, changed_only=True))
        for term_id in wanted:
            ids, weights = found.get(term_id, _EMPTY)
            keep = ~np.isin(ids, changed)
            new_ids, new_weights = fresh[term_id]
            known = np.isin(new_ids, changed)
            ids = np.concatenate([ids[keep], new_ids[known]])
            weights = np.concatenate([weights[keep], new_weights[known]])
            order = np.argsort(ids, kind="stable")
            found[term_id] = (ids[order], weights[order])
    return {t: found.get(t, _EMPTY) for t in wanted}


def _by_term(wanted: Sequence[int], rows: list[tuple[int, int, int]]) -> dict[int, tuple[Any, Any]]:
    found = {term_id: (pairs[:, 0], pairs[:, 1]) for term_id, pairs in _terms(iter([rows]))}
    return {t: found.get(t, _EMPTY) for t in wanted}


_EMPTY = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))


def _rows(term_ids: Sequence[int], *, changed_only: bool = False) -> list[tuple[int, int, int]]:
    """(term, material, weight) rows of the terms, ordered by term: one indexed range each."""
    if not term_ids:
        return []
    postings, changes = SearchPosting._meta.db_table, SearchChange._meta.db_table
    among = f"AND material_id IN (SELECT material_id FROM {changes})" if changed_only else ""  # noqa: S608
    out: list[tuple[int, int, int]] = []
    with connection.cursor() as cursor:
        for start in range(0, len(term_ids), CHUNK):
            chunk = term_ids[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            sql = (
                f"SELECT term_id, material_id, weight FROM {postings} "  # noqa: S608
                f"WHERE term_id IN ({marks}) {among} ORDER BY term_id, material_id"
            )
            cursor.execute(sql, list(chunk))
            out += cursor.fetchall()
    return out
