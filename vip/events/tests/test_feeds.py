"""The calendar feeds: iCalendar (RFC 5545) for a filter and for one event, and Atom news."""

from __future__ import annotations

import datetime
import html
import re
import xml.etree.ElementTree as ET
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone, translation

from vip.events import ical, services
from vip.events.models import Event
from vip.events.tests.builders import DAY, HOUR, make_event
from vip.network.models import Theme
from vip.registry.models import Area

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
ATOM = "{http://www.w3.org/2005/Atom}"


def _unfold(text: str) -> list[str]:
    """A tiny RFC 5545 checker: CRLF only, lines of at most 75 octets, balanced components."""
    assert text.endswith("\r\n")
    raw = text[:-2].split("\r\n")
    for line in raw:
        assert "\n" not in line
        assert "\r" not in line
        assert len(line.encode()) <= 75, line
    lines: list[str] = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    stack: list[str] = []
    for line in lines:
        assert re.match(r"^[A-Z][A-Z0-9-]*(;[^:]+)?:", line), line
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
        elif line.startswith("END:"):
            assert stack.pop() == line[4:]
    assert not stack
    assert lines[0] == "BEGIN:VCALENDAR"
    return lines


def _events(lines: list[str]) -> list[dict[str, str]]:
    """Each VEVENT as {name (with parameters): value}."""
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            events.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = value
    return events


def _feed(client: Any, query: str = "", language: str = "en") -> list[dict[str, str]]:
    response = client.get(f"/{language}/events/feed.ics{query}")
    assert response.status_code == 200, response.content
    return _events(_unfold(response.content.decode()))


def _atom(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - the platform's own output


def _at(year: int, month: int, day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=HELSINKI)


# The writer


def test_it_escapes_backslash_semicolon_comma_and_newlines():
    assert ical.escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_it_folds_long_lines_at_75_octets_without_splitting_characters():
    text = ("Äidinkielen ja kirjallisuuden opetus, ööh, on tärkeää. " * 4)[:200]
    assert len(text) == 200
    folded = ical.fold(f"DESCRIPTION:{ical.escape_text(text)}")
    parts = folded.split("\r\n")
    assert len(parts) > 3
    for part in parts:
        assert len(part.encode()) <= 75
        part.encode().decode()  # every part is whole UTF-8 on its own
    assert all(part.startswith(" ") for part in parts[1:])
    unfolded = parts[0] + "".join(part[1:] for part in parts[1:])
    assert unfolded == f"DESCRIPTION:{ical.escape_text(text)}"


def test_it_keeps_short_lines_as_they_are():
    assert ical.fold("SUMMARY:Verkostopäivä") == "SUMMARY:Verkostopäivä"


def test_it_writes_a_calendar_with_time_zone_and_crlf_line_endings(reference_data):
    description = ("Tervetuloa seminaariin, jossa käsitellään äidinkieltä ja yöunia; " * 4)[:200]
    event = make_event(description_fi=description)
    with translation.override("en"):
        lines = _unfold(ical.calendar([event], name="Tapahtumat"))
    for expected in (
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Tapahtumat",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Helsinki",
        "TZNAME:EET",
        "TZNAME:EEST",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    ):
        assert expected in lines
    assert any(line.startswith("PRODID:") for line in lines)
    [vevent] = _events(lines)
    assert vevent["DESCRIPTION"] == ical.escape_text(description)
    assert vevent["DTSTAMP"].endswith("Z")
    assert vevent["STATUS"] == "CONFIRMED"
    assert vevent["CATEGORIES"] == "Seminar"
    assert vevent["LOCATION"] == "Tampere-talo"


# The feed of the calendar


def test_it_gives_start_and_end_in_helsinki_time_on_both_sides_of_summer_time(
    client, reference_data
):
    year = datetime.date.today().year + 1
    winter = make_event(starts_at=_at(year, 1, 15, 9), ends_at=_at(year, 1, 15, 15))
    summer = make_event(starts_at=_at(year, 7, 15, 9), ends_at=_at(year, 7, 15, 15))
    by_uid = {e["UID"]: e for e in _feed(client)}
    host = settings.SITE_URL.split("://")[1].split(":")[0].split("/")[0]
    for event, month in ((winter, "01"), (summer, "07")):
        vevent = by_uid[f"{event.uid}@{host}"]
        assert vevent["DTSTART;TZID=Europe/Helsinki"] == f"{year}{month}15T090000"
        assert vevent["DTEND;TZID=Europe/Helsinki"] == f"{year}{month}15T150000"


def test_it_answers_with_an_inline_calendar(client, reference_data):
    make_event()
    response = client.get("/en/events/feed.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert response["Content-Disposition"].endswith('.ics"')


def test_it_keeps_the_uid_the_same_across_requests_and_edits(client, reference_data):
    event = make_event()
    first = _feed(client)[0]["UID"]
    services.event_update(actor=None, event=event, title_fi="Uusi nimi")
    again = _feed(client)[0]
    assert again["UID"] == first
    assert first.startswith(str(event.uid) + "@")
    assert again["SUMMARY"] == "Seminar on school absences"


def test_it_marks_cancelled_events_cancelled(client, reference_data):
    event = make_event()
    services.event_cancel(actor=None, event=event, reason="Sairastumisia")
    [vevent] = _feed(client)
    assert vevent["STATUS"] == "CANCELLED"
    assert "Sairastumisia" in vevent["DESCRIPTION"]


def test_it_leaves_drafts_out(client, reference_data):
    make_event(publish=False, title_en="Secret draft")
    make_event(title_en="Public seminar")
    assert [e["SUMMARY"] for e in _feed(client)] == ["Public seminar"]


def test_it_filters_by_kind_area_theme_language_and_mode(client, tays):
    theme = Theme.objects.get(code="school-non-attendance")
    in_tays = make_event(
        kind=Event.Kind.WEBINAR,
        title_en="Webinar in Tays",
        areas=[tays],
        themes=[theme],
        languages="fi,sv",
        mode=Event.Mode.REMOTE,
        join_url="https://meet.example/abc",
    )
    national = make_event(kind=Event.Kind.SEMINAR, title_en="National seminar")
    cases = {
        "?kind=webinar": [in_tays],
        "?kind=seminar": [national],
        "?area=TAYS": [in_tays],
        "?area=tays": [in_tays],
        "?area=HYKS": [],
        "?area=national": [national],
        "?theme=school-non-attendance": [in_tays],
        "?language=sv": [in_tays],
        "?mode=on_site": [national],
        "?kind=webinar&area=TAYS&mode=remote": [in_tays],
    }
    for query, expected in cases.items():
        summaries = sorted(e["SUMMARY"] for e in _feed(client, query))
        assert summaries == sorted(e.title_en for e in expected), query


def test_it_filters_by_date_range(client, reference_data):
    year = datetime.date.today().year + 1
    make_event(title_en="March", starts_at=_at(year, 3, 10, 9), ends_at=_at(year, 3, 10, 12))
    make_event(title_en="May", starts_at=_at(year, 5, 10, 9), ends_at=_at(year, 5, 10, 12))
    summaries = [e["SUMMARY"] for e in _feed(client, f"?from={year}-04-01&to={year}-05-31")]
    assert summaries == ["May"]


def test_it_takes_the_calendar_pages_date_parameters_and_keeps_the_older_names(
    client, reference_data
):
    year = datetime.date.today().year + 1
    make_event(title_en="March", starts_at=_at(year, 3, 10, 9), ends_at=_at(year, 3, 10, 12))
    make_event(title_en="May", starts_at=_at(year, 5, 10, 9), ends_at=_at(year, 5, 10, 12))
    for query in (
        f"?starts_from={year}-04-01&starts_until={year}-05-31",
        f"?from={year}-04-01&to={year}-05-31",
        f"?starts_from={year}-04-01&to={year}-05-31",
    ):
        assert [e["SUMMARY"] for e in _feed(client, query)] == ["May"], query


def test_it_gives_every_event_for_when_all_and_180_days_back_without_a_time_filter(
    client, reference_data
):
    long_ago = make_event(title_en="Long ago")
    Event.objects.filter(pk=long_ago.pk).update(
        starts_at=timezone.now() - 400 * DAY, ends_at=timezone.now() - 400 * DAY + HOUR
    )
    make_event(title_en="Next week")
    assert sorted(e["SUMMARY"] for e in _feed(client, "?when=all")) == ["Long ago", "Next week"]
    assert [e["SUMMARY"] for e in _feed(client)] == ["Next week"]
    assert [e["SUMMARY"] for e in _feed(client, "?when=past")] == ["Long ago"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?kind=party", "Unknown kind “party”. Use one of: network_day"),
        ("?area=XYZ", "Unknown area “XYZ”. Use one of: "),
        ("?theme=nope", "Unknown theme “nope”. Use one of: "),
        ("?language=de", "Unknown language “de”. Use one of: fi, sv, en."),
        ("?mode=teleport", "Unknown mode “teleport”."),
        ("?from=15.9.2020", "“15.9.2020” is not a date for from. Use the form YYYY-MM-DD."),
        (
            "?starts_until=1.2.2021",
            "“1.2.2021” is not a date for starts_until. Use the form YYYY-MM-DD.",
        ),
        ("?when=soon", "Unknown when “soon”. Use one of: upcoming, past, all."),
        ("?from=2021-03-01&to=2021-02-01", "The end of the date range is before its start."),
    ],
)
def test_it_refuses_unknown_filter_values_with_a_plain_message(
    client, reference_data, query, message
):
    response = client.get(f"/en/events/feed.ics{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert message in response.content.decode()


def test_it_names_the_calendar_and_titles_in_the_language_of_the_address(client, reference_data):
    make_event(title_sv="Seminarium om skolfrånvaro")
    response = client.get("/sv/events/feed.ics")
    lines = _unfold(response.content.decode())
    [vevent] = _events(lines)
    assert vevent["SUMMARY"] == "Seminarium om skolfrånvaro"
    assert vevent["URL"].startswith(f"{settings.SITE_URL}/sv/events/")
    assert any(line.startswith("X-WR-CALNAME:") for line in lines)


def test_it_never_shows_the_join_link(client, reference_data):
    link = "https://meet.example/secret-room"
    event = make_event(
        mode=Event.Mode.REMOTE,
        venue="",
        join_url=link,
        description_en=f"Join at {link} on the day.",
    )
    feed = client.get("/en/events/feed.ics").content.decode()
    single = client.get(f"/en/events/{event.pk}/event.ics").content.decode()
    atom = client.get("/en/events/feed.atom").content.decode()
    for text in (feed, single, atom):
        assert "secret-room" not in text.replace("\r\n ", "")
    assert _events(_unfold(feed))[0]["LOCATION"] == "Remote"


def test_its_queries_do_not_grow_with_the_events(
    client, tays, django_assert_max_num_queries, django_assert_num_queries
):
    theme = Theme.objects.get(code="school-non-attendance")
    make_event(areas=[tays], themes=[theme])
    with django_assert_max_num_queries(10) as few:
        client.get("/en/events/feed.ics?area=TAYS&theme=school-non-attendance")
    for number in range(5):
        make_event(title_en=f"Seminar {number}", areas=[tays], themes=[theme])
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/en/events/feed.ics?area=TAYS&theme=school-non-attendance")
    assert len(_feed(client, "?area=TAYS")) == 6
    assert response.status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/en/events/feed.atom").status_code == 200


# The calendar page's subscribe link

_SUBSCRIBE = re.compile(r'<a class="govuk-link" href="([^"]+)" data-vip-subscribe>')
_EVENT_LINK = re.compile(r'href="/en/events/(\d+)/"')


def _subscribe_link(html_text: str) -> str:
    [link] = _SUBSCRIBE.findall(html_text)
    return html.unescape(link)


def _listed(html_text: str) -> set[int]:
    """The events in the calendar's results (drafts and breadcrumbs have no such link)."""
    results = html_text[html_text.index('id="results"') :]
    return {int(pk) for pk in _EVENT_LINK.findall(results)}


def _pk_of(url: str) -> int:
    found = re.fullmatch(re.escape(settings.SITE_URL) + r"/en/events/(\d+)/", url)
    assert found, url
    return int(found[1])


@pytest.fixture
def calendar_of_every_kind(tays: Area) -> dict[str, Event]:
    """Events upcoming and past, long past, national and in TAYS, cancelled, and a draft."""
    theme = Theme.objects.get(code="school-non-attendance")
    now = timezone.now()
    events = {
        "seminar": make_event(title_en="National seminar"),
        "webinar": make_event(
            title_en="Swedish webinar in TAYS",
            kind=Event.Kind.WEBINAR,
            mode=Event.Mode.REMOTE,
            venue="",
            join_url="https://meet.example/room",
            languages="fi,sv",
            themes=[theme],
            areas=[tays],
            starts_at=now + 30 * DAY,
            ends_at=now + 30 * DAY + 2 * HOUR,
        ),
        "cancelled": services.event_cancel(
            actor=None, event=make_event(title_en="Cancelled training"), reason="Sairastumisia"
        ),
        "past": make_event(
            title_en="Past training in TAYS", kind=Event.Kind.TRAINING, areas=[tays]
        ),
        "long_ago": make_event(title_en="Network day long ago", kind=Event.Kind.NETWORK_DAY),
    }
    make_event(title_en="Draft", publish=False)
    for name, days_ago in (("past", 10), ("long_ago", 400)):
        Event.objects.filter(pk=events[name].pk).update(
            starts_at=now - days_ago * DAY, ends_at=now - days_ago * DAY + 3 * HOUR
        )
    return events


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"seminar", "webinar", "cancelled"}),
        ({"when": "upcoming"}, {"seminar", "webinar", "cancelled"}),
        ({"when": "past"}, {"past", "long_ago"}),
        ({"when": "all"}, {"seminar", "webinar", "cancelled", "past", "long_ago"}),
        ({"when": "all", "area": "TAYS"}, {"webinar", "past"}),
        ({"when": "all", "area": "national"}, {"seminar", "cancelled", "long_ago"}),
        ({"when": "past", "kind": "training"}, {"past"}),
        ({"theme": "school-non-attendance", "language": "sv", "mode": "remote"}, {"webinar"}),
        ({"mode": "on_site"}, {"seminar", "cancelled"}),
        # Dates (days from today) as people type them on the page: 20.11.2026.
        (
            {"when": "all", "starts_from": -20, "starts_until": 8},
            {"seminar", "past", "cancelled"},
        ),
        ({"when": "all", "starts_until": -300}, {"long_ago"}),
        # Invalid filters: the page shows the error and lists the upcoming events; so does the link.
        ({"starts_from": "not a date"}, {"seminar", "webinar", "cancelled"}),
        (
            {"when": "all", "starts_from": 5, "starts_until": -5},
            {"seminar", "webinar", "cancelled"},
        ),
    ],
)
def test_the_subscribe_link_holds_exactly_the_events_the_calendar_lists(
    client, calendar_of_every_kind, filters, expected
):
    today = timezone.localdate()
    params = {
        name: (
            (today + datetime.timedelta(days=value)).strftime("%-d.%-m.%Y")
            if isinstance(value, int)
            else value
        )
        for name, value in filters.items()
    }
    response = client.get("/en/events/", params)
    assert response.status_code == 200
    page_html = response.content.decode()
    listed = _listed(page_html)
    assert listed == {calendar_of_every_kind[name].pk for name in expected}

    link = _subscribe_link(page_html)
    assert link.startswith("/en/events/feed.ics?")
    feed = client.get(link)
    assert feed.status_code == 200, feed.content
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    in_feed = [_pk_of(vevent["URL"]) for vevent in _events(_unfold(feed.content.decode()))]
    assert sorted(in_feed) == sorted(listed)


def test_the_subscribe_link_follows_the_filters_in_the_htmx_results(client, reference_data):
    make_event(title_en="Webinar", kind=Event.Kind.WEBINAR)
    response = client.get("/en/events/", {"kind": "webinar", "when": "all"}, HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert "<h1" not in fragment
    assert _subscribe_link(fragment) == "/en/events/feed.ics?kind=webinar&when=all"


def test_the_subscribe_link_writes_the_typed_dates_as_iso_dates(client, reference_data):
    html_text = client.get(
        "/en/events/", {"starts_from": "1.9.2030", "starts_until": "31.12.2030"}
    ).content.decode()
    assert _subscribe_link(html_text) == (
        "/en/events/feed.ics?starts_from=2030-09-01&starts_until=2030-12-31&when=upcoming"
    )


# One event's file


def test_it_gives_one_event_as_an_attachment(client, reference_data):
    event = make_event()
    response = client.get(f"/en/events/{event.pk}/event.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="vip-event-{event.pk}.ics"'
    lines = _unfold(response.content.decode())
    assert "BEGIN:VTIMEZONE" in lines
    [vevent] = _events(lines)
    assert vevent["URL"] == f"{settings.SITE_URL}/en/events/{event.pk}/"
    assert (
        vevent["UID"]
        == _events(_unfold(client.get(f"/en/events/{event.pk}/event.ics").content.decode()))[0][
            "UID"
        ]
    )


def test_it_gives_a_cancelled_event_file_as_cancelled(client, reference_data):
    event = services.event_cancel(actor=None, event=make_event(), reason="Peruttu")
    response = client.get(f"/en/events/{event.pk}/event.ics")
    assert _events(_unfold(response.content.decode()))[0]["STATUS"] == "CANCELLED"


def test_it_finds_no_file_for_a_draft(client, reference_data):
    draft = make_event(publish=False)
    assert client.get(f"/en/events/{draft.pk}/event.ics").status_code == 404
    assert client.get("/en/events/999999/event.ics").status_code == 404


def test_a_standard_icalendar_library_reads_one_events_file_as_we_meant_it(client, reference_data):
    import icalendar

    winter = datetime.datetime(2027, 1, 20, 9, 30, tzinfo=HELSINKI)
    event = make_event(
        title_en="Winter seminar; with, special \\ characters",
        description_en="**Welcome**, everyone.",
        address="Sorsapuisto 1, Tampere",
        starts_at=winter,
        ends_at=winter + 6 * HOUR,
    )

    response = client.get(f"/en/events/{event.pk}/event.ics")
    calendar = icalendar.Calendar.from_ical(response.content)

    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    # The library leaves an X- property's text escaped; the title is in it all the same.
    assert str(calendar["X-WR-CALNAME"]).startswith("Winter seminar")
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"{event.uid}@{_uid_domain()}"
    assert str(vevent["SUMMARY"]) == "Winter seminar; with, special \\ characters"
    assert str(vevent["DESCRIPTION"]) == "Welcome, everyone."
    assert str(vevent["LOCATION"]) == "Tampere-talo, Sorsapuisto 1, Tampere"
    assert str(vevent["URL"]) == f"{settings.SITE_URL}/en/events/{event.pk}/"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    start = vevent.decoded("DTSTART")
    assert start == winter
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert vevent.decoded("DTEND") - start == 6 * HOUR


def test_it_writes_the_markdown_description_as_plain_text(client, reference_data):
    import icalendar

    event = make_event(
        description_en=(
            "**Welcome** to the *seminar* on school absences.\n"
            "Coffee from 8.30.\n\n"
            "## Programme\n\n"
            "- Opening\n"
            "- Workshops, see the [materials](https://example.fi/materials?day=1&lang=en)\n\n"
            "1. Register\n"
            "2. Come\n\n"
            "Questions: [write to us](mailto:info@example.fi) or <https://example.fi/faq>. "
            "<b>Bold</b> & `code`"
        )
    )

    response = client.get(f"/en/events/{event.pk}/event.ics")
    [vevent] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")

    assert str(vevent["DESCRIPTION"]) == (
        "Welcome to the seminar on school absences.\n"
        "Coffee from 8.30.\n\n"
        "Programme\n\n"
        "- Opening\n"
        "- Workshops, see the materials (https://example.fi/materials?day=1&lang=en)\n\n"
        "1. Register\n"
        "2. Come\n\n"
        "Questions: write to us (info@example.fi) or https://example.fi/faq. Bold & code"
    )


def test_the_plain_text_description_keeps_what_the_page_shows_and_no_markup():
    assert ical.plain_text("") == ""
    # Raw HTML: the page's sanitiser drops the script, the text drops the tags.
    assert ical.plain_text("<script>alert(1)</script>Hello <em>there</em>") == "Hello there"
    assert ical.plain_text("a < b && c > d") == "a < b && c > d"
    assert ical.plain_text("- one\n- two\n    - nested") == "- one\n- two\n  - nested"
    assert ical.plain_text("| Day | Topic |\n|---|---|\n| 1 | Start |") == (
        "Day | Topic\n1 | Start"
    )
    assert ical.plain_text("Line<br>break") == "Line\nbreak"
    assert ical.plain_text("[a link](javascript:alert(1))") == "a link"


def test_it_leaves_the_join_link_out_of_a_markdown_link_too(client, reference_data):
    link = "https://meet.example/secret-room"
    event = make_event(
        mode=Event.Mode.HYBRID,
        join_url=link,
        description_en=f"Remote participants [join here]({link}) or at <{link}>.",
    )
    [vevent] = _events(_unfold(client.get(f"/en/events/{event.pk}/event.ics").content.decode()))
    assert "secret-room" not in vevent["DESCRIPTION"]
    assert vevent["DESCRIPTION"] == ical.escape_text("Remote participants join here or at .")


def test_a_standard_icalendar_library_reads_the_feed_as_we_meant_it(client, reference_data):
    """The icalendar package (a test dependency) parses what our own writer wrote."""
    import icalendar

    summer = datetime.datetime(2027, 6, 12, 9, 0, tzinfo=HELSINKI)
    make_event(
        title_en="Summer seminar; with, special \\ characters",
        description_en="Line one\nLine two " + "long text " * 20,
        starts_at=summer,
        ends_at=summer + 2 * DAY,
    )
    cancelled = services.event_cancel(actor=None, event=make_event(), reason="Sairastumisia")

    calendar = icalendar.Calendar.from_ical(client.get("/en/events/feed.ics").content)

    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    by_uid = {str(vevent["UID"]): vevent for vevent in calendar.walk("VEVENT")}
    assert len(by_uid) == 2
    summer_event = next(v for v in by_uid.values() if "Summer" in str(v["SUMMARY"]))
    assert str(summer_event["SUMMARY"]) == "Summer seminar; with, special \\ characters"
    assert str(summer_event["DESCRIPTION"]).startswith("Line one\nLine two long text")
    start = summer_event.decoded("DTSTART")
    assert start == summer
    assert start.utcoffset() == datetime.timedelta(hours=3)
    assert summer_event.decoded("DTEND") - start == 2 * DAY
    assert str(by_uid[f"{cancelled.uid}@{_uid_domain()}"]["STATUS"]) == "CANCELLED"


def _uid_domain() -> str:
    from urllib.parse import urlsplit

    return urlsplit(settings.SITE_URL).hostname or ""


# The Atom feed


def test_it_gives_the_newest_published_events_as_valid_atom(client, reference_data):
    older = make_event(title_en="Older seminar")
    newer = make_event(
        title_en="Newer seminar",
        starts_at=older.starts_at + DAY,
        ends_at=older.starts_at + DAY + HOUR,
    )
    make_event(publish=False, title_en="Draft seminar")
    response = client.get("/en/events/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = _atom(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles == ["Newer seminar", "Older seminar"]
    assert entries[0].findtext(f"{ATOM}id") == f"urn:uuid:{newer.uid}"
    link = entries[0].find(f"{ATOM}link")
    assert link is not None
    assert link.get("href") == f"{settings.SITE_URL}/en/events/{newer.pk}/"


def test_it_titles_the_atom_feed_in_the_language_of_the_address(client, reference_data):
    make_event(title_sv="Seminarium om skolfrånvaro")
    root = _atom(client.get("/sv/events/feed.atom").content)
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Seminarium om skolfrånvaro"
