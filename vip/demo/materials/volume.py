"""The synthetic volume: tens of thousands of ordinary items around the named ones.

Item number ``i`` is drawn from a random generator of its own (seed, "materials",
"volume", i), so the national bank holds the small one's items and more, and no plan
shifts when another changes. Kinds, themes, years (2000-2026, more of them recent),
languages (mostly Finnish, some Swedish, a few English), audiences and publishers
vary as a real bank's do; bodies are 100-250 words of domain text (``text``).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from vip.demo.materials import text, vocabulary
from vip.demo.materials.identifiers import demo_isbn, demo_issn
from vip.demo.materials.plans import EXTERNAL_PREFIX

KIND_WEIGHTS = {
    "model": 18,
    "research": 14,
    "material": 20,
    "checklist": 8,
    "info_brief": 12,
    "report": 10,
    "recording": 8,
    "news": 10,
}
LANGUAGE_WEIGHTS = {"fi": 84, "sv": 13, "en": 3}
FIRST_YEAR, LAST_YEAR = 2000, 2026
YEARS = list(range(FIRST_YEAR, LAST_YEAR + 1))
# Later years hold more: the bank grew with the network.
YEAR_WEIGHTS = [1 + (year - FIRST_YEAR) * 0.4 for year in YEARS]
STATUS_WEIGHTS = {"published": 960, "draft": 20, "review": 15, "archived": 5}
LEVEL_WEIGHTS = {"basic-education": 6, "pre-primary-education": 3, "early-childhood-education": 2}
BODY_WORDS = (100, 220)  # the last sentence or list may run a few words over
SERIES_KINDS = frozenset({"report", "research"})
ISBN_KINDS = frozenset({"report", "research", "material"})


@dataclass(slots=True)
class VolumeItem:
    index: int
    kind: str
    language: str
    status: str
    year: int
    title: str
    summary: str
    body: str
    published_at: datetime.datetime | None
    themes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    # (role, organisation pk or None, name or "")
    parties: list[tuple[str, int | None, str]] = field(default_factory=list)
    series: str = ""
    number: str = ""
    isbn: str = ""
    issn: str = ""
    url: str = ""

    @property
    def external_id(self) -> str:
        return volume_external_id(self.index)


def volume_external_id(index: int) -> str:
    return f"{EXTERNAL_PREFIX}volume:{index}"


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class VolumePlanner:
    """Plans item ``i`` from the seed alone, given the reference codes and names."""

    def __init__(
        self,
        *,
        seed: int,
        themes: Sequence[str],
        sectors: Sequence[str],
        publishers: Sequence[int],
        places: Sequence[str],
        people: Sequence[str],
        now: datetime.datetime,
        domain: str,
    ) -> None:
        self.seed = seed
        self.themes = sorted(themes)
        self.sectors = sorted(sectors)
        self.publishers = list(publishers)  # organisation pks, in a fixed order
        self.places = list(places)
        self.people = list(people)
        self.now = now
        self.domain = domain

    def rng(self, index: int) -> random.Random:
        return random.Random(f"{self.seed}:materials:volume:{index}")

    def plan(self, index: int) -> VolumeItem:
        rng = self.rng(index)
        kind = _weighted(rng, KIND_WEIGHTS)
        language = _weighted(rng, LANGUAGE_WEIGHTS)
        year = rng.choices(YEARS, weights=YEAR_WEIGHTS)[0]
        status = _weighted(rng, STATUS_WEIGHTS)
        roll = rng.random()
        themes = (
            []
            if roll < 0.1
            else rng.sample(self.themes, 2 if roll > 0.8 else 1)
            if self.themes
            else []
        )
        words = text.language(language)
        title = self._title(rng, words, kind, language, year, themes)
        summary = " ".join(
            words.fill(rng, rng.choice(words.summaries), themes, vocabulary.KIND_WORDS_FI[kind])
            for _ in range(rng.randint(1, 2))
        )
        body = words.body(rng, themes, rng.randint(*BODY_WORDS))
        item = VolumeItem(
            index=index,
            kind=kind,
            language=language,
            status=status,
            year=year,
            title=title[:300],
            summary=summary,
            body=body,
            published_at=self._published_at(rng, year, status),
            themes=themes,
            tags=rng.sample(vocabulary.TAGS, rng.choice((0, 1, 2, 2, 3, 3, 4))),
            sectors=rng.sample(self.sectors, min(len(self.sectors), rng.randint(1, 3))),
            levels=self._levels(rng),
        )
        self._parties(rng, item)
        self._identifiers(rng, item)
        return item

    def _title(
        self,
        rng: random.Random,
        words: text.Language,
        kind: str,
        language: str,
        year: int,
        themes: list[str],
    ) -> str:
        title = words.fill(rng, rng.choice(words.titles), themes)
        if language != "fi":
            return title
        title = vocabulary.TITLE_PREFIX_FI.get(kind, "") + title
        suffix = vocabulary.TITLE_SUFFIX_FI.get(kind)
        if suffix and rng.random() < 0.5:
            title += suffix.format(year=year)
        if self.places and rng.random() < 0.25:
            title += f" ({rng.choice(self.places)})"
        return title

    def _published_at(self, rng: random.Random, year: int, status: str) -> datetime.datetime | None:
        if status not in ("published", "archived"):
            return None
        moment = datetime.datetime(year, 1, 1, 9, tzinfo=datetime.UTC) + datetime.timedelta(
            days=rng.randrange(365), minutes=rng.randrange(480)
        )
        if moment >= self.now:
            # This year's items were published in the weeks before today.
            moment = self.now - datetime.timedelta(
                days=rng.randint(1, 60), minutes=rng.randrange(480)
            )
        return moment

    @staticmethod
    def _levels(rng: random.Random) -> list[str]:
        count = rng.choice((1, 1, 2, 3))
        levels: list[str] = []
        while len(levels) < count:
            level = _weighted(rng, LEVEL_WEIGHTS)
            if level not in levels:
                levels.append(level)
        return levels

    def _parties(self, rng: random.Random, item: VolumeItem) -> None:
        if self.publishers and rng.random() < 0.6:
            item.parties.append(("publisher", rng.choice(self.publishers), ""))
        roll = rng.random()
        if roll < 0.45 and self.people:
            for person in rng.sample(self.people, min(len(self.people), rng.randint(1, 3))):
                item.parties.append(("author", None, person))
        elif roll < 0.7:
            item.parties.append(("author", None, rng.choice(vocabulary.WORKING_GROUPS)))

    def _identifiers(self, rng: random.Random, item: VolumeItem) -> None:
        if item.kind in SERIES_KINDS and rng.random() < 0.6:
            item.series = (
                vocabulary.SERIES_SV if item.language == "sv" else rng.choice(vocabulary.SERIES)
            )
            item.number = f"{item.year}:{rng.randint(1, 40)}"
            if rng.random() < 0.3:
                item.issn = demo_issn(item.series)
        if item.kind in ISBN_KINDS and rng.random() < 0.3:
            item.isbn = demo_isbn(item.external_id)
        if rng.random() < 0.15:
            item.url = f"https://materiaalit.{self.domain}/{item.index}"
