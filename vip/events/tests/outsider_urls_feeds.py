"""The feeds' part of the outsider table in vip/core/tests/test_outsiders.py."""

from __future__ import annotations

from typing import Any

# The same values as vip.core.tests.test_outsiders (which imports this module).
PUBLIC = "public"
OWN = "own"
REFUSED = "refused"
POST_ONLY = "post"

URLS: dict[str, tuple[str, str]] = {
    "events:calendar_feed": ("/en/events/feed.ics", PUBLIC),
    "events:event_ics": ("/en/events/{event}/event.ics", PUBLIC),
    "events:news_feed": ("/en/events/feed.atom", PUBLIC),
}


def example_objects() -> dict[str, Any]:
    """A published seminar next week."""
    import datetime

    from django.utils import timezone

    from vip.core.testing import make_organisation
    from vip.events import services
    from vip.registry.models import Organisation

    start = timezone.now() + datetime.timedelta(days=7)
    event = services.event_create(
        actor=None,
        kind="seminar",
        title_fi="Syötteiden esimerkkiseminaari",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        venue="Tampere-talo",
        organisation=make_organisation(
            kind=Organisation.Kind.NATIONAL_AGENCY, name_fi="Syöte-esimerkkivirasto"
        ),
    )
    event = services.event_publish(actor=None, event=event)
    return {"event": event.pk}
