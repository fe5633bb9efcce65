"""English: the Snowball (Porter 2) stemmer; English content is rare and short here."""

from __future__ import annotations

from vip.search.base import LanguageAnalyser, WordAnalysis
from vip.search.stemming import stem


class EnglishAnalyser(LanguageAnalyser):
    language = "en"

    def stem(self, word: str) -> str:
        return stem(word, "en")

    def modifier_lemma(self, piece: str) -> str:
        return self.stem(piece)

    def _analyse_word(self, word: str) -> WordAnalysis:
        return WordAnalysis(lemmas=(self.stem(word),))
