from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from django import template
from django.core.paginator import Paginator
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from vip.core.markdown import render_markdown
from vip.core.url_cache import reverse_one, reverse_static

register = template.Library()


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
    if not page_obj or page_obj.paginator.num_pages <= 1:
        return mark_safe("")
    paginator = page_obj.paginator
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


@register.simple_tag(takes_context=True)
def site_header(context: Any) -> SafeString:
    """The page header: brand, language links, account, main menu (every page has it).

    Built here rather than in a template, whose fifty-odd nodes cost more than many a
    page's own content. Reads the shell's context (vip.core.context_processors.shell).
    """
    request = context.get("request")
    user = context.get("user")
    view_name = getattr(getattr(request, "resolver_match", None), "view_name", None)
    home = escape(reverse_static("core:home"))
    languages = []
    for link in context.get("language_links", ()):
        code, name = escape(link.code), escape(link.name)
        if link.current:
            item = (
                '<span class="govuk-language-navigation__text" aria-current="true" '
                f'lang="{code}">{name}</span>'
            )
        else:
            item = (
                f'<a class="govuk-language-navigation__link" href="{escape(link.url)}" '
                f'rel="alternate" lang="{code}" hreflang="{code}">{name}</a>'
            )
        languages.append(f'<li class="govuk-language-navigation__list-item">{item}</li>')
    if user is not None and user.is_authenticated:
        who = escape(user.full_name or user.email)
        account = (
            '<a class="govuk-link govuk-link--inverse" '
            f'href="{escape(reverse_static("accounts:account"))}">{who}'
            f'<span class="govuk-visually-hidden"> – {escape(gettext("my account"))}</span></a>'
            f'<form method="post" action="{escape(reverse_static("accounts:logout"))}" '
            'class="vip-inline-form"><input type="hidden" name="csrfmiddlewaretoken" '
            f'value="{escape(get_token(request))}">'
            '<button type="submit" class="vip-link-button">'
            f"{escape(gettext('Sign out'))}</button></form>"
        )
    else:
        login = escape(reverse_static("accounts:login"))
        next_path = escape(quote(request.get_full_path() if request else "/", safe="/"))
        account = (
            f'<a class="govuk-link govuk-link--inverse" href="{login}?next={next_path}">'
            f"{escape(gettext('Sign in'))}</a>"
        )
    at_home = view_name == "core:home"
    menu = [
        '<li class="govuk-service-navigation__item'
        f'{" govuk-service-navigation__item--active" if at_home else ""}">'
        f'<a class="govuk-service-navigation__link" href="{home}"'
        f"{' aria-current="page"' if at_home else ''}>{escape(gettext('Home'))}</a></li>"
    ]
    for entry in context.get("nav_items", ()):
        label: str = escape(entry.label)
        if entry.current:
            label = f'<strong class="govuk-service-navigation__active-fallback">{label}</strong>'
        menu.append(
            '<li class="govuk-service-navigation__item'
            f'{" govuk-service-navigation__item--active" if entry.current else ""}">'
            f'<a class="govuk-service-navigation__link" href="{escape(entry.url)}"'
            f"{' aria-current="true"' if entry.current else ''}>{label}</a></li>"
        )
    return mark_safe(  # noqa: S308 - every value escaped
        '<header class="govuk-template__header"><div class="vip-header">'
        '<div class="govuk-width-container vip-header__container">'
        f'<a href="{home}" class="vip-header__brand">'
        f'<img src="{escape(static("img/vip-mark-white.svg"))}" alt="" class="vip-header__mark" '
        f'width="36" height="36"><span>{escape(gettext("VIP network"))}</span></a>'
        '<div class="vip-header__tools">'
        f'<nav class="govuk-language-navigation" aria-label="{escape(gettext("Language"))}">'
        f'<ul class="govuk-language-navigation__list">{"".join(languages)}</ul></nav>'
        f'<div class="vip-header__account">{account}</div></div></div></div>'
        f'<section aria-label="{escape(gettext("Service information"))}" '
        'class="govuk-service-navigation" data-module="govuk-service-navigation">'
        '<div class="govuk-width-container"><div class="govuk-service-navigation__container">'
        f'<nav aria-label="{escape(gettext("Main menu"))}" '
        'class="govuk-service-navigation__wrapper">'
        '<button type="button" class="govuk-service-navigation__toggle '
        'govuk-js-service-navigation-toggle" aria-controls="navigation" hidden '
        f'aria-hidden="true">{escape(gettext("Menu"))}</button>'
        f'<ul class="govuk-service-navigation__list" id="navigation">{"".join(menu)}</ul>'
        "</nav></div></div></section></header>"
    )
