"""Policy objects: every permission question in one place per model.

A policy answers two questions for one model:

* ``can(user, action, obj)`` - may this user do this to this object?
* ``visible(user, action)`` - the queryset of objects the user may do it to.

Views never decide permissions themselves; they load objects through
``fetch_or_404`` so that an object the user may not see answers 404, exactly
as if it did not exist.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.db import models
from django.http import Http404


class Policy[M: models.Model](Protocol):
    def can(self, user: Any, action: str, obj: M | None = None) -> bool: ...

    def visible(self, user: Any, action: str = "view") -> models.QuerySet[M]: ...


def fetch_or_404[M: models.Model](
    policy: Policy[M],
    user: Any,
    action: str,
    /,
    *,
    queryset: models.QuerySet[M] | None = None,
    **lookup: Any,
) -> M:
    """Load one object the user may act on, or answer 404 without revealing it exists."""
    base = policy.visible(user, action) if queryset is None else queryset
    obj = base.filter(**lookup).first()
    if obj is None or not policy.can(user, action, obj):
        raise Http404
    return obj
