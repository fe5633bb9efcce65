"""The one write that reading a reach report causes: the audit row of its export."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from vip.audit import audit
from vip.audit.models import AuditAction

if TYPE_CHECKING:
    from vip.accounts.models import User
    from vip.events.models import Event


@transaction.atomic
def report_export_record(
    *, actor: User, fmt: str, event: Event | None = None, filters: dict[str, Any] | None = None
) -> None:
    """Reach figures leave the platform: every download is audited, with its filters."""
    audit.record(
        AuditAction.EVENT_REPORT_EXPORTED,
        actor=actor,
        target=event,
        target_type="" if event is not None else "events.reachreport",
        organisation=event.organisation if event is not None else None,
        details={"format": fmt, **({"filters": filters} if filters else {})},
    )
