"""Sign-in throttling, counted from the audit trail itself.

Failed password and verification-code attempts are audited anyway; counting
them per account (by keyed hash) and per address over a sliding window needs
no second store and works the same across processes and databases.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from vip.accounts.services import identifier_hash
from vip.audit.models import AuditAction, AuditEvent

_FAILURES = [AuditAction.LOGIN_FAILED, AuditAction.TWO_FACTOR_FAILED]


def _window_start() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)


def is_throttled(*, email: str, ip: str | None) -> bool:
    recent = AuditEvent.objects.filter(action__in=_FAILURES, occurred_at__gte=_window_start())
    by_account = recent.filter(details__identifier=identifier_hash(email)).count()
    if by_account >= settings.LOGIN_FAILURES_PER_ACCOUNT:
        return True
    if ip:
        by_address = recent.filter(Q(ip=ip)).count()
        if by_address >= settings.LOGIN_FAILURES_PER_ADDRESS:
            return True
    return False


def retry_minutes() -> int:
    return max(1, settings.LOGIN_FAILURE_WINDOW // 60)
