"""The pagination every list shows (the ``pagination`` tag of vip.core.templatetags.vip)."""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.utils import translation

from vip.core.templatetags.vip import pagination


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def test_a_single_page_has_no_pagination():
    assert pagination(Paginator(range(20), 20).get_page(1)) == ""


def test_pages_are_elided_around_the_current_one_with_previous_and_next():
    page = Paginator(range(200), 10).get_page(10)
    with translation.override("en"):
        html = pagination(page, "q=a%26b&")
    assert html.startswith('<nav class="govuk-pagination" aria-label="Pages">')
    assert links(html) == [
        "?q=a%26b&amp;page=9",  # previous
        *(f"?q=a%26b&amp;page={n}" for n in (1, 8, 9, 10, 11, 12, 20)),
        "?q=a%26b&amp;page=11",  # next
    ]
    assert html.count("&ctdot;") == 2
    assert 'aria-label="Page 10" aria-current="page">10</a>' in html
    assert 'rel="prev"' in html
    assert 'rel="next"' in html


def test_the_first_and_last_pages_have_no_link_past_them():
    paginator = Paginator(range(30), 10)
    with translation.override("fi"):
        first, last = pagination(paginator.get_page(1)), pagination(paginator.get_page(3))
    assert 'rel="prev"' not in first
    assert 'rel="next"' in first
    assert 'rel="next"' not in last
    assert 'rel="prev"' in last
    assert 'aria-label="Sivu 1" aria-current="page"' in first


def test_a_page_without_a_paginator_has_no_pagination():
    assert pagination(None) == ""
    assert pagination("") == ""
