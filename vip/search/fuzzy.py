"""Typo tolerance for names and titles: trigrams to find candidates, edit distance to accept.

A query word that matches nothing in the index is compared with the index's vocabulary
(surface words and terms). Candidates share trigrams with it; a candidate is accepted when
it is at most one edit away (two for words of nine letters or more; a swap of neighbours
counts as one edit).

Swapping ä/a, ö/o or å/a is never a typo: "sade" (rain) must not find "säde" (ray), and a
query typed without umlauts ("kaytos") is a different string, not a misspelling, so such
candidates are refused outright and the substitution is forbidden inside longer edits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from vip.search.text import UMLAUT_FOLD, UMLAUT_PAIRS, normalise

MIN_LENGTH = 4


def trigrams(word: str) -> frozenset[str]:
    """Trigrams of a normalised word, padded so that its start and end weigh more
    ("  v", " va", "val", ..., "ri "), as PostgreSQL's pg_trgm does."""
    w = normalise(word).strip()
    if not w:
        return frozenset()
    padded = f"  {w} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def text_trigrams(text: str) -> frozenset[str]:
    """Trigrams of every word of a text (a title, a name), for a trigram index."""
    out: set[str] = set()
    for word in normalise(text).split():
        out |= trigrams(word)
    return frozenset(out)


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two words' trigram sets (0..1)."""
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def allowed_typos(word: str) -> int:
    if len(word) < MIN_LENGTH:
        return 0
    return 1 if len(word) <= 8 else 2


def typo_distance(a: str, b: str, limit: int) -> int | None:
    """Edit distance (insert, delete, substitute, swap neighbours) if at most ``limit``.

    Substituting an umlaut for its plain vowel is not allowed at all.
    """
    if abs(len(a) - len(b)) > limit:
        return None
    inf = limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            x, y = a[i - 1], b[j - 1]
            if x == y:
                substitution = previous[j - 1]
            elif (x, y) in UMLAUT_PAIRS:
                substitution = inf
            else:
                substitution = previous[j - 1] + 1
            best = min(previous[j] + 1, current[j - 1] + 1, substitution)
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y and x != y:
                best = min(best, previous2[j - 2] + 1)
            current[j] = min(best, inf)
        if min(current) > limit:
            return None
        previous2, previous = previous, current
    distance = previous[len(b)]
    return distance if distance <= limit else None


def is_typo_of(query: str, candidate: str) -> bool:
    """Whether ``candidate`` is what someone who typed ``query`` probably meant."""
    query, candidate = normalise(query), normalise(candidate)
    if query == candidate or query.translate(UMLAUT_FOLD) == candidate.translate(UMLAUT_FOLD):
        return False
    distance = typo_distance(query, candidate, allowed_typos(query))
    return distance is not None and distance > 0


class TypoIndex:
    """In-memory trigram index of a vocabulary: word -> the index terms it stands for.

    The database index can keep the same data in a table (word, trigram); this class is
    what the evaluation uses and documents the lookup.
    """

    def __init__(self) -> None:
        self._terms: dict[str, set[str]] = defaultdict(set)
        self._by_trigram: dict[str, set[str]] = defaultdict(set)

    def add(self, word: str, terms: Iterable[str]) -> None:
        word = normalise(word)
        if len(word) < MIN_LENGTH:
            return
        if word not in self._terms:
            for gram in trigrams(word):
                self._by_trigram[gram].add(word)
        self._terms[word].update(terms)

    def __len__(self) -> int:
        return len(self._terms)

    def corrections(self, query: str, *, min_similarity: float = 0.25) -> dict[str, set[str]]:
        """Vocabulary words ``query`` is probably a typo of (closest only) and their terms."""
        query = normalise(query)
        limit = allowed_typos(query)
        if limit == 0:
            return {}
        grams = trigrams(query)
        shared: dict[str, int] = defaultdict(int)
        for gram in grams:
            for word in self._by_trigram.get(gram, ()):
                shared[word] += 1
        found: dict[int, dict[str, set[str]]] = defaultdict(dict)
        for word, count in shared.items():
            if count / (len(grams) + len(trigrams(word)) - count) < min_similarity:
                continue
            if not is_typo_of(query, word):
                continue
            distance = typo_distance(query, word, limit)
            if distance is not None:
                found[distance][word] = self._terms[word]
        return found[min(found)] if found else {}
