"""The calendar, event pages and feeds are cached for visitors, never stale in seats."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from vip.events import services
from vip.events.tests.builders import make_event, register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on():
    cache.clear()
    with override_settings(PUBLIC_PAGE_CACHE_SECONDS=300):
        yield
    cache.clear()


def get(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("url", ["/en/events/{pk}/", "/en/events/{pk}/event.ics"])
def test_an_event_page_costs_one_query_and_a_registration_shows_at_once(
    client, reference_data, url
):
    event = make_event(capacity=10, title_en="Cached seminar")
    address = url.format(pk=event.pk)
    get(client, address)

    queries, _html = get(client, address)
    assert queries <= 1  # the data versions only

    register(event)
    queries, _html = get(client, address)
    assert queries > 1  # rendered afresh
    assert "9 seats left" in get(client, f"/en/events/{event.pk}/")[1]


@pytest.mark.parametrize("url", ["/en/events/", "/en/events/feed.ics", "/en/events/feed.atom"])
def test_a_calendar_list_is_cached_and_an_edited_event_shows_at_once(client, reference_data, url):
    event = make_event(title_en="Cached seminar")
    get(client, url)
    assert get(client, url)[0] <= 1

    services.event_update(actor=None, event=event, title_en="Renamed seminar")

    assert "Renamed seminar" in get(client, url)[1]


def test_a_registration_leaves_the_other_events_pages_cached(client, reference_data):
    busy = make_event(capacity=10)
    quiet = make_event(capacity=10)
    get(client, f"/en/events/{quiet.pk}/")

    register(busy)

    assert get(client, f"/en/events/{quiet.pk}/")[0] <= 1


def test_a_cancelled_registration_frees_the_seat_on_the_cached_page(client, reference_data):
    event = make_event(capacity=1)
    registration = register(event)
    assert "0 seats left" in get(client, f"/en/events/{event.pk}/")[1]

    services.registration_cancel(registration=registration)

    assert "1 seat left" in get(client, f"/en/events/{event.pk}/")[1]


def test_a_cached_calendar_file_keeps_its_download_name(client, reference_data):
    event = make_event()
    first = client.get(f"/en/events/{event.pk}/event.ics")
    again = client.get(f"/en/events/{event.pk}/event.ics")

    assert again.content == first.content
    assert again["Content-Disposition"] == f'attachment; filename="vip-event-{event.pk}.ics"'
    assert again["Content-Type"] == "text/calendar; charset=utf-8"


def test_calendar_pages_live_only_a_minute_because_registration_follows_the_clock(
    client, reference_data, monkeypatch
):
    stored = []
    original = cache.set
    monkeypatch.setattr(cache, "set", lambda key, value, timeout: stored.append(timeout)
                        or original(key, value, timeout))  # fmt: skip
    make_event()

    client.get("/en/events/")

    assert stored == [60]


def test_organisers_always_get_a_fresh_page(client, login, national_admin):
    event = make_event(capacity=10)
    login(client, national_admin)
    get(client, f"/en/events/{event.pk}/")

    queries, _html = get(client, f"/en/events/{event.pk}/")

    assert queries > 1


def test_the_api_list_is_cached_and_follows_edits(client, reference_data):
    event = make_event(capacity=10, title_en="Cached seminar")
    url = "/api/v1/events?kind=seminar&lang=en"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        cached = client.get(url).json()
    assert len(queries) <= 1
    assert cached["items"][0]["title"] == "Cached seminar"

    services.event_update(actor=None, event=event, title_en="Renamed seminar")

    assert client.get(url).json()["items"][0]["title"] == "Renamed seminar"
    # Another filter is another answer, and a wrong one is still refused.
    assert client.get("/api/v1/events?kind=webinar").json()["items"] == []
    assert client.get("/api/v1/events?kind=nonsense").status_code == 422


def test_a_page_number_that_is_not_a_number_is_never_stored(client, reference_data):
    make_event()
    client.get("/en/events/?page=last")

    assert get(client, "/en/events/?page=last")[0] > 1
