"""Horizontal bar charts as accessible SVG, drawn on the server.

A chart is an image with a name and a description (``role="img"`` with
``<title>`` and ``<desc>``, which also lists every value); its labels and values
are drawn as text, so that the chart reads without colour. The page shows the
same figures in a table next to it, which is the alternative for anyone who
cannot use the picture.

No inline styles (the Content Security Policy forbids them): colours and fonts
come from the classes in static/src/_events_reports.scss.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 70
BAR_HEIGHT = 22
BAR_GAP = 8
PADDING = 6
# Longer labels are cut with an ellipsis; the full label is in the row's title and the table.
LABEL_CHARACTERS = 32


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float


def _escape(value: object) -> str:
    return html.escape(str(value), quote=True)


def number_text(value: float) -> str:
    if float(value).is_integer():
        return number_format(int(value), force_grouping=True)
    return number_format(value, decimal_pos=1, force_grouping=True)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else f"{label[: LABEL_CHARACTERS - 1]}…"


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    value_text: Callable[[float], str] = number_text,
) -> SafeString:
    """An SVG bar chart of ``bars``, one row each, the longest bar as wide as the chart allows.

    ``chart_id`` must be unique on the page: the title and description carry ids
    derived from it. ``description`` says what is shown; the values follow it.
    """
    title_id = f"{chart_id}-title"
    desc_id = f"{chart_id}-desc"
    values = "; ".join(f"{bar.label}: {value_text(bar.value)}" for bar in bars)
    full_description = f"{description} {values}." if values else description
    largest = max((bar.value for bar in bars), default=0)
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = 2 * PADDING + max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    parts = [
        f'<svg xmlns="{SVG_NS}" class="vip-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{_escape(title_id)}" aria-describedby="{_escape(desc_id)}">',
        f'<title id="{_escape(title_id)}">{_escape(title)}</title>',
        f'<desc id="{_escape(desc_id)}">{_escape(full_description)}</desc>',
        f'<line class="vip-chart__axis" x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" '
        f'y2="{height}"/>',
    ]
    for index, bar in enumerate(bars):
        top = PADDING + index * (BAR_HEIGHT + BAR_GAP)
        middle = top + BAR_HEIGHT / 2
        length = 0.0 if largest <= 0 else room * bar.value / largest
        if bar.value > 0:
            # The smallest non-zero value still shows as a bar.
            length = max(length, 2.0)
        rect = (
            f'<rect class="vip-chart__bar" x="{LABEL_WIDTH}" y="{top}" width="{length:.1f}" '
            f'height="{BAR_HEIGHT}"/>'
            if length > 0
            else ""
        )
        parts.append(
            f'<g class="vip-chart__row"><title>{_escape(bar.label)}: '
            f"{_escape(value_text(bar.value))}</title>"
            f'<text class="vip-chart__label" x="{LABEL_WIDTH - 8}" y="{middle:g}" '
            f'text-anchor="end" dominant-baseline="central">{_escape(_short(bar.label))}</text>'
            f"{rect}"
            f'<text class="vip-chart__value" x="{LABEL_WIDTH + length + 6:.1f}" y="{middle:g}" '
            f'dominant-baseline="central">{_escape(value_text(bar.value))}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
