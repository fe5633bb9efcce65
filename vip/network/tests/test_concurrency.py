"""Two coordinators adding a chair at the same moment: the group lock lets one through.

The rule "one chair at any date" spans rows, so no portable constraint can hold
it for dated memberships; the services lock the group row first. This test fires
simultaneous additions against PostgreSQL, where row locks are real (SQLite
serialises every write transaction anyway).
"""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from vip.network import services
from vip.network.models import Group, Membership, Person

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL"
)

ATTEMPTS = 6


@pytest.mark.django_db(transaction=True)
def test_simultaneous_chairs_leave_exactly_one(reference_data):
    group = Group.objects.create(
        kind=Group.Kind.STEERING, name_fi="Johtoryhmä", term_start=datetime.date(2026, 1, 1)
    )
    people = [
        Person.objects.create(given_name=f"Henkilö{n}", family_name="Testi")
        for n in range(ATTEMPTS)
    ]
    start = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []

    def add_chair(person: Person) -> None:
        try:
            start.wait()
            services.membership_add(
                actor=None,
                group=group,
                person=person,
                role=Membership.Role.CHAIR,
                # Dated memberships: only the service's check under the lock stops a second.
                start=datetime.date(2026, 2, 1),
                end=datetime.date(2026, 12, 31),
            )
            outcomes.append("added")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add_chair, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["added"] + ["refused"] * (ATTEMPTS - 1)
    assert Membership.objects.filter(group=group, role=Membership.Role.CHAIR).count() == 1
