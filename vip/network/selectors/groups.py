"""Reads of groups, memberships and representation. Every list is a fixed number of queries.

``day`` is the date the page looks at (normally today in Helsinki); a membership is
active on a day when it has started and not yet ended.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from vip.core.models import search_key
from vip.network.models import (
    ROLES_WITH_DEPUTIES,
    Decision,
    Group,
    Meeting,
    Membership,
    Person,
    Sector,
    Theme,
    active_on_q,
    member_sort_key,
)
from vip.registry.models import Area

# --- Group list -----------------------------------------------------------------------------

NATIONAL = "national"


@dataclass(frozen=True)
class GroupFilters:
    search: str = ""
    kind: str = ""
    # An area, NATIONAL for groups without one, or None for all.
    area: Area | str | None = None
    theme: Theme | None = None


def group_list(filters: GroupFilters, queryset: QuerySet[Group], day: datetime.date) -> list[Group]:
    """``queryset`` (from the policy) narrowed by the filters, each group with
    ``member_count`` and ``current_chairs``.

    Two queries whatever the number of groups: the groups with their member counts,
    and the chairs serving on ``day``.
    """
    queryset = (
        queryset.select_related("area", "theme", "parent")
        .annotate(
            member_count=Count(
                "memberships__person",
                filter=active_on_q(day, "memberships__"),
                distinct=True,
            )
        )
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.active_on(day)
                .filter(role=Membership.Role.CHAIR)
                .select_related("person")
                .order_by("start", "id"),
                to_attr="current_chairs",
            )
        )
        .order_by("kind", "name_fi", "id")
    )
    if filters.search:
        queryset = queryset.filter(search_text__contains=search_key(filters.search))
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.area == NATIONAL:
        queryset = queryset.filter(area__isnull=True)
    elif isinstance(filters.area, Area):
        queryset = queryset.filter(area=filters.area)
    if filters.theme is not None:
        queryset = queryset.filter(theme=filters.theme)
    return list(queryset)


# The sections of the group list, in the order the network presents itself.
SECTION_ORDER = (
    Group.Kind.STEERING,
    Group.Kind.THEMATIC,
    Group.Kind.REGIONAL,
    Group.Kind.VAATU,
    Group.Kind.CORE,
    Group.Kind.OTHER,
)


@dataclass
class GroupSection:
    kind: str
    # (group, is a subgroup listed under its thematic group)
    entries: list[tuple[Group, bool]] = field(default_factory=list)


def group_sections(groups: Iterable[Group]) -> list[GroupSection]:
    """Arrange listed groups: steering, thematic with their expert groups under them,
    regional and core groups by area, the Vaatu work group, others.

    An expert group whose thematic group is not listed (filtered out) stands on its
    own in the thematic section.
    """
    groups = list(groups)

    def by_name(group: Group) -> tuple[str, str, int]:
        return (group.area.code if group.area else "", group.name.casefold(), group.pk)

    listed_ids = {group.pk for group in groups}
    experts_of: dict[int, list[Group]] = defaultdict(list)
    orphans: list[Group] = []
    by_kind: dict[str, list[Group]] = defaultdict(list)
    for group in groups:
        if group.kind == Group.Kind.EXPERT:
            if group.parent_id in listed_ids:
                experts_of[group.parent_id].append(group)
            else:
                orphans.append(group)
        else:
            by_kind[group.kind].append(group)

    sections = []
    for kind in SECTION_ORDER:
        section = GroupSection(kind=kind)
        for group in sorted(by_kind.get(kind, []), key=by_name):
            section.entries.append((group, False))
            for expert in sorted(experts_of.pop(group.pk, []), key=by_name):
                section.entries.append((expert, True))
        if kind == Group.Kind.THEMATIC:
            section.entries.extend((group, False) for group in sorted(orphans, key=by_name))
        if section.entries:
            sections.append(section)
    # Expert groups under a parent that is not thematic (the data allows it) come last.
    leftovers = sorted((g for experts in experts_of.values() for g in experts), key=by_name)
    if leftovers:
        sections.append(
            GroupSection(kind=Group.Kind.EXPERT, entries=[(g, False) for g in leftovers])
        )
    return sections


# --- One group ------------------------------------------------------------------------------


def group_detail(pk: int) -> QuerySet[Group]:
    return Group.objects.select_related("area", "parent", "theme").filter(pk=pk)


def group_subgroups(group: Group) -> list[Group]:
    return list(group.subgroups.select_related("area", "theme").order_by("kind", "name_fi", "id"))


@dataclass
class GroupMembers:
    """A group's memberships on a day, split into current, upcoming and former."""

    current: list[Membership]
    upcoming: list[Membership]
    former: list[Membership]
    # Deputies serving on the day, by the membership they stand in for.
    deputies_of: dict[int, list[Membership]]
    uses_deputies: bool

    @property
    def chairs(self) -> list[Membership]:
        return [m for m in self.current if m.role == Membership.Role.CHAIR]

    @property
    def vice_chairs(self) -> list[Membership]:
        return [m for m in self.current if m.role == Membership.Role.VICE_CHAIR]


def group_members(group: Group, day: datetime.date) -> GroupMembers:
    """Every membership of the group in one query, with person, sector and organisation."""
    memberships = list(
        Membership.objects.filter(group=group)
        .select_related("person", "sector", "organisation")
        .order_by("start", "id")
    )
    by_id = {membership.pk: membership for membership in memberships}
    current, upcoming, former = [], [], []
    deputies_of: dict[int, list[Membership]] = defaultdict(list)
    for membership in memberships:
        # The principal is a membership of the same group, already loaded.
        if membership.principal_id is not None and membership.principal_id in by_id:
            membership.principal = by_id[membership.principal_id]
        if membership.is_active_on(day):
            current.append(membership)
            if membership.principal_id is not None:
                deputies_of[membership.principal_id].append(membership)
        elif membership.start > day:
            upcoming.append(membership)
        else:
            former.append(membership)
    current.sort(key=member_sort_key)
    upcoming.sort(key=lambda m: (m.start, *member_sort_key(m)))
    former.sort(key=lambda m: (-(m.end or day).toordinal(), *member_sort_key(m)))
    return GroupMembers(
        current=current,
        upcoming=upcoming,
        former=former,
        deputies_of=dict(deputies_of),
        uses_deputies=group_uses_deputies(group, memberships),
    )


def group_uses_deputies(group: Group, memberships: Iterable[Membership]) -> bool:
    """Deputies matter in the Vaatu work group and in any group that has ever had one."""
    return group.kind == Group.Kind.VAATU or any(
        m.role == Membership.Role.DEPUTY for m in memberships
    )


def _without_deputy(day: datetime.date) -> QuerySet[Membership]:
    serving_deputy = Membership.objects.filter(
        principal=OuterRef("pk"), role=Membership.Role.DEPUTY
    ).filter(active_on_q(day))
    return (
        Membership.objects.active_on(day)
        .filter(role__in=ROLES_WITH_DEPUTIES)
        .filter(~Exists(serving_deputy))
        .select_related("person", "sector", "organisation")
    )


def members_without_deputy(group: Group, day: datetime.date) -> list[Membership]:
    """Chairs, vice-chairs and members serving on ``day`` with no deputy serving then. One query."""
    memberships = list(_without_deputy(day).filter(group=group))
    memberships.sort(key=member_sort_key)
    return memberships


def members_without_deputy_by_group(
    groups: Iterable[Group], day: datetime.date
) -> dict[int, list[Membership]]:
    """``members_without_deputy`` for many groups in one query; every group gets a list."""
    ids = [group.pk for group in groups]
    result: dict[int, list[Membership]] = {pk: [] for pk in ids}
    for membership in _without_deputy(day).filter(group_id__in=ids):
        result[membership.group_id].append(membership)
    for memberships in result.values():
        memberships.sort(key=member_sort_key)
    return result


def representation_gaps(group: Group, day: datetime.date) -> list[Sector]:
    """The sectors in which the group has no member serving on ``day``. One query."""
    represented = Membership.objects.filter(group=group, sector=OuterRef("pk")).filter(
        active_on_q(day)
    )
    return list(Sector.objects.filter(~Exists(represented)).order_by("position", "code"))


def recent_meetings(group: Group, limit: int = 5) -> list[Meeting]:
    return list(Meeting.objects.filter(group=group).order_by("-date", "-id")[:limit])


def latest_decisions(group: Group, limit: int = 5) -> list[Decision]:
    return list(Decision.objects.filter(group=group).order_by("-date", "-id")[:limit])


# --- Representation across the country ------------------------------------------------------


@dataclass(frozen=True)
class RepresentationCell:
    area: Area
    count: int

    @property
    def is_gap(self) -> bool:
        return self.count == 0


@dataclass(frozen=True)
class RepresentationRow:
    sector: Sector
    cells: list[RepresentationCell]
    total: int

    @property
    def gap_count(self) -> int:
        return sum(1 for cell in self.cells if cell.is_gap)


@dataclass(frozen=True)
class AreaSummary:
    area: Area
    groups: list[Group]
    total: int
    gap_count: int


@dataclass(frozen=True)
class NationalRepresentation:
    """Sector rows x area columns: people serving in the areas' regional groups on a day."""

    day: datetime.date
    areas: list[Area]
    rows: list[RepresentationRow]
    area_summaries: list[AreaSummary]
    total: int

    def count(self, area: Area, sector: Sector) -> int:
        for row in self.rows:
            if row.sector.pk == sector.pk:
                for cell in row.cells:
                    if cell.area.pk == area.pk:
                        return cell.count
        return 0


def national_representation(day: datetime.date) -> NationalRepresentation:
    """Four queries: areas, sectors, the regional groups, and the counts per area and sector.

    A cell counts the people serving on ``day``, in any role, with that sector in a
    regional group of the area; 0 is a gap.
    """
    areas = list(Area.objects.order_by("code"))
    sectors = list(Sector.objects.order_by("position", "code"))
    regional_groups = list(
        Group.objects.filter(kind=Group.Kind.REGIONAL).order_by("area__code", "name_fi", "id")
    )
    counts: dict[tuple[int, int], int] = {
        (row["group__area_id"], row["sector_id"]): row["people"]
        for row in Membership.objects.active_on(day)
        .filter(group__kind=Group.Kind.REGIONAL, sector__isnull=False)
        .values("group__area_id", "sector_id")
        .annotate(people=Count("person", distinct=True))
        .order_by()
    }
    rows = []
    for sector in sectors:
        cells = [RepresentationCell(area, counts.get((area.pk, sector.pk), 0)) for area in areas]
        rows.append(RepresentationRow(sector, cells, sum(cell.count for cell in cells)))
    summaries = []
    for index, area in enumerate(areas):
        column = [row.cells[index] for row in rows]
        summaries.append(
            AreaSummary(
                area=area,
                groups=[g for g in regional_groups if g.area_id == area.pk],
                total=sum(cell.count for cell in column),
                gap_count=sum(1 for cell in column if cell.is_gap),
            )
        )
    return NationalRepresentation(
        day=day,
        areas=areas,
        rows=rows,
        area_summaries=summaries,
        total=sum(row.total for row in rows),
    )


def deputy_watch_groups(day: datetime.date) -> list[Group]:
    """The regional groups and Vaatu work groups in their term on ``day``, not ended."""
    in_term = Q(term_start__lte=day) & (Q(term_end__isnull=True) | Q(term_end__gte=day))
    groups = list(
        Group.objects.filter(kind__in=[Group.Kind.REGIONAL, Group.Kind.VAATU])
        .filter(in_term)
        .exclude(status=Group.Status.ENDED)
        .select_related("area")
    )
    # Regional groups by area first, then the Vaatu work group(s).
    groups.sort(
        key=lambda g: (g.kind != Group.Kind.REGIONAL, g.area.code if g.area else "", g.name, g.pk)
    )
    return groups


# --- Form choices ---------------------------------------------------------------------------


def principal_choices(group: Group, exclude: Membership | None = None) -> QuerySet[Membership]:
    """The memberships a deputy of the group may stand in for: its chairs, vice-chairs
    and members (ROLES_WITH_DEPUTIES)."""
    queryset = (
        Membership.objects.filter(group=group, role__in=ROLES_WITH_DEPUTIES)
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "start", "id")
    )
    if exclude is not None and exclude.pk is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset


# How many people the person field of the membership form offers to choose from.
PERSON_CHOICE_LIMIT = 20


def person_matches(text: str) -> list[Person]:
    """People whose name, e-mail or title holds every word of ``text``; exact ones first.

    An exact match is the whole e-mail address or the full name in either order. One
    more than the limit is returned so that callers can tell there were more.
    """
    words = _words(text)
    if not words:
        return []
    key = " ".join(words)
    queryset = Person.objects.all()
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    candidates = list(
        queryset.order_by("family_name", "given_name", "id")[: PERSON_CHOICE_LIMIT * 5]
    )
    exact = [person for person in candidates if is_exact_person_match(person, key)]
    rest = [person for person in candidates if person not in exact]
    return (exact + rest)[: PERSON_CHOICE_LIMIT + 1]


def _words(text: str) -> list[str]:
    # "Aalto, Anna" is as good as "Anna Aalto".
    return [word for word in re.split(r"[\s,;]+", search_key(text)) if word]


def is_exact_person_match(person: Person, text: str) -> bool:
    """Whether ``text`` names exactly this person: full name either way round, or e-mail."""
    key = " ".join(_words(text))
    names = {
        search_key(person.given_name, person.family_name),
        search_key(person.family_name, person.given_name),
    }
    return key in names or (bool(person.email) and key == person.email.casefold())


def deputies_not_ended(membership: Membership, day: datetime.date) -> list[Membership]:
    """The deputies of a membership still serving on ``day`` or later: they end with it."""
    return list(
        membership.deputies.filter(role=Membership.Role.DEPUTY)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "id")
    )


def parent_group_choices(exclude: Group | None = None) -> QuerySet[Group]:
    queryset = Group.objects.select_related("area").order_by("kind", "name_fi", "id")
    if exclude is not None and exclude.pk is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset


def membership_for_change(pk: int, managed_groups: QuerySet[Group]) -> Membership | None:
    """The membership, if it belongs to one of ``managed_groups``."""
    return (
        Membership.objects.select_related("group__area", "person", "principal__person")
        .filter(pk=pk, group__in=managed_groups)
        .first()
    )


# --- An area's groups -----------------------------------------------------------------------


def _area_group_queryset(area: Area, day: datetime.date) -> QuerySet[Group]:
    return (
        Group.objects.filter(area=area)
        .exclude(status=Group.Status.ENDED)
        .annotate(
            member_count=Count(
                "memberships__person", filter=active_on_q(day, "memberships__"), distinct=True
            )
        )
        .order_by("kind", "name_fi", "id")
    )


def area_regional_groups(area: Area, day: datetime.date) -> list[Group]:
    """The area's regional group (normally one), with ``member_count`` for ``day``."""
    return list(_area_group_queryset(area, day).filter(kind=Group.Kind.REGIONAL))


def area_groups(area: Area, day: datetime.date) -> list[Group]:
    """The area's other groups (core groups and the like), with ``member_count``."""
    return list(_area_group_queryset(area, day).exclude(kind=Group.Kind.REGIONAL))
