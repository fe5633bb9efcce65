"""A small in-memory search index: the reference ranking for the materials search.

The evaluation (bench/search_eval) and the tests use it; the database-backed index should
rank the same way, so the rules are spelled out here once:

- every query word is matched on its own, by the best of these routes:
  its lemmas against index terms (1.0, or 0.4 when they are guesses for a word no list
  knows), its fallback stems (0.8), all parts of a compound
  query word found separately in the document (0.5), and, when a word matches nothing
  anywhere or no word list knows it, typo corrections from the vocabulary (0.6);
- a term found in the document counts by field (title 3 > summary 2 > body 1 >
  attachments 0.5), by kind (lemma 1 > compound part 0.5 > stem 0.4), by rarity (idf) and
  by saturated frequency;
- documents matching more query words come first; then by score, nudged up to 10 % for
  recent publication years.

Every figure is an integer, computed by the functions below, so that the database index
(vip.materials.index), which stores the same posting weights and sums them in SQL, ranks
exactly as this reference does on any database: a posting's weight is computed once, with
fixed average field lengths (an average that moved with the collection would make stored
weights stale), idf and route factors are rounded integers, and a document's key is
(matched words, score * (100 + recency percent), id).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from vip.search.analysis import LANGUAGES, analyse_query, get_analyser
from vip.search.base import KIND_WEIGHTS, QueryWord, TermKind
from vip.search.fuzzy import TypoIndex

# "metadata" holds tags, series and author and publisher names (summary level).
FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "metadata": 2.0,
    "summary": 2.0,
    "body": 1.0,
    "attachments": 0.5,
}
# Typical lengths (in words, stop words left out) of the fields of a real item: fixed, so
# that a stored weight never depends on the rest of the collection.
AVERAGE_LENGTHS: dict[str, float] = {
    "title": 8.0,
    "metadata": 8.0,
    "summary": 40.0,
    "body": 250.0,
    "attachments": 3000.0,
}
# Words of these fields feed the typo vocabulary (file texts are too noisy).
TYPO_FIELDS = frozenset({"title", "metadata", "summary", "body"})
# Route factors in tenths: exact lemma 1.0, guessed lemma 0.4, stem 0.8, parts 0.5, typo 0.6.
ROUTE_EXACT = 10
ROUTE_GUESS = 4
ROUTE_STEM = 8
ROUTE_PARTS = 5
ROUTE_TYPO = 6
RECENCY_YEARS = 5
RECENCY_PERCENT = 10
WEIGHT_SCALE = 100
IDF_SCALE = 100
_K1 = 1.2
_B = 0.5


def posting_weight(entries: Mapping[tuple[str, TermKind], int], lengths: Mapping[str, int]) -> int:
    """The integer weight of one term in one document (one language's fields).

    ``entries`` maps (field, kind) to the term's frequency there, ``lengths`` a field
    to its length in positions.
    """
    total = 0.0
    for (field, kind), tf in sorted(entries.items()):
        average = AVERAGE_LENGTHS[field]
        length = lengths.get(field, 0)
        saturated = tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * length / average))
        total += FIELD_WEIGHTS[field] * KIND_WEIGHTS[kind] * saturated
    # At least 1: a term that is there always counts (a zero would drop the match).
    return max(1, round(WEIGHT_SCALE * total))


def idf_weight(df: int, documents: int) -> int:
    """Rarity of a term found in ``df`` of ``documents`` documents, as an integer."""
    return round(IDF_SCALE * math.log(1 + (documents - df + 0.5) / (df + 0.5)))


def recency_percent(year: int | None, newest: int | None) -> int:
    """0..10: how much a recent publication year nudges the score up."""
    if not year or not newest:
        return 0
    return max(0, RECENCY_YEARS - (newest - year)) * RECENCY_PERCENT // RECENCY_YEARS


def ranking_key(matched: int, score: int, percent: int) -> tuple[int, int]:
    """Sort key (ascending) of a document: more matched words first, then the score."""
    return (-matched, -score * (100 + percent))


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    score: int
    matched: int


class InMemoryIndex:
    def __init__(self, *, analyser: str | None = None, languages: Iterable[str] = LANGUAGES):
        self.analyser = analyser
        self.languages = tuple(languages)
        # term -> document -> posting weight
        self._postings: dict[str, dict[str, int]] = defaultdict(dict)
        self._lengths: dict[str, dict[str, int]] = {}
        self._years: dict[str, int | None] = {}
        self.typos = TypoIndex()

    def __len__(self) -> int:
        return len(self._lengths)

    def add(
        self, doc_id: str, language: str, fields: Mapping[str, str], year: int | None = None
    ) -> None:
        analyser = get_analyser(language, self.analyser)
        lengths: dict[str, int] = {}
        entries: dict[str, dict[tuple[str, TermKind], int]] = defaultdict(lambda: defaultdict(int))
        for field, text in fields.items():
            if field not in FIELD_WEIGHTS or not text:
                continue
            terms = analyser.analyse(text)
            lengths[field] = len({t.position for t in terms})
            for term in terms:
                entries[term.text][(field, term.kind)] += 1
                if term.kind is not TermKind.STEM and field in TYPO_FIELDS:
                    self.typos.add(term.text, (term.text,))
            if field in TYPO_FIELDS:
                for token, analysis in analyser.words(text):
                    self.typos.add(token.text, (*analysis.lemmas, *analysis.stems))
        for term_text, found in entries.items():
            self._postings[term_text][doc_id] = posting_weight(found, lengths)
        self._lengths[doc_id] = lengths
        self._years[doc_id] = year

    # --- scoring ---------------------------------------------------------------------

    def _idf(self, term: str) -> int:
        return idf_weight(len(self._postings.get(term, ())), len(self._lengths))

    def _score_terms(self, terms: Iterable[str], route: int) -> dict[str, int]:
        scores: dict[str, int] = {}
        for term in terms:
            docs = self._postings.get(term)
            if not docs:
                continue
            factor = route * self._idf(term)
            for doc_id, weight in docs.items():
                score = factor * weight
                if score > scores.get(doc_id, 0):
                    scores[doc_id] = score
        return scores

    def word_scores(self, word: QueryWord) -> dict[str, int]:
        """Each matching document's score for one query word (best route wins)."""
        routes = [
            # The lemmas of a word no list knows are guesses (often only part of the word).
            self._score_terms(word.lemmas, ROUTE_EXACT if word.known else ROUTE_GUESS),
            self._score_terms(word.stems, ROUTE_STEM),
        ]
        if len(word.parts) >= 2:
            per_part = [self._score_terms({part}, ROUTE_PARTS) for part in set(word.parts)]
            common = set.intersection(*(set(p) for p in per_part))
            routes.append({d: min(p[d] for p in per_part) for d in common})
        merged: dict[str, int] = defaultdict(int)
        for route in routes:
            for doc_id, score in route.items():
                merged[doc_id] = max(merged[doc_id], score)
        if not merged or not word.known:
            # A word that matches nothing, or that no word list knows, may be a typo.
            corrected = self.typos.corrections(word.text)
            terms = set().union(*corrected.values()) if corrected else set()
            for doc_id, score in self._score_terms(terms, ROUTE_TYPO).items():
                merged[doc_id] = max(merged[doc_id], score)
        return dict(merged)

    def search(
        self, query: str, *, limit: int = 10, languages: Iterable[str] | None = None
    ) -> list[Hit]:
        words = analyse_query(query, tuple(languages or self.languages), analyser=self.analyser)
        totals: dict[str, int] = defaultdict(int)
        matched: dict[str, int] = defaultdict(int)
        for word in words:
            for doc_id, score in self.word_scores(word).items():
                totals[doc_id] += score
                matched[doc_id] += 1
        newest = max((y for y in self._years.values() if y), default=0)
        hits = [Hit(doc_id, score, matched[doc_id]) for doc_id, score in totals.items()]
        percent = {h.id: recency_percent(self._years.get(h.id), newest) for h in hits}
        hits.sort(key=lambda h: (*ranking_key(h.matched, h.score, percent[h.id]), h.id))
        return hits[:limit]
