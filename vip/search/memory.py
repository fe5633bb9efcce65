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
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from vip.search.analysis import LANGUAGES, analyse_query, get_analyser
from vip.search.base import KIND_WEIGHTS, QueryWord, TermKind
from vip.search.fuzzy import TypoIndex

FIELD_WEIGHTS: dict[str, float] = {"title": 3.0, "summary": 2.0, "body": 1.0, "attachments": 0.5}
ROUTE_EXACT = 1.0
ROUTE_GUESS = 0.4
ROUTE_STEM = 0.8
ROUTE_PARTS = 0.5
ROUTE_TYPO = 0.6
RECENCY_YEARS = 5
RECENCY_BOOST = 0.1
_K1 = 1.2
_B = 0.5


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    score: float
    matched: int


class InMemoryIndex:
    def __init__(self, *, analyser: str | None = None, languages: Iterable[str] = LANGUAGES):
        self.analyser = analyser
        self.languages = tuple(languages)
        # term -> document -> (field, kind) -> frequency
        self._postings: dict[str, dict[str, dict[tuple[str, TermKind], int]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(int))
        )
        self._lengths: dict[str, dict[str, int]] = {}
        self._total_length: dict[str, int] = defaultdict(int)
        self._years: dict[str, int | None] = {}
        self.typos = TypoIndex()

    def __len__(self) -> int:
        return len(self._lengths)

    def add(
        self, doc_id: str, language: str, fields: Mapping[str, str], year: int | None = None
    ) -> None:
        analyser = get_analyser(language, self.analyser)
        lengths: dict[str, int] = {}
        for field, text in fields.items():
            if field not in FIELD_WEIGHTS or not text:
                continue
            terms = analyser.analyse(text)
            lengths[field] = len({t.position for t in terms})
            self._total_length[field] += lengths[field]
            for term in terms:
                self._postings[term.text][doc_id][(field, term.kind)] += 1
                if term.kind is not TermKind.STEM:
                    self.typos.add(term.text, (term.text,))
            for token, analysis in analyser.words(text):
                self.typos.add(token.text, (*analysis.lemmas, *analysis.stems))
        self._lengths[doc_id] = lengths
        self._years[doc_id] = year

    # --- scoring ---------------------------------------------------------------------

    def _idf(self, term: str) -> float:
        df = len(self._postings.get(term, ()))
        return math.log(1 + (len(self._lengths) - df + 0.5) / (df + 0.5))

    def _score_terms(self, terms: Iterable[str], route: float) -> dict[str, float]:
        scores: dict[str, float] = {}
        n = max(len(self._lengths), 1)
        for term in terms:
            docs = self._postings.get(term)
            if not docs:
                continue
            idf = self._idf(term)
            for doc_id, entries in docs.items():
                total = 0.0
                for (field, kind), tf in entries.items():
                    average = self._total_length[field] / n or 1.0
                    length = self._lengths[doc_id].get(field, 0)
                    saturated = tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * length / average))
                    total += FIELD_WEIGHTS[field] * KIND_WEIGHTS[kind] * saturated
                score = route * idf * total
                if score > scores.get(doc_id, 0.0):
                    scores[doc_id] = score
        return scores

    def word_scores(self, word: QueryWord) -> dict[str, float]:
        """Each matching document's score for one query word (best route wins)."""
        routes = [
            # The lemmas of a word no list knows are guesses (often only part of the word).
            self._score_terms(word.lemmas, ROUTE_EXACT if word.known else ROUTE_GUESS),
            self._score_terms(word.stems, ROUTE_STEM),
        ]
        if len(word.parts) >= 2:
            per_part = [self._score_terms({part}, ROUTE_PARTS) for part in word.parts]
            common = set.intersection(*(set(p) for p in per_part))
            routes.append({d: min(p[d] for p in per_part) for d in common})
        merged: dict[str, float] = defaultdict(float)
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
        totals: dict[str, float] = defaultdict(float)
        matched: dict[str, int] = defaultdict(int)
        for word in words:
            for doc_id, score in self.word_scores(word).items():
                totals[doc_id] += score
                matched[doc_id] += 1
        newest = max((y for y in self._years.values() if y), default=0)
        hits = []
        for doc_id, score in totals.items():
            year = self._years.get(doc_id)
            if year and newest:
                recency = max(0, RECENCY_YEARS - (newest - year)) / RECENCY_YEARS
                score *= 1 + RECENCY_BOOST * recency
            hits.append(Hit(doc_id, score, matched[doc_id]))
        hits.sort(key=lambda h: (-h.matched, -h.score, h.id))
        return hits[:limit]
