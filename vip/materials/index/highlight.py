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

from django.utils.safestring import SafeString, mark_safe

from vip.core import raw
from vip.materials.models import LANGUAGES, Material, MaterialFile
from vip.search.analysis import get_analyser
from vip.search.base import Analyser
from vip.search.text import (
    PlainText,
    distinct_words,
    first_occurrence,
    has_hanging_hyphen,
    plain_text,
    word_matches,
    words_of,
)

SNIPPET_WORDS = 30
BEFORE = 8
# Only the start of long texts is searched for a passage (keeps a page of hits cheap).
TEXT_LIMIT = 5_000
# Characters read before the first match, for the passage's words before it: more than
# BEFORE words take (else the text is read from its start).
LOOK_BACK = 150
# A long text is searched for its first match this many characters at a time.
WINDOW = 800

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML = re.compile(r"<[^>]*>")
_BLOCK_MARK = re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.MULTILINE)
_INLINE_MARKS = "*_`~"


def plain(markdown: str) -> str:
    """Markdown as plain text for a snippet: links and images as their text, raw HTML as
    a space, block marks (headings, quotes, list bullets) and emphasis and code marks
    gone, whitespace runs as one space. Each pattern runs only if its mark occurs."""
    text = markdown
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _HTML.sub(" ", text)
    text = _BLOCK_MARK.sub("", text)
    for mark in _INLINE_MARKS:  # every one goes: str.replace is quicker than a pattern
        if mark in text:
            text = text.replace(mark, "")
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
    read_to: int = 0  # the end of the last word read


class _Matcher:
    """Which words of a page's texts in one language have one of the query's terms: each
    distinct word is analysed once a page, and the matching words of a text are then
    found with set operations (in C)."""

    def __init__(self, analyser: Analyser, terms: frozenset[str]) -> None:
        self.analyser = analyser
        self.terms = terms
        self._matching: set[str] = set()
        self._other: set[str] = set()  # stop words and words without one of the terms

    def among(self, words: frozenset[str]) -> set[str]:
        """The words of ``words`` that match."""
        new = words - self._matching - self._other
        if new:
            found = self.analyser.matching_words(new, self.terms)
            self._matching |= found
            self._other |= new - found
        return self._matching & words

    def matches(self, word: str) -> bool:
        return bool(self.among(frozenset((word,))))


def _scan(text: str, matcher: _Matcher, *, whole: bool = False) -> _Scan:
    """Mark each word one of whose terms the query matched (as ``analyse`` would give
    them); unless ``whole``, stop a snippet's length past the first match, or after a
    snippet's length without a match when there is nothing to find.

    The words are found in C, a window of the text at a time: a window without a match
    is ruled out from its distinct words, and the words of the window with the first
    match are read one by one (in Python) only from shortly before it. A text without a
    match gives no words."""
    plain = plain_text(text)
    if plain is None:
        return _scan_tokens(text, matcher, whole=whole)
    size = len(plain.cleaned)
    if not matcher.terms:  # the start of the text, nothing to mark
        scan = _read(plain, matcher, set(), whole=whole, start=0, checked=size)
        if has_hanging_hyphen(plain, 0, scan.read_to):
            return _scan_tokens(text, matcher, whole=whole)
        return scan
    begin = 0
    while True:
        end = size if whole else _window_end(plain, begin)
        distinct = distinct_words(plain, begin, end)
        if distinct is None:
            return _scan_tokens(text, matcher, whole=whole)
        matching = matcher.among(distinct)
        if matching:
            break
        if end >= size:
            # Nothing to mark: the callers then want neither the words nor a passage.
            return _Scan([], [], None, complete=True)
        begin = end
    start = 0
    if not whole:
        # The passage needs only the words shortly before the first match: read from a
        # space well before the first place a matching word occurs.
        at = first_occurrence(plain, matching, begin, end)
        if at > LOOK_BACK:
            start = max(0, plain.cleaned.rfind(" ", 0, at - LOOK_BACK))
    scan = _read(plain, matcher, matching, whole=whole, start=start, checked=end)
    if start and (scan.first is None or _bounds(scan)[0] == 0):
        # The passage would show words from before the start: read from the text's.
        scan = _read(plain, matcher, matching, whole=whole, start=0, checked=end)
    if scan.read_to > end and has_hanging_hyphen(plain, end, scan.read_to):
        return _scan_tokens(text, matcher, whole=whole)
    return scan


def _window_end(plain: PlainText, begin: int) -> int:
    """Where the window from ``begin`` ends: at a space about WINDOW characters on, or at
    the end of the text if that is near."""
    size = len(plain.cleaned)
    if size - begin <= WINDOW + WINDOW // 2:
        return size
    space = plain.cleaned.find(" ", begin + WINDOW)
    return size if space < 0 else space


def _read(
    plain: PlainText,
    matcher: _Matcher,
    matching: set[str],
    *,
    whole: bool,
    start: int,
    checked: int,
) -> _Scan:
    """The content words of ``plain`` from ``start`` (a word boundary), read as far as
    ``_enough`` asks, those matching marked: the words in ``matching`` up to ``checked``,
    past it each word as it is read."""
    words: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    first: int | None = None
    # As ``_enough``, unrolled (this is the loop a page of hits spends its time in, so it
    # reads the matches themselves rather than words_of's tuples).
    limit = None if whole or matcher.terms else SNIPPET_WORDS
    stop_words = matcher.analyser.stop_words
    lowered = plain.lowered is not None
    found = None
    for found in word_matches(plain, start):
        word = found.group() if lowered else found.group().lower()
        if word in stop_words:
            continue
        span = found.span()
        words.append(span)
        if word in matching or (span[0] >= checked and matcher.matches(word)):
            spans.append(span)
            if first is None:
                first = len(words) - 1
                if not whole:
                    limit = first + SNIPPET_WORDS
        if limit is not None and len(words) >= limit:
            return _Scan(words, spans, first, complete=False, read_to=span[1])
    read_to = start if found is None else found.end()
    return _Scan(words, spans, first, complete=True, read_to=read_to)


def _scan_tokens(text: str, matcher: _Matcher, *, whole: bool) -> _Scan:
    """``_scan`` for a text whose words need the tokeniser (see vip.search.text.plain_text)."""
    terms = matcher.terms
    words: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    first: int | None = None
    for token, analysis in matcher.analyser.words(text):
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


def _bounds(scan: _Scan) -> tuple[int, int]:
    """The passage's first and last-but-one word: about BEFORE words before the first
    match (or from the start), SNIPPET_WORDS in all where the text has them."""
    first = scan.first or 0
    lo = max(0, first - BEFORE)
    hi = min(len(scan.words), lo + SNIPPET_WORDS)
    return max(0, min(lo, hi - SNIPPET_WORDS)), hi


def _passage(text: str, scan: _Scan) -> str:
    """About SNIPPET_WORDS words around the first match (or from the start), marked."""
    words = scan.words
    if not words:
        return escape(text[:200])
    lo, hi = _bounds(scan)
    start = 0 if lo == 0 else words[lo][0]
    end = len(text) if scan.complete and hi == len(words) else words[hi - 1][1]
    body = mark(text, scan.spans, start, end).strip()
    return ("… " if start else "") + body + (" …" if end < len(text) else "")


def titles_html(
    items: Iterable[Material], language: str, matchers: _Matchers
) -> dict[int, SafeString]:
    """item id -> its title as shown (page language, own, any) with the matched words
    marked. The titles of one language are read together, as one text with a line break
    between titles (no word spans one): their words are found and judged in one go."""
    by_code: dict[str, list[tuple[int, str]]] = {}
    for item in items:
        code, text = _pick(item, "title", language)
        by_code.setdefault(code, []).append((item.pk, text))
    out: dict[int, SafeString] = {}
    for code, titles in by_code.items():
        matcher = matchers[code]
        joined = "\n".join(text for _pk, text in titles)
        plain = plain_text(joined)
        distinct = distinct_words(plain) if plain is not None and matcher.terms else None
        if plain is None or (matcher.terms and distinct is None):
            # Words that need the tokeniser (see vip.search.text.plain_text): one by one.
            for pk, text in titles:
                scan = _scan(text, matcher, whole=True)
                out[pk] = mark_safe(mark(text, scan.spans))  # noqa: S308 - escaped in mark()
            continue
        matching = matcher.among(distinct) if distinct else set()
        at = 0
        for pk, text in titles:
            end = at + len(text)
            spans = (
                [(a - at, b - at) for word, a, b in words_of(plain, at, end) if word in matching]
                if matching
                else []
            )
            out[pk] = mark_safe(mark(text, spans))  # noqa: S308 - escaped in mark()
            at = end + 1
    return out


class _Matchers(dict[str, _Matcher]):
    """A page's matcher of each language (its configured analyser), made when first needed."""

    def __init__(self, terms: frozenset[str]) -> None:
        super().__init__()
        self.terms = terms

    def __missing__(self, language: str) -> _Matcher:
        self[language] = found = _Matcher(get_analyser(language), self.terms)
        return found


def for_items(
    items: list[Material], terms: frozenset[str], language: str
) -> dict[int, tuple[SafeString, SafeString]]:
    """item id -> (title, snippet) for a page of hits; file texts are read in one query
    only for the items whose summary and body have no match."""
    out: dict[int, tuple[SafeString, SafeString]] = {}
    matchers = _Matchers(terms)
    starts = _Matchers(frozenset())  # for the start of a text without a match
    pending: list[Material] = []
    fallback: dict[int, tuple[str, str]] = {}
    titles = titles_html(items, language, matchers)
    for item in items:
        snippet = None
        for name in ("summary", "body"):
            for code in _languages(item, language):
                source = item.text_in(name, code)
                if not source:
                    continue
                # Markdown marks take room: strip a generous prefix, then cut.
                text = (
                    plain(source[: 2 * TEXT_LIMIT])[:TEXT_LIMIT]
                    if name == "body"
                    else source[:TEXT_LIMIT]
                )
                fallback.setdefault(item.pk, (text, code))
                scan = _scan(text, matchers[code])
                if scan.first is not None:
                    snippet = _passage(text, scan)
                    break
            if snippet is not None:
                break
        if snippet is None:
            if terms:
                pending.append(item)
            text, code = fallback.get(item.pk, ("", language))
            snippet = _passage(text, _scan(text, starts[code]))
        out[item.pk] = (titles[item.pk], mark_safe(snippet))  # noqa: S308
    if pending:
        files = _file_texts([item.pk for item in pending])
        seen: set[int] = set()
        own = {item.pk: item.language if item.language in LANGUAGES else "fi" for item in pending}
        for pk, text in files:
            if pk in seen:
                continue
            scan = _scan(text, matchers[own[pk]])
            if scan.first is not None:
                seen.add(pk)
                out[pk] = (out[pk][0], mark_safe(_passage(text, scan)))  # noqa: S308
    return out


def _file_texts(ids: list[int]) -> list[tuple[int, str]]:
    """(item id, the start of a file's text) of the items' files with text, in order
    (in SQL text, see vip.core.raw: it runs for most pages of hits)."""
    return raw.select_in(
        MaterialFile,
        f"material_id, SUBSTR(text, 1, {TEXT_LIMIT:d})",
        "material_id",
        sorted(ids),
        extra="AND text <> '' ORDER BY material_id, position, id",
    )
