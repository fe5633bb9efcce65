from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import template
from django.core.paginator import Paginator
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

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


_PREVIOUS_ICON = (
    '<svg class="govuk-pagination__icon govuk-pagination__icon--prev" '
    'xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" '
    'focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 '
    '6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>'
    "</svg>"
)
_NEXT_ICON = (
    '<svg class="govuk-pagination__icon govuk-pagination__icon--next" '
    'xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" '
    'focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 4.2926 '
    '4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z">'
    "</path></svg>"
)


@register.simple_tag
def pagination(page_obj: Any, page_query: str = "") -> SafeString:
    """The GOV.UK pagination of a list: previous, numbered pages (elided) and next.

    Built here rather than in a template: every list page shows it, and its loop of
    conditions cost more than many of those pages' own content. ``page_query`` is the
    list's other parameters, URL-encoded and ending in "&" (or empty).
    """
    paginator = page_obj.paginator
    if paginator.num_pages <= 1:
        return mark_safe("")
    query = escape(page_query)
    hidden_page = f'<span class="govuk-visually-hidden"> {escape(gettext("page"))}</span>'
    out = [f'<nav class="govuk-pagination" aria-label="{escape(gettext("Pages"))}">']
    if page_obj.has_previous():
        out.append(
            '<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" '
            f'href="?{query}page={page_obj.previous_page_number():d}" rel="prev">{_PREVIOUS_ICON}'
            f'<span class="govuk-pagination__link-title">{escape(gettext("Previous"))}'
            f"{hidden_page}</span></a></div>"
        )
    out.append('<ul class="govuk-pagination__list">')
    for number in elided_pages(paginator, page_obj.number):
        if number == paginator.ELLIPSIS:
            out.append(
                '<li class="govuk-pagination__item govuk-pagination__item--ellipses">&ctdot;</li>'
            )
            continue
        label = escape(gettext("Page %(number)s") % {"number": number})
        current = number == page_obj.number
        out.append(
            '<li class="govuk-pagination__item'
            f'{" govuk-pagination__item--current" if current else ""}">'
            f'<a class="govuk-link govuk-pagination__link" href="?{query}page={number:d}" '
            f'aria-label="{label}"{' aria-current="page"' if current else ""}>{number:d}</a></li>'
        )
    out.append("</ul>")
    if page_obj.has_next():
        out.append(
            '<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" '
            f'href="?{query}page={page_obj.next_page_number():d}" rel="next">'
            f'<span class="govuk-pagination__link-title">{escape(gettext("Next"))}'
            f"{hidden_page}</span>{_NEXT_ICON}</a></div>"
        )
    out.append("</nav>")
    return mark_safe("".join(out))  # noqa: S308 - every value escaped or a number
