"""Feedback and reach reports' part of the outsider table in vip/core/tests/test_outsiders.py."""

from __future__ import annotations

from typing import Any

# The kinds of vip/core/tests/test_outsiders.py, as strings (importing it here would be circular).
PUBLIC = "public"
OWN = "own"
REFUSED = "refused"
POST_ONLY = "post"

URLS: dict[str, tuple[str, str]] = {
    # Anyone holding the signed link gives feedback once; no account needed.
    "events:feedback_form": ("/en/events/feedback/{feedback_token}/", PUBLIC),
    "events:event_report": ("/en/events/{report_event}/report/", REFUSED),
    "events:event_report_export": ("/en/events/{report_event}/report.csv", REFUSED),
    "events:reach_report": ("/en/events/reports/", REFUSED),
    "events:reach_report_export": ("/en/events/reports/export.xlsx", REFUSED),
}


def example_objects() -> dict[str, Any]:
    """A seminar that ended yesterday, and the feedback token of its one participant."""
    import datetime

    from django.utils import timezone

    from vip.core.testing import make_organisation
    from vip.events import services
    from vip.events.models import Event
    from vip.events.services.feedback import feedback_token
    from vip.registry.models import Organisation

    start = timezone.now() + datetime.timedelta(days=7)
    event = services.event_create(
        actor=None,
        kind=Event.Kind.SEMINAR,
        title_fi="Raportin esimerkkiseminaari",
        title_en="Report example seminar",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        venue="Tampere-talo",
        organisation=make_organisation(
            kind=Organisation.Kind.NATIONAL_AGENCY, name_fi="Raporttiesimerkkivirasto"
        ),
    )
    event = services.event_publish(actor=None, event=event)
    registration = services.registration_create(
        event=event,
        given_name="Raili",
        family_name="Raportti",
        email="raili.raportti@koulu.example",
        consent=True,
        notify=False,
    )
    # Registration is closed once an event has begun: it moves into the past afterwards.
    ended = timezone.now() - datetime.timedelta(days=1)
    Event.objects.filter(pk=event.pk).update(
        starts_at=ended - datetime.timedelta(hours=4), ends_at=ended
    )
    return {"report_event": event.pk, "feedback_token": feedback_token(registration)}
