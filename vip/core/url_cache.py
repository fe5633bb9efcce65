"""Fast reversal of the many detail links on list pages.

``reverse()`` resolves the URL pattern tree on every call (tens of
microseconds); a list page with fifty rows and two links each spent a large
part of its time there. The links of one view differ only in their last
argument, so the reversed address is kept per view, language and script
prefix with a placeholder, and filled in per row; an address without arguments
(the menu's, and a page's own in each language for its language links) is kept as
it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any
from urllib.parse import quote

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language, override

# Digits only, so that it also fits <int:...> converters; never a real key.
_PLACEHOLDER = "9090909090909090909"


@cache
def _pattern(viewname: str, language: str | None, script_prefix: str) -> str:
    with override(language):
        return reverse(viewname, args=[_PLACEHOLDER])


def reverse_one(viewname: str, key: str | int) -> str:
    """``reverse(viewname, args=[key])`` for views that take a single argument."""
    return _pattern(viewname, get_language(), get_script_prefix()).replace(
        _PLACEHOLDER, quote(str(key), safe="")
    )


@cache
def _static(viewname: str, language: str | None, script_prefix: str) -> str:
    with override(language):
        return reverse(viewname)


def reverse_static(viewname: str) -> str:
    """``reverse(viewname)`` for views without arguments (every page's menu has nine)."""
    return _static(viewname, get_language(), get_script_prefix())


def reverse_in(
    language: str, viewname: str, args: Sequence[Any] = (), kwargs: dict[str, Any] | None = None
) -> str:
    """``reverse(viewname, args=args, kwargs=kwargs)`` in ``language``, the active language
    left as it is (every page links itself in each language): from the memo for a view
    without arguments."""
    if not args and not kwargs:
        return _static(viewname, language, get_script_prefix())
    with override(language):
        return reverse(viewname, args=args, kwargs=kwargs)
