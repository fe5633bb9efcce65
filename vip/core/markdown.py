"""Markdown written by users, rendered to HTML that cannot carry script or styles."""

from __future__ import annotations

import re
import threading

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

_ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}
_CLASSES = {
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "a": "govuk-link",
    "table": "govuk-table",
}


_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.DOTALL)
_local = threading.local()


def _converter() -> markdown_lib.Markdown:
    """This thread's Markdown converter: building one costs more than converting a short
    text, so each thread keeps one and resets it between texts (a converter is not safe
    to share between threads)."""
    converter: markdown_lib.Markdown | None = getattr(_local, "converter", None)
    if converter is None:
        converter = markdown_lib.Markdown(extensions=["tables", "sane_lists"], output_format="html")
        _local.converter = converter
    return converter


def render_markdown(text: str, *, headings: bool = True) -> SafeString:
    """Render Markdown; raw HTML in the source is escaped, unsafe links are dropped.

    Headings start at level 2 because the page owns the h1. With ``headings=False``
    (text shown inside a table cell, under the table's own headers) a heading
    becomes a paragraph in bold, so that it does not enter the page's outline.
    """
    if not text:
        return mark_safe("")
    html = _converter().reset().convert(text.replace("\r\n", "\n"))
    if headings:
        html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    else:
        html = _HEADING.sub(r"<p><strong>\2</strong></p>", html)
    cleaned = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        set_tag_attribute_values={tag: {"class": css} for tag, css in _CLASSES.items()},
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 above
