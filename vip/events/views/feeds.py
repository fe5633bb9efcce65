"""Calendar and news feeds: an iCalendar feed for any calendar filter, one file an event, Atom.

The feeds are public and read by programs, not people: a bad filter value is
answered with 400 and a plain-text message naming the accepted values. The
calendar feed takes the calendar page's own parameters (``starts_from``,
``starts_until``, ``when=all``), so the page's subscribe link holds exactly the
events the page lists; ``from`` and ``to`` still work for addresses written before.
Titles follow the language of the address (/sv/events/feed.ics is Swedish).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from vip.core.page_cache import cache_public_page
from vip.events import ical, selectors
from vip.events.forms import ALL
from vip.events.models import CALENDAR_PARAMS, CLOCK_SECONDS, PUBLIC_DATA, Event
from vip.events.views.common import seat_keys
from vip.network.models import LANGUAGE_CODES
from vip.network.selectors.reference import theme_by_code, theme_codes
from vip.registry.selectors import area_by_code, area_codes

#: Without a date range the feed holds events from this many days back onwards.
DEFAULT_DAYS_BACK = 180
#: Entries of the news feed.
NEWS_ENTRIES = 50
ICS_TYPE = "text/calendar; charset=utf-8"
#: Date parameters of the feed and the older names they replace.
DATE_ALIASES = {"starts_from": "from", "starts_until": "to"}
FEED_PARAMS = (*CALENDAR_PARAMS, *DATE_ALIASES.values())


class FilterError(ValueError):
    pass


def _choice(request: HttpRequest, name: str, values: list[str]) -> str:
    value = request.GET.get(name, "").strip()
    if value and value not in values:
        raise FilterError(
            _("Unknown %(name)s “%(value)s”. Use one of: %(values)s.")
            % {"name": name, "value": value, "values": ", ".join(values)}
        )
    return value


def _date(request: HttpRequest, name: str) -> datetime.date | None:
    if not request.GET.get(name, "").strip() and request.GET.get(DATE_ALIASES[name], "").strip():
        name = DATE_ALIASES[name]
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise FilterError(
            _("“%(value)s” is not a date for %(name)s. Use the form YYYY-MM-DD.")
            % {"name": name, "value": value}
        ) from None


def feed_filters(request: HttpRequest) -> selectors.EventFilters:
    """The calendar's filters from the query string; raises FilterError on unknown values."""
    kind = _choice(request, "kind", list(Event.Kind.values))
    mode = _choice(request, "mode", list(Event.Mode.values))
    language = _choice(request, "language", list(LANGUAGE_CODES))
    when = _choice(request, "when", [selectors.UPCOMING, selectors.PAST, ALL])
    theme = None
    theme_code = request.GET.get("theme", "").strip()
    if theme_code:
        theme = theme_by_code(theme_code)
        if theme is None:
            _choice(request, "theme", theme_codes())
    area = None
    area_code = request.GET.get("area", "").strip()
    national = area_code == "national"
    if area_code and not national:
        area = area_by_code(area_code)
        if area is None:
            _choice(request, "area", [*area_codes(), "national"])
    starts_from = _date(request, "starts_from")
    starts_until = _date(request, "starts_until")
    if starts_from and starts_until and starts_until < starts_from:
        raise FilterError(_("The end of the date range is before its start."))
    # A feed address without any time filter (written by hand) is kept small;
    # when=all asks for every event, as the calendar page lists them.
    if starts_from is None and starts_until is None and not when:
        starts_from = timezone.localdate() - datetime.timedelta(days=DEFAULT_DAYS_BACK)
    return selectors.EventFilters(
        kind=kind,
        theme=theme,
        area=area,
        national=national,
        language=language,
        mode=mode,
        starts_from=starts_from,
        starts_until=starts_until,
        when="" if when == ALL else when,
    )


def _ics(content: str, disposition: str) -> HttpResponse:
    response = HttpResponse(content.encode(), content_type=ICS_TYPE)
    response["Content-Disposition"] = disposition
    return response


@require_safe
@cache_public_page(*PUBLIC_DATA, params=FEED_PARAMS, seconds=CLOCK_SECONDS)
def calendar_feed(request: HttpRequest) -> HttpResponse:
    try:
        filters = feed_filters(request)
    except FilterError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    # The calendar's selector; the feed shows no themes, areas or groups.
    events = selectors.event_list(filters).select_related(None).prefetch_related(None)
    content = ical.calendar(events, name=_("VIP network events"))
    return _ics(content, 'inline; filename="vip-events.ics"')


@require_safe
@cache_public_page(*PUBLIC_DATA, params=(), seconds=CLOCK_SECONDS, keys_for=seat_keys)
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.public_event(pk)
    if event is None:
        raise Http404
    content = ical.calendar([event], name=event.title)
    return _ics(content, f'attachment; filename="vip-event-{event.pk}.ics"')


@require_safe
@cache_public_page(*PUBLIC_DATA, params=(), seconds=CLOCK_SECONDS)
def news_feed(request: HttpRequest) -> HttpResponse:
    """The newest published events, newest first."""
    events = selectors.newest_published(NEWS_ENTRIES)
    feed = Atom1Feed(
        title=_("New events of the VIP network"),
        link=settings.SITE_URL + reverse("events:event_list"),
        description=_("Events published in the VIP network's calendar."),
        feed_url=settings.SITE_URL + reverse("events:news_feed"),
        language=(get_language() or "fi")[:2],
    )
    for event in events:
        start = timezone.localtime(event.starts_at)
        feed.add_item(
            title=event.title,
            link=ical.event_url(event),
            description=_("%(kind)s on %(date)s at %(time)s.")
            % {
                "kind": event.kind_label,
                "date": start.strftime("%d.%m.%Y"),
                "time": start.strftime("%H:%M"),
            },
            unique_id=f"urn:uuid:{event.uid}",
            pubdate=event.published_at or event.created_at,
            updateddate=event.updated_at,
            categories=[event.kind_label],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
