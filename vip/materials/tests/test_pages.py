"""The public pages of the materials bank: search and browse, an item, a theme, a kind."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape

from vip.events.tests.builders import make_event
from vip.materials.index import reindex_all
from vip.materials.models import Material
from vip.materials.services import files as file_services
from vip.materials.services import items
from vip.materials.tests import documents
from vip.materials.tests.builders import (
    NON_ATTENDANCE,
    PLACED_CHILDREN,
    expert_member,
    make_material,
)
from vip.network.models import Theme
from vip.registry.models import Organisation

pytestmark = pytest.mark.django_db

Status = Material.Status
Kind = Material.Kind
HTMX = {"HX-Request": "true"}


def page(client: Any, url: str, status: int = 200, **headers: Any) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == status, (response.status_code, url)
    return response.content.decode()


def detail_url(material: Material, prefix: str = "/en") -> str:
    return f"{prefix}/materials/{material.pk}/"


def in_review() -> Material:
    return make_material(status=Status.REVIEW, title_en="Review copy", title_fi="Tarkastettava")


# --- The item page ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "title"),
    [("", "Poissaolojen opas"), ("/sv", "Guide om frånvaro"), ("/en", "Guide on absences")],
)
def test_an_item_page_shows_the_item_in_the_language_of_the_address(
    client, reference_data, prefix, title
):
    material = make_material(
        title_fi="Poissaolojen opas",
        title_sv="Guide om frånvaro",
        title_en="Guide on absences",
        summary_fi="Tiivistelmä",
        summary_sv="Sammandrag",
        summary_en="Summary",
    )
    html = page(client, detail_url(material, prefix))
    assert f'<h1 class="govuk-heading-xl">{title}</h1>' in html
    assert "<title>" + title in html


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_an_item_that_is_not_published_is_not_found_by_the_public(client, login, outsider, status):
    material = make_material(status=status, title_en="Hidden guide")
    assert client.get(detail_url(material)).status_code == 404
    login(client, outsider)
    assert client.get(detail_url(material)).status_code == 404


def test_a_national_admin_sees_a_draft_with_its_status_and_edit_links(
    client, login, national_admin
):
    material = make_material(status=Status.DRAFT, title_en="Draft guide")
    login(client, national_admin)
    html = page(client, detail_url(material))
    assert "Draft guide" in html
    assert "Only editors see this item until it is published." in html
    assert f'href="/en/materials/{material.pk}/edit/"' in html
    assert f'href="/en/materials/{material.pk}/files/"' in html


def test_an_expert_group_member_of_the_theme_sees_its_items_in_review(client, login):
    material = in_review()
    login(client, expert_member(NON_ATTENDANCE))
    html = page(client, detail_url(material))
    assert "The item waits for review" in html
    assert f'href="/en/materials/{material.pk}/edit/"' in html


def test_an_expert_of_another_theme_does_not_see_the_item(client, login):
    material = in_review()
    login(client, expert_member(PLACED_CHILDREN))
    assert client.get(detail_url(material)).status_code == 404


def test_the_public_sees_no_editor_links_on_a_published_item(client, login, outsider):
    material = make_material(title_en="Public guide")
    login(client, outsider)
    html = page(client, detail_url(material))
    assert "For editors" not in html
    assert "/edit/" not in html


def test_markdown_with_script_and_event_handlers_is_rendered_inert(client, reference_data):
    material = make_material(
        title_en="Unsafe text",
        body_en=(
            "## Heading\n\n<script>alert('x')</script>\n\n"
            '<img src=x onerror="alert(1)">\n\n[link](javascript:alert(2)) **bold**'
        ),
    )
    html = page(client, detail_url(material))
    body = html.split('class="vip-material__body"', 1)[1].split("</article>", 1)[0]
    assert "<script" not in body
    assert "<img" not in body
    assert "javascript:" not in body
    assert "onerror" not in body
    assert "alert" not in body
    assert '<h2 class="govuk-heading-m">Heading</h2>' in body
    assert "<strong>bold</strong>" in body


def test_an_info_brief_reads_as_an_article(client, reference_data):
    organisation = Organisation.objects.create(
        kind=Organisation.Kind.NATIONAL_AGENCY, name_fi="Opetushallitus"
    )
    material = make_material(
        kind=Kind.INFO_BRIEF,
        title_en="Placed children at school",
        body_en="## What the law says\n\nText.\n\n### Support\n\nMore text.",
        contributors=[items.Contributor(role="author", name="Maija Meikäläinen")],
        themes=(PLACED_CHILDREN,),
    )
    html = page(client, detail_url(material))
    assert '<article class="vip-material vip-article">' in html
    assert "By Maija Meikäläinen" in html
    assert '<h2 class="govuk-heading-m">What the law says</h2>' in html
    assert '<h3 class="govuk-heading-s">Support</h3>' in html
    assert "About this info brief" in html
    assert organisation.pk  # an unrelated organisation changes nothing


def test_an_item_page_lists_the_metadata_and_citation(client, reference_data):
    publisher = Organisation.objects.create(
        kind=Organisation.Kind.NATIONAL_AGENCY, name_fi="Opetushallitus"
    )
    material = make_material(
        kind=Kind.REPORT,
        title_fi="Koulupoissaolojen tilannekatsaus",
        title_en="Situation survey on school non-attendance",
        year=2020,
        series="OPH Raportit ja selvitykset",
        number="2020:9",
        isbn="978-952-13-6714-4",
        url="https://www.oph.fi/fi/tilastot-ja-julkaisut/julkaisut",
        tags=["poissaolot", "tilannekatsaus"],
        contributors=[
            items.Contributor(role="author", name="Tiina Tutkija"),
            items.Contributor(role="publisher", organisation=publisher),
        ],
    )
    html = page(client, detail_url(material))
    assert "Tiina Tutkija" in html
    assert "Opetushallitus" in html
    assert "OPH Raportit ja selvitykset 2020:9" in html
    assert "978-952-13-6714-4" in html
    assert f'href="/en/materials/themes/{NON_ATTENDANCE}/"' in html
    assert "poissaolot, tilannekatsaus" in html
    assert 'href="https://www.oph.fi/fi/tilastot-ja-julkaisut/julkaisut"' in html
    assert f'href="/en/materials/kinds/{Kind.REPORT}/"' in html
    assert (
        "Tiina Tutkija (2020). Situation survey on school non-attendance. "
        "OPH Raportit ja selvitykset 2020:9. Opetushallitus. ISBN 978-952-13-6714-4."
    ) in html


def test_content_in_another_language_carries_its_lang_attribute(client, reference_data):
    material = make_material(
        language="sv", title_fi="", title_sv="Elever som inte går i skolan", summary_fi="",
        summary_sv="Om frånvaro.", body_sv="Text på svenska.",
    )  # fmt: skip
    html = page(client, detail_url(material, ""))
    assert '<h1 class="govuk-heading-xl" lang="sv">Elever som inte går i skolan</h1>' in html
    assert 'lang="sv">Om frånvaro.</p>' in html
    assert '<div class="vip-material__body" lang="sv">' in html
    # On the Swedish page the same text is in the page's language.
    html = page(client, detail_url(material, "/sv"))
    assert '<h1 class="govuk-heading-xl">Elever som inte går i skolan</h1>' in html


def test_an_item_page_lists_its_versions_with_their_languages(client, reference_data):
    original = make_material(title_fi="Koulupoissaolot Suomessa", language="fi")
    translation = make_material(
        title_fi="", title_en="School non-attendance in Finland", language="en",
        original=original,
    )  # fmt: skip
    hidden = make_material(
        status=Status.DRAFT, title_fi="", title_sv="Skolfrånvaro i Finland", language="sv",
        original=original,
    )  # fmt: skip
    html = page(client, detail_url(original))
    versions = html.split("Versions", 1)[1].split("</ul>", 1)[0]
    assert '<span lang="fi">Koulupoissaolot Suomessa</span> (Finnish, this page)' in versions
    assert (
        f'<a class="govuk-link" href="/en/materials/{translation.pk}/" hreflang="en">'
        "School non-attendance in Finland</a> (English)"
    ) in versions
    assert "Skolfrånvaro" not in versions  # a draft version is not public
    # The translation's page lists the same versions.
    html = page(client, detail_url(translation))
    assert f'href="/en/materials/{original.pk}/" hreflang="fi" lang="fi"' in html
    assert hidden.status == Status.DRAFT


def test_an_item_page_offers_its_files_with_type_and_size(
    client, reference_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    material = make_material(title_en="Guide with a file")
    upload = SimpleUploadedFile("opas.pdf", documents.pdf("Poissaolojen seuranta"))
    stored = file_services.add_file(actor=None, material=material, upload=upload, title="The guide")
    html = page(client, detail_url(material))
    assert f'href="/en/materials/files/{stored.pk}/">The guide</a>' in html
    assert "(PDF, " in html


def test_related_items_and_events_are_shown_only_when_public(client, reference_data):
    public = make_material(title_en="Public companion")
    draft = make_material(status=Status.DRAFT, title_en="Draft companion")
    event = make_event(title_en="Recorded webinar")
    draft_event = make_event(title_en="Unpublished webinar", publish=False)
    material = make_material(
        title_en="Recording", kind=Kind.RECORDING, related_items=[public, draft],
        related_events=[event, draft_event],
    )  # fmt: skip
    html = page(client, detail_url(material))
    assert "Public companion" in html
    assert "Draft companion" not in html
    assert f'href="/en/events/{event.pk}/">Recorded webinar</a>' in html
    assert "Unpublished webinar" not in html


def test_related_items_are_listed_newest_first(client, reference_data):
    older = make_material(title_en="Older companion")
    newer = make_material(title_en="Newer companion")
    material = make_material(title_en="Recording", related_items=[older, newer])
    html = page(client, detail_url(material))
    assert html.index("Newer companion") < html.index("Older companion")


def test_an_item_page_costs_the_same_queries_for_many_relations(
    client, reference_data, django_assert_max_num_queries
):
    companions = [make_material(title_en=f"Companion {n}") for n in range(6)]
    material = make_material(
        title_en="Well connected",
        themes=(NON_ATTENDANCE, PLACED_CHILDREN),
        tags=[f"tag{n}" for n in range(5)],
        related_items=companions,
        related_events=[make_event(title_en=f"Event {n}") for n in range(3)],
        contributors=[items.Contributor(role="author", name=f"Author {n}") for n in range(4)],
    )
    with django_assert_max_num_queries(14):
        page(client, detail_url(material))


def test_an_unknown_item_is_not_found(client, reference_data):
    assert client.get("/en/materials/999999/").status_code == 404


# --- Theme and kind pages --------------------------------------------------------------------


def test_a_theme_page_lists_its_published_items_newest_first(client, reference_data):
    make_material(title_en="Older guide")
    make_material(title_en="Newer guide")
    make_material(status=Status.DRAFT, title_en="Draft guide")
    make_material(title_en="Other theme guide", themes=(PLACED_CHILDREN,))
    html = page(client, f"/en/materials/themes/{NON_ATTENDANCE}/")
    assert '<h1 class="govuk-heading-xl">School non-attendance</h1>' in html
    assert "2 items." in html
    assert html.index("Newer guide") < html.index("Older guide")
    assert "Draft guide" not in html
    assert "Other theme guide" not in html
    assert f'name="theme" value="{NON_ATTENDANCE}"' in html
    assert f'href="/en/materials/?theme={NON_ATTENDANCE}"' in html


def test_a_theme_page_is_paginated(client, reference_data):
    for number in range(23):
        make_material(title_en=f"Guide number {number:02d}")
    html = page(client, f"/en/materials/themes/{NON_ATTENDANCE}/?page=2")
    assert "Guide number 02" in html
    assert "Guide number 22" not in html
    assert "23 items." in html


@pytest.mark.parametrize("prefix", ["", "/sv", "/en"])
def test_theme_and_kind_pages_render_in_every_language(client, reference_data, prefix):
    make_material(kind=Kind.INFO_BRIEF, title_fi="Tietoisku", title_sv="Infoblad", title_en="Brief")
    page(client, f"{prefix}/materials/themes/{NON_ATTENDANCE}/")
    page(client, f"{prefix}/materials/kinds/info_brief/")


def test_an_unknown_theme_or_kind_is_not_found(client, reference_data):
    assert client.get("/en/materials/themes/no-such-theme/").status_code == 404
    assert client.get("/en/materials/kinds/poem/").status_code == 404


def test_a_kind_page_lists_the_published_items_of_the_kind(client, reference_data):
    make_material(kind=Kind.INFO_BRIEF, title_en="A brief")
    make_material(kind=Kind.REPORT, title_en="A report")
    make_material(kind=Kind.INFO_BRIEF, status=Status.DRAFT, title_en="A draft brief")
    html = page(client, "/en/materials/kinds/info_brief/")
    assert '<h1 class="govuk-heading-xl">Info briefs</h1>' in html
    assert "A brief" in html
    assert "A report" not in html
    assert "A draft brief" not in html
    assert 'name="kind" value="info_brief"' in html


def test_list_pages_cost_the_same_queries_for_any_rows(
    client, reference_data, django_assert_max_num_queries
):
    for number in range(20):
        make_material(title_en=f"Guide {number}", themes=(NON_ATTENDANCE, PLACED_CHILDREN))
    reindex_all()
    page(client, "/en/materials/kinds/material/")  # the search catalogue, which counts, read once
    with django_assert_max_num_queries(6):
        page(client, f"/en/materials/themes/{NON_ATTENDANCE}/")
    with django_assert_max_num_queries(6):
        page(client, "/en/materials/kinds/material/")


def test_a_search_costs_the_same_queries_for_a_full_page_of_hits(
    client, reference_data, django_assert_max_num_queries
):
    for number in range(25):
        make_material(
            title_fi=f"Opas {number}",
            summary_fi="Ohjeita koulupoissaolojen seurantaan.",
            body_fi="Tekstiä. " * 50 + "Koulupoissaolot kasvavat.",
            themes=(NON_ATTENDANCE,),
        )
    reindex_all()
    page(client, "/materials/?q=opas")  # the catalogue, its terms and postings read once
    # Titles, snippets and the facts line read nothing more per hit (a field left out of
    # the hits' query would cost a query for each).
    with django_assert_max_num_queries(6):
        html = page(client, "/materials/?q=koulupoissaolo")
    assert html.count('class="vip-material-list__item"') == 20
    assert "<mark>koulupoissaolojen</mark>" in html


# --- Shell and cache -------------------------------------------------------------------------


def test_the_main_navigation_links_to_the_materials_bank(client, reference_data):
    html = page(client, "/en/")
    assert 'href="/en/materials/">Materials</a>' in html


def test_materials_pages_announce_the_feed(client, reference_data):
    material = make_material()
    for url in ("/en/materials/", detail_url(material), f"/en/materials/themes/{NON_ATTENDANCE}/"):
        html = page(client, url)
        assert re.search(
            r'<link rel="alternate" type="application/atom\+xml" href="/en/materials/feed.atom"',
            html,
        ), url


@pytest.fixture
def page_cache_on():
    cache.clear()
    with override_settings(PUBLIC_PAGE_CACHE_SECONDS=300):
        yield
    cache.clear()


def queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_an_item_page_is_cached_for_the_public_and_changes_show_at_once(
    client, reference_data, page_cache_on
):
    material = make_material(title_en="Cached guide")
    url = detail_url(material)
    assert queries(client, url) > 1
    assert queries(client, url) == 1  # only the data versions are read
    items.material_transition(actor=None, material=material, to_status=Status.ARCHIVED)
    assert client.get(url).status_code == 404


def test_pages_of_signed_in_editors_are_never_cached(client, login, national_admin, page_cache_on):
    material = make_material(title_en="Edited guide")
    login(client, national_admin)
    first = queries(client, detail_url(material))
    assert queries(client, detail_url(material)) == first
    assert "For editors" in page(client, detail_url(material))


# --- Search and browse -----------------------------------------------------------------------


@pytest.fixture
def bank(reference_data) -> dict[str, Material]:
    """A small indexed bank: a report, an info brief in Swedish, a guide of another theme."""
    materials = {
        "report": make_material(
            kind=Kind.REPORT,
            title_fi="Koulupoissaolojen tilannekatsaus",
            title_en="Situation survey on school non-attendance",
            summary_fi="Selvitys koulupoissaoloista ja niihin puuttumisesta.",
            summary_en="A survey of school absences and how schools intervene.",
            year=2020,
        ),
        "brief": make_material(
            kind=Kind.INFO_BRIEF,
            language="sv",
            title_fi="",
            title_sv="Frånvaro i skolan",
            summary_fi="",
            summary_sv="Infoblad om frånvaro.",
            year=2023,
        ),
        "guide": make_material(
            kind=Kind.MATERIAL,
            title_fi="Sijoitettujen lasten koulunkäynnin tuki",
            title_en="Supporting the schooling of placed children",
            themes=(PLACED_CHILDREN,),
            year=2021,
        ),
        "draft": make_material(
            status=Status.DRAFT, kind=Kind.REPORT, title_fi="Luonnos poissaoloista"
        ),
    }
    reindex_all()
    return materials


def results_region(html: str) -> str:
    return html.split('<div id="results"', 1)[1]


@pytest.mark.parametrize("prefix", ["", "/sv", "/en"])
def test_the_search_page_renders_in_every_language(client, bank, prefix):
    page(client, f"{prefix}/materials/")
    page(client, f"{prefix}/materials/?q=poissaolo")


def test_without_a_query_the_page_browses_the_newest_with_links_by_theme_and_kind(client, bank):
    html = page(client, "/en/materials/")
    region = results_region(html)
    assert "Browse by theme" in region
    assert f'href="/en/materials/themes/{NON_ATTENDANCE}/"' in region
    assert 'href="/en/materials/kinds/info_brief/"' in region
    assert "3 items" in region
    # Newest first: the guide was published after the report.
    assert region.index("Supporting the schooling") < region.index("Situation survey")
    assert "Luonnos" not in region


def test_the_front_page_counts_the_published_items_of_every_theme_and_kind(client, bank):
    region = results_region(page(client, "/en/materials/"))

    def entry(path: str, label: str, count: int) -> str:
        return f'href="/en/materials/{path}/">{escape(label)}</a> <span class="vip-muted">({count})'

    # Two published items of the non-attendance theme (the draft is not counted), one of
    # the placed children's, and a theme without items listed with none.
    with translation.override("en"):
        themes = {theme.code: theme.name for theme in Theme.objects.all()}
    assert entry(f"themes/{NON_ATTENDANCE}", themes[NON_ATTENDANCE], 2) in region
    assert entry(f"themes/{PLACED_CHILDREN}", themes[PLACED_CHILDREN], 1) in region
    empty = sorted(set(themes) - {NON_ATTENDANCE, PLACED_CHILDREN})
    assert empty
    assert all(entry(f"themes/{code}", themes[code], 0) in region for code in empty)
    assert entry("kinds/report", "Report", 1) in region
    assert entry("kinds/info_brief", "Info brief", 1) in region
    assert entry("kinds/recording", "Recording", 0) in region


def test_a_search_finds_inflected_forms_and_marks_the_matches(client, bank):
    html = page(client, "/en/materials/?q=poissaolo")
    region = results_region(html)
    assert "results for “poissaolo”" in region
    assert f'href="/en/materials/{bank["report"].pk}/"' in region
    assert "<mark>" in region
    assert "Luonnos" not in region  # drafts are never found
    assert "Browse by theme" not in region


def test_each_hit_names_its_themes_in_the_language_of_the_page(client, bank):
    theme = Theme.objects.get(code=PLACED_CHILDREN)
    for prefix, name in (("/en", theme.name_en), ("/sv", theme.name_sv), ("", theme.name_fi)):
        region = results_region(page(client, f"{prefix}/materials/?q=tuki"))
        assert f"<span>{escape(name)}</span>" in region


def test_facets_show_counts_and_filter_the_results(client, bank):
    html = page(client, "/en/materials/?kind=report&kind=material")
    region = results_region(html)
    assert 'id="id_kind"' in region
    assert re.search(r'name="kind" type="checkbox" value="report" checked', region)
    assert re.search(r'Report <span class="vip-facet-count">\(1<', region)
    assert re.search(r'Info brief <span class="vip-facet-count">\(1<', region)
    assert "Situation survey" in region
    assert "Supporting the schooling" in region
    assert "Frånvaro i skolan" not in region
    assert "Clear the filters" in region


def test_a_blank_search_box_beside_filters_browses_the_filters(client, bank):
    html = page(client, "/en/materials/?q=&theme=" + PLACED_CHILDREN)
    region = results_region(html)
    assert "1 item" in region
    assert "Supporting the schooling" in region


def test_other_language_titles_carry_their_lang_attribute_in_results(client, bank):
    region = results_region(page(client, "/en/materials/?language=sv"))
    assert re.search(r'href="/en/materials/\d+/" lang="sv">Fr', region)


def test_pagination_keeps_the_query_and_filters(client, reference_data):
    for number in range(23):
        make_material(title_fi=f"Poissaolo-opas {number}", kind=Kind.MATERIAL)
    reindex_all()
    html = page(client, "/en/materials/?q=poissaolo&kind=material")
    assert 'href="?q=poissaolo&amp;kind=material&amp;page=2"' in html
    html = page(client, "/en/materials/?q=poissaolo&kind=material&page=2")
    assert '<ol class="govuk-list vip-material-list" start="21">' in html


def test_an_htmx_request_gets_the_results_region_only(client, bank):
    response = client.get("/en/materials/?q=poissaolo&kind=report", headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="results"')
    assert 'data-vip-announce="results-status"' in html
    assert "data-vip-count" in html
    assert "HX-Request" in response["Vary"]


def test_the_plain_page_is_a_get_form_that_works_without_javascript(client, bank):
    html = page(client, "/en/materials/?q=poissaolo")
    form = html.split('<form method="get" action="/en/materials/"', 1)[1].split("</form>", 1)[0]
    assert 'hx-get="/en/materials/"' in form
    assert 'hx-target="#results"' in form
    assert 'hx-push-url="true"' in form
    assert '<input class="govuk-input" id="id_q" name="q" type="search" value="poissaolo"' in form
    assert 'name="sort"' in form
    assert "Apply filters" in form
    assert 'role="status" aria-live="polite"' in html


def test_a_misspelt_word_shows_what_was_searched_instead(client, bank):
    html = page(client, "/en/materials/?q=tilannekatsuas")
    assert "Showing results for <strong>tilannekatsaus</strong>." in html


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("q=", "id_q", "Type at least one search word."),
        ("q=" + "a" * 1000, "id_q", "The search is too long"),
        ("q=tuki&kind=poem", "id_kind", "Unknown kind “poem”."),
        ("theme=no-such-theme", "id_theme", "Unknown theme “no-such-theme”."),
        ("year=19x0", "id_year", "is not a year of publication"),
    ],
)
def test_bad_input_is_answered_with_an_error_summary_and_400(client, bank, query, field, message):
    response = client.get(f"/en/materials/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    assert f'href="#{field}"' in summary
    assert message in summary
    assert f'id="{field}"' in html  # the link's target is on the page
    assert "Correct the search to see results." in html
    assert "<title>Error:" in html


def test_an_unknown_sort_or_page_is_an_error_without_a_field(client, bank):
    response = client.get("/en/materials/?q=tuki&sort=best&page=x")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Unknown order “best”." in html
    assert "The page must be a number" in html


def test_bad_input_keeps_the_valid_filters_chosen(client, bank):
    response = client.get(f"/en/materials/?theme={PLACED_CHILDREN}&kind=poem")
    assert response.status_code == 400
    region = results_region(response.content.decode())
    assert re.search(rf'name="theme" type="checkbox" value="{PLACED_CHILDREN}" checked', region)


def test_bad_input_in_an_htmx_request_swaps_in_the_errors(client, bank):
    response = client.get("/en/materials/?q=tuki&kind=poem", headers=HTMX)
    # htmx swaps only successful answers: the fragment carries the error summary.
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Unknown kind “poem”." in html


def test_the_search_page_costs_a_bounded_number_of_queries(
    client, reference_data, django_assert_max_num_queries
):
    for number in range(25):
        make_material(
            title_fi=f"Poissaolojen tuki {number}", themes=(NON_ATTENDANCE, PLACED_CHILDREN)
        )
    reindex_all()
    with django_assert_max_num_queries(16):
        page(client, "/en/materials/?q=poissaolo")
    with django_assert_max_num_queries(16):
        page(client, "/en/materials/")


def test_a_long_facet_folds_its_tail_but_never_a_chosen_value(client, reference_data):
    for year in range(2010, 2022):
        make_material(title_fi=f"Opas {year}", year=year)
    reindex_all()
    region = results_region(page(client, "/en/materials/?year=2011"))
    years = region.split('id="id_year"', 1)[1].split("</fieldset>", 1)[0]
    shown, folded = years.split("<details", 1)
    assert 'value="2021"' in shown
    assert 'value="2017"' in shown
    assert 'value="2011" checked' in shown  # chosen: in view, not folded
    assert 'value="2016"' in folded
    assert 'value="2010"' in folded
    assert "Show 6 more" in folded


def test_facet_checkboxes_escape_values_and_labels():
    from vip.materials.presenters import FacetOption
    from vip.materials.templatetags.materials import facet_options

    html = facet_options(
        "theme",
        [
            FacetOption(
                value='a"b',
                label="<b>Kiusaaminen & väkivalta</b>",
                count=3,
                selected=True,
                id="facet-theme-a-b",
            ),
            FacetOption(value="c", label="Muu", count=1, selected=False, id="facet-theme-c"),
        ],
    )
    assert "<b>" not in html
    assert "&lt;b&gt;Kiusaaminen &amp; väkivalta&lt;/b&gt;" in html
    assert 'value="a&quot;b" checked>' in html
    assert 'value="c">' in html
    assert '<label class="govuk-label govuk-checkboxes__label" for="facet-theme-c">' in html


def test_the_meta_line_of_a_listed_item_escapes_its_values():
    from types import SimpleNamespace

    from vip.materials.presenters import Row
    from vip.materials.templatetags.materials import row_meta

    row = Row(
        material=SimpleNamespace(year=2020),
        title_lang="",
        summary_lang="",
        kind="<i>Raportti</i>",
        language="suomi",
        themes=[SimpleNamespace(name="Kiusaaminen & <väkivalta>"), SimpleNamespace(name="Muu")],
    )
    html = row_meta(row)
    assert "<i>" not in html
    assert "&lt;i&gt;Raportti&lt;/i&gt;" in html
    assert "<span>2020</span><span>suomi</span>" in html
    assert "<span>Kiusaaminen &amp; &lt;väkivalta&gt;, Muu</span>" in html
    without = Row(SimpleNamespace(year=None), "", "", "Opas", "suomi", [])
    assert row_meta(without) == (
        '<p class="govuk-body-s vip-material-meta"><span class="vip-material-meta__kind">Opas'
        "</span><span>suomi</span></p>"
    )


def test_a_facet_fieldset_escapes_its_legend_and_errors_and_links_them():
    from vip.materials.presenters import FacetGroup
    from vip.materials.templatetags.materials import facet_group

    html = facet_group(FacetGroup("kind", "<Laji>", [], ["Tuntematon <arvo>", "Toinen"]))
    assert '<fieldset class="govuk-fieldset" id="id_kind" tabindex="-1" aria-describedby=' in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">&lt;Laji&gt;' in html
    assert '<p id="id_kind-error" class="govuk-error-message">' in html
    assert "Tuntematon &lt;arvo&gt;<br>" in html
    assert "govuk-form-group--error" in html
    assert "<details" not in html


def test_a_listed_hit_keeps_its_marks_and_escapes_the_rest():
    from types import SimpleNamespace

    from django.utils.safestring import mark_safe

    from vip.materials.presenters import HitRow, Row
    from vip.materials.templatetags.materials import hit_items

    material = SimpleNamespace(year=None, get_absolute_url=lambda: '/fi/materials/1/?a="b"')
    hit = SimpleNamespace(
        title_html=mark_safe("<mark>Tuki</mark> &amp; ohjaus"),
        snippet_html=mark_safe("… <mark>tuen</mark> tarve …"),
    )
    row = Row(material, "sv", 'sv"x', "Opas", "ruotsi", [])
    html = hit_items([HitRow(hit=hit, row=row)])
    assert (
        'href="/fi/materials/1/?a=&quot;b&quot;" lang="sv"><mark>Tuki</mark> &amp; ohjaus</a>'
        in html
    )
    assert '<p class="govuk-body vip-material-list__snippet" lang="sv&quot;x">' in html
    assert "… <mark>tuen</mark> tarve …</p></li>" in html
    no_snippet = SimpleNamespace(title_html=mark_safe("Tuki"), snippet_html="")
    assert "vip-material-list__snippet" not in hit_items([HitRow(no_snippet, row)])


def test_a_listed_item_shows_the_start_of_its_summary_escaped():
    from types import SimpleNamespace

    from vip.materials.presenters import Row
    from vip.materials.templatetags.materials import SUMMARY_WORDS, material_items

    words = [f"sana{number}" for number in range(SUMMARY_WORDS + 5)]
    material = SimpleNamespace(
        year=2021,
        title='Tuki <b>& "ohjaus"</b>',
        summary="<i>Alku</i> " + " ".join(words),
        get_absolute_url=lambda: "/fi/materials/7/",
    )
    row = Row(material, "", "sv", "Opas", "suomi", [])
    html = material_items([row])
    assert 'href="/fi/materials/7/">Tuki &lt;b&gt;&amp; &quot;ohjaus&quot;&lt;/b&gt;</a>' in html
    assert 'vip-material-list__snippet" lang="sv">&lt;i&gt;Alku&lt;/i&gt; sana0' in html
    assert f"sana{SUMMARY_WORDS - 2} …</p></li>" in html  # the 40th word, then the cut
    assert f"sana{SUMMARY_WORDS - 1}" not in html
    # Related items show no summary; an item without one shows no empty paragraph.
    assert "vip-material-list__snippet" not in material_items([row], summaries=False)
    empty = Row(SimpleNamespace(**{**vars(material), "summary": ""}), "", "", "Opas", "suomi", [])
    assert "vip-material-list__snippet" not in material_items([empty])
