"""End to end on the seeded small demo: the coverage dashboard draws every municipality in
the colour of the status the coverage selector computes, and its table by area counts the
same municipalities."""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterator
from html import unescape
from typing import Any

import pytest
from django.db import transaction
from django.utils import translation

from vip.demo.seeding import Seeder
from vip.registry.models import Municipality
from vip.vipu.presenters import STATUS_CSS
from vip.vipu.selectors import Coverage, Status, current_campaign, vipu_coverage

AREA_CODES = ["HYKS", "KYS", "OYS", "TAYS", "TYKS"]
MAP_AREA = re.compile(
    r'<path class="vip-map__area vip-map__area--(?P<css>[\w-]+)(?P<modifiers>[^"]*)" d="[^"]*">'
    r"<title>(?P<title>[^<]*)</title></path>"
)
TABLE_ROW = re.compile(
    r'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">.*?</th>'
    r'<td class="govuk-table__cell">(?P<code>\d{3})</td>.*?'
    r'vip-status-swatch--(?P<css>[\w-]+)".*?</tr>'
)
AREA_ROW = re.compile(
    r'<th scope="row" class="govuk-table__header"><a class="govuk-link" href="[^"]*">'
    r"(?P<area>[A-Z]+)</a>.*?</th>\s*"
    r'<td class="govuk-table__cell govuk-table__cell--numeric">(?P<total>\d+)</td>\s*'
    r'<td class="govuk-table__cell govuk-table__cell--numeric">(?P<complete>\d+) .*?</td>\s*'
    r'<td class="govuk-table__cell govuk-table__cell--numeric">(?P<partial>\d+) .*?</td>\s*'
    r'<td class="govuk-table__cell govuk-table__cell--numeric">(?P<missing>\d+) .*?</td>',
    re.DOTALL,
)


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The small demo (seed 1) as ``vip/demo/tests`` seed it, rolled back afterwards."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            Seeder(seed=1, scale="small").run()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def coverage(seeded_demo: None, db: None) -> Coverage:
    campaign = current_campaign()
    assert campaign is not None
    with translation.override("en"):
        return vipu_coverage(campaign)


@pytest.fixture
def dashboard_html(coverage: Coverage, client) -> str:
    response = client.get("/en/vipu/")
    assert response.status_code == 200
    return response.content.decode()


def the_map(html: str) -> str:
    return html[html.index("<svg") : html.index("</svg>")]


def test_the_demo_has_municipalities_of_every_status(coverage):
    statuses = Counter(m.status for m in coverage.municipalities)
    assert len(coverage.municipalities) == 309
    assert statuses[Status.OUTSIDE] == 16
    assert statuses[Status.COMPLETE] > 0
    assert statuses[Status.PARTIAL] > 0
    assert statuses[Status.MISSING] > 0


def test_every_municipality_on_the_map_has_the_colour_of_its_computed_status(
    coverage, dashboard_html
):
    code_by_name = dict(Municipality.objects.values_list("name_fi", "code"))
    assert len(code_by_name) == 309  # names are unique: the tooltips identify municipalities
    drawn: dict[str, str] = {}
    for match in MAP_AREA.finditer(the_map(dashboard_html)):
        name, _label = unescape(match["title"]).rsplit(": ", 1)
        code = code_by_name[name]
        assert code not in drawn, name
        assert match["modifiers"] == ""  # no area chosen: nothing faded
        drawn[code] = match["css"]

    expected = {m.code: STATUS_CSS[m.status] for m in coverage.municipalities}
    assert drawn == expected


def test_the_map_as_a_table_gives_every_municipality_the_same_status(coverage, dashboard_html):
    table = dashboard_html[dashboard_html.index('id="coverage-table"') :]
    rows = {match["code"]: match["css"] for match in TABLE_ROW.finditer(table)}
    assert rows == {m.code: STATUS_CSS[m.status] for m in coverage.municipalities}


def test_the_table_by_area_counts_the_computed_statuses(coverage, dashboard_html):
    by_area = dashboard_html[
        dashboard_html.index("Municipalities that have named their contacts, by area") :
    ]
    by_area = by_area[: by_area.index("</table>")]
    shown = {
        match["area"]: (
            int(match["total"]),
            int(match["complete"]),
            int(match["partial"]),
            int(match["missing"]),
        )
        for match in AREA_ROW.finditer(by_area)
    }

    counted: dict[str, Counter[Status]] = {code: Counter() for code in AREA_CODES}
    for m in coverage.municipalities:
        if m.area_code is not None:
            counted[m.area_code][m.status] += 1
    expected = {
        code: (
            sum(statuses.values()),
            statuses[Status.COMPLETE],
            statuses[Status.PARTIAL],
            statuses[Status.MISSING],
        )
        for code, statuses in counted.items()
    }
    assert shown == expected
    assert sum(total for total, *_ in shown.values()) == 309 - 16
