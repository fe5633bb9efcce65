"""The materials search on the database index: what finds what, in which order, with which
facets and highlights."""

from __future__ import annotations

import pytest
from django.utils import translation

from vip.materials.index import (
    SearchParams,
    engine,
    index_material,
    reindex_all,
    schedule_index,
    search,
)
from vip.materials.models import Material, MaterialFile, SchoolLevel
from vip.materials.tests.search_builders import item, titles
from vip.network.models import Sector, Theme

pytestmark = pytest.mark.usefixtures("reference_data")
Status = Material.Status


def found(q: str, **params) -> set[str]:
    return set(titles(q, **params))


class TestFinnishWords:
    @pytest.fixture(autouse=True)
    def items(self, reference_data):
        item(title_fi="Tuki koulunkäyntiin", summary_fi="Oppilaan tuen tarpeet.")
        item(title_fi="Luokka ja opettaja")
        item(title_fi="Lapsi koulussa")
        item(title_fi="Sairaalaopetuksessa olevat oppilaat")
        item(title_fi="Oppimissuunnitelmassa sovitaan tavoitteet")
        item(title_fi="Säde ja valo")
        reindex_all()

    @pytest.mark.parametrize("q", ["tuki", "tuen", "tuesta", "tukea"])
    def test_inflected_forms_and_consonant_gradation_find_the_base_form(self, q):
        assert "Tuki koulunkäyntiin" in found(q)

    @pytest.mark.parametrize("q", ["luokka", "luokalla", "luokassa"])
    def test_luokka(self, q):
        assert found(q) == {"Luokka ja opettaja"}

    @pytest.mark.parametrize("q", ["lapsi", "lasten", "lapsen"])
    def test_lapsi(self, q):
        assert found(q) == {"Lapsi koulussa"}

    def test_a_compound_part_finds_the_compound(self):
        assert found("opetus") == {"Sairaalaopetuksessa olevat oppilaat"}
        assert found("suunnitelma") == {"Oppimissuunnitelmassa sovitaan tavoitteet"}

    def test_umlauts_are_letters_of_their_own(self):
        assert found("sade") == set()
        assert found("sateessa") == set()
        assert found("säde") == {"Säde ja valo"}


def test_swedish_content_is_stemmed():
    item(title_sv="Elevhälsan i skolan", language="sv")
    item(title_sv="Frånvaro från skolan", language="sv")
    reindex_all()
    assert found("elevhälsa") == {"Elevhälsan i skolan"}
    assert found("frånvaron") == {"Frånvaro från skolan"}


class TestTypos:
    @pytest.fixture(autouse=True)
    def items(self, reference_data):
        item(title_fi="Elmeri-koulujen toimintamalli", authors=["Valtteri Virtanen"])
        item(title_fi="Opetushallituksen raportit", tags=["kouluakäymättömyys"])
        reindex_all()

    def test_a_misspelt_title_word_is_corrected_and_reported(self):
        results = search(SearchParams(q="Opetushalitus"))
        assert [h.material.title for h in results.hits] == ["Opetushallituksen raportit"]
        assert results.corrections == {"opetushalitus": "opetushallitus"}

    def test_a_misspelt_author_name_finds_the_item(self):
        assert found("Valteri") == {"Elmeri-koulujen toimintamalli"}
        assert found("Elmery") == {"Elmeri-koulujen toimintamalli"}

    def test_tags_are_searched(self):
        assert found("kouluakäymättömyydestä") == {"Opetushallituksen raportit"}

    def test_a_correct_word_reports_no_correction(self):
        assert search(SearchParams(q="raportit")).corrections == {}

    def test_an_umlaut_swap_is_not_a_typo(self):
        item(title_fi="Käytös luokassa")
        reindex_all()
        assert found("kaytos") == set()


def test_ranking_title_over_summary_over_body_over_files():
    attachment = item(title_fi="Neljäs", summary_fi="Muuta.", body_fi="Muuta tekstiä.")
    MaterialFile.objects.create(
        material=attachment,
        file="x",
        original_name="a.pdf",
        content_type="application/pdf",
        size=1,
        text="Tässä liitteessä puhutaan poissaoloista.",
    )
    item(title_fi="Kolmas", body_fi="Koulun poissaolot ja niiden seuranta.")
    item(title_fi="Toinen", summary_fi="Poissaolot kouluissa.")
    item(title_fi="Poissaolot")
    reindex_all()
    assert titles("poissaolo") == ["Poissaolot", "Toinen", "Kolmas", "Neljäs"]


def test_items_matching_more_words_come_first_and_recent_years_nudge_ties():
    item(title_fi="Poissaolot", year=2015)
    item(title_fi="Poissaolot", year=2024)
    item(title_fi="Poissaolot ja seuranta", year=2010)
    reindex_all()
    results = search(SearchParams(q="poissaolojen seuranta"))
    assert [(h.material.title, h.material.year) for h in results.hits] == [
        ("Poissaolot ja seuranta", 2010),
        ("Poissaolot", 2024),
        ("Poissaolot", 2015),
    ]


class TestVisibility:
    def test_drafts_items_in_review_and_archived_items_are_never_found(self):
        for status in (Status.DRAFT, Status.REVIEW, Status.ARCHIVED):
            item(title_fi=f"Poissaolot {status}", status=status)
        item(title_fi="Poissaolot julkaistu")
        reindex_all()
        assert found("poissaolot") == {"Poissaolot julkaistu"}
        assert {h.material.title for h in search(SearchParams()).hits} == {"Poissaolot julkaistu"}

    def test_unpublishing_an_item_removes_it_from_the_index(self):
        material = item(title_fi="Poissaolot")
        index_material(material.pk)
        assert found("poissaolot") == {"Poissaolot"}
        Material.objects.filter(pk=material.pk).update(status=Status.ARCHIVED)
        index_material(material.pk)
        assert found("poissaolot") == set()

    def test_an_edit_is_indexed_after_the_commit(self, django_capture_on_commit_callbacks):
        material = item(title_fi="Poissaolot")
        index_material(material.pk)
        with django_capture_on_commit_callbacks(execute=True):
            Material.objects.filter(pk=material.pk).update(title_fi="Seuranta")
            schedule_index(material.pk)
            assert found("seuranta") == set()  # not before the commit
        assert found("seuranta") == {"Seuranta"}
        assert found("poissaolot") == set()

    def test_a_deleted_item_is_gone_from_the_index(self):
        material = item(title_fi="Poissaolot")
        index_material(material.pk)
        material.delete()
        index_material(material.pk)
        assert search(SearchParams(q="poissaolot")).total == 0


class TestFacets:
    @pytest.fixture(autouse=True)
    def items(self, reference_data):
        self.t1, self.t2 = Theme.objects.order_by("position")[:2]
        self.level = SchoolLevel.objects.get(code="basic-education")
        self.sector = Sector.objects.order_by("position").first()
        item(title_fi="Poissaolot A", kind="report", year=2020, themes=[self.t1])
        item(title_fi="Poissaolot B", kind="report", year=2021, themes=[self.t2])
        item(
            title_fi="Poissaolot C",
            kind="model",
            year=2021,
            themes=[self.t1, self.t2],
            levels=[self.level],
            sectors=[self.sector],
        )
        item(title_fi="Poissaolot D", kind="info_brief", year=2022, language="sv")
        item(title_fi="Muuta E", kind="report", year=2022, themes=[self.t1])
        reindex_all()

    def counts(self, results, facet):
        return {v.value: v.count for v in results.facets[facet]}

    def test_counts_follow_the_query(self):
        results = search(SearchParams(q="poissaolot"))
        assert results.total == 4
        assert self.counts(results, "kind") == {"report": 2, "model": 1, "info_brief": 1}
        assert self.counts(results, "theme") == {self.t1.code: 2, self.t2.code: 2}
        assert self.counts(results, "language") == {"fi": 3, "sv": 1}
        assert [v.value for v in results.facets["year"]] == ["2022", "2021", "2020"]
        assert self.counts(results, "level") == {"basic-education": 1}
        assert self.counts(results, "sector") == {self.sector.code: 1}

    def test_values_within_a_facet_combine_with_or_and_facets_with_and(self):
        results = search(SearchParams(q="poissaolot", kind=("report", "model")))
        assert found("poissaolot", kind=("report", "model")) == {
            "Poissaolot A",
            "Poissaolot B",
            "Poissaolot C",
        }
        # A facet's own filter does not narrow its counts (disjunctive) ...
        assert self.counts(results, "kind") == {"report": 2, "model": 1, "info_brief": 1}
        # ... but narrows the others'.
        assert self.counts(results, "language") == {"fi": 3}
        both = search(SearchParams(q="poissaolot", kind=("report", "model"), year=(2021,)))
        assert {h.material.title for h in both.hits} == {"Poissaolot B", "Poissaolot C"}
        assert self.counts(both, "kind") == {"report": 1, "model": 1}
        assert self.counts(both, "year") == {"2020": 1, "2021": 2}

    def test_a_selected_value_is_listed_even_without_hits(self):
        results = search(SearchParams(q="poissaolot", kind=("recording",)))
        assert results.total == 0
        recording = next(v for v in results.facets["kind"] if v.value == "recording")
        assert recording.selected
        assert recording.count == 0

    def test_labels_are_translated(self):
        with translation.override("fi"):
            results = search(SearchParams(q="poissaolot"))
        labels = {v.value: v.label for v in results.facets["kind"]}
        assert labels["report"] == str(Material.Kind.REPORT.label) or labels["report"]
        themes = {v.value: v.label for v in results.facets["theme"]}
        assert themes[self.t1.code] == self.t1.name_fi

    def test_browsing_lists_newest_first_with_facets(self):
        results = search(SearchParams(theme=(self.t1.code,)))
        assert [h.material.title for h in results.hits] == [
            "Muuta E",
            "Poissaolot C",
            "Poissaolot A",
        ]
        assert self.counts(results, "theme")[self.t2.code] == 2  # disjunctive

    def test_newest_order_with_a_query(self):
        assert titles("poissaolot", sort="newest") == [
            "Poissaolot D",
            "Poissaolot C",
            "Poissaolot B",
            "Poissaolot A",
        ]

    def test_pages(self):
        first = search(SearchParams(q="poissaolot", per_page=3))
        second = search(SearchParams(q="poissaolot", per_page=3, page=2))
        assert (first.total, first.pages, len(first.hits), len(second.hits)) == (4, 2, 3, 1)
        seen = [h.material.pk for h in first.hits + second.hits]
        assert len(set(seen)) == 4

    def test_pages_beyond_the_memoised_best_rank_as_the_first(self, monkeypatch):
        # Equal scores tie at the cut of the memoised best rows; the item id decides.
        for number in range(9):
            item(
                title_fi=f"Poissaolot {number}", summary_fi="Poissaolot ja tuki" * (number % 3 == 0)
            )
        reindex_all()
        everything = [h.material.pk for h in search(SearchParams(q="poissaolot", per_page=50)).hits]
        monkeypatch.setattr(engine, "TOP", 5)  # the three best, then two of the tied
        engine.catalogue([Status.PUBLISHED]).matches.clear()
        first = search(SearchParams(q="poissaolot", per_page=5))
        rest = [
            search(SearchParams(q="poissaolot", per_page=5, page=n))
            for n in range(2, first.pages + 1)
        ]
        assert first.total == len(everything) >= 9
        assert [h.material.pk for page in (first, *rest) for h in page.hits] == everything


class TestHighlighting:
    def test_matched_words_are_marked_and_html_is_escaped(self):
        item(
            title_fi="<script>alert(1)</script> Poissaolot & seuranta",
            summary_fi="Selvitys <b>koulupoissaoloista</b> kouluissa.",
        )
        reindex_all()
        hit = search(SearchParams(q="poissaolo")).hits[0]
        assert "<script>" not in hit.title_html
        assert "&lt;script&gt;" in hit.title_html
        assert "<mark>Poissaolot</mark> &amp; seuranta" in hit.title_html
        assert "<mark>koulupoissaoloista</mark>" in hit.snippet_html
        assert "&lt;b&gt;" in hit.snippet_html

    def test_the_snippet_is_a_passage_around_the_match(self):
        words = " ".join(f"sana{i}" for i in range(80))
        item(title_fi="Pitkä", body_fi=f"{words} sairaalaopetus {words}")
        reindex_all()
        snippet = search(SearchParams(q="sairaalaopetus")).hits[0].snippet_html
        assert "<mark>sairaalaopetus</mark>" in snippet
        assert snippet.startswith("… ")
        assert snippet.endswith(" …")
        assert len(snippet.split()) < 40

    def test_a_match_in_a_file_is_shown_from_the_file(self):
        material = item(title_fi="Liite", summary_fi="Tiivistelmä.")
        MaterialFile.objects.create(
            material=material,
            file="x",
            original_name="a.pdf",
            content_type="application/pdf",
            size=1,
            text="Liitteessä kerrotaan sairaalaopetuksesta.",
        )
        reindex_all()
        hit = search(SearchParams(q="sairaalaopetus")).hits[0]
        assert "<mark>sairaalaopetuksesta</mark>" in hit.snippet_html

    def test_the_title_follows_the_page_language(self):
        item(title_fi="Poissaolot", title_sv="Frånvaro")
        reindex_all()
        with translation.override("sv"):
            hit = search(SearchParams(q="frånvaro")).hits[0]
        assert hit.title_html == "<mark>Frånvaro</mark>"

    def test_a_hanging_hyphen_is_completed_before_marking(self):
        item(title_fi="Ohjaus", summary_fi="Oppimis- ja ohjauskeskukset tukevat kouluja.")
        reindex_all()
        [hit] = search(SearchParams(q="oppimiskeskus")).hits
        assert "<mark>Oppimis-</mark>" in hit.snippet_html
