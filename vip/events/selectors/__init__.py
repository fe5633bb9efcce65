"""Reads of the event calendar: filtered lists with seat counts in a flat number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from vip.events.models import Event, Registration
from vip.events.policies import PUBLIC_STATUSES
from vip.network.models import Theme
from vip.registry.models import Area

UPCOMING = "upcoming"
PAST = "past"


@dataclass(frozen=True, slots=True)
class EventFilters:
    kind: str = ""
    theme: Theme | None = None
    # An area, or national=True for events without one.
    area: Area | None = None
    national: bool = False
    language: str = ""
    mode: str = ""
    starts_from: datetime.date | None = None
    starts_until: datetime.date | None = None
    # "upcoming" (not ended yet), "past" (ended), or "" for both.
    when: str = ""
    series_id: int | None = None


def _count(status: str) -> Coalesce:
    counts = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def with_counts(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate ``confirmed_count`` and ``waiting_count`` (subqueries: no row multiplication)."""
    return queryset.annotate(
        confirmed_count=_count(Registration.Status.CONFIRMED),
        waiting_count=_count(Registration.Status.WAITING),
    )


def with_seat_counts(events: list[Event]) -> list[Event]:
    """Sets ``confirmed_count`` and ``waiting_count`` on a page of events, in one query.

    Lists count after paging: annotating the list's queryset would count the seats of
    every matching event before the database sorts and cuts the page.
    """
    counts: dict[tuple[int, str], int] = {
        (row["event"], row["status"]): row["n"]
        for row in Registration.objects.filter(
            event__in=[event.pk for event in events],
            status__in=(Registration.Status.CONFIRMED, Registration.Status.WAITING),
        )
        .order_by()
        .values("event", "status")
        .annotate(n=Count("pk"))
    }
    for event in events:
        event.confirmed_count = counts.get((event.pk, Registration.Status.CONFIRMED), 0)  # type: ignore[attr-defined]
        event.waiting_count = counts.get((event.pk, Registration.Status.WAITING), 0)  # type: ignore[attr-defined]
    return events


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def event_list(filters: EventFilters, queryset: QuerySet[Event] | None = None) -> QuerySet[Event]:
    """Public events (published and cancelled) matching ``filters``, loaded as the calendar
    shows them (the feeds read every row; pages use ``event_ids`` and ``events_in_order``).

    Upcoming first by start; the past newest first.
    """
    return _loaded(_matching(filters, queryset))


def event_ids(filters: EventFilters) -> QuerySet[Event, int]:
    """The ids of ``event_list``, in its order: a page is cut from these, then loaded.

    Sorting and cutting bare ids reads an index; the wide rows with their joins are
    read only for the page (sorting them all first costs tens of milliseconds).
    """
    return _matching(filters).values_list("pk", flat=True)


def events_in_order(ids: list[int]) -> list[Event]:
    """The events of ``ids`` loaded as the calendar shows them, with seat counts, in order."""
    loaded = {event.pk: event for event in _loaded(Event.objects.filter(pk__in=ids))}
    return with_seat_counts([loaded[pk] for pk in ids if pk in loaded])


def _loaded(events: QuerySet[Event]) -> QuerySet[Event]:
    """The relations the calendar shows, prefetched: the same queries for any rows."""
    return events.select_related("organising_group", "organisation", "series").prefetch_related(
        "themes", "areas", "audience_sectors", "price_groups"
    )


def _matching(filters: EventFilters, queryset: QuerySet[Event] | None = None) -> QuerySet[Event]:
    events = queryset if queryset is not None else Event.objects.filter(status__in=PUBLIC_STATUSES)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.mode:
        events = events.filter(mode=filters.mode)
    if filters.language:
        # Languages are stored "fi,sv": match a whole code.
        code = filters.language
        events = events.filter(
            Q(languages=code)
            | Q(languages__startswith=f"{code},")
            | Q(languages__endswith=f",{code}")
            | Q(languages__contains=f",{code},")
        )
    if filters.theme is not None:
        events = events.filter(
            Exists(Event.themes.through.objects.filter(event=OuterRef("pk"), theme=filters.theme))
        )
    if filters.area is not None:
        events = events.filter(
            Exists(Event.areas.through.objects.filter(event=OuterRef("pk"), area=filters.area))
        )
    elif filters.national:
        events = events.exclude(Exists(Event.areas.through.objects.filter(event=OuterRef("pk"))))
    if filters.series_id is not None:
        events = events.filter(series_id=filters.series_id)
    if filters.starts_from is not None:
        # An event running over the day counts, so compare with its end.
        events = events.filter(ends_at__gte=_day_start(filters.starts_from))
    if filters.starts_until is not None:
        events = events.filter(
            starts_at__lt=_day_start(filters.starts_until + datetime.timedelta(days=1))
        )
    now = timezone.now()
    if filters.when == UPCOMING:
        events = events.filter(ends_at__gte=now)
    elif filters.when == PAST:
        events = events.filter(ends_at__lt=now)
    ordering = ["-starts_at", "-id"] if filters.when == PAST else ["starts_at", "id"]
    return events.order_by(*ordering)


def event_detail(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """``event_list``'s loading for one event, with its questions and partners."""
    return (
        with_counts(queryset)
        .select_related("organising_group", "organisation", "series")
        .prefetch_related(
            "themes",
            "areas",
            "audience_sectors",
            "price_groups",
            "questions",
            "partner_organisations",
        )
    )


def _counts_of(event: Event) -> tuple[int, int]:
    confirmed = getattr(event, "confirmed_count", None)
    waiting = getattr(event, "waiting_count", None)
    if confirmed is None or waiting is None:
        counts = Registration.objects.filter(event=event).aggregate(
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        )
        return counts["confirmed"], counts["waiting"]
    return confirmed, waiting


def seats_left(event: Event) -> int | None:
    """Free seats; None when the event has no limit. Uses ``with_counts`` when annotated."""
    if event.capacity is None:
        return None
    confirmed, _waiting = _counts_of(event)
    return max(0, event.capacity - confirmed)


@dataclass(frozen=True, slots=True)
class WaitingListStatus:
    capacity: int
    waiting: int
    places_left: int


def waiting_list_status(event: Event) -> WaitingListStatus:
    _confirmed, waiting = _counts_of(event)
    return WaitingListStatus(
        capacity=event.waiting_list_capacity,
        waiting=waiting,
        places_left=max(0, event.waiting_list_capacity - waiting),
    )


def waiting_list(event: Event) -> QuerySet[Registration]:
    """The waiting list in the order it moves: first registered, first promoted."""
    return Registration.objects.filter(event=event, status=Registration.Status.WAITING).order_by(
        "created_at", "pk"
    )


def public_event(pk: int) -> Event | None:
    """A published or cancelled event; drafts are nobody's business outside the organisers."""
    return Event.objects.filter(pk=pk, status__in=PUBLIC_STATUSES).first()


def newest_published(limit: int) -> QuerySet[Event]:
    """The most recently published events, newest first."""
    return Event.objects.filter(status=Event.Status.PUBLISHED).order_by("-published_at", "-pk")[
        :limit
    ]
