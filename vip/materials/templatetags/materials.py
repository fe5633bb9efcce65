"""Template helpers of the materials pages."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from vip.materials.presenters import FacetOption, Row

register = template.Library()


# Built here rather than by including a template per value: a search page has about
# seventy facet values and twenty hits, and an include each cost more than the search
# itself. Each value is escaped with the standard library's ``html.escape`` (what
# Django's ``escape`` calls, without its per-call check for lazy strings).


@register.simple_tag
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


@register.simple_tag
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
