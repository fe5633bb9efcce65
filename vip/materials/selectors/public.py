"""Reads for the public pages of the materials bank: item, theme, kind, feed, browse counts.

Every list prefetches what its rows show (themes), and the item page everything it
shows, so a page costs the same number of queries for any number of rows. Related
items and events are filtered to what the public may see even for an editor: an
item page shows other items as the public would see them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from vip.events.models import Event
from vip.events.policies import PUBLIC_STATUSES
from vip.materials.models import Material, MaterialContributor, MaterialFile, SchoolLevel
from vip.network.models import Theme

PUBLISHED = Material.Status.PUBLISHED


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
            "related_items",
            queryset=with_row_data(newest(published())),
            to_attr="public_related_items",
        ),
        Prefetch(
            "related_events",
            queryset=Event.objects.filter(status__in=PUBLIC_STATUSES).order_by("-starts_at", "-id"),
            to_attr="public_related_events",
        ),
    )


def versions(material: Material, visible: QuerySet[Material]) -> list[Material]:
    """The work's versions the user may see: the original first, then its translations.

    A translation's translation is not a version of its own (the editing form links a
    translation to the original), so one level is enough. The item itself is included,
    so the list is empty when the work has a single version.
    """
    root_id = material.original_id or material.pk
    rows = list(visible.filter(Q(pk=root_id) | Q(original_id=root_id)).order_by("language", "id"))
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


def themes_to_browse() -> list[BrowseEntry]:
    """Every theme with its published item count, in the registry's order (one query)."""
    themes = Theme.objects.annotate(
        published_count=Count("materials", filter=Q(materials__status=PUBLISHED), distinct=True)
    ).order_by("position", "code")
    return [BrowseEntry(theme.code, theme.name, theme.published_count) for theme in themes]


def kinds_to_browse() -> list[BrowseEntry]:
    """Every kind with its published item count, in the kinds' order (one query)."""
    counts = dict(published().values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return [
        BrowseEntry(value, str(label), counts.get(value, 0))
        for value, label in Material.Kind.choices
    ]
