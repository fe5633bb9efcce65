"""Building the search index: one item after a save, or everything at once.

An item's documents: title, summary and body in each of Finnish, Swedish and English,
analysed with that language's analyser; its tags, series and author and publisher names
("metadata", weighed like the summary) and the text of its files ("attachments") in the
item's own language. Only published items are indexed.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from vip.core import data_versions
from vip.materials.index import packing
from vip.materials.index.models import (
    MATERIALS_INDEX,
    TERM_MAX_LENGTH,
    WORD_MAX_LENGTH,
    SearchChange,
    SearchIndexState,
    SearchPack,
    SearchPosting,
    SearchTerm,
    SearchTrigram,
    SearchWord,
)
from vip.materials.models import LANGUAGES, Material, MaterialContributor, MaterialFile
from vip.search.analysis import fingerprint, get_analyser
from vip.search.base import TermKind, WordAnalysis
from vip.search.fuzzy import MIN_LENGTH, trigrams
from vip.search.memory import FIELD_WEIGHTS, TYPO_FIELDS, posting_weight

logger = logging.getLogger(__name__)

BATCH = 500
# Parameters per IN (...) list: SQLite allows 32,766 per statement; stay well below.
CHUNK = 900
# Text of a file beyond this is not indexed (an analysed book adds little but time).
ATTACHMENT_LIMIT = 400_000


@dataclass
class Document:
    """What one item contributes to the index: term -> weight, word -> terms."""

    weights: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    words: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def item_fields(item: Material) -> Iterator[tuple[str, str, str]]:
    """(language, field, text) of an item, as the index sees it."""
    for language in LANGUAGES:
        for name in ("title", "summary", "body"):
            text = item.text_in(name, language)
            if text:
                yield language, name, text
    own = item.language if item.language in LANGUAGES else "fi"
    metadata = [
        *(tag.name for tag in item.tags.all()),
        item.series_line,
        *(c.display_name for c in item.contributors.all()),
    ]
    text = "\n".join(m for m in metadata if m)
    if text:
        yield own, "metadata", text
    files = "\n".join(f.text for f in item.files.all() if f.text)
    if files:
        yield own, "attachments", files[:ATTACHMENT_LIMIT]


def analyse_fields(fields: Iterable[tuple[str, str, str]]) -> Document:
    """The index rows of a document's fields: per language, weights as the reference has them.

    One pass over each text's words gives both the terms (as the analyser's ``analyse``
    makes them: lemmas, then parts, then stems, each value once per word) and the typo
    vocabulary; the parity test holds it to vip.search.memory, which calls ``analyse``.
    """
    doc = Document()
    by_language: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for language, name, text in fields:
        if name in FIELD_WEIGHTS and text:
            by_language[language].append((name, text))
    kinds = (TermKind.LEMMA, TermKind.PART, TermKind.STEM)
    for language, texts in by_language.items():
        analyser = get_analyser(language)
        lengths: dict[str, int] = defaultdict(int)
        entries: dict[str, dict[tuple[str, TermKind], int]] = defaultdict(lambda: defaultdict(int))
        surface: dict[str, WordAnalysis] = {}
        vocabulary: set[str] = set()
        for name, text in texts:
            typo = name in TYPO_FIELDS
            positions = 0
            for token, analysis in analyser.words(text):
                seen: set[str] = set()
                for kind, values in zip(
                    kinds, (analysis.lemmas, analysis.parts, analysis.stems), strict=True
                ):
                    for value in values:
                        if not value or value in seen:
                            continue
                        seen.add(value)
                        if len(value) <= TERM_MAX_LENGTH:
                            entries[value][(name, kind)] += 1
                            if typo and kind is not TermKind.STEM:
                                vocabulary.add(value)
                if seen:
                    positions += 1
                if typo:
                    surface[token.text] = analysis
            lengths[name] += positions
        for value in vocabulary:
            _add_word(doc, value, (value,))
        for word, analysis in surface.items():
            _add_word(doc, word, (*analysis.lemmas, *analysis.stems))
        for text, found in entries.items():
            doc.weights[text] += posting_weight(found, lengths)
    return doc


def _add_word(doc: Document, word: str, terms: Iterable[str]) -> None:
    # Tokens and terms are normalised already (vip.search.text.tokenise).
    if MIN_LENGTH <= len(word) <= WORD_MAX_LENGTH:
        doc.words[word].update(t for t in terms if len(t) <= TERM_MAX_LENGTH)


def indexable(ids: Sequence[int] | None = None) -> Iterator[list[Material]]:
    """Published items in batches with what the index reads prefetched."""
    queryset = Material.objects.filter(status=Material.Status.PUBLISHED)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    # The ids first (from an index), then each batch by id: paging with pk > last lets
    # a database walk the status index and sort every remaining row, batch after batch.
    wanted = sorted(queryset.values_list("pk", flat=True))
    queryset = queryset.only(
        *(f"{n}_{lang}" for n in ("title", "summary", "body") for lang in LANGUAGES),
        "language",
        "series",
        "number",
        "status",
    ).prefetch_related(
        "tags",
        Prefetch(
            "contributors",
            MaterialContributor.objects.select_related("organisation").order_by("position", "id"),
        ),
        Prefetch("files", MaterialFile.objects.only("id", "material_id", "text")),
    )
    for start in range(0, len(wanted), BATCH):
        yield list(queryset.filter(pk__in=wanted[start : start + BATCH]).order_by("pk"))


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _lock_state() -> None:
    """Serialise the index writers: lock the one state row (creating it if missing).

    Every writer takes this lock first in its transaction, so the df recount and the
    vocabulary merge of one never interleave with another's (on PostgreSQL two writers
    would otherwise each count without the other's uncommitted postings). Two writers
    creating the row at once: the second waits on the primary key, fails inside its
    savepoint and then locks the first one's row.
    """
    if list(SearchIndexState.objects.select_for_update().filter(pk=1).values_list("pk")):
        return
    try:
        with transaction.atomic():
            SearchIndexState.objects.create(
                pk=1, token=uuid.uuid4().hex, fingerprint=fingerprint(), built_at=timezone.now()
            )
    except IntegrityError:
        SearchIndexState.objects.select_for_update().get(pk=1)


def _touch(*, rebuilt: bool = False) -> None:
    """A new token for the per-process caches; the fingerprint when rebuilt from scratch.

    Also raises MATERIALS_INDEX, in the index's own transaction: a service raises
    MATERIALS_DATA before the index is written (after its commit), so a search page
    rendered in between is cached under that version with the old index's results.
    """
    fields: dict[str, Any] = {"token": uuid.uuid4().hex}
    if rebuilt:
        fields.update(fingerprint=fingerprint(), built_at=timezone.now())
    SearchIndexState.objects.filter(pk=1).update(**fields)
    data_versions.bump(MATERIALS_INDEX)


# --- one item ---------------------------------------------------------------------------


def index_material(material_id: int) -> None:
    """(Re)build one item's rows; an item that is not published (or gone) has none."""
    with transaction.atomic():
        _lock_state()
        old = set(
            SearchPosting.objects.filter(material_id=material_id).values_list("term_id", flat=True)
        )
        SearchPosting.objects.filter(material_id=material_id).delete()
        new: set[int] = set()
        for batch in indexable([material_id]):
            for item in batch:
                new = _write_item(item)
        if not old and not new:
            # A draft edited, or an item never published: the index is as it was, and
            # every process keeps its catalogue, postings and memo.
            return
        _refresh_df(sorted(old | new))
        packing.record_change(material_id)
        _touch()


def _write_item(item: Material) -> set[int]:
    doc = analyse_fields(item_fields(item))
    ids = _term_ids(list(doc.weights))
    SearchPosting.objects.bulk_create(
        [
            SearchPosting(term_id=ids[text], material_id=item.pk, weight=weight)
            for text, weight in doc.weights.items()
        ]
    )
    _merge_words(doc.words)
    return set(ids.values())


def _term_ids(texts: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(texts):
        found.update(SearchTerm.objects.filter(text__in=chunk).values_list("text", "id"))
    missing = [t for t in texts if t not in found]
    if missing:
        SearchTerm.objects.bulk_create([SearchTerm(text=t) for t in missing], ignore_conflicts=True)
        for chunk in _chunks(missing):
            found.update(SearchTerm.objects.filter(text__in=chunk).values_list("text", "id"))
    return found


def _refresh_df(term_ids: Sequence[int]) -> None:
    table, postings = SearchTerm._meta.db_table, SearchPosting._meta.db_table
    with connection.cursor() as cursor:
        for chunk in _chunks(term_ids):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"UPDATE {table} SET df = (SELECT COUNT(*) FROM {postings} p "  # noqa: S608
                f"WHERE p.term_id = {table}.id) WHERE id IN ({marks})",
                list(chunk),
            )


def _refresh_all_df() -> None:
    table, postings = SearchTerm._meta.db_table, SearchPosting._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET df = (SELECT COUNT(*) FROM {postings} p "  # noqa: S608
            f"WHERE p.term_id = {table}.id)"
        )


def _merge_words(words: dict[str, set[str]]) -> None:
    """Add words to the vocabulary, or add terms to words already there."""
    keys = list(words)
    existing: dict[str, SearchWord] = {}
    for chunk in _chunks(keys):
        existing.update((w.word, w) for w in SearchWord.objects.filter(word__in=chunk))
    changed = []
    for word, row in existing.items():
        terms = set(row.terms.split())
        if not words[word] <= terms:
            row.terms = " ".join(sorted(terms | words[word]))
            changed.append(row)
    SearchWord.objects.bulk_update(changed, ["terms"], batch_size=CHUNK)
    fresh = [
        SearchWord(word=w, terms=" ".join(sorted(words[w])), grams=len(trigrams(w)))
        for w in keys
        if w not in existing
    ]
    if fresh:
        SearchWord.objects.bulk_create(fresh, ignore_conflicts=True)
        created: dict[str, int] = {}
        for chunk in _chunks([w.word for w in fresh]):
            created.update(SearchWord.objects.filter(word__in=chunk).values_list("word", "id"))
        SearchTrigram.objects.bulk_create(
            [
                SearchTrigram(gram=gram, word_id=word_id)
                for word, word_id in created.items()
                for gram in sorted(trigrams(word))
            ],
            batch_size=2000,
        )


def schedule_index(material_id: int) -> None:
    """(Re)index one item after the current transaction commits.

    The edit is committed by then: a failure to index is logged (the item is found again
    after ``manage.py reindex_materials``), not turned into an error page, and the other
    callbacks of the transaction still run.
    """
    transaction.on_commit(lambda: _index_logged(material_id), robust=True)


def _index_logged(material_id: int) -> None:
    try:
        index_material(material_id)
    except Exception:
        logger.exception(
            "Indexing material %s failed: its search rows may be stale until "
            "manage.py reindex_materials.",
            material_id,
        )


# --- everything -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReindexReport:
    items: int
    terms: int
    postings: int
    words: int
    seconds: float


def reindex_all() -> ReindexReport:
    """Rebuild the whole index in one transaction (searches see the old one meanwhile).

    Ids are given in Python so that rows go in with plain multi-row inserts; the
    sequences are reset afterwards for the incremental updates.
    """
    started = time.perf_counter()
    terms: dict[str, int] = {}  # text -> id
    words: dict[str, set[str]] = defaultdict(set)
    items = postings = 0
    with transaction.atomic():
        _lock_state()
        with _without_posting_indexes():
            for model in (SearchTrigram, SearchWord, SearchPack, SearchPosting, SearchTerm):
                model.objects.all()._raw_delete(model.objects.db)
            for batch in indexable():
                rows: list[tuple[int, int, int]] = []
                fresh: list[tuple[int, str, int]] = []
                for item in batch:
                    doc = analyse_fields(item_fields(item))
                    for text, weight in doc.weights.items():
                        term_id = terms.get(text)
                        if term_id is None:
                            term_id = terms[text] = len(terms) + 1
                            fresh.append((term_id, text, 0))
                        rows.append((term_id, item.pk, weight))
                    for word, found in doc.words.items():
                        words[word] |= found
                items += len(batch)
                postings += len(rows)
                # Terms before their postings: a posting whose term is missing, even
                # under a deferred foreign key, makes SQLite search for it again later.
                _insert(SearchTerm, ("id", "text", "df"), fresh)
                _insert(SearchPosting, ("term_id", "material_id", "weight"), rows)
        _refresh_all_df()
        word_rows = []
        gram_rows: list[tuple[str, int]] = []
        for number, word in enumerate(sorted(words), 1):
            grams = trigrams(word)
            word_rows.append((number, word, " ".join(sorted(words[word])), len(grams)))
            gram_rows.extend((gram, number) for gram in sorted(grams))
        _insert(SearchWord, ("id", "word", "terms", "grams"), word_rows)
        _insert(SearchTrigram, ("gram", "word_id"), gram_rows)
        _reset_sequences()
        packing.pack_all()
        _touch(rebuilt=True)
    return ReindexReport(
        items=items,
        terms=len(terms),
        postings=postings,
        words=len(words),
        seconds=time.perf_counter() - started,
    )


def rebuild_index(*, actor: object | None = None) -> ReindexReport:
    """The service behind ``reindex_materials``: rebuild and audit, in one transaction."""
    from vip.audit import audit
    from vip.audit.models import AuditAction

    with transaction.atomic():
        report = reindex_all()
        audit.record(
            AuditAction.MATERIALS_REINDEXED,
            actor=actor,
            target_type="materials.material",
            details={
                "items": report.items,
                "terms": report.terms,
                "postings": report.postings,
                "words": report.words,
                "seconds": round(report.seconds, 1),
            },
        )
    return report


@contextlib.contextmanager
def _without_posting_indexes() -> Iterator[None]:
    """On SQLite, load the postings without their indexes and build them once at the end
    (several times faster than keeping two B-trees in order row by row). Not on
    PostgreSQL: dropping an index there locks out the searches until the commit."""
    if connection.vendor != "sqlite":
        yield
        return
    # The editor only writes the statements (it cannot be entered inside a transaction).
    editor = connection.schema_editor(collect_sql=True)
    editor.deferred_sql = []
    indexes = SearchPosting._meta.indexes
    with connection.cursor() as cursor:
        for index in indexes:
            cursor.execute(str(index.remove_sql(SearchPosting, editor)))
    yield
    with connection.cursor() as cursor:
        for index in indexes:
            cursor.execute(str(index.create_sql(SearchPosting, editor)))


def _insert(model: type, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Multi-row INSERTs (much faster than model instances for millions of rows)."""
    if not rows:
        return
    table = model._meta.db_table  # type: ignore[attr-defined]
    per_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    size = max(1, min(1000, 30_000 // len(columns)))
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            cursor.execute(
                head + ", ".join([per_row] * len(chunk)), [v for row in chunk for v in row]
            )


def _reset_sequences() -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), [SearchTerm, SearchWord])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def pack_index() -> int:
    """Pack the postings again (``reindex_materials --pack``); the number of terms packed.

    Nothing is analysed: the packs are copied from the postings table, and the items
    changed since the last pack are read from packs again.
    """
    with transaction.atomic():
        _lock_state()
        packed = packing.pack_all()
        _touch()
    return packed


def changes_since_pack() -> int:
    return SearchChange.objects.count()


def index_state() -> SearchIndexState | None:
    return SearchIndexState.objects.filter(pk=1).first()


def is_stale() -> bool:
    """Whether the index was built by another analyser (or never): rebuild it."""
    state = index_state()
    return state is None or state.fingerprint != fingerprint()
