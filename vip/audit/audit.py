"""``audit.record(...)``: write an audit row in the transaction of the change.

Usage, inside a service::

    with transaction.atomic():
        grant.save()
        audit.record(AuditAction.ROLE_GRANTED, actor=actor, target=grant, details={...})

Recording outside a transaction is refused: an audit row that could commit
without its change, or a change without its row, is the failure this design
prevents.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.db import models, transaction

from vip.audit.models import AuditAction, AuditEvent
from vip.core import request_context

if TYPE_CHECKING:
    from vip.registry.models import Area, Organisation

MAX_DETAILS_BYTES = 4096


class AuditUsageError(RuntimeError):
    pass


def target_type_of(obj: models.Model) -> str:
    return obj._meta.label_lower


def record(
    action: AuditAction,
    *,
    actor: Any | None,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str | int = "",
    organisation: Organisation | None = None,
    area: Area | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    if not transaction.get_connection().in_atomic_block:
        raise AuditUsageError("audit.record must run inside the transaction of the change.")
    details = details or {}
    if len(json.dumps(details, default=str)) > MAX_DETAILS_BYTES:
        raise AuditUsageError("Audit details must stay small; store ids, not documents.")
    if target is not None:
        target_type = target_type or target_type_of(target)
        target_id = target_id or str(target.pk)
    context = request_context.current()
    return AuditEvent.objects.create(
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        target_type=target_type,
        target_id=str(target_id),
        organisation=organisation,
        area=area,
        ip=context.ip if context else None,
        request_id=context.request_id if context else "",
        details=details,
    )
