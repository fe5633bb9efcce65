"""What the public event pages show of an event: times, place and how to get a seat."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vip.events import selectors
from vip.events.models import Event, Registration

LANGUAGE_NAMES = dict(Registration.Language.choices)


def when(event: Event) -> str:
    """Start and end in Europe/Helsinki, in the Finnish way: 4.2.2021 13:00–15:00."""
    starts = timezone.localtime(event.starts_at)
    ends = timezone.localtime(event.ends_at)
    start_text = f"{date_format(starts, 'SHORT_DATE_FORMAT')} {time_format(starts, 'TIME_FORMAT')}"
    if starts.date() == ends.date():
        return f"{start_text}–{time_format(ends, 'TIME_FORMAT')}"
    return f"{start_text} – {moment(event.ends_at)}"


def moment(value: datetime.datetime) -> str:
    local = timezone.localtime(value)
    return f"{date_format(local, 'SHORT_DATE_FORMAT')} {time_format(local, 'TIME_FORMAT')}"


def place(event: Event) -> str:
    """Where: the venue on site, "Remote", or both; never the join link."""
    on_site = ", ".join(part for part in (event.venue, event.address) if part)
    if event.mode == Event.Mode.REMOTE:
        return _("Remote")
    if event.mode == Event.Mode.HYBRID:
        return _("%(place)s and remote") % {"place": on_site} if on_site else _("Hybrid")
    return on_site


@dataclass(frozen=True, slots=True)
class Availability:
    text: str
    # A GOV.UK tag colour modifier.
    colour: str
    open: bool


def availability(event: Event, now: datetime.datetime | None = None) -> Availability:
    """Seats left, the waiting list, full, or closed; counts from ``selectors.with_counts``."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return Availability(_("Cancelled"), "red", False)
    if event.status != Event.Status.PUBLISHED:
        return Availability(_("Draft"), "grey", False)
    if event.registration_opens_at is not None and now < event.registration_opens_at:
        return Availability(
            _("Registration opens %(moment)s") % {"moment": moment(event.registration_opens_at)},
            "blue",
            False,
        )
    if now >= event.registration_closes:
        return Availability(_("Registration closed"), "grey", False)
    seats = selectors.seats_left(event)
    if seats is None:
        return Availability(_("Seats available"), "green", True)
    if seats > 0:
        text = ngettext("%(count)d seat left", "%(count)d seats left", seats) % {"count": seats}
        return Availability(text, "green", True)
    if selectors.waiting_list_status(event).places_left > 0:
        return Availability(_("Waiting list"), "yellow", True)
    return Availability(_("Full"), "red", False)


@dataclass(frozen=True, slots=True)
class EventRow:
    event: Event
    when: str
    place: str
    availability: Availability


def event_rows(events: list[Event]) -> list[EventRow]:
    now = timezone.now()
    return [EventRow(e, when(e), place(e), availability(e, now)) for e in events]


def languages(event: Event) -> str:
    return ", ".join(str(LANGUAGE_NAMES.get(code, code)) for code in event.language_list)


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = (
        selectors.waiting_list(registration.event)
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, pk__lt=registration.pk)
        )
        .count()
    )
    return ahead + 1


def shows_join_link(registration: Registration) -> bool:
    event = registration.event
    return (
        registration.status == Registration.Status.CONFIRMED
        and event.status == Event.Status.PUBLISHED
        and event.mode in {Event.Mode.REMOTE, Event.Mode.HYBRID}
        and bool(event.join_url)
    )
