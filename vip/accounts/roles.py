"""The roles of the platform and what each one's grant looks like.

A role is granted on a scope: the whole country, an area, or an organisation
(whose subtree it then covers). Later features add roles here; a role whose
holders handle children's data sets ``requires_two_factor``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("National administrator")
    AREA_COORDINATOR = "area_coordinator", _("Area coordinator")
    MUNICIPAL_ADMIN = "municipal_admin", _("Municipal administrator")
    STAFF = "staff", _("Staff member")


class ScopeKind(StrEnum):
    NATIONAL = "national"
    AREA = "area"
    ORGANISATION = "organisation"


@dataclass(frozen=True, slots=True)
class RoleDefinition:
    role: Role
    scope: ScopeKind
    # A holder may grant roles of a lower rank inside their own scope.
    rank: int
    requires_two_factor: bool = False


DEFINITIONS: dict[str, RoleDefinition] = {
    definition.role: definition
    for definition in (
        RoleDefinition(Role.NATIONAL_ADMIN, ScopeKind.NATIONAL, rank=40),
        RoleDefinition(Role.AREA_COORDINATOR, ScopeKind.AREA, rank=30),
        RoleDefinition(Role.MUNICIPAL_ADMIN, ScopeKind.ORGANISATION, rank=20),
        RoleDefinition(Role.STAFF, ScopeKind.ORGANISATION, rank=10),
    )
}


def definition(role: str) -> RoleDefinition:
    return DEFINITIONS[role]


def requires_two_factor(role: str) -> bool:
    return definition(role).requires_two_factor or role in settings.TWO_FACTOR_REQUIRED_ROLES
