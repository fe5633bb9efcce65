"""Titles and snippets of hits with the matched words in <mark>, HTML-escaped.

A word is marked when one of its terms (lemma, compound part or stem) is a term the query
matched, so "opetus" marks "sairaalaopetuksessa". The snippet is about 30 words around
the first match in the summary, then the body (Markdown stripped), in the page's language
or else the item's own, then the text of its files; without a match anywhere it is the
start of the summary or body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape  # the standard library's: plain str in, plain str out

from django.db.models.functions import Substr
from django.utils.safestring import SafeString, mark_safe

from vip.materials.models import LANGUAGES, Material, MaterialFile
from vip.search.analysis import get_analyser
from vip.search.base import Analyser
from vip.search.text import plain_text, words_of

SNIPPET_WORDS = 30
BEFORE = 8
# Only the start of long texts is searched for a passage (keeps a page of hits cheap).
TEXT_LIMIT = 5_000

_MARKDOWN = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"<[^>]*>"), " "),  # raw HTML
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.MULTILINE), ""),  # block marks
    (re.compile(r"[*_`~]{1,3}"), ""),  # emphasis and code
]


def plain(markdown: str) -> str:
    text = markdown
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())  # whitespace runs as one space (quicker than a regex)


def _languages(item: Material, language: str) -> list[str]:
    own = item.language if item.language in LANGUAGES else "fi"
    return list(dict.fromkeys((language, own, *LANGUAGES)))


def _pick(item: Material, name: str, language: str) -> tuple[str, str]:
    """(language, text) of a field as the item shows it (page language, own, any)."""
    for code in _languages(item, language):
        text = item.text_in(name, code)
        if text:
            return code, text
    return language, ""


@dataclass
class _Scan:
    """The content words of a text (their offsets) read up to a little past the first match."""

    words: list[tuple[int, int]]
    spans: list[tuple[int, int]]
    first: int | None
    complete: bool


def _scan(text: str, analyser: Analyser, terms: frozenset[str], *, whole: bool = False) -> _Scan:
    """Mark each word one of whose terms the query matched (as ``analyse`` would give
    them); unless ``whole``, stop a snippet's length past the first match, or after a
    snippet's length without a match when there is nothing to find. A text without a
    match is ruled out first from its distinct words and gives no words; the words of
    the rest are read as they are needed, so stopping early skips the rest of the text."""
    plain = plain_text(text)
    if plain is None:
        return _scan_tokens(text, analyser, terms, whole=whole)
    matching = analyser.matching_words(plain, terms) if terms else set()
    if terms and not matching:
        # Nothing to mark: the callers then want neither the words nor a passage.
        return _Scan([], [], None, complete=True)
    words: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    first: int | None = None
    is_stop_word = analyser.is_stop_word
    for word, start, end in words_of(plain):
        if is_stop_word(word):
            continue
        words.append((start, end))
        if word in matching:
            spans.append((start, end))
            if first is None:
                first = len(words) - 1
        if _enough(whole, terms, first, len(words)):
            return _Scan(words, spans, first, complete=False)
    return _Scan(words, spans, first, complete=True)


def _scan_tokens(text: str, analyser: Analyser, terms: frozenset[str], *, whole: bool) -> _Scan:
    """``_scan`` for a text whose words need the tokeniser (see vip.search.text.plain_text)."""
    words: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    first: int | None = None
    for token, analysis in analyser.words(text):
        words.append((token.start, token.end))
        if terms and not terms.isdisjoint(analysis.values):
            spans.append((token.start, token.end))
            if first is None:
                first = len(words) - 1
        if _enough(whole, terms, first, len(words)):
            return _Scan(words, spans, first, complete=False)
    return _Scan(words, spans, first, complete=True)


def _enough(whole: bool, terms: frozenset[str], first: int | None, read: int) -> bool:
    """Whether a snippet's words have been read: a snippet's length past the first match,
    or from the start when there is nothing to find."""
    if whole or (first is None and terms):
        return False
    return read - (first or 0) >= SNIPPET_WORDS


def mark(
    text: str, spans: Iterable[tuple[int, int]], start: int = 0, end: int | None = None
) -> str:
    """``text[start:end]`` escaped, with the spans inside it in <mark>."""
    end = len(text) if end is None else end
    out: list[str] = []
    cursor = start
    for a, b in spans:
        if a < cursor or b > end:
            continue
        out.append(escape(text[cursor:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        cursor = b
    out.append(escape(text[cursor:end]))
    return "".join(out)


def _passage(text: str, scan: _Scan) -> str:
    """About SNIPPET_WORDS words around the first match (or from the start), marked."""
    words = scan.words
    if not words:
        return escape(text[:200])
    first = scan.first or 0
    lo = max(0, first - BEFORE)
    hi = min(len(words), lo + SNIPPET_WORDS)
    lo = max(0, min(lo, hi - SNIPPET_WORDS))
    start = 0 if lo == 0 else words[lo][0]
    end = len(text) if scan.complete and hi == len(words) else words[hi - 1][1]
    body = mark(text, scan.spans, start, end).strip()
    return ("… " if start else "") + body + (" …" if end < len(text) else "")


def title_html(
    item: Material, terms: frozenset[str], language: str, analysers: _Analysers
) -> SafeString:
    code, text = _pick(item, "title", language)
    return mark_safe(mark(text, _scan(text, analysers[code], terms, whole=True).spans))  # noqa: S308 - escaped in mark()


class _Analysers(dict[str, Analyser]):
    """The configured analyser of each language, looked up once per page of hits."""

    def __missing__(self, language: str) -> Analyser:
        self[language] = found = get_analyser(language)
        return found


def for_items(
    items: list[Material], terms: frozenset[str], language: str
) -> dict[int, tuple[SafeString, SafeString]]:
    """item id -> (title, snippet) for a page of hits; file texts are read in one query
    only for the items whose summary and body have no match."""
    out: dict[int, tuple[SafeString, SafeString]] = {}
    analysers = _Analysers()
    pending: list[Material] = []
    fallback: dict[int, tuple[str, str]] = {}
    for item in items:
        snippet = None
        for name in ("summary", "body"):
            for code in _languages(item, language):
                raw = item.text_in(name, code)
                if not raw:
                    continue
                # Markdown marks take room: strip a generous prefix, then cut.
                text = (
                    plain(raw[: 2 * TEXT_LIMIT])[:TEXT_LIMIT]
                    if name == "body"
                    else raw[:TEXT_LIMIT]
                )
                fallback.setdefault(item.pk, (text, code))
                scan = _scan(text, analysers[code], terms)
                if scan.first is not None:
                    snippet = _passage(text, scan)
                    break
            if snippet is not None:
                break
        if snippet is None:
            if terms:
                pending.append(item)
            text, code = fallback.get(item.pk, ("", language))
            snippet = _passage(text, _scan(text, analysers[code], frozenset()))
        out[item.pk] = (title_html(item, terms, language, analysers), mark_safe(snippet))  # noqa: S308
    if pending:
        files = (
            MaterialFile.objects.filter(material__in=pending)
            .exclude(text="")
            .order_by("material_id", "position", "id")
            .values_list("material_id", Substr("text", 1, TEXT_LIMIT))
        )
        seen: set[int] = set()
        own = {item.pk: item.language if item.language in LANGUAGES else "fi" for item in pending}
        for pk, text in files:
            if pk in seen:
                continue
            scan = _scan(text, analysers[own[pk]], terms)
            if scan.first is not None:
                seen.add(pk)
                out[pk] = (out[pk][0], mark_safe(_passage(text, scan)))  # noqa: S308
    return out
