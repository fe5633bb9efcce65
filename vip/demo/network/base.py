"""The network seeder's base: the run's dates and the rows the network is built on."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from vip.demo.network.plans import DAY, meeting_day
from vip.network.models import Sector, Theme
from vip.registry.models import Area, County, Municipality, Organisation

if TYPE_CHECKING:
    from vip.accounts.models import User
    from vip.demo.seeding import Seeder

Kind = Organisation.Kind


class SeederBase:
    def __init__(self, seeder: Seeder, users: dict[str, User]) -> None:
        from vip.demo.seeding import DEMO_EMAIL_DOMAIN, stable_oid

        self.seeder = seeder
        self.report = seeder.report
        self.users = users
        self.domain = DEMO_EMAIL_DOMAIN
        self.stable_oid = stable_oid
        self.today = timezone.localdate()
        # The current term of office: last year to the end of next year.
        self.term_start = datetime.date(self.today.year - 1, 1, 1)
        self.term_end = datetime.date(self.today.year + 1, 12, 31)
        # When the steering group set up the current term's regional groups and Vaatu group.
        self.term_decided_on = meeting_day(datetime.date(self.term_start.year - 1, 11, 20))
        # When a member who left during the current term left.
        self.left_on = self.today - 150 * DAY

    # --- Reading what exists --------------------------------------------------------------

    def _load(self) -> None:
        demo = (
            Organisation.objects.filter(oid__startswith="1.2.246.562.10.99")
            .exclude(kind__in=(Kind.SCHOOL, Kind.EARLY_CHILDHOOD_UNIT))
            .select_related("municipality__county")
            .order_by("id")
        )
        self.by_oid = {org.oid: org for org in demo}
        self.by_kind: dict[str, list[Organisation]] = {}
        for org in self.by_oid.values():
            self.by_kind.setdefault(org.kind, []).append(org)
        self.areas = list(Area.objects.order_by("code"))
        self.sectors = list(Sector.objects.order_by("position", "code"))
        self.themes = list(Theme.objects.order_by("position", "code"))
        self.counties = list(County.objects.order_by("code"))
        self.area_municipalities: dict[int, list[Municipality]] = {}
        for municipality in self.seeder.municipalities:
            if municipality.county is not None:
                area_id = municipality.county.area_id
                self.area_municipalities.setdefault(area_id, []).append(municipality)
        self.units = {
            kind: self._first_units_per_area(kind)
            for kind in (Kind.SCHOOL, Kind.EARLY_CHILDHOOD_UNIT)
        }

    def _first_units_per_area(self, kind: str) -> dict[int, list[Organisation]]:
        """The first few schools (or units) of each area, from different municipalities."""
        chosen: dict[int, list[int]] = {}
        seen: set[tuple[int, int]] = set()
        rows = (
            Organisation.objects.filter(kind=kind, municipality__county__isnull=False)
            .order_by("id")
            .values_list("pk", "municipality_id", "municipality__county__area_id")
        )
        for pk, municipality_id, area_id in rows:
            if len(chosen.get(area_id, [])) < 3 and (area_id, municipality_id) not in seen:
                chosen.setdefault(area_id, []).append(pk)
                seen.add((area_id, municipality_id))
        found = Organisation.objects.in_bulk([pk for pks in chosen.values() for pk in pks])
        return {area_id: [found[pk] for pk in pks] for area_id, pks in chosen.items()}

    def org(self, key: str) -> Organisation:
        return self.by_oid[self.stable_oid(key)]

    def area_of(self, org: Organisation) -> int | None:
        county = org.municipality.county if org.municipality else None
        return county.area_id if county else None

    def in_area(self, kind: str, area: Area) -> list[Organisation]:
        return [org for org in self.by_kind.get(kind, []) if self.area_of(org) == area.pk]

    def largest(self, area: Area, index: int = 0) -> Municipality:
        ranked = sorted(self.area_municipalities[area.pk], key=lambda m: (-m.population, m.code))
        return ranked[min(index, len(ranked) - 1)]

    def provider(self, municipality: Municipality) -> Organisation:
        return self.org(f"provider:{municipality.code}")

    def area_provider(self, area: Area, index: int = 0) -> Organisation:
        """The education provider of the area's ``index``-th largest municipality."""
        return self.provider(self.largest(area, index))

    def county(self, area: Area, index: int = 0) -> County:
        """The wellbeing services county of the area's ``index``-th largest municipality."""
        county_id = self.largest(area, index).county_id
        return next(c for c in self.counties if c.pk == county_id)

    def county_org(self, area: Area, index: int = 0) -> Organisation:
        return self.org(f"county:{self.county(area, index).code}")
