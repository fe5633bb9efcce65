"""Reads for the editors of the materials bank: their items, the form's choices, the history.

Which items a user edits is the policy's answer (``MaterialPolicy.visible(user, "change")``);
these selectors only filter, count and order that set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from vip.accounts import scopes
from vip.events.models import Event
from vip.events.policies import PUBLIC_STATUSES
from vip.materials.models import Material, MaterialContributor, StatusChange
from vip.materials.policies import MaterialPolicy, editable_theme_ids
from vip.network.models import Theme

Status = Material.Status
policy = MaterialPolicy()


@dataclass(frozen=True, slots=True)
class EditorFilters:
    """The organiser list's filters; empty strings and None mean "any"."""

    status: str = ""
    kind: str = ""
    theme: Theme | None = None
    search: str = ""


@dataclass(frozen=True, slots=True)
class StatusCount:
    status: str
    label: str
    count: int


def editor_counts(user: Any) -> list[StatusCount]:
    """How many of the user's items are in each status, in workflow order: one query."""
    counts = policy.visible(user, "change").aggregate(
        **{value: Count("pk", filter=Q(status=value)) for value in Status.values}
    )
    return [StatusCount(value, str(label), counts[value]) for value, label in Status.choices]


def editor_items(user: Any, filters: EditorFilters) -> QuerySet[Material]:
    """The items the user may edit, newest change first, with their themes."""
    items = policy.visible(user, "change")
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.kind:
        items = items.filter(kind=filters.kind)
    if filters.theme is not None:
        items = items.filter(themes=filters.theme)
    if filters.search:
        text = filters.search
        items = items.filter(
            Q(title_fi__icontains=text) | Q(title_sv__icontains=text) | Q(title_en__icontains=text)
        )
    return items.prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position", "code"))
    ).order_by("-updated_at", "-id")


def editable_themes(user: Any, keep: Iterable[int] = ()) -> QuerySet[Theme]:
    """The themes the user may give an item: all for a national administrator, else
    those of their expert groups, and ``keep`` (the item's current ones)."""
    themes = Theme.objects.order_by("position", "code")
    if scopes.is_national_admin(user):
        return themes
    return themes.filter(pk__in={*editable_theme_ids(user), *keep})


def own_theme_ids(user: Any) -> set[int]:
    """The themes an expert member's new item starts with (none for an administrator)."""
    if scopes.is_national_admin(user):
        return set()
    return set(editable_theme_ids(user))


def viewable_items(
    user: Any, numbers: Iterable[int], keep: Iterable[int] = ()
) -> dict[int, Material]:
    """The items of these numbers that the user may see, and those already linked (``keep``:
    a link someone else made to an item this user cannot see stays), by number."""
    wanted = set(numbers)
    if not wanted:
        return {}
    found = {item.pk: item for item in policy.visible(user, "view").filter(pk__in=wanted)}
    kept = (wanted & set(keep)) - set(found)
    if kept:
        found.update((item.pk, item) for item in Material.objects.filter(pk__in=kept))
    return found


def linkable_events(numbers: Iterable[int], keep: Iterable[int] = ()) -> dict[int, Event]:
    """Published (or cancelled, still public) events of these numbers, and those already linked."""
    wanted = set(numbers)
    if not wanted:
        return {}
    events = Event.objects.filter(pk__in=wanted).filter(
        Q(status__in=PUBLIC_STATUSES) | Q(pk__in=set(keep))
    )
    return {event.pk: event for event in events}


def item_for_editing(user: Any, pk: int) -> Material | None:
    """The item with what its form shows, if the user may edit it."""
    item = (
        policy.visible(user, "change")
        .prefetch_related(
            "themes",
            "tags",
            "sectors",
            "school_levels",
            "related_items",
            "related_events",
            Prefetch(
                "contributors",
                queryset=MaterialContributor.objects.select_related("organisation"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if item is None or not policy.can(user, "change", item):
        return None
    return item


def status_history(material: Material) -> QuerySet[StatusChange]:
    """The item's workflow moves, newest first, with who made them."""
    return (
        StatusChange.objects.filter(material=material)
        .select_related("changed_by")
        .order_by("-changed_at", "-id")
    )


def versions_of(user: Any, material: Material) -> list[Material]:
    """The other versions of the same work that the user may see: the original and its
    translations."""
    root_id = material.original_id or material.pk
    return list(
        policy.visible(user, "view")
        .filter(Q(pk=root_id) | Q(original_id=root_id))
        .exclude(pk=material.pk)
        .order_by("language", "id")
    )
