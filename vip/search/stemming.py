"""Snowball stemmers (the snowballstemmer package, pure Python), one per thread.

A Snowball stemmer object keeps state between calls, so threads must not share one.
"""

from __future__ import annotations

import threading

import snowballstemmer  # type: ignore[import-untyped]

_NAMES = {"fi": "finnish", "sv": "swedish", "en": "english"}
_local = threading.local()


def stem(word: str, language: str) -> str:
    stemmers: dict[str, object] | None = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    stemmer = stemmers.get(language)
    if stemmer is None:
        stemmer = stemmers[language] = snowballstemmer.stemmer(_NAMES[language])
    return str(stemmer.stemWord(word))  # type: ignore[attr-defined]
