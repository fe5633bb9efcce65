"""The organiser tools' part of the outsider table in vip/core/tests/test_outsiders.py:
participants, attendance, messages, exports and invoicing."""

from __future__ import annotations

from typing import Any

# The kinds of vip/core/tests/test_outsiders.py, as strings (importing it here would be circular).
PUBLIC = "public"
OWN = "own"
REFUSED = "refused"
POST_ONLY = "post"

_EVENT = "/en/events/{participants_event}"
_ROW = "{participants_registration}"

URLS: dict[str, tuple[str, str]] = {
    "events:participant_list": (f"{_EVENT}/participants/", REFUSED),
    "events:participant_export": (f"{_EVENT}/participants.csv", REFUSED),
    "events:participant_promote": (f"{_EVENT}/participants/{_ROW}/promote/", POST_ONLY),
    "events:participant_remove": (f"{_EVENT}/participants/{_ROW}/remove/", POST_ONLY),
    "events:attendance": (f"{_EVENT}/attendance/", REFUSED),
    "events:attendance_mark": (f"{_EVENT}/attendance/{_ROW}/", POST_ONLY),
    "events:message_list": (f"{_EVENT}/messages/", REFUSED),
    "events:invoicing": (f"{_EVENT}/invoicing/", REFUSED),
    "events:invoicing_export": (f"{_EVENT}/invoicing.xlsx", REFUSED),
}


def example_objects() -> dict[str, Any]:
    """A paid seminar (so that its invoicing exists) with one registration on the waiting list."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from vip.core.testing import make_organisation
    from vip.events import services
    from vip.events.models import Event
    from vip.registry.models import Organisation

    start = timezone.now() + datetime.timedelta(days=14)
    event = services.event_create(
        actor=None,
        kind=Event.Kind.SEMINAR,
        title_fi="Maksullinen esimerkkiseminaari",
        title_en="Paid example seminar",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        venue="Tampere-talo",
        capacity=1,
        waiting_list_capacity=5,
        is_paid=True,
        price_groups=[{"name_fi": "Muu", "price": Decimal("100.00"), "vat_rate": Decimal("25.5")}],
        organisation=make_organisation(
            kind=Organisation.Kind.NATIONAL_AGENCY, name_fi="Esimerkkivirasto osallistujille"
        ),
    )
    event = services.event_publish(actor=None, event=event)
    price_group = event.price_groups.get()
    registrations = [
        services.registration_create(
            event=event,
            given_name=given,
            family_name="Esimerkki",
            email=f"{given.lower()}.esimerkki@koulu.example",
            consent=True,
            price_group=price_group,
            billing_organisation="Tampereen kaupunki",
            billing_address="PL 487, 33101 Tampere",
            notify=False,
        )
        for given in ("Paula", "Jaana")
    ]
    # The second one waits: a POST that got through would promote or remove her.
    return {"participants_event": event.pk, "participants_registration": registrations[1].pk}
