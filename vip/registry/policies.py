"""Who may see and change registry data.

Areas, counties, municipalities and organisations are public information:
anyone, signed in or not, may view them. Organisations are changed by national
administrators anywhere, by area coordinators inside their area and by
municipal administrators inside their own organisation's subtree.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from vip.accounts import scopes
from vip.accounts.roles import Role
from vip.registry.models import Area, Municipality, Organisation

EDITOR_ROLES = (Role.NATIONAL_ADMIN, Role.AREA_COORDINATOR, Role.MUNICIPAL_ADMIN)


class PublicReferencePolicy:
    """Reference data that everyone may view and nobody edits through the UI."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model

    def can(self, user: Any, action: str, obj: Any = None) -> bool:
        return action == "view"

    def visible(self, user: Any, action: str = "view") -> models.QuerySet[Any]:
        if action != "view":
            return self.model._default_manager.none()
        return self.model._default_manager.all()


area_policy = PublicReferencePolicy(Area)
municipality_policy = PublicReferencePolicy(Municipality)


class OrganisationPolicy:
    def can(self, user: Any, action: str, obj: Organisation | None = None) -> bool:
        if action == "view":
            return True
        if action == "change":
            return obj is not None and scopes.covers_organisation(user, obj, EDITOR_ROLES)
        if action == "create":
            # Creating under a parent needs rights over the parent; a top-level
            # organisation can be created by national administrators only.
            if obj is None:
                return scopes.is_national_admin(user)
            return scopes.covers_organisation(user, obj, EDITOR_ROLES)
        return False

    def visible(self, user: Any, action: str = "view") -> models.QuerySet[Organisation]:
        if action == "view":
            return Organisation.objects.all()
        if action in {"change", "create"}:
            return Organisation.objects.filter(scopes.organisation_filter(user, EDITOR_ROLES))
        return Organisation.objects.none()


organisation_policy = OrganisationPolicy()
