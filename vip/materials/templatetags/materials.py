"""Template helpers of the materials pages."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from vip.materials.presenters import FacetOption

register = template.Library()


@register.simple_tag
def facet_options(name: str, options: Iterable[FacetOption]) -> SafeString:
    """The checkboxes of a search facet.

    Built here rather than by including a template per value: a search page has about
    seventy values, and an include each cost more than the search itself.
    """
    items = gettext("items")
    return format_html_join(
        "\n",
        '<div class="govuk-checkboxes__item">'
        '<input class="govuk-checkboxes__input" id="{}" name="{}" type="checkbox" value="{}"{}>'
        '<label class="govuk-label govuk-checkboxes__label" for="{}">{} '
        '<span class="vip-facet-count">({}<span class="govuk-visually-hidden"> {}</span>)'
        "</span></label></div>",
        (
            (
                option.id,
                name,
                option.value,
                mark_safe(" checked") if option.selected else "",
                option.id,
                option.label,
                option.count,
                items,
            )
            for option in options
        ),
    )
