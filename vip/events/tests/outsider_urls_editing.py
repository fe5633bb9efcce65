"""The organiser tools' part of the outsider table in vip/core/tests/test_outsiders.py."""

from __future__ import annotations

from typing import Any

# The kinds of vip/core/tests/test_outsiders.py, as strings (importing it here would be circular).
PUBLIC = "public"
OWN = "own"
REFUSED = "refused"
POST_ONLY = "post"

URLS: dict[str, tuple[str, str]] = {
    # Signed-in users see the events they organise: for the outsider, none.
    "events:organiser_home": ("/en/events/organise/", OWN),
    "events:event_create": ("/en/events/new/", REFUSED),
    "events:event_edit": ("/en/events/{editing_event}/edit/", REFUSED),
    "events:event_publish": ("/en/events/{editing_event}/publish/", POST_ONLY),
    "events:event_cancel": ("/en/events/{editing_event}/cancel/", REFUSED),
    "events:event_duplicate": ("/en/events/{editing_event}/duplicate/", REFUSED),
    "events:series_duplicate": ("/en/events/series/{editing_series}/duplicate/", REFUSED),
    "events:material_list": ("/en/events/{editing_event}/materials/", REFUSED),
    "events:material_delete": ("/en/events/materials/{editing_material}/delete/", POST_ONLY),
    # A participants-only material: anonymous visitors are sent to sign in, outsiders get 404.
    "events:material_download": ("/en/events/materials/{editing_material}/download/", REFUSED),
    # The holder of a confirmed participant's link gets it, with or without an account.
    "events:participant_material_download": (
        "/en/events/registrations/{editing_token}/materials/{editing_material}/",
        PUBLIC,
    ),
}


def example_objects() -> dict[str, Any]:
    """A draft in a series, and a published event of it with a participants-only link."""
    import datetime

    from django.utils import timezone

    from vip.core.testing import make_organisation
    from vip.events import services
    from vip.events.models import Event, EventSeries
    from vip.events.services import editing
    from vip.registry.models import Organisation

    organisation = make_organisation(
        kind=Organisation.Kind.NATIONAL_AGENCY, name_fi="Järjestäjävirasto"
    )
    series = EventSeries.objects.create(name_fi="Esimerkkisarja 2025")
    start = timezone.now() + datetime.timedelta(days=21)
    values: dict[str, Any] = {
        "kind": Event.Kind.WEBINAR,
        "series": series,
        "title_fi": "Sarjan webinaari",
        "mode": Event.Mode.REMOTE,
        "join_url": "https://meet.example/sarja",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "organisation": organisation,
    }
    draft = services.event_create(actor=None, **values)
    published = services.event_publish(
        actor=None,
        event=services.event_create(
            actor=None,
            **{
                **values,
                "starts_at": start + datetime.timedelta(days=7),
                "ends_at": start + datetime.timedelta(days=7, hours=2),
            },
        ),
    )
    material = editing.material_add(
        actor=None,
        event=published,
        title="Tallenne",
        url="https://video.example/tallenne",
        public=False,
    )
    registration = services.registration_create(
        event=published,
        given_name="Pirjo",
        family_name="Osallistuja",
        email="pirjo.osallistuja@koulu.example",
        consent=True,
        notify=False,
    )
    return {
        "editing_event": draft.pk,
        "editing_series": series.pk,
        "editing_material": material.pk,
        "editing_token": services.manage_token(registration),
    }
