"""Registrations and cancellations arriving at once over real HTTP: seats are never overbooked.

test_concurrency.py calls the service from threads; these tests go through the
whole stack (a live server, the JSON API, the manage page with its CSRF check),
each request on its own server thread and database connection, as in production.
They run on PostgreSQL, where row locks are real (SQLite serialises every write
transaction anyway).

Every request comes from 127.0.0.1, so the limit on registrations from one address
(EVENTS_REGISTRATIONS_PER_ADDRESS) is turned off here; test_concurrency.py tests it.

The server is Django's LiveServerThread, as behind pytest-django's ``live_server``,
but listening with a longer connection queue: Django's test server queues 10
connections, and the kernel resets some of a burst of 40 before Django sees them.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection, connections
from django.test.testcases import LiveServerThread

from vip.events import services
from vip.events.models import Event, Registration
from vip.events.tests.builders import make_event, register

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks under simultaneous HTTP requests are tested on PostgreSQL "
        "(make test-postgres with TEST_DATABASE_URL set)",
    ),
    pytest.mark.django_db(transaction=True),
]

CAPACITY = 10
WAITING_PLACES = 5
ATTEMPTS = 40
REFUSED = ATTEMPTS - CAPACITY - WAITING_PLACES
TIMEOUT = 30  # seconds for one request, generous for a busy machine

Status = Registration.Status


@dataclass
class Answer:
    status: int
    body: str

    def json(self) -> Any:
        return json.loads(self.body)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the answer itself (302) is what the test looks at


def _browser() -> urllib.request.OpenerDirector:
    """A client of its own: cookies (the CSRF cookie) kept, redirects not followed."""
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects()
    )


def _request(url: str, *, data: bytes | None = None, **headers: str) -> urllib.request.Request:
    assert url.startswith("http://127.0.0.1:"), url  # only ever the test's own server
    headers["Accept-Language"] = "en"
    return urllib.request.Request(url, data=data, headers=headers)  # noqa: S310


def _send(opener: urllib.request.OpenerDirector, request: urllib.request.Request) -> Answer:
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            return Answer(response.status, response.read().decode())
    except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx and 5xx
        return Answer(error.code, error.read().decode())


def _post_registration(base_url: str, event: Event, number: int) -> Answer:
    body = {
        "given_name": f"Osallistuja{number}",
        "family_name": "Ruuhka",
        "email": f"ruuhka{number}@koulu.example",
        "consent": True,
        "organisation_text": "Ruuhkalan koulu",
        "language": "en",
    }
    request = _request(
        f"{base_url}/api/v1/events/{event.pk}/registrations",
        data=json.dumps(body).encode(),
        **{"Content-Type": "application/json"},
    )
    return _send(_browser(), request)


def _open_manage_page(base_url: str, token: str) -> tuple[urllib.request.OpenerDirector, str]:
    """The manage page as the registrant opens it from the e-mail: (their client, CSRF token)."""
    opener = _browser()
    page = _send(opener, _request(f"{base_url}/en/events/registrations/{token}/"))
    assert page.status == 200, page.body[:500]
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    assert found, "the manage page has a form with a CSRF token"
    return opener, found[1]


def _cancel(base_url: str, token: str, opener: urllib.request.OpenerDirector, csrf: str) -> Answer:
    url = f"{base_url}/en/events/registrations/{token}/"
    request = _request(
        url, data=urllib.parse.urlencode({"csrfmiddlewaretoken": csrf}).encode(), Referer=url
    )
    return _send(opener, request)


def _run_at_once(calls: list[Callable[[], Answer]]) -> list[Answer]:
    """Run every call on a thread of its own, all released together; their answers in order."""
    start = threading.Barrier(len(calls))
    answers: list[Answer | None] = [None] * len(calls)
    crashes: list[BaseException] = []

    def run(index: int) -> None:
        try:
            start.wait()
            answers[index] = calls[index]()
        except BaseException as error:  # reported below: a crash is not an answer
            crashes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert crashes == []
    return [answer for answer in answers if answer is not None]


class SeatWatch:
    """Reads the event's seat counts over and over while a burst runs, on its own connection."""

    def __init__(self, event: Event) -> None:
        self.event = event
        self.most_confirmed = 0
        self.most_waiting = 0
        self.reads = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch)

    def _watch(self) -> None:
        try:
            while not self._stop.is_set():
                counts = Counter(
                    Registration.objects.filter(event=self.event).values_list("status", flat=True)
                )
                self.most_confirmed = max(self.most_confirmed, counts[Status.CONFIRMED])
                self.most_waiting = max(self.most_waiting, counts[Status.WAITING])
                self.reads += 1
                time.sleep(0.005)
        finally:
            connections.close_all()

    def __enter__(self) -> SeatWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


class _BurstServer(ThreadedWSGIServer):
    request_queue_size = 2 * ATTEMPTS


class _BurstServerThread(LiveServerThread):
    server_class = _BurstServer


@pytest.fixture
def server_url(transactional_db: None) -> Iterator[str]:
    """A live server on its own port, for this test's (committed) data."""
    thread = _BurstServerThread("127.0.0.1", StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    try:
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.terminate()


@pytest.fixture
def open_registrations(settings: Any) -> None:
    # All requests come from 127.0.0.1: the per-address limit would refuse most of them.
    settings.EVENTS_REGISTRATIONS_PER_ADDRESS = 0


def test_simultaneous_http_registrations_fill_seats_then_waiting_list_then_are_refused(
    server_url, reference_data, open_registrations
):
    event = make_event(capacity=CAPACITY, waiting_list_capacity=WAITING_PLACES)
    calls = [
        (lambda number=number: _post_registration(server_url, event, number))
        for number in range(ATTEMPTS)
    ]

    with SeatWatch(event) as watch:
        answers = _run_at_once(calls)

    assert len(answers) == ATTEMPTS
    assert [a for a in answers if a.status >= 500] == []
    assert Counter(a.status for a in answers) == {201: CAPACITY + WAITING_PLACES, 409: REFUSED}
    created = Counter(a.json()["status"] for a in answers if a.status == 201)
    assert created == {"confirmed": CAPACITY, "waiting": WAITING_PLACES}
    refusals = {(a.json()["title"], a.json()["status"]) for a in answers if a.status == 409}
    assert refusals == {("The event is full", 409)}

    stored = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert stored == {Status.CONFIRMED: CAPACITY, Status.WAITING: WAITING_PLACES}
    assert watch.reads > 0
    assert watch.most_confirmed <= CAPACITY
    assert watch.most_waiting <= WAITING_PLACES


def test_cancellations_and_new_registrations_at_once_keep_capacity_and_the_waiting_order(
    server_url, reference_data, open_registrations
):
    event = make_event(capacity=CAPACITY, waiting_list_capacity=WAITING_PLACES)
    confirmed = [register(event, notify=False) for _ in range(CAPACITY)]
    waiting = [register(event, notify=False) for _ in range(WAITING_PLACES)]
    assert {r.status for r in confirmed} == {Status.CONFIRMED}
    assert {r.status for r in waiting} == {Status.WAITING}
    leaving = confirmed[:6]
    # Each leaver has their manage page open (and its CSRF token) before the burst.
    pages = {}
    for registration in leaving:
        token = services.manage_token(registration)
        pages[registration.pk] = (token, *_open_manage_page(server_url, token))
    newcomers = 20
    cancels: list[Callable[[], Answer]] = [
        (lambda page=page: _cancel(server_url, *page)) for page in pages.values()
    ]
    registrations: list[Callable[[], Answer]] = [
        (lambda number=number: _post_registration(server_url, event, number))
        for number in range(newcomers)
    ]
    # Interleaved, so that cancellations and registrations start mixed.
    calls = [call for pair in zip(registrations, cancels, strict=False) for call in pair]
    calls += registrations[len(cancels) :]

    with SeatWatch(event) as watch:
        answers = _run_at_once(calls)

    assert [a for a in answers if a.status >= 500] == []
    cancel_answers = [a for a in answers if a.status == 302]
    register_answers = [a for a in answers if a.status != 302]
    assert len(cancel_answers) == len(leaving)  # the manage page redirects after cancelling
    assert {a.status for a in register_answers} <= {201, 409}
    assert len(register_answers) == newcomers

    rows = list(Registration.objects.filter(event=event).order_by("created_at", "pk"))
    statuses = Counter(row.status for row in rows)
    assert statuses[Status.CANCELLED] == len(leaving)
    assert statuses[Status.CONFIRMED] <= CAPACITY
    assert statuses[Status.WAITING] <= WAITING_PLACES
    # Nobody waits while a seat is free.
    assert statuses[Status.WAITING] == 0 or statuses[Status.CONFIRMED] == CAPACITY
    # The API told each newcomer what the database holds (or their later promotion).
    told = Counter(a.json()["status"] for a in register_answers if a.status == 201)
    new_rows = [row for row in rows if row.email.startswith("ruuhka")]
    assert len(new_rows) == told["confirmed"] + told["waiting"]
    seated_at_once = [r for r in new_rows if r.status == Status.CONFIRMED and not r.promoted_at]
    queued = [r for r in new_rows if r.status == Status.WAITING or r.promoted_at]
    assert (len(seated_at_once), len(queued)) == (told["confirmed"], told["waiting"])

    # The waiting list moved in order: those waiting before the burst went first (six seats
    # freed, five waiting), and everyone promoted was promoted in the order they registered.
    for registration in waiting:
        registration.refresh_from_db()
        assert registration.status == Status.CONFIRMED
        assert registration.promoted_at is not None
    promoted = [row for row in rows if row.promoted_at is not None]
    by_promotion = sorted(promoted, key=lambda row: (row.promoted_at, row.pk))
    assert [row.pk for row in by_promotion] == [row.pk for row in promoted]
    still_waiting = [row for row in rows if row.status == Status.WAITING]
    if promoted and still_waiting:
        assert max(row.created_at for row in promoted) < min(
            row.created_at for row in still_waiting
        )

    assert watch.most_confirmed <= CAPACITY
    assert watch.most_waiting <= WAITING_PLACES
