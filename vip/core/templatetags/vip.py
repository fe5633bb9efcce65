from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import template
from django.core.paginator import Paginator
from django.utils.safestring import SafeString

from vip.core.markdown import render_markdown

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
