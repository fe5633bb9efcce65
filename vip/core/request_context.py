"""Who is asking, from where, under which request id.

The middleware fills this in for every request so that the audit trail and the
logs can tell which request a record came from without every service having to
pass the request object along.
"""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest


@dataclass(frozen=True, slots=True)
class RequestContext:
    request_id: str
    ip: str | None


_current: ContextVar[RequestContext | None] = ContextVar("vip_request_context", default=None)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current() -> RequestContext | None:
    return _current.get()


def activate(context: RequestContext | None) -> object:
    return _current.set(context)


def deactivate(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


def request_id_from(request: HttpRequest) -> str:
    """Keep a well-formed id from the proxy so one request is traceable end to end."""
    incoming = request.headers.get("X-Request-ID", "")
    return incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex


def client_ip(request: HttpRequest) -> str | None:
    proxies: int = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
