"""The default Swedish analyser: Snowball stemming over simplemma lemmas, with compounds.

Swedish gets the Snowball stemmer the issue asks for. Stemming alone leaves definite forms
of unknown compounds apart ("skolfrånvaron" vs "skolfrånvaro"), so a word is first mapped
to its lemma through simplemma's table when the table knows it, and unknown compounds are
split like Finnish ones (Swedish joins parts with -s-, or drops a final -a: "skol-",
"undervisnings-"). Lemmas that swap an umlaut (bar -> bära, män -> man) are refused: they
would make "bar" find "bär".
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from vip.search import lexicon
from vip.search.base import LanguageAnalyser, WordAnalysis, _unique
from vip.search.stemming import stem
from vip.search.text import changes_umlaut

MIN_MODIFIER = 3
MIN_HEAD = 3
# Unlike Finnish (vip.search.finnish.MIN_KNOWN_HEAD), Swedish compounds often end in short
# words (familjehem, skoldag), so known words split as freely as unknown ones.
MIN_KNOWN_HEAD = 3
MAX_WORD = 60


class SwedishAnalyser(LanguageAnalyser):
    language = "sv"

    def __init__(self, *, decompound: bool = True, lemmatise: bool = True) -> None:
        super().__init__()
        self.decompound = decompound
        self.lemmatise = lemmatise
        self._forms: Mapping[str, str] = lexicon.dictionary("sv") if lemmatise else {}
        self._names = lexicon.domain_words("sv_names.txt")
        self._bound = lexicon.domain_words("sv_modifiers.txt")

    def stem(self, word: str) -> str:
        return stem(word, "sv")

    def _lookup(self, form: str) -> str | None:
        lemma = self._forms.get(form)
        if lemma is None:
            return None
        lemma = lemma.lower()
        return None if changes_umlaut(form, lemma) else lemma

    def _is_lemma(self, form: str) -> bool:
        return self._forms.get(form) == form

    def modifier_lemma(self, piece: str) -> str:
        if piece in self._names:
            return self._names[piece]
        return self.stem(self._modifier(piece) or piece)

    def _modifier(self, form: str) -> str | None:
        if len(form) < MIN_MODIFIER:
            return None
        if form in self._bound:
            return self._bound[form]
        if self._is_lemma(form) and form not in self._stop_words:
            return form
        candidates = [form + "a", form + "e"]  # skol- (skola), pojk- (pojke)
        if form.endswith("s"):
            candidates.append(form[:-1])  # undervisnings- (undervisning), nätverks-
        if form[-1] in "aeou":
            candidates.append(form[:-1])  # linking vowel: familje- (familj), barna- (barn)
            candidates.append(form[:-1] + "a")  # förskole- (förskola), elevhälso- (elevhälsa)
        for candidate in candidates:
            if len(candidate) >= MIN_MODIFIER and self._is_lemma(candidate):
                return candidate
        return None

    def _split(
        self, word: str, *, base_only: bool, min_head: int = MIN_HEAD
    ) -> tuple[tuple[str, str], ...] | None:
        if len(word) < MIN_MODIFIER + min_head or len(word) > MAX_WORD:
            return None
        n = len(word)

        @functools.cache
        def best(i: int) -> tuple[tuple[int, int], tuple[tuple[str, str], ...]] | None:
            options: list[tuple[tuple[int, int], tuple[tuple[str, str], ...]]] = []
            if i > 0 and n - i >= min_head:
                head = self._lookup(word[i:])
                if head is not None and not (base_only and head != word[i:]):
                    options.append(((1, -(n - i)), ((word[i:], head),)))
            for j in range(i + MIN_MODIFIER, n - min_head + 1):
                modifier = self._modifier(word[i:j])
                if modifier is None:
                    continue
                rest = best(j)
                if rest is None:
                    continue
                (count, smallest), parts = rest
                options.append(
                    ((count + 1, max(smallest, -(j - i))), ((word[i:j], modifier), *parts))
                )
            return min(options) if options else None

        found = best(0)
        return found[1] if found is not None else None

    def _analyse_word(self, word: str) -> WordAnalysis:
        if word in self._names:
            return WordAnalysis(lemmas=(self._names[word],))
        lemma = self._lookup(word)
        split = None
        if self.decompound and self.lemmatise:
            min_head = MIN_HEAD if lemma is None else MIN_KNOWN_HEAD
            split = self._split(word, base_only=False, min_head=min_head)
            if split is not None and lemma is not None:
                joined = "".join(s for s, _ in split[:-1]) + split[-1][1]
                if joined != lemma:
                    split = None
            if split is None and lemma is not None:
                split = self._split(lemma, base_only=True, min_head=MIN_KNOWN_HEAD)
        known = lemma is not None or split is not None
        if lemma is None and split is not None:
            lemma = "".join(s for s, _ in split[:-1]) + split[-1][1]
        lemmas = (self.stem(lemma or word),)
        if split is None:
            return WordAnalysis(lemmas=lemmas, known=known)
        parts: list[str] = []
        for _surface, part in split:
            parts.append(part)
            finer = self._split(part, base_only=True, min_head=MIN_KNOWN_HEAD)
            if finer:
                parts.extend(p for _s, p in finer)
        return WordAnalysis(
            lemmas=lemmas,
            parts=_unique((self.stem(p) for p in parts), exclude=lemmas),
            known=known,
            compound=tuple(self.stem(p) for _s, p in split),
            head=split[-1][0],
        )
