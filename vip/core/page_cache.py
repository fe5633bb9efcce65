"""Caching of public pages for visitors who are not signed in.

Reference pages (areas, municipalities, organisations) are the same for every
anonymous visitor and change rarely, so their rendered HTML is cached, keyed
by address, language, htmx fragment or whole page, and the version of the data
they show. A change raises the version in its own transaction, so the next
request renders afresh; nothing stale is ever served. Signed-in users always
get freshly rendered pages (they see actions and messages of their own).
``PUBLIC_PAGE_CACHE_SECONDS=0`` turns the cache off.

The query string is part of the key, so an address with made-up parameters
(``?x=1``, ``?x=2``, ...) would store a new page each time. A view names the
parameters it reads (``params=("area", "page")``): the key holds those alone,
and a request with any other parameter is rendered but not stored. A view that
names none is keyed by its whole query string, which is stored only while it is
short (``MAX_QUERY_LENGTH``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from vip.core import data_versions
from vip.core.htmx import is_htmx

View = Callable[..., HttpResponse]

# The response headers that describe the content and so are stored with it.
_KEPT_HEADERS = frozenset({"content-type", "content-language", "content-disposition", "vary"})

#: Without declared ``params``, pages with a longer query string are not stored.
MAX_QUERY_LENGTH = 200


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        # A pending flash message belongs to this visitor only.
        and "messages" not in request.COOKIES
    )


def _query_key(request: HttpRequest, params: frozenset[str] | None) -> str | None:
    """The query string's part of the cache key, or None when the page is not to be stored."""
    if params is None:
        query = request.META.get("QUERY_STRING", "")
        return query if len(query) <= MAX_QUERY_LENGTH else None
    if any(name not in params for name in request.GET):
        return None
    # Any text is a page to the paginator (the last one): only numbers are stored.
    if not all(value.isdigit() for value in request.GET.getlist("page")):
        return None
    pairs = sorted((name, value) for name in request.GET for value in request.GET.getlist(name))
    query = urlencode(pairs)
    return query if len(query) <= MAX_QUERY_LENGTH else None


def _lifetime(seconds: int | None) -> int:
    """``seconds``, never longer than the configured lifetime (0 turns caching off)."""
    configured: int = settings.PUBLIC_PAGE_CACHE_SECONDS
    return configured if seconds is None else min(seconds, configured)


def cache_public_page(
    *data_keys: str,
    params: Iterable[str] | None = None,
    seconds: int | None = None,
    keys_for: Callable[..., Iterable[str]] | None = None,
) -> Callable[[View], View]:
    """Cache the view's page for anonymous visitors, keyed by the versions of ``data_keys``.

    A page that shows several kinds of data (say registry and network) names them all.
    ``params`` are the query parameters the view reads (an empty tuple for none): a
    request with any other one is rendered afresh and not stored. A page that also
    depends on the clock (an event whose registration closes at noon) sets a short
    ``seconds``. ``keys_for`` names data keys of the one object a page shows, from
    the view's keyword arguments (``lambda pk: [f"events:{pk}"]``).
    """
    if not data_keys:
        raise TypeError("cache_public_page needs at least one data key")
    declared = None if params is None else frozenset(params)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            lifetime = _lifetime(seconds)
            if not lifetime or not _cacheable(request):
                return view(request, *args, **kwargs)
            query = _query_key(request, declared)
            if query is None:
                return view(request, *args, **kwargs)
            keys = [*data_keys, *(keys_for(**kwargs) if keys_for else ())]
            version = data_versions.current(*keys)
            raw = f"{get_language()}|{is_htmx(request)}|{request.path}?{query}|{version}"
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
                    if name.lower() in _KEPT_HEADERS
                ]
                cache.set(key, (response.status_code, response.content, headers), lifetime)
            return response

        return wrapper

    return decorator


def cached_body(
    parts: Iterable[str], data_keys: Iterable[str], build: Callable[[], str], seconds: int | None
) -> str:
    """A public answer's text (say an API's JSON), built once per ``parts`` and data version.

    For answers that are the same for every caller; ``parts`` name everything the
    answer depends on besides the data and the active language (normalised
    parameters, the day).
    """
    lifetime = _lifetime(seconds)
    if not lifetime:
        return build()
    raw = "|".join([*parts, get_language() or "", data_versions.current(*data_keys)])
    key = "body:" + hashlib.sha256(raw.encode()).hexdigest()
    body: str | None = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, lifetime)
    return body
