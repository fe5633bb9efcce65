"""Synthetic text from the vocabulary: titles, summaries and Markdown bodies.

Patterns are compiled once into literal parts and (slot, form) pairs, so filling one is
a few list look-ups; 50,000 bodies of 100-250 words take seconds, not minutes.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from vip.demo.materials import vocabulary as v

_SLOT = re.compile(r"\{([a-dA-D])(?:\.(\w+))?\}")
SV_FORMS = ("ind", "def")


@dataclass(frozen=True, slots=True)
class Term:
    forms: tuple[str, ...]
    themes: tuple[str, ...]


Compiled = tuple[str, int]  # a str.format pattern over the drawn terms' forms, slot count


def _compile(pattern: str, forms: Sequence[str]) -> Compiled:
    """ "{a.gen} {b.nom}" -> "{0[1]} {1[0]}": one C-level format call fills a pattern."""
    slots = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal slots
        slot = ord(match.group(1).lower()) - ord("a")
        slots = max(slots, slot + 1)
        index = forms.index(match.group(2)) if match.group(2) else 0
        return f"{{{slot}[{index}]}}"

    return _SLOT.sub(replace, pattern), slots


def _compile_all(patterns: Sequence[str], forms: Sequence[str]) -> list[Compiled]:
    return [_compile(p, forms) for p in patterns]


def _pick[T](rng: random.Random, items: Sequence[T]) -> T:
    # random() and a multiplication: about three times as fast as rng.choice.
    return items[int(rng.random() * len(items))]


class Language:
    """One language's terms and patterns; ``fill`` draws terms and writes a pattern."""

    def __init__(
        self,
        terms: list[Term],
        forms: Sequence[str],
        *,
        sentences: Sequence[str],
        titles: Sequence[str],
        summaries: Sequence[str],
        headings: Sequence[str] = (),
        bullets: Sequence[str] = (),
    ) -> None:
        self.terms = terms
        self.by_theme: dict[str, list[Term]] = {}
        for term in terms:
            for theme in term.themes:
                self.by_theme.setdefault(theme, []).append(term)
        self.sentences = _compile_all(sentences, forms)
        self.titles = _compile_all(titles, forms)
        self.summaries = _compile_all(summaries, forms)
        self.bullets = _compile_all(bullets, forms)
        self.headings = list(headings)
        self._pools: dict[tuple[str, ...], list[tuple[str, ...]]] = {}

    def pool(self, themes: Sequence[str]) -> list[tuple[str, ...]]:
        """Every term, the themes' own repeated so that they fill about half the slots."""
        key = tuple(sorted(themes))
        found = self._pools.get(key)
        if found is None:
            found = [term.forms for term in self.terms]
            own = [term.forms for theme in key for term in self.by_theme.get(theme, ())]
            if own:
                found += own * max(1, len(self.terms) // len(own))
            self._pools[key] = found
        return found

    def fill(
        self, rng: random.Random, compiled: Compiled, themes: Sequence[str], kind: str = ""
    ) -> str:
        pattern, slots = compiled
        pool = self.pool(themes)
        size = len(pool)
        random_ = rng.random
        text = pattern.format(*[pool[int(random_() * size)] for _ in range(slots)], kind=kind)
        return text[:1].upper() + text[1:]

    def sentence(self, rng: random.Random, themes: Sequence[str]) -> str:
        return self.fill(rng, _pick(rng, self.sentences), themes)

    def body(self, rng: random.Random, themes: Sequence[str], words: int) -> str:
        """Paragraphs of sentences, now and then a heading or a bullet list, about ``words``."""
        blocks: list[str] = []
        paragraph: list[str] = []
        count = 0
        while count < words:
            if self.headings and count and not paragraph and rng.random() < 0.35:
                blocks.append(f"## {rng.choice(self.headings)}")
            if self.bullets and paragraph and rng.random() < 0.06:
                blocks.append(" ".join(paragraph))
                paragraph = []
                items = [
                    f"- {self.fill(rng, _pick(rng, self.bullets), themes)}"
                    for _ in range(rng.randint(2, 4))
                ]
                count += sum(item.count(" ") for item in items)
                blocks.append("\n".join(items))
                continue
            sentence = self.sentence(rng, themes)
            paragraph.append(sentence)
            count += sentence.count(" ") + 1
            if len(paragraph) >= rng.randint(3, 5):
                blocks.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            blocks.append(" ".join(paragraph))
        return "\n\n".join(blocks)


def compound(modifier: str, head: str) -> str:
    """Finnish writes a hyphen where a part ends in the vowel the next begins with."""
    if modifier and modifier[-1] in "aeiouyäö" and modifier[-1] == head[0]:
        return f"{modifier}-{head}"
    return modifier + head


def _finnish_terms() -> list[Term]:
    terms = []
    for forms_text, modifiers, themes in v.HEADS_FI:
        forms = forms_text.split()
        assert len(forms) == len(v.CASES), forms_text
        for modifier in modifiers:
            terms.append(Term(tuple(compound(modifier, f) for f in forms), themes))
    for forms_text, themes in v.PHRASES_FI:
        forms = forms_text.split("|")
        assert len(forms) == len(v.CASES), forms_text
        terms.append(Term(tuple(forms), themes))
    return terms


@cache
def finnish() -> Language:
    return Language(
        _finnish_terms(),
        v.CASES,
        sentences=v.SENTENCES_FI,
        titles=v.TITLES_FI,
        summaries=v.SUMMARIES_FI,
        headings=v.HEADINGS_FI,
        bullets=v.BULLETS_FI,
    )


@cache
def swedish() -> Language:
    terms = [Term((ind, definite), themes) for ind, definite, themes in v.NOUNS_SV]
    return Language(
        terms,
        SV_FORMS,
        sentences=v.SENTENCES_SV,
        titles=v.TITLES_SV,
        summaries=v.SUMMARIES_SV,
        headings=v.HEADINGS_SV,
    )


@cache
def english() -> Language:
    terms = [Term((noun,), ()) for noun in v.NOUNS_EN]
    return Language(
        terms,
        ("nom",),
        sentences=v.SENTENCES_EN,
        titles=v.TITLES_EN,
        summaries=v.SENTENCES_EN[:3],
    )


def language(code: str) -> Language:
    return {"fi": finnish, "sv": swedish, "en": english}[code]()
