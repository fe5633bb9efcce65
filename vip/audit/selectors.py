from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from vip.audit.models import AuditEvent


@dataclass(frozen=True)
class AuditFilters:
    actor: str = ""
    action: str = ""
    target_type: str = ""
    target_id: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_event_list(queryset: QuerySet[AuditEvent], filters: AuditFilters) -> QuerySet[AuditEvent]:
    queryset = queryset.select_related("actor", "organisation", "area").order_by(
        "-occurred_at", "-id"
    )
    if filters.actor:
        term = filters.actor.strip()
        queryset = queryset.filter(
            Q(actor__email__icontains=term)
            | Q(actor__family_name__icontains=term)
            | Q(actor__given_name__icontains=term)
        )
    if filters.action:
        queryset = queryset.filter(action=filters.action)
    if filters.target_type:
        queryset = queryset.filter(target_type=filters.target_type)
    if filters.target_id:
        queryset = queryset.filter(target_id=filters.target_id)
    # Dates are whole days in Helsinki time, both ends included.
    if filters.date_from:
        queryset = queryset.filter(occurred_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        queryset = queryset.filter(
            occurred_at__lt=_day_start(filters.date_to + datetime.timedelta(days=1))
        )
    return queryset


def target_types(queryset: QuerySet[AuditEvent]) -> list[str]:
    return list(
        queryset.exclude(target_type="")
        .order_by("target_type")
        .values_list("target_type", flat=True)
        .distinct()
    )
