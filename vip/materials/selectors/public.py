"""Reads for the public pages of the materials bank: item, theme, kind, feed, browse counts.

Every list prefetches what its rows show (themes), and the item page everything it
shows, so a page costs the same number of queries for any number of rows. Related
items and events are filtered to what the public may see even for an editor: an
item page shows other items as the public would see them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Prefetch, Q, QuerySet

from vip.events.models import Event
from vip.events.policies import PUBLIC_STATUSES
from vip.materials.models import Material, MaterialContributor, MaterialFile, SchoolLevel
from vip.network.models import Theme

PUBLISHED = Material.Status.PUBLISHED
_NEVER = datetime.min.replace(tzinfo=UTC)


def published() -> QuerySet[Material]:
    return Material.objects.filter(status=PUBLISHED)


def with_row_data(materials: QuerySet[Material]) -> QuerySet[Material]:
    """What a list row shows besides the item's own fields: its themes."""
    return materials.prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position", "code"))
    )


def newest(materials: QuerySet[Material]) -> QuerySet[Material]:
    return materials.order_by("-published_at", "-id")


def material_detail(visible: QuerySet[Material]) -> QuerySet[Material]:
    """``visible`` (the policy's items) with everything the item page shows prefetched."""
    return visible.select_related("original").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position", "code")),
        "tags",
        "sectors",
        Prefetch("school_levels", queryset=SchoolLevel.objects.order_by("position", "id")),
        Prefetch(
            "contributors",
            queryset=MaterialContributor.objects.select_related("organisation").order_by(
                "role", "position", "id"
            ),
        ),
        Prefetch("files", queryset=MaterialFile.objects.order_by("position", "id")),
        Prefetch(
            # Unordered (related_items() orders them): ordered by date beside the status
            # filter, SQLite walks the date index of every published item instead.
            "related_items",
            queryset=with_row_data(published().order_by()),
            to_attr="public_related_items",
        ),
        Prefetch(
            "related_events",
            queryset=Event.objects.filter(status__in=PUBLIC_STATUSES).order_by("-starts_at", "-id"),
            to_attr="public_related_events",
        ),
    )


def related_items(material: Material) -> list[Material]:
    """The published items related to ``material`` (as material_detail prefetches them),
    newest first."""
    related: list[Material] = material.public_related_items  # type: ignore[attr-defined]
    return sorted(related, key=lambda item: (item.published_at or _NEVER, item.pk), reverse=True)


def versions(material: Material, visible: QuerySet[Material]) -> list[Material]:
    """The work's versions the user may see: the original first, then its translations.

    A translation's translation is not a version of its own (the editing form links a
    translation to the original), so one level is enough. The item itself is included,
    so the list is empty when the work has a single version.
    """
    root_id = material.original_id or material.pk
    # The work's ids first, by key and by original (two indexes), then the visible ones
    # by key: asked in one query beside the policy's status filter, SQLite walks an
    # index of every published item instead (two thirds of the item page at 50,000 items).
    family = Material.objects.filter(Q(pk=root_id) | Q(original_id=root_id)).order_by()
    ids = list(family.values_list("pk", flat=True))
    rows = list(visible.filter(pk__in=ids).order_by()) if len(ids) > 1 else []
    rows.sort(key=lambda row: (row.pk != root_id, row.language, row.pk))
    return rows if len(rows) > 1 else []


def theme_materials(theme: Theme) -> QuerySet[Material]:
    """Published items of a theme, newest first."""
    return with_row_data(newest(published().filter(themes=theme)))


def kind_materials(kind: str) -> QuerySet[Material]:
    """Published items of a kind, newest first."""
    return with_row_data(newest(published().filter(kind=kind)))


def newest_published(limit: int) -> QuerySet[Material]:
    """The most recently published items for the feed, with their themes and authors."""
    return newest(published()).prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position", "code")),
        Prefetch(
            "contributors",
            queryset=MaterialContributor.objects.select_related("organisation").order_by(
                "role", "position", "id"
            ),
        ),
    )[:limit]


@dataclass(frozen=True, slots=True)
class BrowseEntry:
    """A theme or kind to browse by, with the number of its published items."""

    code: str
    label: str
    count: int


def themes_to_browse(counts: Mapping[str, int]) -> list[BrowseEntry]:
    """Every theme in the registry's order with its number of published items from
    ``counts`` (the search's facet counts of the whole bank: counting them here would
    join every item to its themes, most of the front page's time at 50,000 items)."""
    themes = Theme.objects.order_by("position", "code")
    return [BrowseEntry(theme.code, theme.name, counts.get(theme.code, 0)) for theme in themes]


def kinds_to_browse(counts: Mapping[str, int]) -> list[BrowseEntry]:
    """Every kind in the kinds' order with its number of published items from ``counts``
    (as themes_to_browse)."""
    return [
        BrowseEntry(value, str(label), counts.get(value, 0))
        for value, label in Material.Kind.choices
    ]
