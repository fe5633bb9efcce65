"""Optional Finnish analyser backed by Voikko (libvoikko + the voikko-fi morphology).

Voikko knows Finnish morphology instead of listing forms, so it analyses any compound and
tells real compounds from look-alikes ("palaveri" is not pala + veri). It needs the system
library (Debian: ``apt-get install libvoikko1 voikko-fi``), so it is opt-in with
``SEARCH_ANALYSER = "voikko"``; the default analyser needs nothing but PyPI.

The binding is a few ctypes calls, so no Python package is required either.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import re
import threading
from typing import Any

from vip.search import lexicon
from vip.search.base import LanguageAnalyser, WordAnalysis, _unique
from vip.search.finnish import name_lemma
from vip.search.stemming import stem
from vip.search.text import changes_umlaut


class VoikkoUnavailable(RuntimeError):
    """libvoikko or its Finnish dictionary is not installed."""


class _Voikko:
    """Minimal libvoikko binding: morphological analysis only."""

    def __init__(self) -> None:
        path = ctypes.util.find_library("voikko") or "libvoikko.so.1"
        try:
            lib = ctypes.CDLL(path)
        except OSError as missing:
            raise VoikkoUnavailable(f"libvoikko not found ({missing})") from missing
        lib.voikkoInit.argtypes = [
            ctypes.POINTER(ctypes.c_char_p),
            ctypes.c_char_p,
            ctypes.c_char_p,
        ]
        lib.voikkoInit.restype = ctypes.c_void_p
        lib.voikkoAnalyzeWordUcs4.argtypes = [ctypes.c_void_p, ctypes.c_wchar_p]
        lib.voikkoAnalyzeWordUcs4.restype = ctypes.POINTER(ctypes.c_void_p)
        lib.voikko_mor_analysis_keys.argtypes = [ctypes.c_void_p]
        lib.voikko_mor_analysis_keys.restype = ctypes.POINTER(ctypes.c_char_p)
        lib.voikko_mor_analysis_value_ucs4.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        lib.voikko_mor_analysis_value_ucs4.restype = ctypes.c_wchar_p
        lib.voikko_free_mor_analysis.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
        lib.voikko_free_mor_analysis.restype = None
        error = ctypes.c_char_p()
        handle = lib.voikkoInit(ctypes.byref(error), b"fi", None)
        if not handle:
            message = (error.value or b"").decode(errors="replace")
            raise VoikkoUnavailable(f"Voikko has no Finnish dictionary ({message})")
        self._lib: Any = lib
        self._handle = handle
        # A Voikko handle must not be used by two threads at once.
        self._lock = threading.Lock()

    def analyse(self, word: str) -> list[dict[str, str]]:
        results: list[dict[str, str]] = []
        with self._lock:
            analyses = self._lib.voikkoAnalyzeWordUcs4(self._handle, word)
            if not analyses:
                return results
            try:
                i = 0
                while analyses[i]:
                    keys = self._lib.voikko_mor_analysis_keys(analyses[i])
                    entry: dict[str, str] = {}
                    j = 0
                    while keys[j]:
                        value = self._lib.voikko_mor_analysis_value_ucs4(analyses[i], keys[j])
                        entry[keys[j].decode("ascii")] = value
                        j += 1
                    results.append(entry)
                    i += 1
            finally:
                self._lib.voikko_free_mor_analysis(analyses)
        return results


@functools.cache
def _voikko() -> _Voikko:
    return _Voikko()


def available() -> bool:
    try:
        _voikko()
    except VoikkoUnavailable:
        return False
    return True


_WORDBASE = re.compile(r"\+([^+(]*)(?:\(([^)]*)\))?")


class VoikkoFinnishAnalyser(LanguageAnalyser):
    language = "fi"

    def __init__(self) -> None:
        super().__init__()
        self._voikko = _voikko()
        self._names = lexicon.domain_words("fi_names.txt")
        self._bound = lexicon.domain_words("fi_modifiers.txt")

    def _baseforms(self, word: str) -> list[str]:
        forms = [a.get("BASEFORM", "").replace("=", "").lower() for a in self._voikko.analyse(word)]
        return [f for f in _unique(forms) if f and not changes_umlaut(word, f)]

    def modifier_lemma(self, piece: str) -> str:
        if piece in self._bound:
            return self._bound[piece]
        if piece.endswith("s"):
            nen = piece[:-1] + "nen"
            if nen in self._baseforms(nen):
                return nen
        forms = self._baseforms(piece)
        return forms[0] if forms else name_lemma(piece, self._names) or piece

    def _parts(self, analysis: dict[str, str]) -> tuple[list[str], list[str], str | None]:
        """(coarse parts, all parts, head surface) from Voikko's WORDBASES."""
        segments: list[list[str | None]] = []
        for form, base in _WORDBASE.findall(analysis.get("WORDBASES", "")):
            if base.startswith("+") and segments:
                # A derivational suffix ("opet(opettaa)+us(+us)") belongs to the previous part.
                segments[-1][0] = f"{segments[-1][0]}{form}"
                segments[-1][1] = None
            else:
                segments.append([form.lower(), base.lower() or None])
        if len(segments) < 2:
            return [], [], None
        baseform = analysis.get("BASEFORM", "").replace("=", "").lower()
        leading = "".join(str(s[0]) for s in segments[:-1])
        coarse = [self.modifier_lemma(str(s[0])) for s in segments[:-1]]
        last_base = segments[-1][1]
        head = baseform[len(leading) :] if baseform.startswith(leading) else (last_base or "")
        coarse.append(head.replace("=", ""))
        finer = [p for s in segments if s[1] and "=" in str(s[1]) for p in str(s[1]).split("=")]
        return coarse, [*coarse, *finer], str(segments[-1][0])

    def _analyse_word(self, word: str) -> WordAnalysis:
        analyses = [a for a in self._voikko.analyse(word) if a.get("BASEFORM")]
        if not analyses:
            name = name_lemma(word, self._names)
            if name:
                return WordAnalysis(lemmas=(name,))
            return WordAnalysis(lemmas=(word,), stems=(stem(word, "fi"),), known=False)
        lemmas = _unique(
            f
            for f in (a["BASEFORM"].replace("=", "").lower() for a in analyses)
            if not changes_umlaut(word, f)
        )
        coarse: list[str] = []
        parts: list[str] = []
        head: str | None = None
        for analysis in analyses:
            c, p, h = self._parts(analysis)
            if c and not coarse:
                coarse, head = c, h
            parts.extend(p)
        return WordAnalysis(
            lemmas=lemmas or (word,),
            parts=_unique(parts, exclude=lemmas),
            compound=tuple(coarse),
            head=head,
        )
