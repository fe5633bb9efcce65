"""Reads of accounts."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from vip.accounts.models import ApiToken, RoleGrant, TOTPDevice, User, normalise_email
from vip.core.models import search_key


def active_grants_of(user: Any) -> list[RoleGrant]:
    if not user.is_authenticated:
        return []
    return list(
        RoleGrant.objects.active()
        .filter(user=user)
        .select_related("area", "organisation")
        .order_by("role", "id")
    )


def grants_of(user: User) -> QuerySet[RoleGrant]:
    """Every grant of a user, current first, with who granted and revoked it.

    The organisation's area is read when deciding who may remove each grant.
    """
    return (
        RoleGrant.objects.filter(user=user)
        .select_related(
            "area", "organisation__municipality__county__area", "granted_by", "revoked_by"
        )
        .order_by("revoked_at", "-starts_on", "-id")
    )


def user_list(queryset: QuerySet[User], search: str = "") -> QuerySet[User]:
    if search:
        term = search.strip()
        words = search_key(term).split()
        condition = Q(email__icontains=term)
        name_match = Q()
        for word in words:
            name_match &= Q(given_name__icontains=word) | Q(family_name__icontains=word)
        queryset = queryset.filter(condition | name_match)
    return queryset.order_by("family_name", "given_name", "id")


def grant_counts(users: list[User]) -> dict[int, int]:
    today = timezone.localdate()
    counts: dict[int, int] = {}
    for user_id in (
        RoleGrant.objects.active_on(today).filter(user__in=users).values_list("user_id", flat=True)
    ):
        counts[user_id] = counts.get(user_id, 0) + 1
    return counts


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email=normalise_email(email)).first()


def active_user(pk: int) -> User | None:
    return User.objects.filter(pk=pk, is_active=True).first()


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def usable_token_count(user: User) -> int:
    return ApiToken.objects.filter(user=user).usable().count()
