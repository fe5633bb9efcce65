"""Shapes shared by every analyser, and the word-to-terms logic they have in common."""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from typing import ClassVar, Protocol

from vip.search.text import (
    Token,
    iter_tokens,
    split_colon_suffix,
    tokenise,
)


class TermKind(StrEnum):
    """How a term relates to the word it came from; ranking prefers the first kinds."""

    LEMMA = "lemma"  # the base form of the whole word (or its stem, for stemming analysers)
    PART = "part"  # the base form of one part of a compound
    STEM = "stem"  # a fallback stem of a word no word list knows


KIND_WEIGHTS: dict[TermKind, float] = {TermKind.LEMMA: 1.0, TermKind.PART: 0.5, TermKind.STEM: 0.4}


@dataclass(frozen=True, slots=True)
class Term:
    """One index term produced from the word at ``position`` (``start``:``end`` in the text)."""

    text: str
    kind: TermKind
    position: int
    start: int
    end: int

    @property
    def weight(self) -> float:
        return KIND_WEIGHTS[self.kind]


@dataclass(frozen=True, slots=True)
class WordAnalysis:
    """What one analyser makes of one normalised word."""

    lemmas: tuple[str, ...]
    parts: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()
    # Whether a word list recognised the word; unknown words are typo candidates.
    known: bool = True
    # The coarsest split of a compound ("koulu", "poissaolo"); ``parts`` adds finer ones.
    compound: tuple[str, ...] = ()
    # Surface form of the last compound part, to complete "oppimis- ja ohjauskeskus".
    head: str | None = None
    # Lemmas, parts and stems as one set (highlighting asks "any of these matched?").
    values: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", frozenset((*self.lemmas, *self.parts, *self.stems)))


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One word of a search query and every term that may stand for it in the index.

    ``lemmas`` match index terms of kind LEMMA or PART (so "opetus" finds
    "sairaalaopetuksessa"); ``parts`` are the query word's own compound parts, all of which
    a document may contain instead of the compound itself; ``stems`` match STEM terms.
    """

    text: str
    lemmas: frozenset[str]
    parts: tuple[str, ...] = ()
    stems: frozenset[str] = frozenset()
    known: bool = True
    languages: tuple[str, ...] = field(default=())


class Analyser(Protocol):
    """What the search needs from a language analyser (default, Voikko, baselines)."""

    language: ClassVar[str]

    def analyse(self, text: str) -> list[Term]: ...

    def analyse_query(self, text: str) -> list[QueryWord]: ...

    def analyse_word(self, word: str) -> WordAnalysis: ...

    def query_word(self, tokens: Sequence[Token], index: int) -> QueryWord: ...

    def is_stop_word(self, word: str) -> bool: ...

    @property
    def stop_words(self) -> frozenset[str]: ...

    def words(self, text: str) -> Iterator[tuple[Token, WordAnalysis]]: ...

    def matching_words(self, words: Iterable[str], terms: frozenset[str]) -> set[str]: ...


_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_CONJUNCTIONS = frozenset({"ja", "tai", "sekä", "eli", "eikä", "och", "eller", "samt", "and", "or"})
_CACHE_LIMIT = 300_000


@functools.cache
def stop_words(language: str) -> frozenset[str]:
    text = resources.files("vip.search").joinpath("data", "stopwords.txt").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith(language + " "):
            return frozenset(line.split()[1:])
    return frozenset()


class LanguageAnalyser:
    """Turns text into terms given a per-word analysis (``_analyse_word``) of one language."""

    language: ClassVar[str] = ""

    def __init__(self) -> None:
        self._cache: dict[str, WordAnalysis] = {}
        self._stop_words = stop_words(self.language)

    # --- per language ----------------------------------------------------------------

    def _analyse_word(self, word: str) -> WordAnalysis:
        raise NotImplementedError

    def modifier_lemma(self, piece: str) -> str:
        """Base form of a piece before a hyphen ("toiminta" in "toiminta-alue")."""
        return piece

    # --- shared ----------------------------------------------------------------------

    def is_stop_word(self, word: str) -> bool:
        return word in self._stop_words

    @property
    def stop_words(self) -> frozenset[str]:
        """The words left out of the index and of queries with other words."""
        return self._stop_words

    def analyse_word(self, word: str) -> WordAnalysis:
        """Analysis of one normalised (lowercase) word, memoised per analyser."""
        cached = self._cache.get(word)
        if cached is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            cached = self._cache[word] = self._analyse_token(word)
        return cached

    def _analyse_token(self, word: str) -> WordAnalysis:
        word = split_colon_suffix(word)
        if _NUMBER.fullmatch(word):
            groups = tuple(g for g in re.split(r"[.,:]", word) if g != word)
            return WordAnalysis(lemmas=(word,), parts=groups)
        if word.endswith("'s"):
            word = word[:-2]
        word = word.replace("'", "")
        pieces = [p for p in word.split("-") if p]
        if not pieces:
            return WordAnalysis(lemmas=())
        if len(pieces) == 1:
            return self._analyse_word(pieces[0])
        return self._analyse_hyphenated(pieces)

    def _analyse_hyphenated(self, pieces: list[str]) -> WordAnalysis:
        # "LAPE-muutosohjelmassa": only the last piece inflects; the others stay as written.
        last = self._analyse_word(pieces[-1])
        leading = pieces[:-1]
        prefix = "-".join(leading)
        lemmas = tuple(f"{prefix}-{lemma}" for lemma in last.lemmas) or (prefix,)
        leading_lemmas = [self.modifier_lemma(p) for p in leading]
        parts: list[str] = [*leading_lemmas, *last.lemmas, *last.parts]
        # A leading piece that is a word on its own ("opinto-ohjelma") keeps its lemmas.
        parts += [lemma for p in leading for lemma in self._analyse_word(p).lemmas]
        # "SRAS-R-kartoitus" contains "SRAS-R"; "tasa-arvorahoitus" contains "tasa-arvo".
        parts += ["-".join(pieces[:k]) for k in range(2, len(pieces))]
        if last.parts:
            parts.append(f"{prefix}-{last.parts[0]}")
        useful = [p for p in parts if len(p) > 1 or p.isdigit()]
        return WordAnalysis(
            lemmas=lemmas,
            parts=_unique(useful, exclude=lemmas),
            stems=tuple(f"{prefix}-{s}" for s in last.stems),
            known=last.known,
            compound=(*leading_lemmas, *last.lemmas[:1]),
            head=last.head or pieces[-1],
        )

    def _complete_elliptic(self, tokens: Sequence[Token], index: int) -> str | None:
        """ "oppimis- ja ohjauskeskukseen" -> "oppimiskeskukseen" (the shared head is added)."""
        return self._elliptic(tokens[index], tokens[index + 1 : index + 3])

    def _elliptic(self, token: Token, following: Sequence[Token]) -> str | None:
        if len(following) < 2 or following[0].text not in _CONJUNCTIONS:
            return None
        head = self.analyse_word(following[1].text).head
        if head is None:
            return None
        return token.text + head

    def words(self, text: str) -> Iterator[tuple[Token, WordAnalysis]]:
        """Each content word of ``text`` with its analysis, tokenised as it is read."""
        stream = iter_tokens(text)
        ahead: deque[Token] = deque()  # tokens read to complete a hanging hyphen
        stop_words, cache = self._stop_words, self._cache  # (a long text's inner loop)
        while True:
            token = ahead.popleft() if ahead else next(stream, None)
            if token is None:
                return
            word = token.text
            if token.hanging_hyphen:
                while len(ahead) < 2 and (following := next(stream, None)) is not None:
                    ahead.append(following)
                word = self._elliptic(token, list(ahead)[:2]) or word
            if word in stop_words:
                continue
            yield token, cache.get(word) or self.analyse_word(word)

    def matching_words(self, words: Iterable[str], terms: frozenset[str]) -> set[str]:
        """The content words among ``words`` (a text's distinct words, normalised) with
        one of ``terms`` among their lemmas, parts and stems, as ``words`` would analyse
        them; each is analysed once."""
        stop_words, cache = self._stop_words, self._cache
        return {
            word
            for word in words
            if word not in stop_words
            and not terms.isdisjoint((cache.get(word) or self.analyse_word(word)).values)
        }

    def analyse(self, text: str) -> list[Term]:
        """Index terms of ``text``: lemmas, compound parts and fallback stems, in order."""
        terms: list[Term] = []
        for token, analysis in self.words(text):
            seen: set[str] = set()
            for kind, values in (
                (TermKind.LEMMA, analysis.lemmas),
                (TermKind.PART, analysis.parts),
                (TermKind.STEM, analysis.stems),
            ):
                for value in values:
                    if value and value not in seen:
                        seen.add(value)
                        terms.append(Term(value, kind, token.position, token.start, token.end))
        return terms

    def query_word(self, tokens: Sequence[Token], index: int) -> QueryWord:
        """The query word at ``tokens[index]`` with the terms it may match."""
        word = tokens[index].text
        if tokens[index].hanging_hyphen:
            word = self._complete_elliptic(tokens, index) or word
        analysis = self.analyse_word(word)
        return QueryWord(
            text=word,
            lemmas=frozenset(analysis.lemmas),
            parts=analysis.compound,
            stems=frozenset(analysis.stems),
            known=analysis.known,
            languages=(self.language,),
        )

    def analyse_query(self, text: str) -> list[QueryWord]:
        """Query words of ``text``; stop words are dropped unless nothing else is left."""
        tokens = tokenise(text)
        words = [self.query_word(tokens, i) for i in range(len(tokens))]
        content = [w for w in words if not self.is_stop_word(w.text)]
        return content or words


def _unique(values: Iterable[str], exclude: Iterable[str] = ()) -> tuple[str, ...]:
    skip = set(exclude)
    out: list[str] = []
    for value in values:
        if value not in skip:
            skip.add(value)
            out.append(value)
    return tuple(out)
