"""Who may see and edit materials.

The public sees published items only (and their files). National administrators edit
everything. Members of a thematic group's expert group edit the items of that theme:
an item they may edit carries at least one of their themes, and an item they create
must. Archived items are visible to their editors only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from vip.accounts import scopes
from vip.materials.models import Material, MaterialFile
from vip.network.models import Group, Membership

Status = Material.Status

# The moves of the workflow; editing keeps the status (a published item stays published).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (Status.REVIEW,),
    Status.REVIEW: (Status.DRAFT, Status.PUBLISHED),
    Status.PUBLISHED: (Status.ARCHIVED,),
    Status.ARCHIVED: (Status.PUBLISHED, Status.DRAFT),
}


def editable_theme_ids(user: Any) -> set[int]:
    """Themes of the expert groups the user is an active member of; read once per request."""
    if not user.is_authenticated:
        return set()
    cached: set[int] | None = getattr(user, "_vip_material_themes", None)
    if cached is None:
        rows = (
            Membership.objects.active_on(timezone.localdate())
            .filter(person__user=user, group__kind=Group.Kind.EXPERT)
            .exclude(group__status=Group.Status.ENDED)
            .values_list("group__theme_id", "group__parent__theme_id")
        )
        cached = {theme for pair in rows for theme in pair if theme is not None}
        user._vip_material_themes = cached
    return cached


def editor_q(user: Any, prefix: str = "") -> Q:
    """A Q over Material (or what ``prefix`` leads to) for the items the user may edit."""
    if scopes.is_national_admin(user):
        return Q()
    themes = editable_theme_ids(user)
    if not themes:
        return Q(pk__in=[])
    with_theme = Material.themes.through.objects.filter(theme_id__in=themes).values("material_id")
    return Q(**{f"{prefix}pk__in": with_theme})


class MaterialPolicy:
    def can(self, user: Any, action: str, obj: Material | None = None) -> bool:
        if action == "view":
            return obj is not None and (obj.is_public or self.edits(user, obj))
        if action == "create":
            return scopes.is_national_admin(user) or bool(editable_theme_ids(user))
        if action in {"change", "transition", "manage_files"}:
            return obj is not None and self.edits(user, obj)
        return False

    def can_move(self, user: Any, material: Material, to_status: str) -> bool:
        return to_status in TRANSITIONS.get(material.status, ()) and self.edits(user, material)

    def edits(self, user: Any, material: Material) -> bool:
        if not user.is_authenticated:
            return False
        if scopes.is_national_admin(user):
            return True
        themes = editable_theme_ids(user)
        return bool(themes) and material.themes.filter(pk__in=themes).exists()

    def visible(self, user: Any, action: str = "view") -> QuerySet[Material]:
        if action == "view":
            if scopes.is_national_admin(user):
                return Material.objects.all()
            public = Q(status=Status.PUBLISHED)
            if not user.is_authenticated:
                return Material.objects.filter(public)
            return Material.objects.filter(public | editor_q(user))
        if action in {"change", "transition", "manage_files"}:
            if not user.is_authenticated:
                return Material.objects.none()
            return Material.objects.filter(editor_q(user))
        return Material.objects.none()


class MaterialFilePolicy:
    """A file is seen by whoever sees its item, and managed by the item's editors."""

    def can(self, user: Any, action: str, obj: MaterialFile | None = None) -> bool:
        if obj is None:
            return False
        if action == "download":
            return MaterialPolicy().can(user, "view", obj.material)
        if action == "delete":
            return MaterialPolicy().can(user, "manage_files", obj.material)
        return False

    def visible(self, user: Any, action: str = "download") -> QuerySet[MaterialFile]:
        material_action = "view" if action == "download" else "manage_files"
        materials = MaterialPolicy().visible(user, material_action)
        return MaterialFile.objects.filter(material__in=materials.values("pk"))
