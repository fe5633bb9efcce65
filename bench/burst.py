"""The registration burst: 200 simultaneous registrations for a 50-seat event.

A fresh event (50 seats, 50 waiting-list places, registration open) is created for
each run through the services, in the bench database; 200 client threads wait at a
barrier and then each POST one registration to ``/api/v1/events/{id}/registrations``
at once, every one on its own connection and from its own address (a distinct
``X-Forwarded-For``, with the server trusting one proxy as in production), so a
per-address rate limit on the endpoint would not turn the burst into refusals of
another kind. The answers are counted (201 confirmed / 201 waiting / 409 full) and the
database is read afterwards; the event is then deleted, so runs stay comparable.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Callable
from typing import Any

from common import BURST_CAPACITY, BURST_REQUESTS, BURST_WAITING, BurstResult

CREATE_SNIPPET = """
import datetime, json
from django.utils import timezone
from vip.demo.seeding import stable_oid
from vip.events import services
from vip.events.models import Event
from vip.registry.models import Organisation
organisation = (
    Organisation.objects.filter(oid=stable_oid("oph")).first()
    or Organisation.objects.order_by("id").first()
)
# Far ahead, so that the calendar pages measured meanwhile do not show it.
start = timezone.now() + datetime.timedelta(days=400)
event = services.event_create(
    actor=None,
    kind=Event.Kind.SEMINAR,
    title_fi="Bench: ilmoittautumispurske",
    title_en="Bench: registration burst",
    starts_at=start,
    ends_at=start + datetime.timedelta(hours=6),
    venue="Bench",
    organisation=organisation,
    capacity=%(capacity)d,
    waiting_list_capacity=%(waiting)d,
)
event = services.event_publish(actor=None, event=event)
print("BENCHJSON " + json.dumps({"id": event.pk}))
"""

COUNT_AND_DELETE_SNIPPET = """
import json
from django.db.models import Count
from vip.events.models import Event
event = Event.objects.get(pk=%(id)d)
stored = dict(event.registrations.order_by().values_list("status").annotate(n=Count("pk")))
event.delete()
print("BENCHJSON " + json.dumps(stored))
"""

# The API's title for a refusal because the event and its waiting list are full
# (vip/events/api.py), in English: the burst asks for English answers.
FULL_TITLE = "The event is full"


def _payload(run: str, index: int) -> bytes:
    return json.dumps(
        {
            "given_name": "Bench",
            "family_name": f"Client {index}",
            "email": f"burst-{run}-{index}@bench.example",
            "consent": True,
            "municipality": "837",
            "sector": "rector",
            "language": "en",
        }
    ).encode()


def _address(index: int) -> str:
    """A distinct documentation-range address (RFC 5737) for each client."""
    return f"198.51.100.{index + 1}" if index < 254 else f"203.0.113.{index - 253}"


def fire(port: int, event_id: int, requests: int = BURST_REQUESTS) -> BurstResult:
    """POST ``requests`` registrations at once; returns the answers and timings."""
    run = f"{int(time.time())}"
    barrier = threading.Barrier(requests)
    outcomes: dict[str, int] = {}
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    released: list[float] = []
    finished: list[float] = []
    path = f"/api/v1/events/{event_id}/registrations"

    def record(outcome: str, latency: float | None, error: str = "") -> None:
        with lock:
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            if latency is not None:
                latencies.append(latency)
            if error and not errors:
                errors.append(error)
            finished.append(time.monotonic())

    def client(index: int) -> None:
        body = _payload(run, index)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.connect()
            barrier.wait(timeout=60)
            started = time.monotonic()
            with lock:
                released.append(started)
            connection.request(
                "POST",
                path,
                body=body,
                headers={
                    "Content-Type": "application/json",
                    "Accept": "application/json",
                    "Accept-Language": "en",
                    "X-Forwarded-For": _address(index),
                },
            )
            response = connection.getresponse()
            data = response.read()
            latency = (time.monotonic() - started) * 1000
        except (OSError, threading.BrokenBarrierError) as error:
            record("socket error", None, f"client {index}: {error!r}")
            return
        finally:
            connection.close()
        status = response.status
        try:
            answer: Any = json.loads(data)
        except ValueError:
            answer = {}
        if status == 201 and answer.get("status") in ("confirmed", "waiting"):
            record(answer["status"], latency)
        elif status == 409 and answer.get("title") == FULL_TITLE:
            record("refused", latency)
        elif status >= 500:
            record("5xx", latency, f"client {index}: {status} {data[:300]!r}")
        else:
            record("other", latency, f"client {index}: {status} {data[:300]!r}")

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    wall = (max(finished) - min(released)) if finished and released else 0.0
    return BurstResult(
        event_id=event_id,
        requests=requests,
        outcomes=outcomes,
        stored={},
        wall_seconds=wall,
        latencies_ms=latencies,
        first_error=errors[0] if errors else "",
    )


def run_burst(
    port: int, shell: Callable[[str], dict[str, Any]], log: Callable[[str], None]
) -> BurstResult:
    """Create the event, fire the burst, read the database, delete the event."""
    created = shell(CREATE_SNIPPET % {"capacity": BURST_CAPACITY, "waiting": BURST_WAITING})
    event_id = int(created["id"])
    log(
        f"Registration burst: {BURST_REQUESTS} simultaneous POSTs to event {event_id} "
        f"({BURST_CAPACITY} seats, {BURST_WAITING} waiting-list places)"
    )
    result = fire(port, event_id)
    result.stored = {
        str(k): int(v) for k, v in shell(COUNT_AND_DELETE_SNIPPET % {"id": event_id}).items()
    }
    log(
        f"  answers {dict(sorted(result.outcomes.items()))}, stored {result.stored}, "
        f"{result.wall_seconds:.2f} s for all, p50 {result.percentile(0.5):.0f} ms, "
        f"p95 {result.percentile(0.95):.0f} ms, max {max(result.latencies_ms, default=0):.0f} ms"
        + (f"; first error: {result.first_error}" if result.first_error else "")
    )
    return result
