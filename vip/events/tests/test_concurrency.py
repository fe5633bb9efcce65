"""Many people registering at the same moment: capacity and waiting list are never exceeded.

The seat count spans rows, so no constraint can hold it; the service locks the
event row before counting. This test fires simultaneous registrations against
PostgreSQL, where row locks are real (SQLite serialises every write transaction
anyway). Without the lock it fails: the threads all count the same free seats.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from vip.events import services
from vip.events.models import Registration
from vip.events.tests.builders import make_event

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL"
)

ATTEMPTS = 30
CAPACITY = 10
WAITING_PLACES = 5


@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_never_overbook(reference_data):
    event = make_event(capacity=CAPACITY, waiting_list_capacity=WAITING_PLACES)
    start = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []
    failures: list[BaseException] = []

    def register(number: int) -> None:
        try:
            start.wait()
            registration = services.registration_create(
                event=event,
                given_name=f"Osallistuja{number}",
                family_name="Ruuhka",
                email=f"ruuhka{number}@koulu.example",
                consent=True,
                notify=False,
            )
            outcomes.append(registration.status)
        except ValidationError as error:
            outcomes.append(error.code or "invalid")
        except BaseException as error:  # reported below: a crash is not a refusal
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert Counter(outcomes) == {
        "confirmed": CAPACITY,
        "waiting": WAITING_PLACES,
        services.CODE_FULL: ATTEMPTS - CAPACITY - WAITING_PLACES,
    }
    stored = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert stored == {"confirmed": CAPACITY, "waiting": WAITING_PLACES}


@pytest.mark.django_db(transaction=True)
def test_a_burst_from_one_address_gets_no_more_than_its_limit(reference_data, settings):
    from vip.core import request_context

    settings.EVENTS_REGISTRATIONS_PER_ADDRESS = 3
    event = make_event(capacity=CAPACITY, waiting_list_capacity=WAITING_PLACES)
    attempts = 12
    start = threading.Barrier(attempts)
    outcomes: list[str] = []
    failures: list[BaseException] = []

    def register(number: int) -> None:
        # The audit trail records the address of the request, as the middleware sets it.
        token = request_context.activate(
            request_context.RequestContext(request_id=f"burst-{number:04d}", ip="192.0.2.44")
        )
        try:
            start.wait()
            registration = services.registration_create(
                event=event,
                given_name=f"Osallistuja{number}",
                family_name="Kone",
                email=f"kone{number}@koulu.example",
                consent=True,
                notify=False,
                client_ip="192.0.2.44",
            )
            outcomes.append(registration.status)
        except ValidationError as error:
            outcomes.append(error.code or "invalid")
        except BaseException as error:
            failures.append(error)
        finally:
            request_context.deactivate(token)
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert Counter(outcomes) == {"confirmed": 3, services.CODE_THROTTLED: attempts - 3}
    assert Registration.objects.filter(event=event).count() == 3
