"""Reads for the organisers: their events, what they may organise for, materials.

Who organises an event is decided by ``vip.events.policies``; the scope here
answers the question the policy cannot ask of an event that does not exist yet:
would this user organise an event of this group and these areas?
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from vip.accounts import scopes
from vip.accounts.roles import Role
from vip.events.models import Event, EventMaterial, EventSeries, Registration
from vip.events.policies import event_policy, led_group_ids
from vip.events.selectors import with_counts
from vip.network.models import Group
from vip.registry.models import Area

# What the organiser's list shows.
UPCOMING = "upcoming"
DRAFTS = "drafts"
PAST = "past"
CANCELLED = "cancelled"
ALL = "all"


@dataclass(frozen=True, slots=True)
class OrganiserScope:
    """For whom a user may organise events: everyone, or led groups and coordinated areas."""

    national: bool
    group_ids: frozenset[int]
    area_ids: frozenset[int]

    @property
    def may_create(self) -> bool:
        return self.national or bool(self.group_ids) or bool(self.area_ids)

    def covers(self, group: Group | None, areas: list[Area] | QuerySet[Area]) -> bool:
        """Whether the user would organise an event of ``group`` held in ``areas``.

        Mirrors ``EventPolicy.organises``, so that nobody creates (or edits into
        being) an event they could no longer manage.
        """
        if self.national:
            return True
        if group is not None and group.pk in self.group_ids:
            return True
        if group is not None and group.area_id is not None and group.area_id in self.area_ids:
            return True
        return any(area.pk in self.area_ids for area in areas)


def organiser_scope(user: Any) -> OrganiserScope:
    if not user.is_authenticated:
        return OrganiserScope(national=False, group_ids=frozenset(), area_ids=frozenset())
    return OrganiserScope(
        national=scopes.is_national_admin(user),
        group_ids=frozenset(led_group_ids(user)),
        area_ids=frozenset(scopes.area_ids(user, [Role.AREA_COORDINATOR])),
    )


def organisable_groups(scope: OrganiserScope, keep: int | None = None) -> QuerySet[Group]:
    """The groups the user may name as an event's organiser, and the one already named."""
    groups = Group.objects.select_related("area").order_by("kind", "name_fi", "id")
    if scope.national:
        return groups
    condition = Q(pk__in=scope.group_ids) | Q(area_id__in=scope.area_ids)
    if keep is not None:
        condition |= Q(pk=keep)
    return groups.filter(condition)


@dataclass(frozen=True, slots=True)
class OrganiserFilters:
    show: str = UPCOMING
    search: str = ""


@dataclass(frozen=True, slots=True)
class OrganiserCounts:
    upcoming: int
    drafts: int
    past: int
    cancelled: int

    @property
    def total(self) -> int:
        return self.upcoming + self.past + self.cancelled


def _show_q(show: str, now: Any) -> Q:
    not_cancelled = ~Q(status=Event.Status.CANCELLED)
    if show == UPCOMING:
        return not_cancelled & Q(ends_at__gte=now)
    if show == DRAFTS:
        return Q(status=Event.Status.DRAFT)
    if show == PAST:
        return not_cancelled & Q(ends_at__lt=now)
    if show == CANCELLED:
        return Q(status=Event.Status.CANCELLED)
    return Q()


def organiser_counts(user: Any) -> OrganiserCounts:
    """How many of the user's events are upcoming, drafts, past and cancelled: one query."""
    now = timezone.now()
    counts = event_policy.visible(user, "manage").aggregate(
        upcoming=Count("pk", filter=_show_q(UPCOMING, now)),
        drafts=Count("pk", filter=_show_q(DRAFTS, now)),
        past=Count("pk", filter=_show_q(PAST, now)),
        cancelled=Count("pk", filter=_show_q(CANCELLED, now)),
    )
    return OrganiserCounts(**counts)


def organiser_events(user: Any, filters: OrganiserFilters) -> QuerySet[Event]:
    """The events the user organises, with seat counts; upcoming first, the past newest first."""
    now = timezone.now()
    events = event_policy.visible(user, "manage").filter(_show_q(filters.show, now))
    if filters.search:
        text = filters.search
        events = events.filter(
            Q(title_fi__icontains=text) | Q(title_sv__icontains=text) | Q(title_en__icontains=text)
        )
    ordering = (
        ["-starts_at", "-id"] if filters.show in {PAST, CANCELLED, ALL} else ["starts_at", "id"]
    )
    return (
        with_counts(events)
        .select_related("organising_group", "organisation", "series")
        .order_by(*ordering)
    )


def registered_count(event: Event) -> int:
    """How many hold a seat or wait for one: those told when the event is cancelled."""
    return Registration.objects.filter(
        event=event,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
    ).count()


def series_choices(user: Any, keep: int | None = None) -> QuerySet[EventSeries]:
    """The series the user may add an event to, and the one the event is in already.

    A series is the user's when they may change every event in it (an empty
    series too): adding an event to someone else's series would make it one
    that its organisers no longer manage entirely, see ``series_managed_entirely``.
    """
    foreign = (
        Event.objects.filter(series__isnull=False)
        .exclude(pk__in=event_policy.visible(user, "change").values("pk"))
        .values("series_id")
    )
    condition = ~Q(pk__in=foreign)
    if keep is not None:
        condition |= Q(pk=keep)
    return EventSeries.objects.filter(condition).order_by("name_fi", "id")


def series_by_pk(pk: int) -> EventSeries | None:
    return EventSeries.objects.filter(pk=pk).first()


def series_events(series: EventSeries) -> QuerySet[Event]:
    return Event.objects.filter(series=series).order_by("starts_at", "id")


def series_managed_entirely(user: Any, series: EventSeries) -> bool:
    """Whether the user may change every event of the series (and it has at least one)."""
    counts = Event.objects.filter(series=series).aggregate(
        total=Count("pk"),
        managed=Count("pk", filter=Q(pk__in=event_policy.visible(user, "change").values("pk"))),
    )
    return counts["total"] > 0 and counts["total"] == counts["managed"]


# --- Materials --------------------------------------------------------------------------------


def event_materials(event: Event, *, public_only: bool) -> QuerySet[EventMaterial]:
    materials = EventMaterial.objects.filter(event=event).order_by("position", "id")
    if public_only:
        materials = materials.filter(public=True)
    return materials


def material_with_event(pk: int) -> EventMaterial | None:
    return EventMaterial.objects.select_related("event").filter(pk=pk).first()


def sees_participant_materials(registration: Registration) -> bool:
    """Participants-only materials are for those who held a seat, or attended."""
    return registration.status == Registration.Status.CONFIRMED or registration.attended is True
