"""An iCalendar (RFC 5545) writer for events: a calendar of many, or one event's file.

Written here rather than taken from a library: the platform needs one calendar
shape only. Times are given in Europe/Helsinki with its VTIMEZONE, so calendar
programs show the right local time on both sides of a daylight-saving change.
The UID is the event's stable ``uid`` at the site's host: an update of an event
replaces the earlier copy in subscribers' calendars instead of adding a second.
DESCRIPTION is plain text (calendar programs show it as typed): the description's
Markdown is rendered by the site's sanitising renderer and written out as text, with
paragraphs, list items and the addresses of links kept readable.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Collection, Iterable
from html.parser import HTMLParser
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from vip.core.markdown import render_markdown
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


_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "hr"}


class _PlainText(HTMLParser):
    """The text of the Markdown renderer's sanitised HTML, laid out as plain text.

    Pieces are collected in a list and only its end is ever looked at, so the time
    stays linear in the length of the description.
    """

    def __init__(self, hidden_urls: Collection[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden_urls = hidden_urls
        self.out: list[str] = []
        self.line_start = True
        self.marker = ""  # a list item's "- " or "1. ", written with its first text
        self.lists: list[list[int]] = []  # per open list: [next number], or [] for bullets
        self.pre = 0
        self.links: list[tuple[str, int]] = []  # (href, where its text starts in out)
        self.first_cell = True

    def _break(self, newlines: int) -> None:
        """End the line, with ``newlines - 1`` empty lines after it; nothing at the start."""
        ending = ""
        while self.out and not self.out[-1].strip():
            ending = self.out.pop() + ending
        if not self.out:
            return
        last = self.out[-1]
        kept = last.rstrip(" \t\n")
        ending = last[len(kept) :] + ending
        self.out[-1] = kept
        self.out.append("\n" * max(newlines, min(2, ending.count("\n"))))
        self.line_start = True

    def _write_marker(self) -> None:
        if self.marker:
            self.out.append(self.marker)
            self.marker = ""

    def _write(self, text: str) -> None:
        self._write_marker()
        self.out.append(text)
        self.line_start = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._break(2)
            self.pre += tag == "pre"
        elif tag in ("ul", "ol"):
            self._break(1 if self.lists else 2)
            self.lists.append([1] if tag == "ol" else [])
        elif tag == "li":
            self._break(1)
            counter = self.lists[-1] if self.lists else []
            marker = f"{counter[0]}. " if counter else "- "
            if counter:
                counter[0] += 1
            self.marker = "  " * max(0, len(self.lists) - 1) + marker
        elif tag == "br":
            self._break(1)
        elif tag == "tr":
            self._break(1)
            self.first_cell = True
        elif tag in ("th", "td"):
            if not self.first_cell:
                while self.out and not self.out[-1].strip():
                    self.out.pop()  # the whitespace between cells
                self._write(" | ")
            self.first_cell = False
            self.line_start = True  # the cell's leading whitespace is dropped
        elif tag == "a":
            self._write_marker()
            self.links.append((dict(attrs).get("href") or "", len(self.out)))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.pre -= tag == "pre"
            self._break(2)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._break(1 if self.lists else 2)
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.out[start:]).strip()
            address = href.removeprefix("mailto:")
            if href and href not in self.hidden_urls and address != label:
                self._write(f" ({address})" if label else address)

    def handle_data(self, data: str) -> None:
        if self.pre:
            self._write(data)
            return
        data = re.sub(r"[ \t]+", " ", data)
        if self.line_start:
            data = data.lstrip(" \n")
            if data:
                self._write(data)
        elif data.strip():
            self._write(data)
        else:
            # Whitespace between inline tags (a soft line break): a space.
            self._write(" ")

    def text(self) -> str:
        self.close()
        text = re.sub(r"[ \t]+\n", "\n", "".join(self.out))
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def plain_text(markdown: str, *, hidden_urls: Collection[str] = ()) -> str:
    """Markdown as plain text: paragraphs apart, list items on lines of their own,
    a link as its text and its address in brackets (only the text for ``hidden_urls``).

    It goes through ``render_markdown``, so the text holds what the event's page shows.
    """
    return _plain_text(markdown, frozenset(hidden_urls))


# A feed of 700 events renders 700 descriptions, at about 1.5 ms each, and
# descriptions seldom change: the text of each is kept while it is asked for.
@functools.lru_cache(maxsize=1024)
def _plain_text(markdown: str, hidden_urls: frozenset[str]) -> str:
    parser = _PlainText(hidden_urls)
    parser.feed(str(render_markdown(markdown)))
    return parser.text()


def _description(event: Event) -> str:
    hidden = {event.join_url} if event.join_url else set()
    text = plain_text(event.description, hidden_urls=hidden)
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
