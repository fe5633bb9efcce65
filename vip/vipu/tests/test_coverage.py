"""Coverage rules and the public coverage dashboard with its map."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from vip.network.models import Person
from vip.registry.models import Municipality, Organisation
from vip.vipu import presenters, services
from vip.vipu.presenters import CoverageRow, coverage_table_rows, percent
from vip.vipu.selectors import Status, vipu_coverage
from vip.vipu.tests.vipu_builders import (
    LEARNING,
    WELFARE,
    complete,
    make_campaign,
    nominate,
    organisation_in,
    person_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def campaign(reference_data):
    return make_campaign()


def status_of(campaign, code: str) -> Status:
    return vipu_coverage(campaign).by_code[code].status


# --- Rules ------------------------------------------------------------------------------------


def test_it_counts_a_municipality_without_contacts_as_missing(campaign):
    assert status_of(campaign, "837") == Status.MISSING


def test_it_needs_both_responsibilities_for_a_complete_municipality(campaign):
    nominate(campaign, "837", LEARNING)
    row = vipu_coverage(campaign).by_code["837"]
    assert row.status == Status.PARTIAL
    assert row.lacking == ("a contact for pupil welfare services",)

    nominate(campaign, "837", WELFARE)
    assert status_of(campaign, "837") == Status.COMPLETE


def test_it_needs_both_languages_in_a_bilingual_municipality(campaign):
    assert Municipality.objects.get(code="091").language_status == "fi+sv"
    nominate(campaign, "091", LEARNING, "fi")
    nominate(campaign, "091", WELFARE, "fi")
    row = vipu_coverage(campaign).by_code["091"]
    assert row.status == Status.PARTIAL
    assert row.lacking == ("a Swedish-speaking contact",)

    nominate(campaign, "091", LEARNING, "sv")
    assert status_of(campaign, "091") == Status.COMPLETE


def test_it_puts_alands_municipalities_outside_the_network(campaign):
    coverage = vipu_coverage(campaign)
    assert coverage.by_code["478"].status == Status.OUTSIDE
    outside = [m for m in coverage.municipalities if m.status == Status.OUTSIDE]
    assert len(outside) == 16
    assert coverage.national.total == 309 - 16


def test_it_does_not_count_private_providers_contacts_for_the_municipality(campaign):
    provider = organisation_in("837", Organisation.Kind.PRIVATE_PROVIDER, "Yksityiskoulu Oy")
    nominate(campaign, "837", LEARNING, provider=provider)
    nominate(campaign, "837", WELFARE, provider=provider)
    assert status_of(campaign, "837") == Status.MISSING


def test_it_counts_only_current_contacts(campaign):
    first, _second = complete(campaign, "837")
    services.nomination_withdraw(actor=None, nomination=first)
    assert status_of(campaign, "837") == Status.PARTIAL


def test_it_totals_each_area(campaign, tays):
    complete(campaign, "837")  # Tampere, TAYS
    nominate(campaign, "743", LEARNING)  # Seinäjoki, TAYS
    summary = next(a for a in vipu_coverage(campaign).areas if a.area == tays)
    assert (summary.complete, summary.partial) == (1, 1)
    assert summary.missing == summary.total - 2
    assert [m.code for m in summary.partial_municipalities] == ["743"]
    assert "837" not in {m.code for m in summary.missing_municipalities}


# --- Dashboard --------------------------------------------------------------------------------


def coverage_page(client, **query):
    response = client.get(reverse("vipu:coverage"), query)
    assert response.status_code == 200
    return response


def map_links(html: str) -> set[str]:
    svg = html[html.index("<svg") : html.index("</svg>")]
    return set(re.findall(r'<a href="[^"]*/municipalities/(\d{3})/"', svg))


def test_it_shows_the_current_campaign_to_anonymous_visitors_without_names(client, campaign):
    person = person_in(organisation_in("837"), given_name="Salla", family_name="Salainen")
    nominate(campaign, "837", LEARNING, person=person)
    response = coverage_page(client)
    html = response.content.decode()
    assert "VIPU contacts 2021" in html
    assert "<strong>two</strong>" in html  # the requirements, as Markdown
    assert "Salainen" not in html
    assert "Show the map as a table" in html
    assert map_links(html) == set()
    assert "/municipalities/837/" not in html


def test_it_shows_shares_per_area_and_the_missing_municipalities(client, campaign):
    complete(campaign, "837")
    html = coverage_page(client, area="TAYS").content.decode()
    dashboard = coverage_page(client, area="TAYS").context["dashboard"]
    [tays] = dashboard.areas
    assert tays.code == "TAYS"
    assert tays.complete == 1
    assert tays.complete_share == f"{round(100 / tays.total)}%"
    assert "Tampere" not in {m.name for m in tays.missing_municipalities}
    assert "Seinäjoki" in {m.name for m in tays.missing_municipalities}
    assert "Seinäjoki" in html


def test_it_formats_shares_for_the_language(client, campaign):
    complete(campaign, "837")
    with translation.override("fi"):
        url = reverse("vipu:coverage")
    response = client.get(url, {"area": "TAYS"})
    [tays] = response.context["dashboard"].areas
    assert tays.complete_share.endswith("\u00a0%")


def test_it_names_municipalities_in_swedish_on_the_swedish_page(client, campaign):
    with translation.override("sv"):
        url = reverse("vipu:coverage")
    html = client.get(url).content.decode()
    assert "Helsingfors" in html
    assert "Mariehamn" in html


def test_it_limits_the_tables_to_the_chosen_area_and_highlights_it_on_the_map(client, campaign):
    response = coverage_page(client, area="TAYS")
    dashboard = response.context["dashboard"]
    assert {row.area_code for row in dashboard.municipalities} == {"TAYS"}
    assert "Helsinki" not in {row.name for row in dashboard.municipalities}
    assert "vip-map__area--faded" in response.content.decode()
    assert "vip-map__area--faded" not in coverage_page(client).content.decode()


def test_it_lists_every_municipality_with_its_status_in_the_text_alternative(client, campaign):
    complete(campaign, "837")
    rows = {row.code: row for row in coverage_page(client).context["dashboard"].municipalities}
    assert len(rows) == 309
    assert rows["837"].status_label == "Complete"
    assert rows["478"].status_label == "Not in the network (Åland)"
    assert rows["091"].language_status == "Bilingual, Finnish majority"
    assert rows["091"].status_label == "Missing"


def test_it_colours_every_municipality_on_the_map(client, campaign):
    complete(campaign, "837")
    html = coverage_page(client).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count('class="vip-map__area ') == 309
    assert svg.count("vip-map__area--none") >= 16
    assert "Tampere: Complete" in svg


def test_it_links_a_coordinator_to_the_contacts_of_their_own_area_only(
    client, login, coordinator, campaign
):
    login(client, coordinator)
    links = map_links(coverage_page(client).content.decode())
    assert "837" in links  # Tampere, TAYS
    assert "091" not in links  # Helsinki, HYKS


def test_it_links_a_national_admin_to_every_municipality(client, login, national_admin, campaign):
    login(client, national_admin)
    assert len(map_links(coverage_page(client).content.decode())) == 309


def test_it_offers_the_export_to_those_who_may_see_contacts(
    client, login, municipal_admin, outsider, campaign
):
    export = reverse("vipu:contacts_export", args=[campaign.pk, "csv"])
    login(client, outsider)
    assert export not in coverage_page(client).content.decode()
    login(client, municipal_admin)
    assert export in coverage_page(client).content.decode()


def test_it_shows_a_given_campaign_on_its_own_page(client, campaign):
    older = make_campaign(
        name_en="VIPU contacts 2020",
        starts_on=campaign.starts_on.replace(year=campaign.starts_on.year - 1),
        ends_on=campaign.ends_on.replace(year=campaign.ends_on.year - 1),
        deadline=campaign.deadline.replace(year=campaign.deadline.year - 1),
    )
    complete(campaign, "837")
    response = client.get(reverse("vipu:campaign_detail", args=[older.pk]))
    assert response.status_code == 200
    assert response.context["campaign"] == older
    assert response.context["dashboard"].national.complete == 0
    assert client.get(reverse("vipu:campaign_detail", args=[999999])).status_code == 404


def test_it_says_so_when_there_is_no_campaign(client, reference_data):
    response = coverage_page(client)
    assert "No contact campaign has been started yet." in response.content.decode()


def test_it_reads_the_dashboard_in_the_same_number_of_queries_however_many_contacts(
    client, login, coordinator, campaign, django_assert_max_num_queries
):
    login(client, coordinator)
    complete(campaign, "837")
    with django_assert_max_num_queries(8):
        coverage_page(client, area="TAYS")
    for code in ("179", "091", "049", "853"):
        complete(campaign, code)
    with django_assert_max_num_queries(8):
        coverage_page(client, area="TAYS")


def test_it_reads_the_anonymous_dashboard_in_few_queries(
    client, campaign, django_assert_max_num_queries
):
    for code in ("837", "179", "091"):
        complete(campaign, code)
    with django_assert_max_num_queries(4):
        coverage_page(client)


def test_it_serves_anonymous_visitors_a_cached_page_that_a_nomination_renews(
    client, campaign, settings
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    assert coverage_page(client).context["dashboard"].national.complete == 0
    complete(campaign, "837")
    html = coverage_page(client).content.decode()
    assert "Tampere: Complete" in html


@pytest.mark.parametrize(
    ("language", "share", "shown"),
    [
        ("en", 0.5, "50%"),
        ("fi", 0.5, "50\u00a0%"),
        ("sv", 0.125, "13\u00a0%"),
        ("en", 1 / 293, "0.3%"),
        ("fi", 1 / 293, "0,3\u00a0%"),
        ("en", 0.0, "0%"),
    ],
)
def test_it_writes_percentages_as_the_language_does(language, share, shown):
    with translation.override(language):
        assert percent(share) == shown


def test_it_escapes_every_value_of_the_prebuilt_table_rows():
    row = CoverageRow(
        code="<1>",
        name="<script>x</script>",
        url='/x/"onmouseover="y',
        area_code="A&B",
        language_status="<b>",
        status="missing",
        status_label="<i>",
        css='missing" onclick="z',
        lacking="<u>",
    )
    html = str(coverage_table_rows([row]))
    assert "<script>" not in html
    assert '"onmouseover=' not in html
    assert '" onclick=' not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "A&amp;B" in html


def test_the_coverage_reads_nominations_without_joining_the_municipalities(campaign):
    complete(campaign, "837")
    with CaptureQueriesContext(connection) as queries:
        vipu_coverage(campaign)
    [nominations] = [q["sql"] for q in queries.captured_queries if "vipu_nomination" in q["sql"]]
    assert "registry_municipality" not in nominations


def test_it_translates_each_label_once_per_dashboard_not_once_per_municipality(
    campaign, monkeypatch
):
    from vip.vipu import selectors

    translations: list[str] = []

    class Counted:
        def __init__(self, text: str) -> None:
            self.text = text

        def __str__(self) -> str:
            translations.append(self.text)
            return self.text

    monkeypatch.setattr(
        selectors, "STATUS_LABELS", {status: Counted(str(status)) for status in Status}
    )
    dashboard = presenters.coverage_dashboard(vipu_coverage(campaign), linked_codes=None)
    assert len(dashboard.municipalities) == 309
    assert len(translations) <= 2 * len(Status)


def test_the_link_to_the_table_lands_on_its_heading_outside_the_closed_details(client, campaign):
    html = coverage_page(client).content.decode()
    assert 'href="#coverage-table-heading"' in html
    assert 'id="coverage-table-heading"' in html
    heading = html.index('id="coverage-table-heading"')
    assert heading < html.index("<details", heading)


def test_partial_is_dotted_on_the_map_and_not_told_by_colour_alone(client, campaign):
    nominate(campaign, "837", LEARNING)
    html = coverage_page(client).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'id="vipu-map-dots"' in svg
    dotted = svg[svg.index('class="vip-map__dotting"') :]
    assert "url(#vipu-map-dots)" in dotted[:100]
    legend = [entry for entry in presenters.map_legend() if entry.key == "partial"]
    assert legend[0].dotted


def test_map_links_are_for_pointers_and_the_table_has_them_for_everyone_else(
    client, login, national_admin, campaign
):
    login(client, national_admin)
    html = coverage_page(client).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="group"')
    assert '<g class="vip-map__areas" fill-rule="evenodd" aria-hidden="true">' in svg
    anchors = re.findall(r"<a [^>]*>", svg)
    assert len(anchors) == 309
    assert all('tabindex="-1"' in anchor for anchor in anchors)
    table = html[html.index('id="coverage-table"') :]
    assert table.count("/municipalities/") >= 309


def test_made_up_query_parameters_are_not_stored_in_the_page_cache(client, campaign, settings):
    from django.core.cache import cache

    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()
    coverage_page(client, area="TAYS")
    stored = len(cache._cache)  # type: ignore[attr-defined]
    for number in range(3):
        coverage_page(client, area="TAYS", x=str(number))
    assert len(cache._cache) == stored  # type: ignore[attr-defined]
    cache.clear()


@pytest.mark.parametrize(
    ("language", "name_sv", "shown"),
    [("sv", "Tammerfors", "Tammerfors"), ("fi", "Tammerfors", "Tampere"),
     ("en", "Tammerfors", "Tampere"), ("sv", "", "Tampere")],
)  # fmt: skip
def test_a_municipality_is_named_in_swedish_on_swedish_pages_when_it_has_a_swedish_name(
    language, name_sv, shown
):
    from vip.registry.models import municipality_name

    with translation.override(language):
        assert municipality_name("Tampere", name_sv) == shown
        assert Municipality(name_fi="Tampere", name_sv=name_sv).name == shown
    assert municipality_name("Tampere", name_sv, swedish=True) == (name_sv or "Tampere")


@pytest.mark.parametrize("code", ["837", "091", "092", "599"])
@pytest.mark.parametrize(
    "filled",
    [(), ((LEARNING, "fi"),), ((WELFARE, "sv"),), ((LEARNING, "fi"), (WELFARE, "fi")),
     ((LEARNING, "sv"), (WELFARE, "fi"))],
)  # fmt: skip
def test_the_places_offered_on_the_contacts_page_match_what_is_lacking(
    code, filled, reference_data, monkeypatch
):
    """Both come from one rule (``gaps_of``): every gap has a place, every place fills one."""
    from vip.vipu.models import Nomination
    from vip.vipu.selectors import lacking_for

    monkeypatch.setattr(presenters, "current_organisations", lambda person: "")
    municipality = Municipality.objects.get(code=code)
    current = [Nomination(responsibility=r, language=lang, person=Person()) for r, lang in filled]
    lacking = lacking_for(municipality.language_status, set(filled))
    empty = [
        slot for slot in presenters.municipal_slots(municipality, current, "/n/") if slot.is_empty
    ]
    offered = set(filled)
    for slot in empty:
        offered.add((slot.responsibility or LEARNING, slot.language))
    assert (not lacking) == (not empty)
    assert lacking_for(municipality.language_status, offered) == ()
    assert len(empty) <= len(lacking)
