"""The default Finnish analyser: simplemma's lemma tables plus a compound splitter.

Lemmas come from the table of 3.5 million inflected forms, which already encodes consonant
gradation (tuen -> tuki, luokalla -> luokka, lasten -> lapsi). Finnish writes compounds as
one word, and most are missing from any table, so words are also split: the word is cut
into compound-initial forms (a base form "koulu", a genitive "lasten", the -s stem of a
-nen word "oppimis", or a bound form such as "esi") followed by one inflected head whose
lemma the table knows. The split with the fewest parts wins, and its parts are split once
more: "koulunkäyntiavustajalle" gives koulunkäynti + avustaja, then koulu + käynti.

The table gives one lemma per form, which is often not enough ("tuen" is tuki or tukea,
"kodissa" is koti though the table says kota), so the forms sharing a word's stem vote
for further lemmas. Words no list knows are stemmed with Snowball as a last resort.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping

from vip.search import lexicon
from vip.search.base import LanguageAnalyser, WordAnalysis, _unique
from vip.search.stemming import stem
from vip.search.text import changes_umlaut

MIN_MODIFIER = 3
MIN_HEAD = 3
# Splitting a word the table already knows, or a part again ("koulunkäynti" -> koulun +
# käynti), needs a longer head: short dictionary words at the end of long ones are mostly
# coincidences ("sairaala" is not saira + ala).
MIN_KNOWN_HEAD = 4
MAX_WORD = 60


def _words(words: str) -> tuple[str, ...]:
    return tuple(words.split())


def _longest_first(words: str) -> tuple[str, ...]:
    return tuple(sorted(set(words.split()), key=lambda w: (-len(w), w)))


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# Case and number endings, longest first. simplemma's table gives one lemma per form, but
# many Finnish forms belong to two words (tuet: tuki or tukea; kodissa: koti, the table
# says kota). Forms sharing the stem left after an ending ("tue-n", "tue-ssa") show which
# other lemmas the word may have.
_ENDINGS = _longest_first(
    "a ä n t ta tä na nä ssa ssä sta stä lla llä lta ltä lle ksi en in iin ihin isiin ita "
    "itä ia iä ja jä ien iden jen issa issä ista istä illa illä ille ilta iltä iksi ina "
    "inä ineen"
)
_PROBES = ("", *_words("a ä i n t en ssa ssä na nä issa issä ille jen"))
# Possessive suffixes ("opinnoissaan" = opinnoissa + an), which the table rarely lists.
_POSSESSIVES = _words("nsa nsä mme nne ni si an än en in on un yn ön")

# Case and number endings tried, longest first, when an unknown word may be an inflected
# name from the field's list ("Valterin" -> valteri, "HOJKSiin" -> hojks).
_NAME_ENDINGS = _longest_first(
    "n a ä ta tä na nä ksi ssa ssä sta stä lla llä lta ltä lle in iin hin ihin t en ien "
    "ille illa illä issa issä ista istä ineen tta ttä sa sä"
)


def name_lemma(word: str, names: Mapping[str, str]) -> str | None:
    """The listed name an inflected word stands for ("valterin" -> "valteri"), if any."""
    if word in names:
        return names[word]
    for ending in _NAME_ENDINGS:
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= 2 and base in names:
            return names[base]
    return None


class FinnishAnalyser(LanguageAnalyser):
    language = "fi"

    def __init__(self, *, decompound: bool = True, alternatives: bool = True) -> None:
        super().__init__()
        self.decompound = decompound
        self.alternatives = alternatives
        self._forms: Mapping[str, str] = lexicon.dictionary("fi")
        self._names = lexicon.domain_words("fi_names.txt")
        self._bound = lexicon.domain_words("fi_modifiers.txt")

    # --- word lookup -----------------------------------------------------------------

    def _lookup(self, form: str) -> str | None:
        """Lemma of a known inflected form, lowercased; None for unknown forms."""
        lemma = self._forms.get(form)
        if lemma is None:
            return None
        lemma = lemma.lower()
        if changes_umlaut(form, lemma) or not _WORD.fullmatch(lemma):
            # Table noise: forms mapped across ä/a, or to abbreviations ("aan" -> "aa.").
            return None
        if lemma in self._stop_words and form not in self._stop_words:
            # Dialect pronouns ("työ" -> "sinä"): the form is a lemma if its own
            # inflected forms point back at it (työn, työt -> työ).
            own = (self._forms.get(form + ending) for ending in ("n", "t", "tä", "ta"))
            return form if any(o is not None and o.lower() == form for o in own) else None
        return lemma

    def _is_lemma(self, form: str) -> bool:
        return self._lookup(form) == form

    def _alternatives(self, word: str, lemma: str | None) -> list[str]:
        """Other lemmas ``word`` may have, voted for by forms that share its stem."""
        votes: Counter[str] = Counter()
        for ending in ("", *_ENDINGS):
            if not word.endswith(ending):
                continue
            stem = word[: len(word) - len(ending)]
            if len(stem) < 2:
                continue
            for probe in _PROBES:
                form = stem + probe
                if form == word:
                    continue
                other = self._lookup(form)
                if other is None or other == lemma or not self._is_lemma(other):
                    continue
                shared = len(_common_prefix(stem, other))
                if shared >= max(1, min(len(stem), len(other)) - 2):
                    # The bare stem being a base form ("opas" in "opas-ta") is strong evidence.
                    votes[other] += 3 if form == other and len(stem) >= 3 else 1
        # A base form needs more evidence to be read as another word's inflected form.
        needed = 3 if lemma == word else 2
        return [other for other, count in votes.most_common(2) if count >= needed]

    def _stem(self, word: str) -> str:
        return stem(word, "fi")

    def _name(self, word: str) -> str | None:
        return name_lemma(word, self._names)

    def _derived(self, word: str) -> str | None:
        # Distributive adverbs point at their noun: "alueittain" (by area) -> alue,
        # "kunnittain" -> kunta. Their plural adessive has the same stem.
        for suffix, replacement in (("ittain", "illa"), ("ittäin", "illä")):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                return self._lookup(word[: -len(suffix)] + replacement)
        return None

    def _guess(self, word: str) -> str | None:
        guess = lexicon.lemmatizer().lemmatize(word, "fi").lower()
        return None if changes_umlaut(word, guess) else guess

    # --- compounds -------------------------------------------------------------------

    def modifier_lemma(self, piece: str) -> str:
        return self._modifier(piece) or self._name(piece) or piece

    def _modifier(self, form: str) -> str | None:
        """Base form of a compound-initial form, or None if ``form`` cannot start one."""
        if len(form) < MIN_MODIFIER:
            return None
        if form in self._bound:
            return self._bound[form]
        lemma = self._lookup(form)
        if lemma == form:
            return lemma if lemma not in self._stop_words else None
        if form.endswith("s"):
            # oppimis- (oppiminen), erityis- (erityinen), varhais- (varhainen)
            nen = form[:-1] + "nen"
            if self._is_lemma(nen):
                return nen
        if form.endswith("i") and self._is_lemma(form + "nen"):
            # sosiaali- (sosiaalinen), kansalli- is rarer than kansallis- but exists
            return form + "nen"
        if lemma is not None and form.endswith("n") and len(form) > MIN_MODIFIER:
            # genitives: lasten- (lapsi), terveyden- (terveys), koulun- (koulu)
            return lemma if lemma not in self._stop_words else None
        return None

    def _head(self, form: str, *, base_only: bool, min_length: int) -> str | None:
        lemma = self._lookup(form) or self._derived(form)
        if lemma is None or len(lemma) < min_length or (base_only and lemma != form):
            return None
        return lemma

    def _split(
        self, word: str, *, base_only: bool, min_head: int = MIN_HEAD
    ) -> tuple[tuple[str, str], ...] | None:
        """Best split of ``word`` into (surface, lemma) parts, or None.

        ``base_only`` requires the head to be a base form: used to split a lemma, where an
        inflected-looking tail would be a false split.
        """
        if len(word) < MIN_MODIFIER + min_head or len(word) > MAX_WORD:
            return None
        n = len(word)

        @functools.cache
        def best(i: int) -> tuple[tuple[int, int, int], tuple[tuple[str, str], ...]] | None:
            options: list[tuple[tuple[int, int, int], tuple[tuple[str, str], ...]]] = []
            if i > 0 and n - i >= min_head:
                head = self._head(word[i:], base_only=base_only, min_length=min_head)
                if head is not None:
                    options.append(((1, 0, -(n - i)), ((word[i:], head),)))
            for j in range(i + MIN_MODIFIER, n - min_head + 1):
                modifier = self._modifier(word[i:j])
                if modifier is None:
                    continue
                rest = best(j)
                if rest is None:
                    continue
                (count, penalty, smallest), parts = rest
                own_penalty = 0 if modifier == word[i:j] or word[i:j] in self._bound else 1
                cost = (count + 1, penalty + own_penalty, max(smallest, -(j - i)))
                options.append((cost, ((word[i:j], modifier), *parts)))
            return min(options) if options else None

        found = best(0)
        return found[1] if found is not None else None

    def _compound_parts(self, parts: tuple[tuple[str, str], ...]) -> list[str]:
        """Lemmas of the parts, each followed by its own finer split (one level)."""
        out: list[str] = []
        for _surface, lemma in parts:
            out.append(lemma)
            finer = self._split(lemma, base_only=True, min_head=MIN_KNOWN_HEAD)
            if finer:
                out.extend(part_lemma for _s, part_lemma in finer)
        return out

    # --- the word --------------------------------------------------------------------

    def _possessive(self, word: str) -> str | None:
        """The word without its possessive suffix, if the table knows what is left."""
        for suffix in _POSSESSIVES:
            base = word[: -len(suffix)]
            if len(suffix) == 2 and suffix[1] == "n" and not base.endswith(suffix[0]):
                continue  # the third-person -Vn lengthens a vowel: opinnoissa-an
            if word.endswith(suffix) and len(base) >= 3:
                for candidate in (base, base + "n"):
                    if self._lookup(candidate) is not None:
                        return candidate
        return None

    def _analyse_word(self, word: str) -> WordAnalysis:
        lemma = self._lookup(word)
        alternatives = (
            self._alternatives(word, lemma) if self.alternatives and len(word) > 2 else []
        )
        derived = self._derived(word)
        known = lemma is not None or bool(alternatives) or derived is not None
        table_lemmas = _unique(x for x in (lemma, derived, *alternatives) if x)
        if not known:
            # The table knowing the word minus a possessive suffix beats any split of it.
            without = self._possessive(word)
            if without is not None:
                return self._analyse_word(without)
        split = None
        if self.decompound:
            split = self._split(
                word, base_only=False, min_head=MIN_KNOWN_HEAD if known else MIN_HEAD
            )
            if split is not None and known and _joined(split) not in table_lemmas:
                # The table knows the word and the split disagrees with it
                # ("oppilaan" is not oppi + laa): trust the table, split its lemma.
                split = None
            for candidate in table_lemmas:
                if split is not None:
                    break
                split = self._split(candidate, base_only=True, min_head=MIN_KNOWN_HEAD)

        stems: tuple[str, ...] = ()
        if known:
            lemmas = table_lemmas
        elif split is not None:
            lemmas = (_joined(split),)
            known = True
        else:
            candidates = [self._name(word)]
            known = any(candidates)
            if not known:
                candidates.append(self._guess(word))
                stems = (self._stem(word),)
            lemmas = _unique(c for c in candidates if c)

        if split is None:
            return WordAnalysis(lemmas=lemmas or (word,), stems=stems, known=known)
        return WordAnalysis(
            lemmas=lemmas,
            parts=_unique(self._compound_parts(split), exclude=lemmas),
            stems=stems,
            known=known,
            compound=tuple(part for _surface, part in split),
            head=split[-1][0],
        )


def _joined(split: tuple[tuple[str, str], ...]) -> str:
    """The compound's lemma: parts as written, the last one in its base form."""
    return "".join(surface for surface, _ in split[:-1]) + split[-1][1]


def _common_prefix(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]
