"""Tokenising and normalising text before language-specific analysis.

Normalisation lowercases and applies NFKC (so PDF ligatures and full-width forms become plain
letters) but never strips diacritics: in Finnish and Swedish ä, ö and å are letters of their
own, and "säde" (ray) and "sade" (rain) are different words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from re import Match
from typing import NamedTuple

# Hyphen look-alikes that join compounds ("LAPE‑muutosohjelma" typed with a non-breaking
# hyphen must analyse like the ASCII one). En and em dashes separate words instead.
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2212": "-", "\u2019": "'"})
_HYPHEN_LIKE = "\u2010\u2011\u2212\u2019"
_INVISIBLE_CHARACTERS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARACTERS}]")

_TOKEN_RE = re.compile(
    r"""
    [^\W_]+                         # a run of letters or digits
    (?:
        [-:'][^\W_]+                # joined by a hyphen, a colon (HOJKS:n, 2020:9) or an apostrophe
      | (?<=\d)[.,](?=\d)[^\W_]+    # dates and decimals: 1.8.2023, 2,5
    )*
    (?P<trail>-(?![^\W_]))?         # the hanging hyphen of "oppimis- ja ohjauskeskus"
    """,
    re.VERBOSE,
)

# The same words without the hanging hyphen's group, so ``findall`` returns whole matches.
_WORD_RE = re.compile(_TOKEN_RE.pattern.replace("(?P<trail>", "(?:"), re.VERBOSE)

# A word's hanging hyphen: "-" without a letter or digit after it but with one before it
# (the pattern starts with the hyphen, which the regular expression engine looks for fast).
_HANGING = re.compile(r"-(?![^\W_])(?<=[^\W_]-)")

UMLAUT_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a"})
UMLAUT_PAIRS = frozenset({("ä", "a"), ("a", "ä"), ("ö", "o"), ("o", "ö"), ("å", "a"), ("a", "å")})


class Token(NamedTuple):
    """One word of the input: normalised text and where it sits in the original string.

    A named tuple: long texts make tens of thousands of them (a page of search hits
    tokenises its snippets), and a tuple is the cheapest immutable record to build.
    """

    text: str
    start: int
    end: int
    position: int
    hanging_hyphen: bool = False


def normalise(text: str) -> str:
    """Lowercase, NFKC-normalised text with invisible characters removed and ä/ö/å kept."""
    text = _hyphens(unicodedata.normalize("NFKC", text))
    if _has_any(text, _INVISIBLE_CHARACTERS):
        text = _INVISIBLE.sub("", text)
    return text.lower()


def _has_any(text: str, characters: str) -> bool:
    # One ``in`` per character is a fast scan in C each; a character class is not.
    return any(character in text for character in characters)


def _hyphens(text: str) -> str:
    # ``str.translate`` with a table walks the text in Python-object steps: look first.
    return text.translate(_HYPHENS) if _has_any(text, _HYPHEN_LIKE) else text


def _visible(text: str) -> str:
    """Invisible characters as spaces, one for one (offsets stay the original's)."""
    if not _has_any(text, _INVISIBLE_CHARACTERS):
        return text
    return _INVISIBLE.sub(lambda m: " " * len(m.group()), text)


def tokenise(text: str) -> list[Token]:
    """Split text into word tokens.

    Offsets refer to ``text`` itself, so callers can highlight the matched words. NFKC can
    change a string's length (ligatures), so each match is normalised on its own rather than
    normalising the whole text first.
    """
    return list(iter_tokens(text))


def iter_tokens(text: str) -> Iterator[Token]:
    """``tokenise`` one token at a time: a reader that stops early pays for what it read."""
    cleaned = _visible(_hyphens(text))
    # Most texts are NFKC already (checked once, in C): then each word only needs lowering.
    normal = unicodedata.is_normalized("NFKC", cleaned)
    position = 0
    for match in _TOKEN_RE.finditer(cleaned):
        raw = match.group()
        # Only the hanging hyphen ends a token with "-" (one inside needs a letter after it).
        hanging = raw[-1] == "-"
        if hanging:
            raw = raw[:-1]
        word = raw.lower() if normal else unicodedata.normalize("NFKC", raw).lower()
        if not word:
            continue
        start, end = match.span()
        yield Token(word, start, end, position, hanging)
        position += 1


class PlainText(NamedTuple):
    """A text to read words from in C rather than token by token: the text with hyphen
    look-alikes and invisible characters cleaned (offsets as the original's) and, where
    lowering it whole lowers each word as the tokeniser does, that text lowered."""

    cleaned: str
    lowered: str | None


def plain_text(text: str) -> PlainText | None:
    """``text`` ready for ``distinct_words`` and ``words_of``, which give its words as
    ``iter_tokens`` would; None when it is not NFKC-normal (each word then needs
    normalising on its own, in ``iter_tokens``)."""
    cleaned = _visible(_hyphens(text))
    if not unicodedata.is_normalized("NFKC", cleaned):
        return None
    lowered = cleaned.lower()
    # Lowering is letter by letter, except that it lengthens "İ" and that a capital sigma
    # lowers by what follows it (final "ς"): then each word is lowered on its own.
    if len(lowered) == len(cleaned) and "\u03a3" not in cleaned:
        return PlainText(cleaned, lowered)
    return PlainText(cleaned, None)


def distinct_words(
    plain: PlainText, start: int = 0, end: int | None = None
) -> frozenset[str] | None:
    """The distinct normalised words of ``plain`` from ``start`` to ``end`` (each at a
    space or an end of the text), found in C: enough to tell that a text has no word of
    interest without tokenising it in Python.

    None when a word there has a hanging hyphen ("oppimis- ja ohjauskeskus", whose word
    the analyser joins with a later one): those words need ``iter_tokens``.
    """
    end = len(plain.cleaned) if end is None else end
    if has_hanging_hyphen(plain, start, end):
        return None
    if plain.lowered is not None:
        return frozenset(_WORD_RE.findall(plain.lowered, start, end))
    return frozenset(word.lower() for word in set(_WORD_RE.findall(plain.cleaned, start, end)))


def has_hanging_hyphen(plain: PlainText, start: int, end: int) -> bool:
    """Whether a word between ``start`` and ``end`` has a hanging hyphen."""
    return _HANGING.search(plain.cleaned, start, end) is not None


def words_of(
    plain: PlainText, start: int = 0, end: int | None = None
) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) of each token of a plain text from ``start`` (to ``end``), as
    ``iter_tokens`` gives them but without building tokens, as long as no word read has a
    hanging hyphen (see ``distinct_words``). ``start`` and ``end`` must not fall inside a
    word (a space or a line break is safe: no word has one)."""
    if plain.lowered is not None:
        for match in word_matches(plain, start, end):
            yield match.group(), match.start(), match.end()
    else:
        for match in word_matches(plain, start, end):
            yield match.group().lower(), match.start(), match.end()


def word_matches(plain: PlainText, start: int = 0, end: int | None = None) -> Iterator[Match[str]]:
    """``words_of`` as the regular expression's matches, for a reader that wants few of
    their offsets: each match's text is the word where ``plain.lowered`` is known, and
    the word before lowering where it is not."""
    text = plain.lowered if plain.lowered is not None else plain.cleaned
    return _WORD_RE.finditer(text, start, len(text) if end is None else end)


def first_occurrence(plain: PlainText, words: Iterable[str], start: int, end: int) -> int:
    """An offset at or before the first of ``words`` between ``start`` and ``end`` (each
    word as ``words_of`` gives it), found in C: the first place one of them occurs, even
    inside another word; ``start`` when the text cannot be searched so."""
    if plain.lowered is None:
        return start
    lowered = plain.lowered
    found = [at for word in words if (at := lowered.find(word, start, end)) >= 0]
    return min(found, default=start)


def umlaut_variant(a: str, b: str) -> bool:
    """Whether two different words differ only in ä/a, ö/o or å/a.

    Such words are distinct words, never spelling variants: no analysis step may map one
    onto the other.
    """
    return a != b and len(a) == len(b) and a.translate(UMLAUT_FOLD) == b.translate(UMLAUT_FOLD)


def changes_umlaut(word: str, lemma: str) -> bool:
    """Whether turning ``word`` into ``lemma`` would swap an umlaut for its plain vowel.

    Finnish inflection never does this (vowel harmony is fixed per word); Swedish strong
    verbs and plurals do (bar -> bära, män -> man), but conflating those would make "bar"
    find "bär", so the analysers refuse such lemmas and fall back to stemming.
    """
    for x, y in zip(word, lemma, strict=False):
        if x != y:
            return (x, y) in UMLAUT_PAIRS
    return False


def split_colon_suffix(word: str) -> str:
    """Strip a case ending written after a colon: "hojks:n" -> "hojks", "oph:lle" -> "oph".

    Numbers keep their colon ("2020:9" is a report number).
    """
    head, sep, tail = word.partition(":")
    if sep and tail.isalpha() and len(tail) <= 5 and not head.isdigit():
        return head
    return word
