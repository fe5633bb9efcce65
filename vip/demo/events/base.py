"""The event seeder's base: the run's clock and the rows the calendar is built on."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from vip.demo.events.plans import DAY
from vip.events.services.retention import months_before
from vip.network.models import Group, Sector, Theme
from vip.registry.models import Area, Organisation

if TYPE_CHECKING:
    import random

    from vip.accounts.models import User
    from vip.demo.seeding import Seeder

Kind = Organisation.Kind


class EventSeederBase:
    def __init__(self, seeder: Seeder, users: dict[str, User]) -> None:
        from vip.demo.seeding import DEMO_EMAIL_DOMAIN, stable_oid

        self.seeder = seeder
        self.report = seeder.report
        self.users = users
        self.domain = DEMO_EMAIL_DOMAIN
        self.stable_oid = stable_oid
        self.today = timezone.localdate()
        # The plan's "now" is the start of today, not the minute of the run, so two runs
        # on the same day draw the same registrations.
        self.now = timezone.make_aware(datetime.datetime.combine(self.today, datetime.time.min))
        # The state retention would have left (see vip/events/services/retention.py):
        # demo history looks as if the daily job had always run.
        self.sensitive_days = settings.EVENTS_SENSITIVE_ANSWER_DAYS
        self.retention_months = settings.EVENTS_REGISTRATION_RETENTION_MONTHS
        self.sensitive_before = self.now - self.sensitive_days * DAY
        self.anonymise_before = months_before(self.now, self.retention_months)

    def rng(self, *parts: object) -> random.Random:
        return self.seeder.rng("events", *parts)

    # --- Reading what exists --------------------------------------------------------------

    def _load(self) -> None:
        demo = (
            Organisation.objects.filter(oid__startswith="1.2.246.562.10.99")
            .exclude(kind__in=(Kind.SCHOOL, Kind.EARLY_CHILDHOOD_UNIT))
            .order_by("id")
        )
        self.by_oid = {org.oid: org for org in demo}
        self.areas = list(Area.objects.order_by("code"))
        self.area_by_code = {area.code: area for area in self.areas}
        self.themes = {theme.code: theme for theme in Theme.objects.all()}
        self.sectors = {sector.code: sector for sector in Sector.objects.all()}
        groups = list(
            Group.objects.exclude(status=Group.Status.ENDED)
            .select_related("area", "theme")
            .order_by("id")
        )
        self.steering = next((g for g in groups if g.kind == Group.Kind.STEERING), None)
        self.thematic = {
            g.theme.code: g for g in groups if g.kind == Group.Kind.THEMATIC and g.theme
        }
        self.regional = {g.area.code: g for g in groups if g.kind == Group.Kind.REGIONAL and g.area}
        self.core = {g.area.code: g for g in groups if g.kind == Group.Kind.CORE and g.area}
        self.vaatu = next((g for g in groups if g.kind == Group.Kind.VAATU), None)

    def org(self, key: str) -> Organisation:
        return self.by_oid[self.stable_oid(key)]

    def orgs_of_kind(self, kind: str) -> list[Organisation]:
        return [org for org in self.by_oid.values() if org.kind == kind]

    def sectors_of(self, *codes: str) -> list[Sector]:
        return [self.sectors[code] for code in codes if code in self.sectors]
