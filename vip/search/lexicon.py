"""Word lists behind the default analyser.

The inflected-form -> lemma tables come from simplemma (MIT licence; 3.5 million Finnish
and 1.5 million Swedish forms, shipped in the PyPI wheel). Loading them the way simplemma
does by default costs about 425 MB and 4 s per process for Finnish, so they are compiled
once into MARISA tries (about 18 MB for Finnish) kept in a cache directory and memory-mapped:
every process and every worker then shares one read-only copy and starts in well under
a second.

Run ``python -m vip.search.lexicon`` to build the tries ahead of time (setup does it, so
the first search or test does not pay the 10-20 s build).
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
import threading
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path

import marisa_trie  # type: ignore[import-not-found]
import simplemma
from simplemma.strategies import DefaultStrategy

log = logging.getLogger(__name__)

LANGUAGES = ("fi", "sv")
_BUILD_LOCK = threading.Lock()


class TrieDictionary(Mapping[str, str]):
    """Read-only form -> lemma mapping over a memory-mapped MARISA trie."""

    __slots__ = ("_trie",)

    def __init__(self, trie: marisa_trie.BytesTrie) -> None:
        self._trie = trie

    def __getitem__(self, key: str) -> str:
        value = self._trie.get(key)
        if not value:
            raise KeyError(key)
        return str(value[0].decode())

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        # Mapping.get goes through __getitem__ and an exception on every miss; misses are
        # the common case while splitting compounds.
        value = self._trie.get(key)
        return str(value[0].decode()) if value else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.iterkeys())

    def __len__(self) -> int:
        return len(self._trie)


class TrieDictionaryFactory:
    """simplemma ``DictionaryFactory`` that serves the cached tries."""

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        return dictionary(lang)


def cache_dir() -> Path:
    """Where compiled tries live: ``SEARCH_LEXICON_DIR`` or ``var/cache/search``."""
    configured = os.environ.get("VIP_SEARCH_LEXICON_DIR")
    if configured is None:
        try:
            from django.conf import settings

            if settings.configured:
                configured = getattr(settings, "SEARCH_LEXICON_DIR", None)
        except ImportError:  # pragma: no cover - Django is always installed here
            configured = None
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "var" / "cache" / "search"


def _trie_path(lang: str) -> Path:
    return cache_dir() / f"simplemma-{simplemma.__version__}-{lang}.marisa"


def build(lang: str) -> Path:
    """Compile simplemma's table for ``lang`` into a trie file (atomically) and return it."""
    # The private loader is the only way to read the table without decoding 3.5 million
    # entries twice; simplemma is pinned below 3 so its shape cannot change under us.
    from simplemma.strategies.dictionaries.dictionary_factory import (
        _load_dictionary_from_disk,
    )

    target = _trie_path(lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    table = _load_dictionary_from_disk(lang)
    trie = marisa_trie.BytesTrie(
        ((key.decode(), value) for key, value in table.items()),
        cache_size=marisa_trie.HUGE_CACHE,
    )
    del table
    # Written next to the target and renamed, so parallel test workers never read half a file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{lang}-", suffix=".tmp")
    os.close(fd)
    try:
        trie.save(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


@functools.cache
def dictionary(lang: str) -> Mapping[str, str]:
    """The inflected-form -> lemma table of ``lang`` (fi, sv or en)."""
    path = _trie_path(lang)
    with _BUILD_LOCK:
        if not path.exists():
            log.info("Compiling the %s lexicon into %s (once per machine)", lang, path)
            build(lang)
    trie = marisa_trie.BytesTrie()
    trie.mmap(str(path))
    return TrieDictionary(trie)


@functools.cache
def lemmatizer() -> simplemma.Lemmatizer:
    """simplemma's full pipeline (rules, affix decomposition) over the cached tries.

    Used only for words the tables do not list, to guess a lemma.
    """
    strategy = DefaultStrategy(dictionary_factory=TrieDictionaryFactory())
    return simplemma.Lemmatizer(cache_max_size=200_000, lemmatization_strategy=strategy)


@functools.cache
def domain_words(name: str) -> dict[str, str]:
    """A hand-kept word list of the field: ``surface lemma`` per line (lemma optional).

    These cover what a general dictionary lacks: the network's names and acronyms (Valteri,
    Elmeri, Vaatu, HOJKS) and the bound compound-initial forms of Finnish (erityis-, esi-,
    lähi-) that are not words on their own.
    """
    words: dict[str, str] = {}
    text = resources.files("vip.search").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        surface, _, lemma = line.partition(" ")
        words[surface.lower()] = (lemma.strip() or surface).lower()
    return words


def main() -> None:
    for lang in LANGUAGES:
        path = _trie_path(lang)
        if path.exists():
            print(f"{lang}: {path} (cached)")
        else:
            print(f"{lang}: {build(lang)}")


if __name__ == "__main__":
    main()
