"""The materials seeder: the named items through the services, the volume in bulk, one reindex.

The named items are few and go through ``material_create`` (validation, audit, the index
on commit); their publication dates are then set to when they came out, as the bank's
history would have them. The volume cannot go through the services: 50,000 calls would
each validate, audit and index one item. It is written with ``bulk_create`` (items, in
chunks) and plain multi-row INSERTs (themes, tags, audiences, authors), the rules the
services enforce kept by construction (tests run ``full_clean`` on planned items), and
the search index is rebuilt once at the end (``reindex_all``).

Every item has an ``external_id`` ("demo:..."), so a second run finds what the first
wrote and adds nothing.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from vip.demo import names
from vip.demo.events.plans import event_uid
from vip.demo.events.writer import chunks, insert_rows
from vip.demo.materials import vocabulary
from vip.demo.materials.identifiers import demo_isbn, demo_issn
from vip.demo.materials.named import named_items
from vip.demo.materials.plans import EXTERNAL_PREFIX, NamedItem, material_uid
from vip.demo.materials.volume import VolumeItem, VolumePlanner, volume_external_id
from vip.events.models import Event
from vip.materials.models import Material, MaterialContributor, SchoolLevel
from vip.materials.services import items as services
from vip.network.models import Sector, Theme
from vip.registry.models import Municipality, Organisation

if TYPE_CHECKING:
    from vip.accounts.models import User
    from vip.demo.seeding import Seeder

# Synthetic items besides the named ones.
SCALES = {"small": 300, "national": 50_000}
ITEMS_PER_CHUNK = 2000
OrgKind = Organisation.Kind
# Kinds of demo organisation that publish materials (besides the agencies).
PUBLISHER_KINDS = (
    OrgKind.NATIONAL_AGENCY,
    OrgKind.UNIVERSITY,
    OrgKind.STATE_REFORM_SCHOOL,
    OrgKind.ELMERI_SCHOOL,
    OrgKind.HOSPITAL_SCHOOL,
    OrgKind.VALTERI_UNIT,
    OrgKind.AVI,
)


def rebuild_search_index() -> str:
    """Rebuild the materials search index once; says what it did (or why it could not)."""
    try:
        from vip.materials.index import reindex_all
    except ImportError:
        return (
            "search index NOT rebuilt: vip.materials.index has no reindex_all "
            "(run `manage.py reindex_materials` once the search engine exists)"
        )
    started = time.monotonic()
    report = reindex_all()
    items = getattr(report, "items", None)
    what = f"{items:,} published items, " if isinstance(items, int) else ""
    return f"search index rebuilt ({what}{time.monotonic() - started:.1f} s)"


class MaterialSeeder:
    def __init__(self, seeder: Seeder, users: dict[str, User] | None = None) -> None:
        from vip.demo.seeding import DEMO_EMAIL_DOMAIN, stable_oid

        self.seeder = seeder
        self.report = seeder.report
        self.users = users or {}
        self.stable_oid = stable_oid
        self.domain = DEMO_EMAIL_DOMAIN
        self.now = timezone.now()
        self.timings: dict[str, float] = {}

    # --- Reference rows -----------------------------------------------------------------

    def _load(self) -> None:
        self.themes = {t.code: t for t in Theme.objects.all()}
        self.sectors = {s.code: s for s in Sector.objects.all()}
        self.levels = {level.code: level for level in SchoolLevel.objects.all()}
        demo = Organisation.objects.filter(oid__startswith="1.2.246.562.10.99")
        self.publishers = list(
            demo.filter(kind__in=PUBLISHER_KINDS).order_by("oid").values_list("pk", flat=True)
        )

    def org(self, key: str) -> Organisation | None:
        return Organisation.objects.filter(oid=self.stable_oid(key)).first()

    def added(self, kind: str, count: int) -> None:
        if count:
            self.report.created[kind] = self.report.created.get(kind, 0) + count

    # --- Named items -------------------------------------------------------------------

    def _data(self, plan: NamedItem, written: dict[str, Material]) -> services.MaterialData:
        language = plan.language
        values: dict[str, Any] = {
            f"title_{language}": plan.title,
            f"summary_{language}": plan.summary,
            f"body_{language}": plan.body,
        }
        for code, title in plan.other_titles.items():
            values[f"title_{code}"] = title
        contributors = []
        for party in plan.parties:
            organisation = self.org(party.org_key) if party.org_key else None
            if party.org_key and organisation is None:
                continue  # an organisation of a smaller registry: left out, not invented
            contributors.append(
                services.Contributor(role=party.role, organisation=organisation, name=party.name)
            )
        events = list(Event.objects.filter(uid__in=[event_uid(key) for key in plan.events]))
        return services.MaterialData(
            kind=plan.kind,
            language=language,
            external_id=plan.external_id,
            year=plan.year,
            series=plan.series,
            number=plan.number,
            isbn=demo_isbn(plan.key) if plan.isbn else "",
            issn=demo_issn(plan.series or plan.key) if plan.issn else "",
            url=plan.url,
            original=written.get(plan.original) if plan.original else None,
            themes=[self.themes[c] for c in plan.themes if c in self.themes],
            tags=plan.tags,
            sectors=[self.sectors[c] for c in plan.sectors if c in self.sectors],
            school_levels=[self.levels[c] for c in plan.levels if c in self.levels],
            contributors=contributors,
            related_items=[written[key] for key in plan.related if key in written],
            related_events=events,
            **values,
        )

    def published_on(self, plan: NamedItem) -> datetime.datetime:
        month, day = plan.published_on
        moment = timezone.make_aware(datetime.datetime(plan.year, month, day, 10))
        return min(moment, self.now - datetime.timedelta(hours=1))

    def write_named(self) -> int:
        plans = named_items()
        existing = {
            m.external_id: m
            for m in Material.objects.filter(external_id__in=[p.external_id for p in plans])
        }
        written: dict[str, Material] = {}
        created = 0
        for plan in plans:
            item = existing.get(plan.external_id)
            if item is None:
                item = self._create_named(plan, written)
                created += 1
            written[plan.key] = item
        return created

    def _create_named(self, plan: NamedItem, written: dict[str, Material]) -> Material:
        data = self._data(plan, written)
        published = plan.status == Material.Status.PUBLISHED
        status = Material.Status.PUBLISHED if published else Material.Status.DRAFT
        item = services.material_create(actor=None, data=data, status=status)
        if published:
            # When it came out, not the minute of the seeding: the feed orders by this.
            item.published_at = self.published_on(plan)
            Material.objects.filter(pk=item.pk).update(published_at=item.published_at)
        elif plan.status == Material.Status.REVIEW:
            services.material_transition(
                actor=None, material=item, to_status=Material.Status.REVIEW
            )
        return item

    # --- Volume ------------------------------------------------------------------------

    def planner(self) -> VolumePlanner:
        people = [
            f"{given} {family}"
            for given in names.GIVEN_NAMES_FI[:24]
            for family in names.FAMILY_NAMES_FI[:16]
        ]
        people += [
            f"{given} {family}"
            for given in names.GIVEN_NAMES_SV
            for family in names.FAMILY_NAMES_SV
        ][:60]
        places = list(Municipality.objects.order_by("code").values_list("name_fi", flat=True))
        return VolumePlanner(
            seed=self.seeder.seed,
            themes=list(self.themes),
            sectors=list(self.sectors),
            publishers=self.publishers,
            places=places,
            people=people,
            now=self.now,
            domain=self.domain,
        )

    def missing_volume(self, count: int) -> list[int]:
        prefix = f"{EXTERNAL_PREFIX}volume:"
        existing = set(
            Material.objects.filter(external_id__startswith=prefix).values_list(
                "external_id", flat=True
            )
        )
        return [i for i in range(count) if volume_external_id(i) not in existing]

    def write_volume(self, indices: list[int]) -> int:
        if not indices:
            return 0
        planner = self.planner()
        tag_ids = {tag.name.lower(): tag.pk for tag in services.tags_for(vocabulary.TAGS)}
        planning = writing = 0.0
        for chunk in chunks(indices, ITEMS_PER_CHUNK):
            started = time.monotonic()
            plans = [planner.plan(index) for index in chunk]
            planned = time.monotonic()
            self._write_chunk(plans, tag_ids)
            planning += planned - started
            writing += time.monotonic() - planned
        self.timings["volume planning"] = planning
        self.timings["volume writing"] = writing
        return len(indices)

    def material(self, plan: VolumeItem) -> Material:
        language = plan.language
        return Material(
            uid=material_uid(plan.external_id),
            external_id=plan.external_id,
            kind=plan.kind,
            status=plan.status,
            language=language,
            year=plan.year,
            series=plan.series,
            number=plan.number,
            isbn=plan.isbn,
            issn=plan.issn,
            url=plan.url,
            published_at=plan.published_at,
            **{
                f"title_{language}": plan.title,
                f"summary_{language}": plan.summary,
                f"body_{language}": plan.body,
            },
        )

    def _write_chunk(self, plans: list[VolumeItem], tag_ids: dict[str, int]) -> None:
        items = Material.objects.bulk_create([self.material(p) for p in plans], batch_size=500)
        through = Material._meta
        relations: list[tuple[Any, str, str, Callable[[VolumeItem], Iterable[int]]]] = [
            (
                through.get_field("themes").remote_field.through,
                "material_id",
                "theme_id",
                lambda p: (self.themes[c].pk for c in p.themes),
            ),
            (
                through.get_field("sectors").remote_field.through,
                "material_id",
                "sector_id",
                lambda p: (self.sectors[c].pk for c in p.sectors),
            ),
            (
                through.get_field("school_levels").remote_field.through,
                "material_id",
                "schoollevel_id",
                lambda p: (self.levels[c].pk for c in p.levels if c in self.levels),
            ),
            (
                through.get_field("tags").remote_field.through,
                "material_id",
                "tag_id",
                lambda p: (tag_ids[t.lower()] for t in p.tags),
            ),
        ]
        for model, own, other, targets in relations:
            insert_rows(
                model,
                [
                    {own: item.pk, other: target}
                    for item, plan in zip(items, plans, strict=True)
                    for target in targets(plan)
                ],
            )
        insert_rows(
            MaterialContributor,
            [
                {
                    "material_id": item.pk,
                    "role": role,
                    "organisation_id": organisation,
                    "name": name,
                    "position": position,
                }
                for item, plan in zip(items, plans, strict=True)
                for position, (role, organisation, name) in enumerate(plan.parties)
            ],
        )

    # --- The run -----------------------------------------------------------------------

    def run(self) -> None:
        started = time.monotonic()
        self._load()
        named = self.write_named()
        self.added("material", named)
        self.timings["named items"] = time.monotonic() - started
        volume = self.write_volume(self.missing_volume(SCALES[self.seeder.scale]))
        self.added("material", volume)
        index_note = ""
        if volume:
            # The named items are indexed on commit by the services; the volume is not.
            index_started = time.monotonic()
            index_note = f"; {rebuild_search_index()}"
            self.timings["search index"] = time.monotonic() - index_started
        if named or volume:
            total = time.monotonic() - started
            parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.timings.items())
            self.report.notes.append(
                f"Materials: {named} named and {volume:,} synthetic items in {total:.1f} s "
                f"({parts}){index_note}."
            )
