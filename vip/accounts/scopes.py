"""What a user's active role grants cover.

Grants flow down: a national grant covers everything, an area grant covers the
area's municipalities and their organisations, an organisation grant covers
that organisation's subtree. The grants are read once per request and kept on
the user object.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from vip.accounts.models import RoleGrant
from vip.accounts.roles import Role, definition
from vip.registry.models import Area, Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from vip.accounts.models import User

_CACHE_ATTRIBUTE = "_vip_active_grants"


@dataclass(frozen=True, slots=True)
class ActiveGrant:
    role: str
    area_id: int | None
    organisation_id: int | None
    organisation_path: str
    municipality_id: int | None = None
    organisation_kind: str = ""


def active_grants(user: User | AnonymousUser) -> list[ActiveGrant]:
    if not user.is_authenticated or not user.is_active:
        return []
    cached: list[ActiveGrant] | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        rows = (
            RoleGrant.objects.active_on(timezone.localdate())
            .filter(user=user)
            .values_list(
                "role",
                "area_id",
                "organisation_id",
                "organisation__tree_path",
                "organisation__municipality_id",
                "organisation__kind",
            )
        )
        cached = [
            ActiveGrant(role, area, org, path or "", municipality, kind or "")
            for role, area, org, path, municipality, kind in rows
        ]
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_grants(user: User | AnonymousUser) -> None:
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _matching(user: User | AnonymousUser, roles: Iterable[str] | None) -> list[ActiveGrant]:
    wanted = set(roles) if roles is not None else None
    return [g for g in active_grants(user) if wanted is None or g.role in wanted]


def has_role(user: User | AnonymousUser, *roles: str) -> bool:
    return bool(_matching(user, roles or None))


def is_national_admin(user: User | AnonymousUser) -> bool:
    return has_role(user, Role.NATIONAL_ADMIN)


def organisation_filter(user: User | AnonymousUser, roles: Iterable[str] | None = None) -> Q:
    """A Q over Organisation for everything the user's grants (of ``roles``) cover.

    Returns a Q that matches nothing when no grant applies.
    """
    grants = _matching(user, roles)
    if any(g.role == Role.NATIONAL_ADMIN for g in grants):
        return Q()
    condition = Q(pk__in=[])
    area_ids = [g.area_id for g in grants if g.area_id]
    if area_ids:
        condition |= Q(municipality__county__area_id__in=area_ids)
    for grant in grants:
        if grant.organisation_id:
            condition |= Q(tree_path__startswith=grant.organisation_path)
    return condition


def covers_organisation(
    user: User | AnonymousUser, organisation: Organisation, roles: Iterable[str] | None = None
) -> bool:
    for grant in _matching(user, roles):
        if grant.role == Role.NATIONAL_ADMIN:
            return True
        if (
            grant.area_id
            and organisation.area is not None
            and organisation.area.pk == grant.area_id
        ):
            return True
        if grant.organisation_id and organisation.tree_path.startswith(grant.organisation_path):
            return True
    return False


def covers_area(user: User | AnonymousUser, area: Area, roles: Iterable[str] | None = None) -> bool:
    return any(
        g.role == Role.NATIONAL_ADMIN or g.area_id == area.pk for g in _matching(user, roles)
    )


def area_ids(user: User | AnonymousUser, roles: Iterable[str] | None = None) -> set[int]:
    """The areas the user's area-scoped grants (of ``roles``) name."""
    return {g.area_id for g in _matching(user, roles) if g.area_id}


def municipality_ids(
    user: User | AnonymousUser,
    roles: Iterable[str] | None = None,
    organisation_kinds: Iterable[str] | None = None,
) -> set[int]:
    """The municipalities of the organisations the user's grants (of ``roles``) name.

    With ``organisation_kinds``, only grants on organisations of those kinds count,
    e.g. the municipality as education provider and not a private school in it.
    """
    kinds = set(organisation_kinds) if organisation_kinds is not None else None
    return {
        g.municipality_id
        for g in _matching(user, roles)
        if g.municipality_id and (kinds is None or g.organisation_kind in kinds)
    }


def highest_rank(user: User | AnonymousUser) -> int:
    return max((definition(g.role).rank for g in active_grants(user)), default=0)
