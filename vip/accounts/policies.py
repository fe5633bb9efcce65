"""Who may see and manage users, role grants and API tokens.

A user may grant a role of a lower rank than their own inside their own scope
(a national administrator may also grant national administrator). Users are
visible to those who could manage at least one of their grants.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from vip.accounts import scopes
from vip.accounts.models import ApiToken, RoleGrant, User
from vip.accounts.roles import DEFINITIONS, Role, definition
from vip.registry.models import Area, Organisation

MANAGER_ROLES = (Role.NATIONAL_ADMIN, Role.AREA_COORDINATOR, Role.MUNICIPAL_ADMIN)


def grantable_roles(actor: Any) -> list[str]:
    if scopes.is_national_admin(actor):
        return list(DEFINITIONS)
    rank = scopes.highest_rank(actor)
    return [role for role, d in DEFINITIONS.items() if d.rank < rank]


def grantable_organisations(actor: Any) -> QuerySet[Organisation]:
    """The organisations on which the actor may grant some role."""
    return Organisation.objects.filter(scopes.organisation_filter(actor, MANAGER_ROLES))


def can_grant(
    actor: Any, role: str, *, area: Area | None = None, organisation: Organisation | None = None
) -> bool:
    if role not in grantable_roles(actor):
        return False
    if scopes.is_national_admin(actor):
        return True
    needed = definition(role).rank
    # Only grants that outrank the role being given count as authority over it.
    authority = [r for r in MANAGER_ROLES if definition(r).rank > needed]
    if organisation is not None:
        return scopes.covers_organisation(actor, organisation, authority)
    if area is not None:
        return scopes.covers_area(actor, area, authority)
    return False


class UserPolicy:
    def can(self, user: Any, action: str, obj: User | None = None) -> bool:
        if obj is None:
            return action == "invite" and bool(grantable_roles(user))
        if action == "view":
            return obj.pk == user.pk or self.visible(user, "manage").filter(pk=obj.pk).exists()
        if action == "manage":
            return self.visible(user, "manage").filter(pk=obj.pk).exists()
        return False

    def visible(self, user: Any, action: str = "manage") -> QuerySet[User]:
        if not user.is_authenticated or action not in {"view", "manage"}:
            return User.objects.none()
        if scopes.is_national_admin(user):
            return User.objects.all()
        if not scopes.has_role(user, *MANAGER_ROLES):
            return User.objects.none()
        in_scope = Organisation.objects.filter(scopes.organisation_filter(user, MANAGER_ROLES))
        areas = [g.area_id for g in scopes.active_grants(user) if g.area_id]
        grants = RoleGrant.objects.filter(Q(organisation__in=in_scope) | Q(area_id__in=areas))
        return User.objects.filter(pk__in=grants.values("user_id"))


class RoleGrantPolicy:
    def can(self, user: Any, action: str, obj: RoleGrant | None = None) -> bool:
        if obj is None or action not in {"view", "revoke"}:
            return False
        allowed = can_grant(user, obj.role, area=obj.area, organisation=obj.organisation)
        if action == "view":
            return allowed or obj.user_id == user.pk
        return allowed and obj.revoked_at is None

    def visible(self, user: Any, action: str = "view") -> QuerySet[RoleGrant]:
        if not user.is_authenticated:
            return RoleGrant.objects.none()
        return RoleGrant.objects.filter(
            Q(user__in=user_policy.visible(user, "manage")) | Q(user=user)
        )


class ApiTokenPolicy:
    """Tokens are personal: only their owner sees or revokes them."""

    def can(self, user: Any, action: str, obj: ApiToken | None = None) -> bool:
        return obj is not None and user.is_authenticated and obj.user_id == user.pk

    def visible(self, user: Any, action: str = "view") -> QuerySet[ApiToken]:
        if not user.is_authenticated:
            return ApiToken.objects.none()
        return ApiToken.objects.filter(user=user)


user_policy = UserPolicy()
role_grant_policy = RoleGrantPolicy()
api_token_policy = ApiTokenPolicy()
