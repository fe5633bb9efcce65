"""Template helpers of the materials pages."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from vip.materials.presenters import FacetGroup, FacetOption, HitRow, Row

register = template.Library()


# Built here rather than by including a template per value: a search page has about
# seventy facet values and twenty hits, and an include each cost more than the search
# itself. Each value is escaped with the standard library's ``html.escape`` (what
# Django's ``escape`` calls, without its per-call check for lazy strings).


def facet_options(name: str, options: Iterable[FacetOption]) -> SafeString:
    """The checkboxes of a search facet."""
    items = escape(gettext("items"))
    name = escape(name)
    return mark_safe(  # noqa: S308 - every value escaped above and below
        "\n".join(
            '<div class="govuk-checkboxes__item">'
            f'<input class="govuk-checkboxes__input" id="{escape(option.id)}" name="{name}" '
            f'type="checkbox" value="{escape(option.value)}"'
            f"{' checked' if option.selected else ''}>"
            f'<label class="govuk-label govuk-checkboxes__label" for="{escape(option.id)}">'
            f"{escape(str(option.label))} "
            f'<span class="vip-facet-count">({option.count:d}<span class="govuk-visually-hidden"> '
            f"{items}</span>)</span></label></div>"
            for option in options
        )
    )


def row_meta(row: Row) -> SafeString:
    """The kind, year, language and themes under an item's title in a list."""
    year = row.material.year
    themes = ", ".join(str(theme.name) for theme in row.themes)
    return mark_safe(  # noqa: S308 - every value escaped
        '<p class="govuk-body-s vip-material-meta">'
        f'<span class="vip-material-meta__kind">{escape(str(row.kind))}</span>'
        + (f"<span>{year:d}</span>" if year else "")
        + f"<span>{escape(str(row.language))}</span>"
        + (f"<span>{escape(themes)}</span>" if themes else "")
        + "</p>"
    )


def _item(row: Row, title_html: str, snippet_html: str) -> str:
    """One item of a materials list: the title link, the facts line and, if any, the
    snippet, with ``lang`` where a text is not in the page's language. The title and
    snippet come escaped (a hit's with its matched words in <mark>)."""
    title_lang = f' lang="{escape(row.title_lang)}"' if row.title_lang else ""
    snippet = ""
    if snippet_html:
        summary_lang = f' lang="{escape(row.summary_lang)}"' if row.summary_lang else ""
        snippet = (
            f'<p class="govuk-body vip-material-list__snippet"{summary_lang}>{snippet_html}</p>'
        )
    return (
        '<li class="vip-material-list__item">'
        '<h3 class="govuk-heading-s vip-material-list__title">'
        f'<a class="govuk-link" href="{escape(row.material.get_absolute_url())}"{title_lang}>'
        f"{title_html}</a></h3>{row_meta(row)}{snippet}</li>"
    )


@register.simple_tag
def hit_items(hits: Iterable[HitRow]) -> SafeString:
    """The items of the search results list, matched words marked in titles and snippets."""
    return mark_safe(  # noqa: S308 - every value escaped
        "\n".join(
            _item(
                entry.row,
                conditional_escape(entry.hit.title_html),
                conditional_escape(entry.hit.snippet_html) if entry.hit.snippet_html else "",
            )
            for entry in hits
        )
    )


#: A list's snippet is the start of the summary, this many words.
SUMMARY_WORDS = 40


@register.simple_tag
def material_items(rows: Iterable[Row], summaries: bool = True) -> SafeString:
    """The items of a list of materials (a theme, a kind, related items): each title,
    facts line and, with ``summaries``, the start of its summary."""
    out = []
    for row in rows:
        summary = str(row.material.summary) if summaries else ""
        snippet = escape(Truncator(summary).words(SUMMARY_WORDS, truncate=" …")) if summary else ""
        out.append(_item(row, escape(str(row.material.title)), snippet))
    return mark_safe("\n".join(out))  # noqa: S308 - every value escaped


@register.simple_tag
def facet_group(group: FacetGroup) -> SafeString:
    """A facet's fieldset: legend, errors, the options in view and the rest folded."""
    gid = escape(group.id)
    errors = ""
    described = ""
    if group.errors:
        hidden = f'<span class="govuk-visually-hidden">{escape(gettext("Error:"))}</span>'
        errors = (
            f'<p id="{gid}-error" class="govuk-error-message">'
            + "<br>".join(f"{hidden} {escape(str(error))}" for error in group.errors)
            + "</p>"
        )
        described = f' aria-describedby="{gid}-error"'
    folded = group.folded
    more = ""
    if folded:
        count = len(folded)
        show = ngettext("Show %(counter)s more", "Show %(counter)s more", count) % {
            "counter": count
        }
        more = (
            '<details class="govuk-details vip-facet-more">'
            '<summary class="govuk-details__summary"><span class="govuk-details__summary-text">'
            f'{escape(show)}<span class="govuk-visually-hidden"> – {escape(group.legend)}</span>'
            "</span></summary>"
            '<div class="govuk-details__text govuk-checkboxes govuk-checkboxes--small" '
            f'data-module="govuk-checkboxes">{facet_options(group.name, folded)}</div></details>'
        )
    return mark_safe(  # noqa: S308 - every value escaped
        f'<div class="govuk-form-group{" govuk-form-group--error" if group.errors else ""}">'
        f'<fieldset class="govuk-fieldset" id="{gid}" tabindex="-1"{described}>'
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">'
        f"{escape(group.legend)}</legend>{errors}"
        '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">'
        f"{facet_options(group.name, group.shown)}</div>{more}</fieldset></div>"
    )
