"""What the organiser views share: loading an event they organise, export names."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from vip.core.policies import fetch_or_404
from vip.events.models import Event, event_data_key
from vip.events.policies import event_policy

# The formats of every table download of the organiser tools.
EXPORT_FORMATS = ("csv", "xlsx")


def organised_event(request: HttpRequest, pk: int) -> Event:
    """An event the user organises, or 404 as if it did not exist."""
    return fetch_or_404(
        event_policy,
        request.user,
        "manage",
        queryset=event_policy.visible(request.user, "manage").select_related(
            "organising_group", "organisation"
        ),
        pk=pk,
    )


def export_stamp() -> str:
    """The moment of a download in its file name, in Finnish time: 20261122-1830."""
    return timezone.localtime().strftime("%Y%m%d-%H%M")


def seat_keys(pk: int) -> list[str]:
    """The data keys of one event's cached pages besides PUBLIC_DATA: its seats."""
    return [event_data_key(pk)]
