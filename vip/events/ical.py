"""An iCalendar (RFC 5545) writer for events: a calendar of many, or one event's file.

Written here rather than taken from a library: the platform needs one calendar
shape only. Times are given in Europe/Helsinki with its VTIMEZONE, so calendar
programs show the right local time on both sides of a daylight-saving change.
The UID is the event's stable ``uid`` at the site's host: an update of an event
replaces the earlier copy in subscribers' calendars instead of adding a second.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from vip.events.models import Event

TZID = "Europe/Helsinki"
HELSINKI = ZoneInfo(TZID)
PRODID = "-//VIP network//Events//EN"
CRLF = "\r\n"
#: Octets a content line may hold, without its CRLF (RFC 5545 section 3.1).
LINE_OCTETS = 75

# Finland's rules since 1981 (EU): summer time from the last Sunday of March
# 03:00 local (01:00 UTC) to the last Sunday of October 04:00 local (01:00 UTC).
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0300",
    "TZNAME:EEST",
    "DTSTART:19700329T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0300",
    "TZOFFSETTO:+0200",
    "TZNAME:EET",
    "DTSTART:19701025T040000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)

# Control characters other than tab are not allowed in text values.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, newlines as ``\\n``."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = _NEWLINES.sub("\\\\n", value)
    return _CONTROL.sub("", value)


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a multi-byte UTF-8 character.

    Continuation lines start with a space, which counts towards their 75 octets.
    """
    if len(line.encode()) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment: datetime.datetime) -> str:
    return moment.astimezone(HELSINKI).strftime("%Y%m%dT%H%M%S")


def uid_of(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"{event.uid}@{host}"


def event_url(event: Event) -> str:
    """The event's page in the active language."""
    return settings.SITE_URL + reverse("events:event_detail", args=[event.pk])


def _location(event: Event) -> str:
    # Never the join link: it is for confirmed participants only.
    if event.mode == Event.Mode.REMOTE:
        return _("Remote")
    place = ", ".join(part for part in (event.venue.strip(), event.address.strip()) if part)
    if event.mode == Event.Mode.HYBRID:
        return f"{place} / {_('Remote')}" if place else _("Remote")
    return place


def _description(event: Event) -> str:
    text = strip_tags(event.description).strip()
    if event.join_url:
        # An organiser may have pasted the link into the description too.
        text = text.replace(event.join_url, "")
    if event.status == Event.Status.CANCELLED:
        cancelled = _("Cancelled: %(reason)s") % {"reason": event.cancel_reason.strip()}
        text = f"{cancelled}\n\n{text}" if text else cancelled
    return text


def _sequence(event: Event) -> int:
    """Grows with every save, as RFC 5545 asks of a revised event."""
    if event.updated_at is None or event.created_at is None:
        return 0
    return max(0, int((event.updated_at - event.created_at).total_seconds()))


def event_lines(event: Event) -> list[str]:
    """One VEVENT, unfolded."""
    cancelled = event.status == Event.Status.CANCELLED
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid_of(event)}",
        f"DTSTAMP:{_utc(event.updated_at)}",
        f"CREATED:{_utc(event.created_at)}",
        f"LAST-MODIFIED:{_utc(event.updated_at)}",
        f"SEQUENCE:{_sequence(event)}",
        f"DTSTART;TZID={TZID}:{_local(event.starts_at)}",
        f"DTEND;TZID={TZID}:{_local(event.ends_at)}",
        f"SUMMARY:{escape_text(event.title)}",
    ]
    description = _description(event)
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    location = _location(event)
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines += [
        f"URL:{event_url(event)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"CATEGORIES:{escape_text(event.kind_label)}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
    ]
    return lines


def calendar(events: Iterable[Event], *, name: str) -> str:
    """A whole VCALENDAR with CRLF line endings, folded; ``name`` is X-WR-CALNAME."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for event in events:
        lines += event_lines(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
