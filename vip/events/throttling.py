"""A limit on registrations from one address, counted from the audit trail.

Registration needs no account, so nothing but a limit per client address stops a
script from filling an event's seats with invented names. Every registration is
audited with the client's address anyway; counting those rows over a sliding window
needs no second store and holds across processes and databases, like sign-in
throttling (vip/accounts/throttling.py). A school registering its staff from one
address stays well under the default limit.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import ngettext

from vip.audit.models import AuditAction, AuditEvent


def registration_throttled(ip: str | None) -> bool:
    """True when ``ip`` made the allowed number of registrations within the window."""
    limit = settings.EVENTS_REGISTRATIONS_PER_ADDRESS
    if not ip or limit <= 0:
        return False
    since = timezone.now() - datetime.timedelta(seconds=settings.EVENTS_REGISTRATION_WINDOW)
    recent = AuditEvent.objects.filter(
        action=AuditAction.REGISTRATION_CREATED, occurred_at__gte=since, ip=ip
    )
    # The index on (action, ip, occurred_at) finds the address's rows; counting stops
    # at the limit.
    return len(recent.values_list("pk", flat=True)[:limit]) >= limit


def throttled_message() -> str:
    minutes = max(1, settings.EVENTS_REGISTRATION_WINDOW // 60)
    return ngettext(
        "Too many registrations have come from your network address. "
        "Please try again in %(minutes)d minute.",
        "Too many registrations have come from your network address. "
        "Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
