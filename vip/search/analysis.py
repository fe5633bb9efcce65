"""Public entry points of text analysis for the materials search.

- :func:`analyse` turns a document field into index terms (lemma, compound part or stem,
  with position and offsets for highlighting).
- :func:`analyse_query` turns a search box query into query words, each with every term that
  may stand for it, across the content languages.

The analyser is chosen by name: ``SEARCH_ANALYSER`` in Django settings or the
``VIP_SEARCH_ANALYSER`` environment variable, ``"default"`` otherwise. Every name must give
the same kinds of terms, so the index does not care which one built it, but terms from two
analysers do not mix: store :func:`fingerprint` with the index and rebuild when it changes.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from importlib import resources

from vip.search.base import (
    KIND_WEIGHTS,
    Analyser,
    QueryWord,
    Term,
    TermKind,
    WordAnalysis,
)
from vip.search.text import normalise, tokenise

__all__ = [
    "ANALYSERS",
    "KIND_WEIGHTS",
    "LANGUAGES",
    "Analyser",
    "QueryWord",
    "Term",
    "TermKind",
    "WordAnalysis",
    "analyse",
    "analyse_query",
    "configured_name",
    "fingerprint",
    "get_analyser",
    "normalise",
]

LANGUAGES = ("fi", "sv", "en")
# Bump when a change to the analysers changes the terms they produce.
ANALYSIS_VERSION = 1


def _default(language: str) -> Analyser:
    from vip.search.english import EnglishAnalyser
    from vip.search.finnish import FinnishAnalyser
    from vip.search.swedish import SwedishAnalyser

    return {"fi": FinnishAnalyser, "sv": SwedishAnalyser, "en": EnglishAnalyser}[language]()


def _lemmas(language: str, *, alternatives: bool) -> Analyser:
    """Lemmatisation without compound splitting (a baseline for the evaluation)."""
    from vip.search.english import EnglishAnalyser
    from vip.search.finnish import FinnishAnalyser
    from vip.search.swedish import SwedishAnalyser

    if language == "fi":
        return FinnishAnalyser(decompound=False, alternatives=alternatives)
    if language == "sv":
        return SwedishAnalyser(decompound=False)
    return EnglishAnalyser()


def _snowball(language: str) -> Analyser:
    from vip.search.baselines import FinnishSnowball, SwedishSnowball
    from vip.search.english import EnglishAnalyser

    return {"fi": FinnishSnowball, "sv": SwedishSnowball, "en": EnglishAnalyser}[language]()


def _voikko(language: str) -> Analyser:
    if language != "fi":
        return _default(language)
    from vip.search.voikko import VoikkoFinnishAnalyser

    return VoikkoFinnishAnalyser()


# name -> factory(language). "default" must stay installable from PyPI alone; the others
# are the optional Voikko analyser and the baselines the evaluation compares against.
ANALYSERS: dict[str, Callable[[str], Analyser]] = {
    "default": _default,
    "voikko": _voikko,
    "snowball": _snowball,
    "simplemma": functools.partial(_lemmas, alternatives=False),
    "simplemma+alternatives": functools.partial(_lemmas, alternatives=True),
}


def configured_name() -> str:
    name = os.environ.get("VIP_SEARCH_ANALYSER")
    if not name:
        try:
            from django.conf import settings

            if settings.configured:
                name = getattr(settings, "SEARCH_ANALYSER", None)
        except ImportError:  # pragma: no cover - Django is always installed here
            name = None
    return name or "default"


def get_analyser(language: str, name: str | None = None) -> Analyser:
    """The analyser ``name`` (the configured one by default) for ``language`` (fi, sv, en),
    loaded once per process."""
    return _analyser(language, name or configured_name())


@functools.cache
def _analyser(language: str, name: str) -> Analyser:
    if language not in LANGUAGES:
        raise ValueError(f"Unsupported language {language!r}; expected one of {LANGUAGES}")
    try:
        factory = ANALYSERS[name]
    except KeyError:
        raise ValueError(
            f"Unknown search analyser {name!r}; expected one of {list(ANALYSERS)}"
        ) from None
    return factory(language)


@functools.cache
def _word_lists_digest() -> str:
    """A short digest of the hand-kept word lists (stop words, names, bound forms)."""
    digest = hashlib.sha256()
    data = resources.files("vip.search").joinpath("data")
    for entry in sorted(data.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".txt"):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:12]


def fingerprint(name: str | None = None) -> str:
    """Identifies the terms an analyser produces; store it with the index.

    Everything that changes the terms is in it: the analysis code's version, the
    lemmatiser's and the stemmer's versions and the word lists, so an index built
    with other terms is known to need rebuilding.
    """
    import simplemma
    import snowballstemmer  # type: ignore[import-untyped]

    return ":".join(
        [
            name or configured_name(),
            str(ANALYSIS_VERSION),
            f"simplemma-{simplemma.__version__}",
            f"snowball-{getattr(snowballstemmer, '__version__', 'unknown')}",
            f"lists-{_word_lists_digest()}",
        ]
    )


def analyse(text: str, language: str, *, analyser: str | None = None) -> list[Term]:
    """Index terms of ``text`` written in ``language``."""
    return get_analyser(language, analyser).analyse(text)


def analyse_query(
    text: str,
    languages: str | Sequence[str] = LANGUAGES,
    *,
    analyser: str | None = None,
) -> list[QueryWord]:
    """Query words of ``text``, each with the terms it may match in any of ``languages``.

    A word that is a stop word in any of the languages ("ja", "och", "in") is dropped,
    so that the other words can still match a text in that language; a query of stop
    words only keeps them. Typo tolerance is the index's job (see :mod:`vip.search.fuzzy`):
    it needs to know which terms exist.
    """
    if isinstance(languages, str):
        languages = (languages,)
    analysers = [get_analyser(language, analyser) for language in languages]
    tokens = tokenise(text)
    words: list[QueryWord] = []
    stops: list[QueryWord] = []
    for index in range(len(tokens)):
        merged = _merge(a.query_word(tokens, index) for a in analysers)
        stop = any(a.is_stop_word(merged.text) for a in analysers)
        (stops if stop else words).append(merged)
    return words or stops


def _merge(words: Iterable[QueryWord]) -> QueryWord:
    words = list(words)
    first = words[0]
    parts = next((w.parts for w in words if w.parts), ())
    return QueryWord(
        text=first.text,
        lemmas=frozenset().union(*(w.lemmas for w in words)),
        parts=parts,
        stems=frozenset().union(*(w.stems for w in words)),
        known=first.known,
        languages=tuple(language for w in words for language in w.languages),
    )
