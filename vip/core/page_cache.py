"""Caching of public pages for visitors who are not signed in.

Reference pages (areas, municipalities, organisations) are the same for every
anonymous visitor and change rarely, so their rendered HTML is cached, keyed
by address, language, htmx fragment or whole page, and the version of the data
they show. A change raises the version in its own transaction, so the next
request renders afresh; nothing stale is ever served. Signed-in users always
get freshly rendered pages (they see actions and messages of their own).
``PUBLIC_PAGE_CACHE_SECONDS=0`` turns the cache off.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from vip.core import data_versions
from vip.core.htmx import is_htmx

View = Callable[..., HttpResponse]


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        # A pending flash message belongs to this visitor only.
        and "messages" not in request.COOKIES
    )


def cache_public_page(*data_keys: str) -> Callable[[View], View]:
    """Cache the view's page for anonymous visitors, keyed by the versions of ``data_keys``.

    A page that shows several kinds of data (say registry and network) names them all.
    """
    if not data_keys:
        raise TypeError("cache_public_page needs at least one data key")

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            version = data_versions.current(*data_keys)
            raw = f"{get_language()}|{is_htmx(request)}|{request.get_full_path()}|{version}"
            key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
            cached = cache.get(key)
            if cached is not None:
                status, content, headers = cached
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response[name] = value
                return response
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies and not response.streaming:
                if hasattr(response, "render"):
                    response.render()
                headers = [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() in {"content-type", "content-language", "vary"}
                ]
                cache.set(
                    key,
                    (response.status_code, response.content, headers),
                    settings.PUBLIC_PAGE_CACHE_SECONDS,
                )
            return response

        return wrapper

    return decorator
