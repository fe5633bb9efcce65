"""Builders for event tests: an open event and registrations with little typing."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from vip.core.testing import make_organisation
from vip.events import services
from vip.events.models import Event, Registration
from vip.registry.models import Organisation

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
_numbers = itertools.count(1)


def organiser() -> Organisation:
    return make_organisation(kind=Organisation.Kind.NATIONAL_AGENCY, name_fi="Opetushallitus")


def make_event(*, publish: bool = True, **values: Any) -> Event:
    """A free on-site seminar next week, open for registration now."""
    start = timezone.now() + 7 * DAY
    values.setdefault("kind", Event.Kind.SEMINAR)
    values.setdefault("title_fi", "Koulupoissaolot seminaari")
    values.setdefault("title_en", "Seminar on school absences")
    values.setdefault("starts_at", start)
    values.setdefault("ends_at", start + 6 * HOUR)
    values.setdefault("venue", "Tampere-talo")
    if "organising_group" not in values and "organisation" not in values:
        values["organisation"] = organiser()
    if values.get("is_paid") and "price_groups" not in values:
        values["price_groups"] = [
            {
                "name_fi": "Jäsenorganisaatio",
                "price": Decimal("80.00"),
                "vat_rate": Decimal("25.5"),
            },
            {"name_fi": "Muu", "price": Decimal("120.00"), "vat_rate": Decimal("25.5")},
        ]
    event = services.event_create(actor=None, **values)
    if publish:
        event = services.event_publish(actor=None, event=event)
    return event


def register(event: Event, email: str | None = None, **values: Any) -> Registration:
    number = next(_numbers)
    values.setdefault("given_name", f"Osallistuja{number}")
    values.setdefault("family_name", "Testinen")
    values.setdefault("consent", True)
    return services.registration_create(
        event=event, email=email or f"osallistuja{number}@koulu.example", **values
    )
