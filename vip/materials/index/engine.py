"""The materials search: query words -> terms in Python, scores in numpy, facets in bits.

A search costs a handful of queries whatever the number of hits: the index token and
data versions (one statement), the terms of the query words not met before (memoised per
catalogue), the postings pack of each term not read before (vip.materials.index.dense;
every figure an integer, so SQLite and PostgreSQL agree to the last digit), and the
page's items. Typo look-ups add one or two when a word matches nothing or no word list
knows it. The ranking rules are those of the reference, vip.search.memory; the SQL
aggregate ``_score`` scores the few items a newest-first page needs.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from django.db import connection
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from vip.core import raw
from vip.materials.index import dense, highlight
from vip.materials.index.catalogue import (
    FACET_FIELDS,
    Catalogue,
    catalogue,
    positions_of,
)
from vip.materials.index.models import SearchPosting, SearchTerm, SearchTrigram, SearchWord
from vip.materials.index.types import FacetValue, Hit, SearchParams, SearchResults
from vip.materials.models import KIND_LABELS, LANGUAGE_LABELS, Material
from vip.search.analysis import analyse_query
from vip.search.base import QueryWord
from vip.search.fuzzy import allowed_typos, is_typo_of, trigrams, typo_distance
from vip.search.memory import (
    ROUTE_EXACT,
    ROUTE_GUESS,
    ROUTE_PARTS,
    ROUTE_STEM,
    ROUTE_TYPO,
    idf_weight,
)
from vip.search.text import normalise

#: Ranked rows kept per query: the pages people read (a deeper page, or one a filter
#: thins out beyond these, ranks the query again without the memo).
TOP = 2_000
#: The memo holds at most this many queries and this many ranked rows in all.
MATCH_MEMO = 256
MEMO_ROWS = 100_000
#: Marked titles and snippets a catalogue keeps (about a kilobyte each).
SNIPPET_MEMO = 10_000
#: Query words whose routes (terms, typo corrections) a catalogue keeps.
ROUTE_MEMO = 4_096
MIN_SIMILARITY = 0.25
_memo_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Match:
    """A query's matching items: the best ranked, all as bits, what the highlighting needs.

    Compact, as it is memoised: positions and scores in arrays (8 bytes a row), only the
    first ``TOP`` rows; ``routes`` ranks or scores any other item on demand.
    """

    positions: array[int]  # the best matches' positions, best first
    scores: array[int]  # their scores
    complete: bool  # whether ``positions`` holds every match
    bits: int  # the positions of every matching item
    # What this query searched: every term that counted (for <mark>) and its typo
    # corrections. A memoised entry keeps both empty (it is shared by the inflected
    # forms and misspellings with the same routes); match() fills them per query.
    terms: frozenset[str]
    corrections: dict[str, str]
    routes: tuple[_Word, ...] = ()

    @property
    def total(self) -> int:
        return self.bits.bit_count()


@dataclass(frozen=True)
class _Word:
    """One query word's routes: term -> factor (max), and the parts that must all occur."""

    text: str
    factors: dict[int, int]
    parts: dict[int, int]


# --- terms and typos ------------------------------------------------------------------


def _lookup_terms(texts: Iterable[str]) -> dict[str, tuple[int, int]]:
    """text -> (id, df) of the terms that exist (in SQL text: see vip.core.raw)."""
    rows = raw.select_in(SearchTerm, "id, text, df", "text", sorted(set(texts)), extra="AND df > 0")
    return {text: (pk, df) for pk, text, df in rows}


def corrections(word: str) -> dict[str, set[str]]:
    """Vocabulary words ``word`` is probably a typo of (the closest only), with their terms.

    As vip.search.fuzzy.TypoIndex.corrections, over the stored vocabulary; words whose
    terms no longer occur in any item are left out.
    """
    query = normalise(word)
    limit = allowed_typos(query)
    if limit == 0:
        return {}
    grams = sorted(trigrams(query))
    words, trigram = SearchWord._meta.db_table, SearchTrigram._meta.db_table
    marks = ", ".join(["%s"] * len(grams))
    # Jaccard >= 0.25 means shared >= 0.2 * (query grams + word grams): filtered in SQL.
    sql = (
        f"SELECT w.word, w.terms, w.grams, COUNT(*) FROM {trigram} t "  # noqa: S608
        f"JOIN {words} w ON w.id = t.word_id WHERE t.gram IN ({marks}) "
        "GROUP BY w.id, w.word, w.terms, w.grams "
        "HAVING 5 * COUNT(*) >= %s + w.grams"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*grams, len(grams)])
        rows = cursor.fetchall()
    candidates: dict[int, dict[str, set[str]]] = {}
    for text, terms, size, shared in rows:
        if shared / (len(grams) + size - shared) < MIN_SIMILARITY or not is_typo_of(query, text):
            continue
        distance = typo_distance(query, text, limit)
        if distance is not None:
            candidates.setdefault(distance, {})[text] = set(terms.split())
    live = _lookup_terms(
        t for found in candidates.values() for terms in found.values() for t in terms
    )
    for distance in sorted(candidates):
        alive = {w: ts for w, ts in candidates[distance].items() if ts & live.keys()}
        if alive:
            return alive
    return {}


@dataclass(frozen=True, slots=True)
class _Route:
    """What one query word searches for (None: nothing in the index), the terms that
    counted and the word searched instead of a misspelt one."""

    word: _Word | None
    used: frozenset[str]
    fix: str | None


def _routes(words: list[QueryWord], cat: Catalogue) -> tuple[list[_Word], set[str], dict[str, str]]:
    """Each word's routes, memoised per catalogue: words recur far more than queries."""
    out: list[_Word] = []
    used: set[str] = set()
    fixes: dict[str, str] = {}
    memo = cast("OrderedDict[QueryWord, _Route]", cat.routes)
    for word in words:
        with _memo_lock:
            route = memo.get(word)
            if route is not None:
                memo.move_to_end(word)
        if route is None:
            route = _route(word, cat)
            with _memo_lock:
                memo[word] = route
                while len(memo) > ROUTE_MEMO:
                    memo.popitem(last=False)
        if route.word is not None:
            out.append(route.word)
        used |= route.used
        if route.fix is not None:
            fixes[word.text] = route.fix
    return out, used, fixes


def _route(word: QueryWord, cat: Catalogue) -> _Route:
    size = len(cat)
    terms = _lookup_terms((*word.lemmas, *word.stems, *word.parts))
    used: set[str] = set()

    def add(factors: dict[int, int], texts: Iterable[str], route: int) -> None:
        for text in texts:
            if text in terms:
                pk, df = terms[text]
                factor = route * idf_weight(df, size)
                if factor > 0:
                    factors[pk] = max(factors.get(pk, 0), factor)
                    used.add(text)

    factors: dict[int, int] = {}
    add(factors, word.lemmas, ROUTE_EXACT if word.known else ROUTE_GUESS)
    add(factors, word.stems, ROUTE_STEM)
    parts: dict[int, int] = {}
    if len(word.parts) >= 2:
        distinct = set(word.parts)
        add(parts, distinct, ROUTE_PARTS)
        if len(parts) < len(distinct):
            parts = {}
    matched = bool(factors) or bool(parts and dense.co_occur(cat, list(parts)))
    fix = None
    if not matched or not word.known:
        corrected = corrections(word.text)
        if corrected:
            found = set().union(*corrected.values())
            terms.update(_lookup_terms(found - terms.keys()))
            before = len(used)
            add(factors, found, ROUTE_TYPO)
            if not matched and len(used) > before:
                fix = min(corrected)
    if parts and not matched:
        parts = {}
    routes = _Word(word.text, factors, parts) if factors or parts else None
    return _Route(routes, frozenset(used), fix)


# --- scoring in SQL ----------------------------------------------------------------------


def _score(words: Sequence[_Word], only: Sequence[int] | None = None) -> list[tuple[int, int, int]]:
    """(item id, matched words, score) of every item matching at least one word (of the
    items ``only``, if given)."""
    rows: list[str] = []
    for number, word in enumerate(words):
        rows += [f"({number}, 0, 1, {pk}, {factor})" for pk, factor in word.factors.items()]
        need = len(word.parts)
        rows += [f"({number}, 1, {need}, {pk}, {factor})" for pk, factor in word.parts.items()]
    if not rows or only == []:
        return []
    postings = SearchPosting._meta.db_table
    # Ids of our own catalogue, integers: safe to inline like the factors.
    among = f"AND p.material_id IN ({', '.join(str(int(i)) for i in only)})" if only else ""
    # Integers only (generated here, never user input): both databases sum them exactly.
    # Per word, group 0 is its lemmas, stems and typo terms (best term counts) and group 1
    # its compound parts (all must occur; the weakest counts); the word's score is the
    # better of the two, an item's score the sum over words.
    sql = f"""
        WITH q(w, g, need, term_id, factor) AS (VALUES {", ".join(rows)})
        SELECT s.material_id, COUNT(*), SUM(s.score) FROM (
            SELECT r.w, r.material_id, MAX(r.score) AS score FROM (
                SELECT q.w, q.g, p.material_id,
                    CASE WHEN MAX(q.g) = 0 THEN MAX(q.factor * p.weight)
                        ELSE MIN(q.factor * p.weight) END AS score
                FROM {postings} p JOIN q ON p.term_id = q.term_id {among}
                GROUP BY q.w, q.g, p.material_id
                HAVING COUNT(*) >= MAX(q.need)
            ) r GROUP BY r.w, r.material_id
        ) s GROUP BY s.material_id
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def _ranked(
    routes: Sequence[_Word], cat: Catalogue, limit: int | None, among: Any = None
) -> tuple[Any, Any, Any]:
    """The best ``limit`` (all if None) matches as arrays of positions and scores, best
    first (only those in ``among``, a boolean array over the positions, if given), and
    every match as a boolean array over the positions (vip.materials.index.dense)."""
    return dense.ranked(routes, cat, limit, among)


def match(query: str, cat: Catalogue) -> Match:
    """The items matching ``query``, ranked as the reference ranks them.

    The ranking is memoised by what the query searches for (each word's terms and
    factors), not by its text: "poissaolo", "poissaolon" and "poissaoloihin" search for
    the same terms and share one ranking, as do a query and the same query filtered.
    """
    words = analyse_query(query)
    routes, used, fixes = _routes(words, cat)
    key = _routes_key(routes)
    with _memo_lock:
        found = _memo(cat).get(key)
        if found is not None:
            _memo(cat).move_to_end(key)
    if found is None:
        positions, scores, every = _ranked(routes, cat, TOP)
        found = Match(
            positions=_int64s(positions),
            scores=_int64s(scores),
            complete=len(positions) == int(np.count_nonzero(every)),
            bits=dense.to_bits(every),
            terms=frozenset(),
            corrections={},
            routes=tuple(routes),
        )
        _remember(cat, key, found)
    # The terms that counted and the corrections are this query's own (two queries with
    # one ranking may differ in both: a compound's parts that do not all occur, a typo).
    return dataclasses.replace(found, terms=frozenset(used), corrections=fixes)


def _routes_key(routes: Sequence[_Word]) -> tuple[tuple[tuple[int, int], ...], ...]:
    """What a ranking depends on: each word's terms with factors (the word's lemmas,
    stems and typo terms, then a marker and its compound parts), in a stable order; the
    order of the words does not count (an item's score is the sum over them)."""
    return tuple(
        sorted(
            (*sorted(word.factors.items()), (-1, 0), *sorted(word.parts.items())) for word in routes
        )
    )


def _int64s(values: Any) -> array[int]:
    """A numpy array as a compact ``array('q')`` (what the memo keeps)."""
    out = array("q")
    out.frombytes(np.ascontiguousarray(values, dtype=np.int64).tobytes())
    return out


def _memo(cat: Catalogue) -> OrderedDict[object, Match]:
    return cast("OrderedDict[object, Match]", cat.matches)


def _remember(cat: Catalogue, key: object, result: Match) -> None:
    """Memoise, dropping the least recently used beyond MATCH_MEMO queries or MEMO_ROWS rows."""
    with _memo_lock:
        memo = _memo(cat)
        memo[key] = result
        memo.move_to_end(key)
        rows = sum(len(m.positions) for m in memo.values())
        while len(memo) > 1 and (len(memo) > MATCH_MEMO or rows > MEMO_ROWS):
            _old, dropped = memo.popitem(last=False)
            rows -= len(dropped.positions)


# --- the search ---------------------------------------------------------------------------


def _selected(params: SearchParams) -> dict[str, set[str]]:
    chosen = {f: {str(v) for v in getattr(params, f)} for f in FACET_FIELDS}
    return {f: values for f, values in chosen.items() if values}


def _filter_bits(cat: Catalogue, selected: dict[str, set[str]], skip: str | None = None) -> int:
    bits = cat.everything
    for facet, values in selected.items():
        if facet != skip:
            union = 0
            for value in values:
                union |= cat.bits[facet].get(value, 0)
            bits &= union
    return bits


def search(params: SearchParams) -> SearchResults:
    """One page of published items (the only ones in the text index) with facet counts."""
    cat = catalogue([Material.Status.PUBLISHED])
    selected = _selected(params)
    found = match(params.q, cat) if params.q is not None else None
    base = found.bits if found is not None else cat.everything
    filtered = base & _filter_bits(cat, selected)
    total = filtered.bit_count()
    start = (params.page - 1) * params.per_page
    if found is not None and params.sort == "relevance":
        page = _relevance_page(
            cat, found, filtered if selected else None, start, params.per_page, total
        )
    else:
        positions = positions_of(filtered, start, params.per_page)
        scores = _scores_of(cat, found, positions) if found is not None else {}
        page = [(p, scores.get(p, 0)) for p in positions]
    terms = found.terms if found is not None else frozenset()
    return SearchResults(
        params=params,
        hits=_hits(cat, page, terms),
        total=total,
        pages=max(1, math.ceil(total / params.per_page)),
        facets=_facets(cat, base, selected),
        corrections=found.corrections if found is not None else {},
    )


def published_count(facet: str, value: str) -> int:
    """How many published items have ``value`` of ``facet`` (one of FACET_FIELDS), from
    the catalogue's facet counts: a theme's or kind's page needs no count over the items
    in SQL (most of its time at 50,000 items)."""
    cat = catalogue([Material.Status.PUBLISHED])
    return cat.bits[facet].get(value, 0).bit_count()


def _relevance_page(
    cat: Catalogue,
    found: Match,
    filtered: int | None,
    start: int,
    size: int,
    total: int,
) -> list[tuple[int, int]]:
    """The ``start``-th to ``start + size``-th of the matches in ``filtered`` (None: all),
    best first."""
    wanted = min(size, max(0, total - start))
    positions = np.frombuffer(found.positions, dtype=np.int64)
    scores = np.frombuffer(found.scores, dtype=np.int64)
    among = dense.from_bits(filtered, len(cat)) if filtered is not None else None
    page = _window(positions, scores, among, start, size)
    if len(page) < wanted and not found.complete:
        # Beyond the memoised rows: rank the matches in the filter for this page alone.
        positions, scores, _every = _ranked(found.routes, cat, start + size, among)
        page = _window(positions, scores, None, start, size)
    return page


def _window(
    positions: Any, scores: Any, among: Any, start: int, size: int
) -> list[tuple[int, int]]:
    """The ``start``-th to ``start + size``-th ranked row whose position is in ``among``
    (a boolean array over the positions; None: any)."""
    rows = np.arange(len(positions))
    if among is not None:
        rows = rows[among[positions]]
    rows = rows[start : start + size]
    return [(int(positions[r]), int(scores[r])) for r in rows]


def _scores_of(cat: Catalogue, found: Match, positions: list[int]) -> dict[int, int]:
    """The scores of the items at ``positions`` (from the memo, else from the index)."""
    wanted = set(positions)
    scores = {p: s for p, s in zip(found.positions, found.scores, strict=True) if p in wanted}
    missing = [cat.order[p] for p in positions if p not in scores]
    if missing:
        for pk, _matched, score in _score(found.routes, missing):
            scores[cat.position[pk]] = int(score)
    return scores


def _hits(cat: Catalogue, page: list[tuple[int, int]], terms: frozenset[str]) -> list[Hit]:
    ids = [cat.order[p] for p, _score in page]
    # Published only, as the catalogue: an item unpublished meanwhile is left out.
    by_id = {item.pk: item for item in _page_items(ids) if item.status == Material.Status.PUBLISHED}
    language = (get_language() or "fi")[:2]
    marked = _marked(cat, [by_id[i] for i in ids if i in by_id], terms, language)
    themes = cat.named["theme"]
    hits = []
    for (p, score), pk in zip(page, ids, strict=True):
        item = by_id.get(pk)
        if item is not None:
            title_html, snippet_html = marked[pk]
            # The catalogue's themes: no query for them, and the names it counts facets by.
            named = sorted(
                (themes[code] for code in cat.themes[p] if code in themes),
                key=lambda theme: (theme.position[0], theme.code),
            )
            hits.append(Hit(item, score, title_html, snippet_html, tuple(named)))
    return hits


def _marked(
    cat: Catalogue, items: list[Material], terms: frozenset[str], language: str
) -> dict[int, tuple[SafeString, SafeString]]:
    """item id -> (title, snippet) with ``terms`` marked (vip.materials.index.highlight),
    memoised per catalogue: a query filtered, paged back or asked in another inflected
    form shows the same items with the same terms. The memo stays true because every
    change of an item goes through a service that raises MATERIALS_DATA, and that
    version keys the catalogue (a changed item means a new catalogue, new memos)."""
    # The memo keeps them as plain strings (SafeString objects, and tuples holding them,
    # would be ten thousand more objects for the garbage collector to walk).
    # The same for the keys: the terms as a sorted tuple of strings, not a frozenset.
    memo = cast("OrderedDict[tuple[int, str, tuple[str, ...]], tuple[str, str]]", cat.snippets)
    words = tuple(sorted(terms))
    out: dict[int, tuple[SafeString, SafeString]] = {}
    with _memo_lock:
        for item in items:
            found = memo.get((item.pk, language, words))
            if found is not None:
                memo.move_to_end((item.pk, language, words))
                out[item.pk] = (mark_safe(found[0]), mark_safe(found[1]))  # noqa: S308
    missing = [item for item in items if item.pk not in out]
    if missing:
        made = highlight.for_items(missing, terms, language)
        out.update(made)
        with _memo_lock:
            for pk, (title, snippet) in made.items():
                memo[(pk, language, words)] = (str.__str__(title), str.__str__(snippet))
            while len(memo) > SNIPPET_MEMO:
                memo.popitem(last=False)
    return out


#: What a hit shows (title, snippet, facts line, address): the fields its items are read with.
HIT_FIELDS = (
    "id",
    "status",
    "kind",
    "language",
    "year",
    *(f"{name}_{code}" for name in ("title", "summary", "body") for code in ("fi", "sv", "en")),
)


def _page_items(ids: list[int]) -> list[Material]:
    """The items of a page of hits, with the fields of HIT_FIELDS (the rest deferred).

    In SQL text (see vip.core.raw) and by key alone, unordered (the page's order is the
    ranking): given the status or an order too, SQLite walks a status index over every
    published item instead. The fields are text and integers, which need no conversion.
    """
    names, columns = _hit_fields()
    rows = raw.select_in(Material, ", ".join(map(connection.ops.quote_name, columns)), "id", ids)
    return [Material.from_db(connection.alias, names, row) for row in rows]


@functools.cache
def _hit_fields() -> tuple[list[str], list[str]]:
    """The attribute and column names of HIT_FIELDS in the model's order, which from_db
    takes the values in."""
    fields = [f for f in Material._meta.concrete_fields if f.attname in HIT_FIELDS]
    if len(fields) != len(HIT_FIELDS):  # a name that is no field would be deferred: N+1
        missing = set(HIT_FIELDS) - {f.attname for f in fields}
        raise LookupError(f"HIT_FIELDS names no field: {sorted(missing)}")
    return [f.attname for f in fields], [str(f.column) for f in fields]


def _facets(
    cat: Catalogue, base: int, selected: dict[str, set[str]]
) -> dict[str, list[FacetValue]]:
    """Disjunctive counts: each facet counted under every filter but its own."""
    language = (get_language() or "fi")[:2]
    facets: dict[str, list[FacetValue]] = {}
    for facet in FACET_FIELDS:
        others = base & _filter_bits(cat, selected, skip=facet)
        chosen = selected.get(facet, set())
        counts = {value: (others & bits).bit_count() for value, bits in cat.bits[facet].items()}
        values = [v for v, c in counts.items() if c] + [v for v in chosen if not counts.get(v)]
        facets[facet] = [
            FacetValue(
                value=v,
                label=_label(cat, facet, v, language),
                count=counts.get(v, 0),
                selected=v in chosen,
            )
            for v in _ordered(cat, facet, set(values))
        ]
    return facets


_KIND_ORDER = {value: i for i, value in enumerate(Material.Kind.values)}
_LANGUAGE_ORDER = {value: i for i, value in enumerate(Material.Language.values)}


def _ordered(cat: Catalogue, facet: str, values: set[str]) -> list[str]:
    if facet == "year":
        return sorted(values, key=lambda v: -int(v))
    if facet == "kind":
        return sorted(values, key=lambda v: (_KIND_ORDER.get(v, 99), v))
    if facet == "language":
        return sorted(values, key=lambda v: (_LANGUAGE_ORDER.get(v, 99), v))
    named = cat.named[facet]
    return sorted(values, key=lambda v: (named[v].position if v in named else (99999, 0), v))


def _label(cat: Catalogue, facet: str, value: str, language: str) -> str:
    if facet == "kind":
        return str(KIND_LABELS.get(value, value))
    if facet == "language":
        return str(LANGUAGE_LABELS.get(value, value))
    if facet == "year":
        return value
    named = cat.named[facet].get(value)
    return named.label(language) if named else value
