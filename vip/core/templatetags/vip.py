from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import template
from django.core.paginator import Paginator
from django.utils.safestring import SafeString

from vip.core.markdown import render_markdown
from vip.core.url_cache import reverse_one, reverse_static

register = template.Library()


@register.filter
def elided_pages(paginator: Paginator, number: int) -> Iterator[Any]:
    return paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """Render user-written Markdown as sanitised HTML."""
    return render_markdown(text or "")


@register.filter(name="markdown_cell")
def markdown_cell_filter(text: str) -> SafeString:
    """Markdown for a table cell: as ``markdown``, but headings become bold paragraphs."""
    return render_markdown(text or "", headings=False)


# ``{% url %}`` resolves the URL patterns on every call; the shell's links (header,
# footer, breadcrumbs) and the busiest pages' links use these instead.


@register.simple_tag
def page_url(viewname: str, key: str | int | None = None) -> str:
    """The address of a view without arguments or with one (``{% page_url 'core:home' %}``,
    ``{% page_url 'materials:theme' code %}``), as ``{% url %}`` gives it."""
    return reverse_static(viewname) if key is None else reverse_one(viewname, key)
