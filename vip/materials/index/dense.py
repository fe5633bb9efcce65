"""Scoring a query over every item at once, in arrays: the engine's fast path.

The rules are the engine's SQL (vip.materials.index.engine._score) and the reference's
(vip.search.memory): per query word the best of its lemma, stem and typo terms, or the
weakest of its compound parts when all of them occur; an item's score is the sum over
the words it matches. Integers only (scores in int64, a term's weights in int32 as
stored), so the figures are the SQL's to the digit.

Why arrays: a common word ("tuki", "koulu") occurs in tens of thousands of items, and
summing and sorting that many rows in SQL and Python costs hundreds of milliseconds;
the same in numpy over the catalogue's positions costs about one. Each term's postings
are read once per catalogue (its pack, one row: vip.materials.index.packing) and kept
with it, so they are read again whenever the index changes; ``POSTINGS_ROWS`` bounds them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from vip.materials.index import packing

if TYPE_CHECKING:
    from vip.materials.index.catalogue import Catalogue
    from vip.materials.index.engine import _Word

# Rows of postings a process keeps (8 bytes each: about 80 MB). The national-scale bench
# bank has 8.8 million: below that, a worker of the bench's search mix reads the packs of
# terms it dropped again and again (about a millisecond a search).
POSTINGS_ROWS = 10_000_000
_lock = threading.Lock()


def _arrays(cat: Catalogue) -> dict[str, Any]:
    """The catalogue as arrays: item ids and ranking boosts by position, and positions by id."""
    arrays = cat.arrays
    if not arrays:
        with _lock:
            if not arrays:
                ids = np.asarray(cat.order, dtype=np.int64)
                by_id = np.full(int(ids.max()) + 1 if len(ids) else 1, -1, dtype=np.int64)
                by_id[ids] = np.arange(len(ids), dtype=np.int64)
                arrays["boost"] = np.asarray(cat.boost, dtype=np.int64)
                arrays["ids"] = ids
                arrays["by_id"] = by_id
    return arrays


def _load(cat: Catalogue, term_ids: Sequence[int]) -> dict[int, tuple[Any, Any]]:
    """(positions, weights) of each term, those not cached yet read in a query or two."""
    cache = cast("OrderedDict[int, tuple[Any, Any]]", cat.postings)
    out: dict[int, tuple[Any, Any]] = {}
    with _lock:
        for term_id in term_ids:
            found = cache.get(term_id)
            if found is not None:
                cache.move_to_end(term_id)
                out[term_id] = found
    missing = [t for t in dict.fromkeys(term_ids) if t not in out]
    if not missing:
        return out
    by_id = _arrays(cat)["by_id"]
    for term_id, (ids, weights) in packing.read(
        missing, packed=bool(cat.pack), changed=cat.changed
    ).items():
        inside = ids < len(by_id)  # items newer than the catalogue are not in it
        positions, weights = by_id[ids[inside]], weights[inside]
        published = positions >= 0  # nor items unpublished since it was built
        out[term_id] = (positions[published].astype(np.int32), weights[published].astype(np.int32))
    with _lock:
        for term_id in missing:
            cache[term_id] = out[term_id]
        rows_kept = sum(len(p) for p, _w in cache.values())
        while len(cache) > 1 and rows_kept > POSTINGS_ROWS:
            _old, (dropped, _w) = cache.popitem(last=False)
            rows_kept -= len(dropped)
    return out


def co_occur(cat: Catalogue, term_ids: Sequence[int]) -> bool:
    """Whether one item of the catalogue has every one of the terms."""
    return len(_with_every(_load(cat, term_ids), term_ids, len(cat))) > 0


def _with_every(postings: dict[int, tuple[Any, Any]], term_ids: Any, size: int) -> Any:
    """The positions (in no particular order) of the items that have every one of
    ``term_ids``: the rarest term's positions, narrowed by each other term's in turn."""
    lists = sorted((postings[term_id][0] for term_id in term_ids), key=len)
    common = lists[0]
    for other in lists[1:]:
        if not len(common):
            break
        present = np.zeros(size, dtype=bool)
        present[other] = True
        common = common[present[common]]
    return common


def score(words: Sequence[_Word], cat: Catalogue) -> tuple[Any, Any]:
    """(matched words, score) of every position of the catalogue, as int64 arrays; with
    one word, matched is None (every match matched it: the score is positive there)."""
    size = len(cat)
    postings = _load(cat, [t for word in words for t in (*word.factors, *word.parts)])
    spread: list[Any] = []  # a reused buffer for compound parts (see _best)
    if len(words) == 1:
        return None, _best(words[0], postings, size, spread)
    matched = np.zeros(size, dtype=np.int64)
    total = np.zeros(size, dtype=np.int64)
    for word in words:
        best = _best(word, postings, size, spread)
        # Every score is positive (weights and factors are), so zero means no match.
        matched += best > 0
        total += best
    return matched, total


def _best(word: _Word, postings: dict[int, tuple[Any, Any]], size: int, spread: list[Any]) -> Any:
    """The word's score at every position (int64, zero where it does not match): the best
    of its terms', or where all its compound parts occur the weakest part's if better."""
    best = np.zeros(size, dtype=np.int64)
    for number, (term_id, factor) in enumerate(word.factors.items()):
        positions, weights = postings[term_id]
        # A term's postings name each item once, so plain fancy indexing is exact.
        if number == 0:
            best[positions] = weights * np.int64(factor)
            continue
        scored = best[positions]
        np.maximum(scored, weights * np.int64(factor), out=scored)
        best[positions] = scored
    if word.parts:
        # The items with every part, then the weakest part's score there.
        common = _with_every(postings, word.parts, size)
        if len(common):
            if not spread:
                spread.append(np.empty(size, dtype=np.int32))
            weakest = np.full(len(common), np.iinfo(np.int64).max, dtype=np.int64)
            for term_id, factor in word.parts.items():
                positions, weights = postings[term_id]
                # Reused without clearing: ``common`` is among every part's positions, so
                # what is read there was written for this part.
                spread[0][positions] = weights
                part = spread[0][common].astype(np.int64) * np.int64(factor)
                np.minimum(weakest, part, out=weakest)
            best[common] = np.maximum(best[common], weakest)
    return best


def ranked(
    words: Sequence[_Word], cat: Catalogue, limit: int | None, among: Any = None
) -> tuple[Any, Any, Any]:
    """The best ``limit`` (all if None) matches, best first, as int64 arrays of positions
    and of scores, and a boolean array of every match, ranked as
    vip.search.memory.ranking_key with the item id breaking ties. With ``among`` (a
    boolean array over the positions), only the matches there are ranked."""
    matched, total = score(words, cat)
    arrays = _arrays(cat)
    every = total > 0  # every score is positive
    candidates = np.flatnonzero(every if among is None else every & among)
    # More matched words first, then the higher boosted score: one int64 key (scores stay
    # far below 2**50). With one word every match matched it: the boosted score alone.
    keys = total[candidates] * arrays["boost"][candidates]
    if matched is not None:
        keys += matched[candidates] << 50
    ids = arrays["ids"]
    if limit is not None and len(candidates) > limit:
        # Only the best ``limit`` need sorting: those above the limit-th key, and of the
        # rows tied with it (common: equal weights) those with the smallest item ids.
        cut = np.partition(keys, len(keys) - limit)[len(keys) - limit]
        above = np.flatnonzero(keys > cut)
        tied = np.flatnonzero(keys == cut)
        room = limit - len(above)  # at least 1: the cut itself is among the best
        if len(tied) > room:
            tied = tied[np.argpartition(ids[candidates[tied]], room - 1)[:room]]
        keep = np.concatenate((above, tied))
        candidates, keys = candidates[keep], keys[keep]
    order = candidates[np.lexsort((ids[candidates], -keys))]
    return order, total[order], every


def from_bits(bits: int, size: int) -> Any:
    """The catalogue's bit set as a boolean array of ``size`` positions."""
    raw = np.frombuffer(bits.to_bytes((size + 8) // 8, "little"), dtype=np.uint8)
    return np.unpackbits(raw, bitorder="little")[:size].astype(bool)


def to_bits(mask: Any) -> int:
    """A boolean array as the catalogue's bit set (position p is bit p)."""
    return int.from_bytes(np.packbits(mask, bitorder="little").tobytes(), "little")
