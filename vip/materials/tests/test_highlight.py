"""Snippets and marked titles: the quick reading (in C, a window at a time, from shortly
before the first match) gives what reading every token of the text gives."""

from __future__ import annotations

import random

import pytest

from vip.materials.index import highlight
from vip.materials.models import Material
from vip.search.analysis import get_analyser

FILLER = ["sana", "ja", "on", "Opettaja", "lapsi-", "oppimis-", "2020:9", "Σ", "tarve", "–"]
MATCHING = ["koulussa", "Koulupoissaolot", "koulun", "kouluun"]


def _matcher(terms: frozenset[str]) -> highlight._Matcher:
    return highlight._Matcher(get_analyser("fi"), terms)


def reference(text: str, terms: frozenset[str], *, whole: bool = False) -> str:
    scan = highlight._scan_tokens(text, _matcher(terms), whole=whole)
    return _shown(text, terms, scan, whole=whole)


def _shown(text: str, terms: frozenset[str], scan: highlight._Scan, *, whole: bool) -> str:
    if whole:
        return highlight.mark(text, scan.spans)
    # Without terms the passage is the start of the text; with them, a text without a
    # match shows none.
    return highlight._passage(text, scan) if scan.first is not None or not terms else ""


def quick(text: str, terms: frozenset[str], *, whole: bool = False) -> str:
    scan = highlight._scan(text, _matcher(terms), whole=whole)
    return _shown(text, terms, scan, whole=whole)


def test_long_texts_give_the_passage_the_tokeniser_gives():
    rng = random.Random(7)
    terms = frozenset({"koulu"})
    for _ in range(400):
        words = [rng.choice(FILLER[:4] + ["tarve"] * 3) for _ in range(rng.randint(1, 700))]
        for _ in range(rng.randint(0, 3)):  # matches anywhere: first window, later, near the end
            words[rng.randrange(len(words))] = rng.choice(MATCHING)
        if rng.random() < 0.3:  # a hanging hyphen somewhere, or a capital sigma
            words[rng.randrange(len(words))] = rng.choice(FILLER[4:])
        text = " ".join(words)
        assert quick(text, terms) == reference(text, terms), text
        assert quick(text, frozenset()) == reference(text, frozenset()), text


@pytest.mark.parametrize(
    "text",
    [
        "Oppimis- ja ohjauskeskukset tukevat kouluja.",
        "koulu " + "sana " * 120 + "oppimis- ja ohjauskeskus koulussa",
        "Σ koulussa ja ΑΣ.Β kouluun",
    ],
)
def test_titles_are_marked_as_the_tokeniser_marks_them(text):
    terms = frozenset({"koulu", "keskus"})
    assert quick(text, terms, whole=True) == reference(text, terms, whole=True)


@pytest.mark.parametrize("terms", [frozenset({"koulu", "keskus"}), frozenset()])
@pytest.mark.parametrize("odd", ["", "Oppimis- ja ohjauskeskukset", "Σ koulussa ja ΑΣ.Β"])
def test_a_page_of_titles_read_together_is_marked_as_each_title_alone(terms, odd):
    # Titles in two languages, an English one without a match, one as the tokeniser must
    # read it (a hanging hyphen, a capital sigma) or none.
    titles = [
        ("fi", "Koulupoissaolot Suomessa 2020:9"),
        ("en", "School non-attendance"),
        ("fi", "Koulun ja kodin yhteistyö – opas"),
        ("fi", odd),
        ("sv", "Skolfrånvaro i skolan"),
    ]
    items = [
        Material(pk=number, language=code, **{f"title_{code}": text})
        for number, (code, text) in enumerate(titles, start=1)
    ]
    shown = highlight.titles_html(items, "fi", highlight._Matchers(terms))
    for item, (code, text) in zip(items, titles, strict=True):
        alone = highlight._scan_tokens(text, highlight._Matchers(terms)[code], whole=True)
        assert shown[item.pk] == highlight.mark(text, alone.spans), text
    assert "<mark>" in shown[1] if terms else "<mark>" not in "".join(shown.values())


def test_a_match_far_into_a_text_is_shown_with_the_words_before_it():
    text = " ".join(["sana"] * 900 + ["edellinen", "koulussa"] + ["tarve"] * 40)
    passage = quick(text, frozenset({"koulu"}))
    assert passage.startswith("… sana sana")
    assert "edellinen <mark>koulussa</mark> tarve" in passage
    assert passage == reference(text, frozenset({"koulu"}))


def _around_the_first_window_end(*after: str) -> str:
    """A match just before the first window's end and ``after`` just past it."""
    before = ["sana"] * (highlight.WINDOW // 5 - 2) + ["koulussa"]
    return " ".join([*before, "tarve", "tarve", *after, *["sana"] * 400])


def test_words_read_past_the_window_are_marked_too():
    text = _around_the_first_window_end("tarve", "kouluun")
    passage = quick(text, frozenset({"koulu"}))
    assert "<mark>koulussa</mark>" in passage
    assert "<mark>kouluun</mark>" in passage
    assert passage == reference(text, frozenset({"koulu"}))


def test_a_hanging_hyphen_read_past_the_window_is_completed_before_marking():
    text = _around_the_first_window_end("oppimis-", "ja", "ohjauskeskus")
    terms = frozenset({"koulu", "keskus"})
    assert "<mark>oppimis-</mark>" in quick(text, terms)
    assert quick(text, terms) == reference(text, terms)


def test_markdown_is_shown_as_its_plain_text():
    markdown = (
        "# Otsikko\n\n> Lainaus [linkin teksti](https://oph.fi) ja ![kuva](k.png)\n"
        "- **lihava** ja _kursiivi_, `koodi` ~~pois~~ <b>html</b>\n1. numeroitu"
    )
    assert highlight.plain(markdown) == (
        "Otsikko Lainaus linkin teksti ja kuva lihava ja kursiivi, koodi pois html numeroitu"
    )
