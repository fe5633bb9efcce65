"""Synthetic volume: the many ordinary events around the named ones.

Event number ``i`` is drawn from a generator of its own, so the national calendar
holds the small one's events and more, and a plan never shifts when another changes.
Dates spread from January 2020 to half a year ahead; July is holiday. Kinds, modes,
sizes and questions follow what such events are like: webinars are remote and
large, trainings small, regional days belong to an area, some seminars cost money.
"""

from __future__ import annotations

import datetime
import math
from typing import Any

from vip.demo.events import catalogue
from vip.demo.events.base import EventSeederBase
from vip.demo.events.named import REMOTE_FROM, REMOTE_UNTIL, price_groups
from vip.demo.events.plans import DAY, EventPlan, local, weekday_on_or_after
from vip.events.models import Event
from vip.registry.models import Area, Organisation

Kind = Event.Kind
Mode = Event.Mode
OrgKind = Organisation.Kind

FIRST_DAY = datetime.date(2020, 1, 7)
DAYS_AHEAD = 180
KIND_WEIGHTS = {
    Kind.WEBINAR: 28,
    Kind.TRAINING: 22,
    Kind.REGIONAL_DAY: 20,
    Kind.SEMINAR: 14,
    Kind.VIPU: 10,
    Kind.OTHER: 6,
}
# The share of each kind held for one area rather than nationally.
AREA_SHARE = {
    Kind.WEBINAR: 0.15,
    Kind.TRAINING: 0.6,
    Kind.REGIONAL_DAY: 1.0,
    Kind.SEMINAR: 0.4,
    Kind.VIPU: 0.0,
    Kind.OTHER: 0.7,
}
AREA_WEIGHTS = {"HYKS": 30, "TAYS": 22, "TYKS": 18, "KYS": 15, "OYS": 15}
MODES = {
    Kind.WEBINAR: {Mode.REMOTE: 1},
    Kind.VIPU: {Mode.REMOTE: 1},
    Kind.TRAINING: {Mode.ON_SITE: 55, Mode.REMOTE: 35, Mode.HYBRID: 10},
    Kind.REGIONAL_DAY: {Mode.ON_SITE: 70, Mode.HYBRID: 30},
    Kind.SEMINAR: {Mode.ON_SITE: 50, Mode.HYBRID: 35, Mode.REMOTE: 15},
    Kind.OTHER: {Mode.ON_SITE: 85, Mode.REMOTE: 15},
}
# (start hour, start minute, hours) choices per kind.
TIMES = {
    Kind.WEBINAR: [(14, 0, 1.5), (9, 0, 2.0), (15, 0, 1.0)],
    Kind.VIPU: [(13, 0, 1.5), (14, 0, 1.0)],
    Kind.TRAINING: [(9, 0, 3.0), (12, 30, 3.5), (9, 0, 6.0)],
    Kind.REGIONAL_DAY: [(9, 0, 6.5), (9, 30, 5.5)],
    Kind.SEMINAR: [(9, 0, 7.0), (9, 30, 6.0), (12, 0, 4.0)],
    Kind.OTHER: [(12, 0, 3.0), (9, 0, 4.0)],
}
# Seats of events on site (or hybrid), by kind and mode: (smallest, largest). Interest
# in them is a share of the seats, so some fill up and some do not.
CAPACITY: dict[str, dict[str, tuple[int, int]]] = {
    Kind.TRAINING: {Mode.ON_SITE: (15, 35), Mode.HYBRID: (20, 40)},
    Kind.REGIONAL_DAY: {Mode.ON_SITE: (25, 65), Mode.HYBRID: (30, 70)},
    Kind.SEMINAR: {Mode.ON_SITE: (30, 90), Mode.HYBRID: (40, 100)},
    Kind.OTHER: {Mode.ON_SITE: (12, 25)},
}
FILL = (0.3, 1.2)
# Remote events: how many come (median of a log-normal spread), and how often the
# organiser still sets a seat limit (the platform's licence, say), well above that.
REMOTE_DEMAND: dict[str, int] = {
    Kind.WEBINAR: 29,
    Kind.VIPU: 19,
    Kind.SEMINAR: 36,
    Kind.TRAINING: 20,
    Kind.REGIONAL_DAY: 27,
    Kind.OTHER: 11,
}
REMOTE_LIMIT_SHARE = 0.4
REMOTE_LIMITS = (100, 200, 300)
CANCELLED_SHARE = 0.03
DRAFT_SHARE_OF_UPCOMING = 0.05
PAID_SHARE_OF_SEMINARS = 0.12


class VolumePlanner(EventSeederBase):
    def _area_providers(self) -> dict[str, list[Organisation]]:
        """The education providers of each area's three largest municipalities."""
        found: dict[str, list[Organisation]] = {}
        for area in self.areas:
            ranked = sorted(
                (m for m in self.seeder.municipalities if m.area and m.area.pk == area.pk),
                key=lambda m: (-m.population, m.code),
            )
            found[area.code] = [self.org(f"provider:{m.code}") for m in ranked[:3]]
        return found

    def plan_volume(self, count: int) -> list[EventPlan]:
        self._providers = self._area_providers()
        self._universities = self.orgs_of_kind(OrgKind.UNIVERSITY)
        self._avis = self.orgs_of_kind(OrgKind.AVI)
        last = self.today + DAYS_AHEAD * DAY
        span = (last - FIRST_DAY).days
        return [self._volume_event(index, span) for index in range(count)]

    def _volume_event(self, index: int, span: int) -> EventPlan:
        rng = self.rng("volume", index)
        day = FIRST_DAY + rng.randrange(span) * DAY
        if day.month == 7:
            day = datetime.date(day.year, 8, rng.randint(8, 28))
        day = weekday_on_or_after(day, (0, 1, 2, 3))
        kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        topics = [t for t in catalogue.TOPICS if t[4] is None or t[4] <= day]
        theme_code, topic_fi, topic_sv, topic_en, _since = rng.choice(topics)
        topic = (topic_fi, topic_sv, topic_en)
        area: Area | None = None
        if rng.random() < AREA_SHARE[kind]:
            code = rng.choices(list(AREA_WEIGHTS), weights=list(AREA_WEIGHTS.values()))[0]
            area = self.area_by_code[code]
        modes = MODES[kind]
        mode = rng.choices(list(modes), weights=list(modes.values()))[0]
        if REMOTE_FROM <= day <= REMOTE_UNTIL:
            mode = Mode.REMOTE
        hour, minute, hours = rng.choice(TIMES[kind])
        starts_at = local(day, hour, minute)
        duration = datetime.timedelta(hours=hours)
        if kind == Kind.SEMINAR and hours >= 6 and rng.random() < 0.1:
            duration = datetime.timedelta(days=1, hours=hours - 1)  # two days
        values: dict[str, Any] = {}
        capacity, demand = self._size(rng, kind, mode)
        if capacity is not None:
            values["capacity"] = capacity
            if mode != Mode.REMOTE and rng.random() < 0.8:
                values["waiting_list_capacity"] = max(3, round(capacity * rng.uniform(0.1, 0.25)))
        if mode == Mode.REMOTE:
            values["join_url"] = f"https://meet.{self.domain}/v{index}"
        else:
            venue, address = rng.choice(catalogue.VENUES[area.code if area else ""])
            values.update(venue=venue, address=address)
            if mode == Mode.HYBRID:
                values["join_url"] = f"https://meet.{self.domain}/v{index}"
        if rng.random() < 0.75:
            values["registration_opens_at"] = starts_at - rng.randint(30, 75) * DAY
        if mode != Mode.REMOTE and rng.random() < 0.5:
            values["registration_closes_at"] = starts_at - rng.randint(5, 10) * DAY
        if mode != Mode.REMOTE and rng.random() < 0.5:
            values["cancellation_deadline"] = starts_at - rng.randint(3, 10) * DAY
        questions = []
        if mode != Mode.REMOTE and hours >= 5:
            questions.append(catalogue.DIET_QUESTION)
        if mode == Mode.HYBRID:
            questions.append(catalogue.ATTENDANCE_MODE_QUESTION)
        if kind == Kind.TRAINING and rng.random() < 0.4:
            questions.append(catalogue.CERTIFICATE_QUESTION)
        if kind == Kind.SEMINAR and rng.random() < 0.1:
            questions.append(catalogue.INTERPRETATION_QUESTION)
        if kind == Kind.SEMINAR and mode != Mode.REMOTE and rng.random() < PAID_SHARE_OF_SEMINARS:
            member = rng.choice((60, 80, 90, 120))
            values["price_groups"] = price_groups(day, member, member + rng.choice((40, 60)))
        status = Event.Status.PUBLISHED
        roll = rng.random()
        if roll < CANCELLED_SHARE:
            status = Event.Status.CANCELLED
            values["cancel_reason"] = rng.choice(catalogue.CANCEL_REASONS)
        elif day > self.today and roll < CANCELLED_SHARE + DRAFT_SHARE_OF_UPCOMING:
            status = Event.Status.DRAFT
        themes = [self.themes[theme_code]] if theme_code else []
        if rng.random() < 0.2:
            extra = self.themes[rng.choice(sorted(self.themes))]
            if extra not in themes:
                themes.append(extra)
        group, organisation, partners = self._organisers(rng, kind, area, theme_code)
        area_name = (area.name_fi, area.name_sv, area.name_en) if area else ("", "", "")
        titles = [
            pattern.format(topic=topic[i], area=area_name[i])
            for i, pattern in enumerate(catalogue.TITLES[kind])
        ]
        descriptions = catalogue.describe(kind, topic)
        swedish_area = area is not None and area.code in {"HYKS", "TYKS"}
        language_roll = rng.random()
        if swedish_area and language_roll < 0.12:
            languages = "sv"
        elif language_roll < (0.35 if swedish_area or area is None else 0.08):
            languages = "fi,sv"
        elif area is None and language_roll < 0.4:
            languages = "fi,sv,en"
        else:
            languages = "fi"
        return EventPlan(
            key=f"volume:{index}",
            kind=kind,
            title_fi=titles[0],
            title_sv=titles[1],
            title_en=titles[2],
            description_fi=descriptions[0],
            description_sv=descriptions[1],
            description_en=descriptions[2],
            starts_at=starts_at,
            ends_at=starts_at + duration,
            organising_group=group,
            organisation=organisation,
            partners=partners,
            themes=themes,
            areas=[area] if area else [],
            audience=[self.sectors[c] for c in rng.sample(sorted(self.sectors), rng.randint(2, 4))],
            languages=languages,
            mode=mode,
            status=status,
            questions=questions,
            demand=demand,
            no_show_rate=rng.uniform(0.05, 0.3 if mode == Mode.REMOTE else 0.2),
            feedback_rate=rng.uniform(0.15, 0.55),
            cancel_rate=rng.uniform(0.03, 0.1),
            **values,
        )

    @staticmethod
    def _size(rng: Any, kind: str, mode: str) -> tuple[int | None, int]:
        """Seats (None: no limit) and how many try to register."""
        if mode == Mode.REMOTE:
            demand = max(3, round(rng.lognormvariate(math.log(REMOTE_DEMAND[kind]), 0.6)))
            limit = rng.choice(REMOTE_LIMITS) if rng.random() < REMOTE_LIMIT_SHARE else None
            return limit, demand
        low, high = CAPACITY[kind].get(mode) or CAPACITY[kind][Mode.ON_SITE]
        capacity = rng.randint(low, high)
        return capacity, max(2, round(capacity * rng.uniform(*FILL)))

    def _organisers(
        self, rng: Any, kind: str, area: Area | None, theme_code: str
    ) -> tuple[Any, Organisation | None, list[Organisation]]:
        oph = self.org("oph")
        thematic = self.thematic.get(theme_code) if theme_code else None
        regional = self.regional.get(area.code) if area else None
        provider = rng.choice(self._providers[area.code]) if area else None
        partners: list[Organisation] = []
        if kind == Kind.WEBINAR:
            if rng.random() < 0.3:
                partners.append(rng.choice(self._avis))
            return thematic or regional, oph, partners
        if kind == Kind.TRAINING:
            roll = rng.random()
            organisation = (
                self.org("valteri")
                if roll < 0.4
                else (provider if provider and roll < 0.7 else rng.choice(self._universities))
            )
            return (regional if rng.random() < 0.5 else None), organisation, partners
        if kind == Kind.REGIONAL_DAY:
            # An event needs a group or an organisation; a provider may co-organise.
            with_provider = regional is None or rng.random() < 0.5
            return regional, provider if with_provider else None, partners
        if kind == Kind.SEMINAR:
            organisation = oph if rng.random() < 0.6 else rng.choice(self._universities)
            return thematic or regional or self.steering, organisation, partners
        if kind == Kind.VIPU:
            return self.steering, oph, partners
        core = self.core.get(area.code) if area else None
        return core or regional, provider or oph, partners
