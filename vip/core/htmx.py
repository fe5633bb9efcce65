"""Progressive enhancement with htmx: one view serves a page and its fragment."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def is_htmx(request: HttpRequest) -> bool:
    # A history restore needs the whole page, not the fragment.
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render_page_or_partial(
    request: HttpRequest, template: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    """Render ``template``, or only its ``{% partialdef partial %}`` for an htmx request."""
    name = f"{template}#{partial}" if is_htmx(request) else template
    response = render(request, name, context)
    response["Vary"] = "HX-Request"
    return response
