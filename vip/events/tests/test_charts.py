"""The server-drawn SVG bar chart: named, described, labelled, and styled by class only."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from vip.events import charts
from vip.events.charts import Bar, bar_chart

NS = {"svg": charts.SVG_NS}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - the platform's own output


def draw(bars: list[Bar], **values) -> str:
    values.setdefault("chart_id", "chart-area")
    values.setdefault("title", "Participants by area")
    values.setdefault("description", "Confirmed participants.")
    return str(bar_chart(bars=bars, **values))


def test_it_is_an_image_named_by_its_title_and_described_with_every_value():
    svg = draw([Bar("TAYS", 12), Bar("HYKS", 3)])
    root = parse(svg)

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-area-title"
    assert root.get("aria-describedby") == "chart-area-desc"
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert (title.get("id"), title.text) == ("chart-area-title", "Participants by area")
    assert desc.get("id") == "chart-area-desc"
    assert desc.text == "Confirmed participants. TAYS: 12; HYKS: 3."


def test_it_draws_each_label_and_value_as_text():
    root = parse(draw([Bar("TAYS", 12), Bar("HYKS", 3), Bar("OYS", 0)]))

    labels = [t.text for t in root.iterfind(".//svg:text[@class='vip-chart__label']", NS)]
    values = [t.text for t in root.iterfind(".//svg:text[@class='vip-chart__value']", NS)]
    assert labels == ["TAYS", "HYKS", "OYS"]
    assert values == ["12", "3", "0"]


def test_the_bars_are_proportional_and_a_zero_draws_none():
    root = parse(draw([Bar("A", 10), Bar("B", 5), Bar("C", 0)]))

    widths = [float(r.get("width")) for r in root.iterfind(".//svg:rect", NS)]
    room = charts.WIDTH - charts.LABEL_WIDTH - charts.VALUE_WIDTH
    assert widths == [room, room / 2]


def test_a_tiny_value_still_shows_a_bar():
    root = parse(draw([Bar("A", 10_000), Bar("B", 1)]))

    widths = [float(r.get("width")) for r in root.iterfind(".//svg:rect", NS)]
    assert widths[1] == 2.0


def test_it_has_no_inline_style_and_colours_come_from_classes():
    svg = draw([Bar("TAYS", 12), Bar("HYKS", 3)])

    assert "style" not in svg
    assert "fill=" not in svg
    assert "<script" not in svg
    root = parse(svg)
    assert root.get("class") == "vip-chart"
    assert {r.get("class") for r in root.iterfind(".//svg:rect", NS)} == {"vip-chart__bar"}


def test_labels_are_escaped():
    svg = draw([Bar('<script>alert("x")</script> & co', 1)], title="A < B")

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    assert root.find("svg:title", NS).text == "A < B"


def test_a_long_label_is_shortened_on_the_chart_but_whole_in_its_row_title():
    label = "Regional state administrative agency (AVI)"
    root = parse(draw([Bar(label, 4)]))

    shown = root.find(".//svg:text[@class='vip-chart__label']", NS).text
    assert shown.endswith("…")
    assert len(shown) == charts.LABEL_CHARACTERS
    assert root.find(".//svg:g/svg:title", NS).text == f"{label}: 4"


def test_values_follow_the_language_and_a_custom_format():
    with translation.override("fi"):
        root = parse(draw([Bar("TAYS", 12.5), Bar("HYKS", 1234)], value_text=lambda v: f"{v:g} %"))
        plain = parse(draw([Bar("TAYS", 12.5), Bar("HYKS", 1234)]))

    values = [t.text for t in root.iterfind(".//svg:text[@class='vip-chart__value']", NS)]
    assert values == ["12.5 %", "1234 %"]
    plain_values = [t.text for t in plain.iterfind(".//svg:text[@class='vip-chart__value']", NS)]
    assert plain_values[0] == "12,5"
    assert plain_values[1].replace("\xa0", " ") == "1 234"


@pytest.mark.parametrize("bars", [[], [Bar("A", 0), Bar("B", 0)]])
def test_an_empty_chart_still_renders(bars):
    root = parse(draw(bars))

    assert root.get("role") == "img"
    assert root.find(".//svg:rect", NS) is None
