"""Tokenising and normalising text before language-specific analysis.

Normalisation lowercases and applies NFKC (so PDF ligatures and full-width forms become plain
letters) but never strips diacritics: in Finnish and Swedish ä, ö and å are letters of their
own, and "säde" (ray) and "sade" (rain) are different words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

# Hyphen look-alikes that join compounds ("LAPE‑muutosohjelma" typed with a non-breaking
# hyphen must analyse like the ASCII one). En and em dashes separate words instead.
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2212": "-", "\u2019": "'"})
# ``str.translate`` with a table walks the text in Python-object steps: search first.
_HYPHEN_LIKE = re.compile("[\u2010\u2011\u2212\u2019]")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")

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

# A word's hanging hyphen: a letter or digit, then "-" without one after it.
_HANGING = re.compile(r"[^\W_]-(?![^\W_])")

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
    return _INVISIBLE.sub("", text).lower()


def _hyphens(text: str) -> str:
    return text.translate(_HYPHENS) if _HYPHEN_LIKE.search(text) else text


def tokenise(text: str) -> list[Token]:
    """Split text into word tokens.

    Offsets refer to ``text`` itself, so callers can highlight the matched words. NFKC can
    change a string's length (ligatures), so each match is normalised on its own rather than
    normalising the whole text first.
    """
    return list(iter_tokens(text))


def iter_tokens(text: str) -> Iterator[Token]:
    """``tokenise`` one token at a time: a reader that stops early pays for what it read."""
    cleaned = _INVISIBLE.sub(lambda m: " " * len(m.group()), _hyphens(text))
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
    """A text whose words ``iter_tokens`` would give exactly as ``words_of`` does: its
    distinct words, and the cleaned text (offsets as the original's) to find them in."""

    distinct: frozenset[str]
    cleaned: str


def plain_text(text: str) -> PlainText | None:
    """The distinct normalised words of ``text``, found in C: enough to tell that a text
    has no word of interest without tokenising it in Python.

    None when the words need ``iter_tokens``: a hanging hyphen ("oppimis- ja
    ohjauskeskus", whose word the analyser joins with a later one) or text that is not
    NFKC-normal (each word then needs normalising on its own).
    """
    cleaned = _INVISIBLE.sub(" ", _hyphens(text))  # one space per character: same offsets
    if _HANGING.search(cleaned) or not unicodedata.is_normalized("NFKC", cleaned):
        return None
    return PlainText(frozenset(word.lower() for word in set(_WORD_RE.findall(cleaned))), cleaned)


def words_of(plain: PlainText, start: int = 0) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) of each token of a plain text from ``start``, as ``iter_tokens``
    gives them but without building tokens."""
    for match in _WORD_RE.finditer(plain.cleaned, start):
        yield match.group().lower(), match.start(), match.end()


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
