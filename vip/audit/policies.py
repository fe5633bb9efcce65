"""Only national administrators read the audit trail; nobody changes it."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from vip.accounts import scopes
from vip.audit.models import AuditEvent


class AuditEventPolicy:
    def can(self, user: Any, action: str, obj: AuditEvent | None = None) -> bool:
        return action in {"view", "export"} and scopes.is_national_admin(user)

    def visible(self, user: Any, action: str = "view") -> QuerySet[AuditEvent]:
        if self.can(user, action):
            return AuditEvent.objects.all()
        return AuditEvent.objects.none()


audit_event_policy = AuditEventPolicy()
