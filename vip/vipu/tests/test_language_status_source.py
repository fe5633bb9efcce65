"""The source of the municipalities' official language status is named where it is shown:
on a municipality's page and under the VIPU dashboard's table of every municipality."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from vip.vipu.tests.vipu_builders import make_campaign

pytestmark = pytest.mark.django_db

SOURCE_FILE = (
    Path(__file__).resolve().parents[2] / "registry" / "data" / "LANGUAGE_STATUS_SOURCE.md"
)
DECREE = "Government Decree on the language status of municipalities in 2023–2032"
ALAND_ACT = "Act on the Autonomy of Åland (1144/1991)"


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def note(html: str) -> str:
    start = html.index('id="language-status-source"')
    return html[start : html.index("</p>", start)]


def test_the_source_file_names_the_decree_and_the_period_the_pages_show():
    source = SOURCE_FILE.read_text(encoding="utf-8")
    assert "kuntien kielellisestä asemasta\n  vuosina 2023–2032" in source
    assert "It covers 2023–2032" in source
    assert "1144/1991" in source


def test_a_mainland_municipalitys_page_names_the_decree(client, reference_data):
    html = client.get(reverse("registry:municipality_detail", args=["837"])).content.decode()
    assert "Official language status" in html
    assert DECREE in note(html)
    assert "Åland" not in note(html)


def test_an_aland_municipalitys_page_names_the_autonomy_act(client, reference_data):
    html = client.get(reverse("registry:municipality_detail", args=["478"])).content.decode()
    assert ALAND_ACT in note(html)
    assert "does not cover Åland" in note(html)


def test_the_coverage_table_names_the_source_under_it(client, reference_data):
    make_campaign()
    html = client.get(reverse("vipu:coverage")).content.decode()
    table_end = html.index("</table>", html.index('id="coverage-table"'))
    source = html.index('id="language-status-source"')
    assert table_end < source < html.index("</details>", table_end)
    assert DECREE in note(html)
    assert ALAND_ACT in note(html)
