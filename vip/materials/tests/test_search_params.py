"""Reading a search from request parameters (the page and the API share it), and the
reindex command."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.utils import translation

from vip.audit.models import AuditAction, AuditEvent
from vip.materials.index import SearchInputError, SearchParams, is_stale, parse_params, search
from vip.materials.index.models import SearchIndexState, SearchPosting
from vip.materials.tests.search_builders import item
from vip.network.models import Theme

pytestmark = pytest.mark.usefixtures("reference_data")


def errors_of(data) -> dict[str, list[str]]:
    with pytest.raises(SearchInputError) as caught:
        parse_params(data)
    return caught.value.errors


class TestParsing:
    def test_a_full_search_from_a_query_string(self):
        theme = Theme.objects.order_by("position").first()
        data = QueryDict(
            f"q=+poissaolot+&kind=report&kind=model&theme={theme.code}&language=fi"
            "&year=2021&level=basic-education&sort=newest&page=2"
        )
        assert parse_params(data) == SearchParams(
            q="poissaolot",
            kind=("report", "model"),
            theme=(theme.code,),
            language=("fi",),
            year=(2021,),
            level=("basic-education",),
            sort="newest",
            page=2,
        )

    def test_a_dict_of_strings_and_lists_reads_the_same(self):
        assert parse_params({"q": "tuki", "kind": ["report"], "year": "2020"}) == SearchParams(
            q="tuki", kind=("report",), year=(2020,)
        )

    def test_no_query_is_browsing(self):
        assert parse_params(QueryDict("")) == SearchParams()
        assert parse_params(QueryDict("kind=")).kind == ()

    @pytest.mark.parametrize("q", ["", "   ", "?!-", "…"])
    def test_an_empty_query_is_refused(self, q):
        with translation.override("en"):
            assert errors_of({"q": q}) == {"q": ["Type at least one search word."]}

    def test_a_thousand_character_query_is_refused_clearly(self):
        with translation.override("en"):
            errors = errors_of({"q": "poissaolo " * 100})
        assert errors["q"] == ["The search is too long: use at most 200 characters (now 999)."]

    def test_errors_are_translated(self):
        with translation.override("fi"):
            assert errors_of({"q": " "})["q"] == ["Kirjoita vähintään yksi hakusana."]
        with translation.override("sv"):
            assert errors_of({"q": " "})["q"] == ["Skriv minst ett sökord."]

    @pytest.mark.parametrize(
        ("name", "value"),
        [
            ("kind", "novel"),
            ("theme", "no-such-theme"),
            ("language", "de"),
            ("level", "university"),
            ("sector", "no-such-sector"),
            ("year", "last"),
            ("year", "20201"),
            ("year", "²"),  # a digit to str.isdigit(), not to int()
            ("year", "２０２１"),
            ("sort", "random"),
            ("page", "0"),
            ("page", "x"),
            ("page", "²"),
            ("page", "١"),
            ("page", "100000"),
        ],
    )
    def test_unknown_values_are_refused_per_parameter(self, name, value):
        errors = errors_of({"q": "tuki", name: value})
        assert list(errors) == [name]
        assert errors[name][0]

    def test_every_bad_parameter_is_reported_at_once(self):
        with translation.override("en"):
            errors = errors_of({"q": "x" * 201, "kind": ["report", "novel"], "page": "-1"})
        assert set(errors) == {"q", "kind", "page"}
        assert errors["kind"] == ["Unknown kind “novel”."]

    def test_a_blank_box_beside_filters_browses_them(self):
        # A form always sends its search box; the page and the API read it alike.
        params = parse_params({"q": " ", "kind": "report"})
        assert params.q is None
        assert params.kind == ("report",)


class TestReindexCommand:
    def test_rebuilds_prints_counts_and_audits(self):
        item(title_fi="Poissaolot kouluissa")
        item(title_fi="Luonnos", status="draft")
        out = io.StringIO()
        call_command("reindex_materials", stdout=out)
        assert "Indexed 1 published items" in out.getvalue()
        assert search(SearchParams(q="poissaolo")).total == 1
        event = AuditEvent.objects.get(action=AuditAction.MATERIALS_REINDEXED)
        assert event.details["items"] == 1
        assert not is_stale()

    def test_a_second_run_gives_the_same_index(self):
        item(title_fi="Poissaolot kouluissa", tags=["seuranta"])
        call_command("reindex_materials", stdout=io.StringIO())
        first = sorted(SearchPosting.objects.values_list("term__text", "weight"))
        call_command("reindex_materials", stdout=io.StringIO())
        assert sorted(SearchPosting.objects.values_list("term__text", "weight")) == first
        assert search(SearchParams(q="seuranta")).total == 1

    def test_check_tells_a_stale_index(self):
        out = io.StringIO()
        with pytest.raises(SystemExit):
            call_command("reindex_materials", "--check", stdout=out)
        assert "stale" in out.getvalue()
        call_command("reindex_materials", stdout=io.StringIO())
        SearchIndexState.objects.update(fingerprint="other-analyser")
        assert is_stale()
        call_command("reindex_materials", stdout=io.StringIO())
        out = io.StringIO()
        call_command("reindex_materials", "--check", stdout=out)
        assert "up to date" in out.getvalue()

    def test_incremental_and_full_indexing_agree(self):
        from vip.materials.index import index_material

        a = item(title_fi="Poissaolot", tags=["seuranta"], authors=["Valtteri"])
        b = item(title_fi="Poissaolojen seuranta", summary_fi="Tuki.")
        index_material(a.pk)
        index_material(b.pk)
        incremental = sorted(
            SearchPosting.objects.values_list("term__text", "term__df", "material_id", "weight")
        )
        call_command("reindex_materials", stdout=io.StringIO())
        full = sorted(
            SearchPosting.objects.values_list("term__text", "term__df", "material_id", "weight")
        )
        assert incremental == full

    def test_an_item_indexed_after_a_full_rebuild_gets_new_terms_and_words(self):
        from vip.materials.index import index_material

        item(title_fi="Poissaolot")
        call_command("reindex_materials", stdout=io.StringIO())
        later = item(title_fi="Sairaalaopetus", authors=["Valtteri Virtanen"])
        index_material(later.pk)
        assert search(SearchParams(q="sairaalaopetus")).total == 1
        assert search(SearchParams(q="Valteri")).total == 1
