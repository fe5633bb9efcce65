"""Weaker analysers kept for comparison in the search evaluation (bench/search_eval)."""

from __future__ import annotations

from vip.search.base import LanguageAnalyser, WordAnalysis
from vip.search.stemming import stem


class SnowballAnalyser(LanguageAnalyser):
    """Suffix stripping only, as PostgreSQL's built-in text search configurations do."""

    def stem(self, word: str) -> str:
        return stem(word, self.language)

    def modifier_lemma(self, piece: str) -> str:
        return self.stem(piece)

    def _analyse_word(self, word: str) -> WordAnalysis:
        return WordAnalysis(lemmas=(self.stem(word),))


class FinnishSnowball(SnowballAnalyser):
    language = "fi"


class SwedishSnowball(SnowballAnalyser):
    language = "sv"
