"""Each term's postings packed into one row, so that a search reads a row per query term.

The postings table stays the source of truth (one row per term and item, written on
every save); a *pack* copies it, term by term, into ``SearchPack`` rows of two int32
arrays, item ids ascending and their weights. A common word of the national bank occurs
in 30,000-40,000 items: read as rows that is 15-25 ms of fetching and converting, read
as one pack well under a millisecond. A pack is 12 bytes per posting (int64 item ids,
int32 weights).

Between packs, saves go on as before and list the item in ``SearchChange``. A search
takes a term's pack without the changed items and adds their current rows
(``read``), so it finds exactly what the postings table holds; only the cost grows with
the changes. ``reindex_materials`` packs at the end of every rebuild and
``reindex_materials --pack`` packs again without re-analysing anything (about 20 s for
50,000 items, during which saves wait to be indexed; run it nightly, see the README).
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from django.db import connection
from django.utils import timezone

from vip.core import raw
from vip.materials.index.models import SearchChange, SearchIndexState, SearchPack, SearchPosting

# Item ids as int64 (the primary keys are big integers), weights as int32.
_IDS = np.dtype("<i8")
_WEIGHTS = np.dtype("<i4")
# Rows fetched at a time while packing (a server-side cursor on PostgreSQL), and packs
# written at a time meanwhile.
FETCH = 50_000
WRITE = 200
# Terms per IN (...) list (SQLite allows 32,766 parameters; stay well below).
CHUNK = 900


def encode(ids: Any, weights: Any) -> bytes:
    return bytes(np.asarray(ids, _IDS).tobytes() + np.asarray(weights, _WEIGHTS).tobytes())


def decode(data: bytes | memoryview) -> tuple[Any, Any]:
    """(ids, weights) as int64 arrays."""
    count = len(data) // (_IDS.itemsize + _WEIGHTS.itemsize)
    ids = np.frombuffer(data, dtype=_IDS, count=count).astype(np.int64)
    weights = np.frombuffer(data, dtype=_WEIGHTS, offset=count * _IDS.itemsize)
    return ids, weights.astype(np.int64)


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
        if len(batch) >= WRITE:
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
    """term id -> (item ids, weights): the packs, with the current rows of ``changed``.

    ``packed``: whether the postings were packed (else every row is read); ``changed``:
    the ids of the items changed since, as ``changed_ids`` gave them (an int64 array)
    when the caller's catalogue was built. A pack committed since holds those items too;
    their rows are taken from the postings table all the same, so the answer is what the
    table holds whichever pack is read.
    """
    wanted = sorted(set(term_ids))
    if not packed:
        return _by_term(wanted, _rows(wanted))
    found: dict[int, tuple[Any, Any]] = {}
    rows = raw.select_in(SearchPack, "term_id, data", "term_id", wanted)
    found.update((term_id, decode(data)) for term_id, data in rows)
    if len(changed):
        # The current rows of exactly the items the caller's snapshot lists: whatever was
        # packed or listed meanwhile, each item comes from one place, once.
        fresh = _by_term(wanted, _rows(wanted, among=changed.tolist()))
        for term_id in wanted:
            ids, weights = found.get(term_id, _EMPTY)
            keep = ~np.isin(ids, changed)
            new_ids, new_weights = fresh[term_id]
            ids = np.concatenate([ids[keep], new_ids])
            weights = np.concatenate([weights[keep], new_weights])
            order = np.argsort(ids, kind="stable")
            found[term_id] = (ids[order], weights[order])
    return {t: found.get(t, _EMPTY) for t in wanted}


def _by_term(wanted: Sequence[int], rows: list[tuple[int, int, int]]) -> dict[int, tuple[Any, Any]]:
    found = {term_id: (pairs[:, 0], pairs[:, 1]) for term_id, pairs in _terms(iter([rows]))}
    return {t: found.get(t, _EMPTY) for t in wanted}


_EMPTY = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
for _array in _EMPTY:
    _array.flags.writeable = False


def _rows(
    term_ids: Sequence[int], among: Sequence[int] | None = None
) -> list[tuple[int, int, int]]:
    """(term, material, weight) rows of the terms (of the items ``among``, if given),
    ordered by term: one indexed range each."""
    if not term_ids or (among is not None and not among):
        return []
    postings = SearchPosting._meta.db_table
    items = [None] if among is None else [among[i : i + CHUNK] for i in range(0, len(among), CHUNK)]
    out: list[tuple[int, int, int]] = []
    with connection.cursor() as cursor:
        for start in range(0, len(term_ids), CHUNK):
            terms = list(term_ids[start : start + CHUNK])
            for ids in items:
                marks = ", ".join(["%s"] * len(terms))
                also = "" if ids is None else f"AND material_id IN ({', '.join(['%s'] * len(ids))})"
                sql = (
                    f"SELECT term_id, material_id, weight FROM {postings} "  # noqa: S608
                    f"WHERE term_id IN ({marks}) {also} ORDER BY term_id, material_id"
                )
                cursor.execute(sql, [*terms, *(ids or [])])
                out += cursor.fetchall()
    # Several item chunks of one term chunk: ordered by term again (stable: ids stay sorted
    # within each chunk, and the caller sorts by id).
    return sorted(out, key=lambda row: row[0]) if len(items) > 1 else out
