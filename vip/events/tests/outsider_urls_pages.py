"""The public event pages' part of the outsider table in vip/core/tests/test_outsiders.py."""

from __future__ import annotations

from typing import Any

# The kinds of vip/core/tests/test_outsiders.py, as strings (importing it here would be circular).
PUBLIC = "public"
OWN = "own"
REFUSED = "refused"
POST_ONLY = "post"

URLS: dict[str, tuple[str, str]] = {
    "events:event_list": ("/en/events/", PUBLIC),
    "events:event_detail": ("/en/events/{event}/", PUBLIC),
    "events:registration_create": ("/en/events/{event}/register/", PUBLIC),
    # Anyone holding the signed link manages that registration; no account needed.
    "events:registration_manage": ("/en/events/registrations/{event_token}/", PUBLIC),
}


def example_objects() -> dict[str, Any]:
    """A published seminar open for registration, and one registration's manage token."""
    import datetime

    from django.utils import timezone

    from vip.core.testing import make_organisation
    from vip.events import services
    from vip.events.models import Event
    from vip.registry.models import Organisation

    start = timezone.now() + datetime.timedelta(days=14)
    event = services.event_create(
        actor=None,
        kind=Event.Kind.SEMINAR,
        title_fi="Esimerkkiseminaari",
        title_en="Example seminar",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        venue="Tampere-talo",
        capacity=20,
        organisation=make_organisation(
            kind=Organisation.Kind.NATIONAL_AGENCY, name_fi="Esimerkkivirasto"
        ),
    )
    event = services.event_publish(actor=None, event=event)
    registration = services.registration_create(
        event=event,
        given_name="Eero",
        family_name="Esimerkki",
        email="eero.esimerkki@koulu.example",
        consent=True,
        notify=False,
    )
    # "token" is taken by the API token of the core table.
    return {"event": event.pk, "event_token": services.manage_token(registration)}
