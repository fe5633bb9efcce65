"""What every search needs to know about the items besides their text, cached per process.

The catalogue lists the searchable items newest first (an item's place in that order is
its *position*) with, per facet value, the set of positions as a bit set (a Python int):
counting a facet value under any combination of filters is one AND and a popcount, so
disjunctive facets cost microseconds and no database query. It is rebuilt when the index
token (new with every change to the index) or the materials or network data version
(theme and sector names) changes;
without an index state it is not cached at all.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.utils.translation import get_language

from vip.core.models import DataVersion
from vip.materials.index import packing
from vip.materials.index.models import SearchIndexState
from vip.materials.models import MATERIALS_DATA, Material, SchoolLevel
from vip.network.models import NETWORK_DATA, Sector, Theme
from vip.search.analysis import fingerprint
from vip.search.memory import recency_percent

logger = logging.getLogger(__name__)

FACET_FIELDS = ("kind", "theme", "language", "year", "level", "sector")


@dataclass(frozen=True, slots=True)
class Named:
    """A theme, school level or sector: its names and place in lists."""

    code: str
    names: dict[str, str]
    position: tuple[int, int]

    def label(self, language: str) -> str:
        return self.names.get(language) or self.names["fi"]

    @property
    def name(self) -> str:
        """The name in the active language (as the model's ``name``)."""
        return self.label((get_language() or "fi")[:2])


@dataclass
class Catalogue:
    key: tuple[str, ...]
    order: list[int]  # item ids, newest first
    position: dict[int, int]
    # The theme codes of each position, sorted. Tuples of strings, shared between the
    # items with the same themes: the garbage collector leaves them alone (a full
    # collection would otherwise walk a few objects per item of the bank).
    themes: list[tuple[str, ...]]
    bits: dict[str, dict[str, int]]  # facet -> value -> positions
    everything: int
    newest_year: int | None
    named: dict[str, dict[str, Named]] = field(default_factory=dict)
    # 100 + the recency percent of each position (vip.search.memory.ranking_key).
    boost: list[int] = field(default_factory=list)
    # Per-process memo of query rankings by the terms searched for (see engine), dropped
    # with the catalogue.
    matches: OrderedDict[object, object] = field(default_factory=OrderedDict)
    # Per-process memo of hits' marked titles and snippets (see engine).
    snippets: OrderedDict[object, object] = field(default_factory=OrderedDict)
    # Per-process memo of each query word's terms and typo corrections (see engine).
    routes: OrderedDict[object, object] = field(default_factory=OrderedDict)
    # Per-process postings of the terms searched for (see vip.materials.index.dense),
    # dropped with the catalogue like the memo.
    postings: OrderedDict[int, object] = field(default_factory=OrderedDict)
    arrays: dict[str, object] = field(default_factory=dict)
    # The postings pack's token ("" when never packed) and the ids of the items changed
    # since it, as a sorted int64 array (see vip.materials.index.packing).
    pack: str = ""
    changed: object = None

    def __len__(self) -> int:
        return len(self.order)


def to_bits(positions: Iterable[int], size: int) -> int:
    """Positions as a bit set; built in a bytearray (shifting a big int per item is slow)."""
    buffer = bytearray((size + 8) // 8)
    for p in positions:
        buffer[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(buffer, "little")


def positions_of(bits: int, start: int = 0, count: int | None = None) -> list[int]:
    """The ``start``-th to ``start + count``-th set positions of ``bits``, ascending."""
    text = bin(bits)[:1:-1]  # least significant first, without "0b"
    out: list[int] = []
    skip = start
    i = text.find("1")
    while i != -1 and (count is None or len(out) < count):
        if skip:
            skip -= 1
        else:
            out.append(i)
        i = text.find("1", i + 1)
    return out


_lock = threading.Lock()
_cached: dict[tuple[str, ...], Catalogue] = {}
# One lock per key being built: concurrent first requests wait for one build, not all build.
_building: dict[tuple[str, ...], threading.Lock] = {}


def _get(key: tuple[str, ...]) -> Catalogue | None:
    with _lock:
        return _cached.get(key)


def catalogue(statuses: Sequence[str]) -> Catalogue:
    token, versions = _token_and_versions()
    key = (token, versions, *sorted(statuses))
    if not token:
        return _build(key, statuses)
    return cached(key, lambda: _build(key, statuses))


def _token_and_versions() -> tuple[str, str]:
    """The index token and the materials and network data versions (the facet labels are
    theme and sector names), as ``data_versions.current`` gives them: one statement, as
    every search asks."""
    quote = connection.ops.quote_name
    state, versions = SearchIndexState._meta.db_table, DataVersion._meta.db_table
    version = f"(SELECT {quote('version')} FROM {quote(versions)} WHERE {quote('key')} = %s)"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT {quote('token')} FROM {quote(state)} WHERE id = 1), "  # noqa: S608
            f"{version}, {version}",
            [MATERIALS_DATA, NETWORK_DATA],
        )
        token, materials, network = cursor.fetchone()
    return token or "", f"{materials or 0}.{network or 0}"


def cached(key: tuple[str, ...], build: Callable[[], Catalogue]) -> Catalogue:
    """The catalogue of ``key``, built once: concurrent first requests wait for the one
    building it (under a lock of that key) instead of all building their own."""
    found = _get(key)
    if found is not None:
        return found
    with _lock:
        building = _building.setdefault(key, threading.Lock())
    with building:
        found = _get(key)  # built meanwhile by the request that held the lock
        if found is not None:
            return found
        built = build()
        with _lock:
            # One catalogue per status set: an older one is of no further use.
            for old in [k for k in _cached if k[2:] == key[2:]]:
                del _cached[old]
            _cached[key] = built
            _building.pop(key, None)
    return built


def _build(key: tuple[str, ...], statuses: Sequence[str]) -> Catalogue:
    state = SearchIndexState.objects.filter(pk=1).values_list("fingerprint", "pack").first()
    built_with, pack = state or ("", "")
    if state is not None and built_with != fingerprint():
        logger.warning(
            "The materials search index was built by another analyser (%s, now %s): "
            "run manage.py reindex_materials.",
            built_with,
            fingerprint(),
        )
    changed = packing.changed_ids() if pack else None
    items = list(
        Material.objects.filter(status__in=statuses)
        .order_by("-published_at", "-pk")
        .values_list("pk", "kind", "language", "year")
    )
    position = {pk: i for i, (pk, *_rest) in enumerate(items)}
    related: dict[str, dict[int, set[str]]] = {}
    for facet, through, column in (
        ("theme", Material.themes.through, "theme__code"),
        ("level", Material.school_levels.through, "schoollevel__code"),
        ("sector", Material.sectors.through, "sector__code"),
    ):
        per_item: dict[int, set[str]] = defaultdict(set)
        rows = through.objects.filter(material__status__in=statuses).values_list(
            "material_id", column
        )
        for pk, code in rows:
            per_item[pk].add(code)
        related[facet] = per_item
    members: dict[str, dict[str, list[int]]] = {f: defaultdict(list) for f in FACET_FIELDS}
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    themes: list[tuple[str, ...]] = []
    for p, (pk, kind, language, year) in enumerate(items):
        members["kind"][kind].append(p)
        members["language"][language].append(p)
        if year is not None:
            members["year"][str(year)].append(p)
        for facet in ("theme", "level", "sector"):
            for code in related[facet].get(pk, ()):
                members[facet][code].append(p)
        codes = tuple(sorted(related["theme"].get(pk, ())))
        themes.append(shared.setdefault(codes, codes))
    size = len(items)
    bits = {f: {v: to_bits(ps, size) for v, ps in values.items()} for f, values in members.items()}
    years = [year for *_rest, year in items if year]
    newest = max(years) if years else None
    return Catalogue(
        key=key,
        order=[pk for pk, *_rest in items],
        position=position,
        themes=themes,
        bits=bits,
        everything=(1 << size) - 1,
        newest_year=newest,
        boost=[100 + recency_percent(year, newest) for *_rest, year in items],
        named={
            "theme": _named(Theme.objects.all()),
            "level": _named(SchoolLevel.objects.all()),
            "sector": _named(Sector.objects.all()),
        },
        pack=pack,
        changed=changed,
    )


def _named(rows: Iterable[Theme | SchoolLevel | Sector]) -> dict[str, Named]:
    return {
        row.code: Named(
            code=row.code,
            names={"fi": row.name_fi, "sv": row.name_sv, "en": row.name_en},
            position=(row.position, row.pk),
        )
        for row in rows
    }
