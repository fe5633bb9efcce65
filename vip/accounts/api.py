"""The signed-in user's own profile over the API."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from vip.accounts import selectors
from vip.accounts.models import ApiToken
from vip.core.api import PRIVATE_ERRORS, private_auth, require_scope

router = Router(tags=["accounts"], auth=private_auth)


class RoleOut(Schema):
    role: str
    area: str | None
    organisation: int | None
    starts_on: datetime.date
    ends_on: datetime.date | None


class MeOut(Schema):
    email: str
    given_name: str
    family_name: str
    language: str
    roles: list[RoleOut]


@router.get("/me", response={200: MeOut, **PRIVATE_ERRORS}, summary="The signed-in user")
def me(request: HttpRequest) -> dict[str, Any]:
    require_scope(request, ApiToken.Scope.PROFILE_READ)
    user = request.user
    return {
        "email": user.email,  # type: ignore[union-attr]
        "given_name": user.given_name,  # type: ignore[union-attr]
        "family_name": user.family_name,  # type: ignore[union-attr]
        "language": user.language,  # type: ignore[union-attr]
        "roles": [
            {
                "role": grant.role,
                "area": grant.area.code if grant.area else None,
                "organisation": grant.organisation_id,
                "starts_on": grant.starts_on,
                "ends_on": grant.ends_on,
            }
            for grant in selectors.active_grants_of(user)
        ],
    }
