"""Reads of meetings, their attendance and attachments, and decisions.

Every list is one query whatever its length.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from vip.core.models import search_key
from vip.network.models import (
    Decision,
    Group,
    Meeting,
    MeetingAttachment,
    MeetingAttendance,
    Membership,
    role_order_expression,
)
from vip.network.policies import attachment_policy, group_policy
from vip.registry.models import Area

# --- Meetings -------------------------------------------------------------------------------


def meeting_with_group() -> QuerySet[Meeting]:
    """Meetings with what their pages and policies read: the group and its area."""
    return Meeting.objects.select_related("group__area", "group__parent")


def group_meetings(group: Group) -> QuerySet[Meeting]:
    return Meeting.objects.filter(group=group).order_by("-date", "-id")


def memberships_on(group: Group, day: datetime.date) -> QuerySet[Membership]:
    """The group's members and deputies serving on ``day``: who can attend a meeting then."""
    return (
        Membership.objects.filter(group=group)
        .active_on(day)
        .select_related("person", "principal__person")
        .annotate(role_order=role_order_expression())
        .order_by("role_order", "person__family_name", "person__given_name", "id")
    )


def meeting_attendance(meeting: Meeting) -> QuerySet[MeetingAttendance]:
    """The recorded attendance; it is shown to those who may read the minutes."""
    return (
        MeetingAttendance.objects.filter(meeting=meeting)
        .select_related("membership__person", "membership__principal__person")
        .annotate(role_order=role_order_expression("membership__role"))
        .order_by(
            "role_order", "membership__person__family_name", "membership__person__given_name", "id"
        )
    )


def present_membership_ids(meeting: Meeting) -> list[int]:
    return list(
        MeetingAttendance.objects.filter(meeting=meeting, present=True).values_list(
            "membership_id", flat=True
        )
    )


def meeting_attachments(user: Any, meeting: Meeting) -> QuerySet[MeetingAttachment]:
    """The meeting's attachments this user may open."""
    return (
        attachment_policy.visible(user, "view")
        .filter(meeting=meeting)
        .order_by("original_name", "id")
    )


def attachment_for_download(pk: int) -> QuerySet[MeetingAttachment]:
    return MeetingAttachment.objects.select_related("meeting__group").filter(pk=pk)


# --- Decisions ------------------------------------------------------------------------------


def meeting_decisions(meeting: Meeting) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(meeting=meeting)
        .select_related("responsible")
        .order_by("number", "id")
    )


def decision_with_group() -> QuerySet[Decision]:
    return Decision.objects.select_related("group__area", "meeting", "responsible")


def group_decisions(group: Group) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(group=group).select_related("responsible").order_by("-date", "-id")
    )


def group_meeting_choices(group: Group) -> QuerySet[Meeting]:
    return Meeting.objects.filter(group=group).order_by("-date", "-id")


def search_words(text: str) -> list[str]:
    """The distinct words of a search, case-folded as the search texts are (ä and ö kept)."""
    return list(dict.fromkeys(search_key(text.strip()).split()))


@dataclass(frozen=True)
class DecisionFilters:
    search: str = ""
    group: Group | None = None
    kind: str = ""
    area: Area | None = None
    status: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    overdue_on: datetime.date | None = None


# A decision that is done or cancelled is never overdue.
CLOSED_STATUSES = (Decision.Status.DONE, Decision.Status.CANCELLED)


def decision_list(filters: DecisionFilters, queryset: QuerySet[Decision]) -> QuerySet[Decision]:
    """The decisions of ``queryset`` (from the policy) narrowed by the filters, newest first."""
    queryset = queryset.select_related("group", "responsible").order_by("-date", "-id")
    # Every word must occur, in any order: the number, text, the group's names and the
    # responsible person's name are all in the search text (Decision.save).
    for word in search_words(filters.search):
        queryset = queryset.filter(search_text__contains=word)
    if filters.group is not None:
        queryset = queryset.filter(group=filters.group)
    if filters.kind:
        queryset = queryset.filter(group__kind=filters.kind)
    if filters.area is not None:
        queryset = queryset.filter(group__area=filters.area)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.date_from is not None:
        queryset = queryset.filter(date__gte=filters.date_from)
    if filters.date_to is not None:
        queryset = queryset.filter(date__lte=filters.date_to)
    if filters.overdue_on is not None:
        queryset = queryset.filter(
            Q(due_date__lt=filters.overdue_on) & ~Q(status__in=CLOSED_STATUSES)
        )
    return queryset


def managed_group_ids(user: Any) -> set[int]:
    """The groups whose meetings and decisions this user manages (one query, or none)."""
    if not user.is_authenticated:
        return set()
    return set(group_policy.visible(user, "manage").values_list("pk", flat=True))
