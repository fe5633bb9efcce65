"""The materials API: the bank's search (as the search page has it) and one published item."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from vip.events.tests.builders import make_event
from vip.materials.index import SearchInputError, parse_params, reindex_all
from vip.materials.models import Material, SchoolLevel
from vip.materials.services import files, items
from vip.materials.tests import documents
from vip.materials.tests.builders import NON_ATTENDANCE, PLACED_CHILDREN, make_material, theme
from vip.network.models import Sector

pytestmark = pytest.mark.usefixtures("reference_data")
Status = Material.Status

LIST = "/api/v1/materials"
PROBLEM = "application/problem+json"


def get_json(client, url: str, status: int = 200, **params: Any) -> dict[str, Any]:
    response = client.get(url, params)
    assert response.status_code == status, response.content
    if status >= 400:
        assert response["Content-Type"] == PROBLEM
    return response.json()


def ids(client, **params: Any) -> list[int]:
    return [hit["id"] for hit in get_json(client, LIST, **params)["items"]]


class Bank:
    """Three published items, a draft and an archived one, indexed."""

    def __init__(self) -> None:
        self.survey = make_material(
            kind=Material.Kind.REPORT,
            title_fi="Koulupoissaolot Suomessa: tilannekatsaus",
            title_en="School non-attendance in Finland: a situation survey",
            summary_fi="Selvitys koulupoissaolojen yleisyydestä ja syistä.",
            year=2020,
            sectors=[Sector.objects.get(code="pupil-welfare")],
            school_levels=[SchoolLevel.objects.get(code="basic-education")],
        )
        self.brief = make_material(
            kind=Material.Kind.INFO_BRIEF,
            title_fi="Sijoitettu lapsi koulussa",
            summary_fi="Tietoisku koulupoissaoloihin puuttumisesta sijaishuollossa.",
            year=2023,
            themes=(PLACED_CHILDREN,),
        )
        self.swedish = make_material(
            kind=Material.Kind.RESEARCH,
            language="sv",
            title_fi="",
            title_sv="Elever som inte går i skolan",
            summary_fi="",
            summary_sv="En studie om skolfrånvaro.",
            year=2019,
        )
        self.draft = make_material(
            status=Status.DRAFT, title_fi="Koulupoissaolot: luonnos", year=2024
        )
        self.archived = make_material(title_fi="Koulupoissaolot: vanha opas", year=2010)
        items.material_transition(actor=None, material=self.archived, to_status=Status.ARCHIVED)
        reindex_all()


@pytest.fixture
def bank() -> Bank:
    return Bank()


class TestSearching:
    def test_it_finds_published_items_by_inflected_and_compound_words(self, client, bank):
        data = get_json(client, LIST, q="koulupoissaolo")

        assert {hit["id"] for hit in data["items"]} == {bank.survey.pk, bank.brief.pk}
        assert data["count"] == 2
        assert data["q"] == "koulupoissaolo"
        assert (data["page"], data["pages"], data["page_size"]) == (1, 1, 20)

    def test_the_answer_is_the_list_envelope_of_every_endpoint_with_the_search_beside(
        self, client, bank
    ):
        data = get_json(client, LIST, q="koulupoissaolo")

        assert list(data)[:5] == ["count", "page", "page_size", "pages", "items"]
        assert {"q", "sort", "facets", "corrections"} <= set(data)
        assert not {"results", "total", "per_page"} & set(data)

    def test_a_result_carries_its_fields_a_marked_snippet_and_its_address(self, client, bank):
        [hit] = get_json(client, LIST, q="tilannekatsaus", lang="fi")["items"]

        assert hit["id"] == bank.survey.pk
        assert hit["title"] == "Koulupoissaolot Suomessa: tilannekatsaus"
        assert hit["title_en"] == "School non-attendance in Finland: a situation survey"
        assert hit["title_sv"] == ""
        assert "<mark>" in hit["title_html"]
        assert hit["kind"] == "report"
        assert hit["language"] == "fi"
        assert hit["year"] == 2020
        assert hit["themes"] == [NON_ATTENDANCE]
        assert hit["url"] == f"http://testserver/materials/{bank.survey.pk}/"
        assert isinstance(hit["snippet"], str)
        assert hit["score"] > 0

    @pytest.mark.parametrize("params", [{"q": "koulupoissaolo"}, {}, {"q": "x", "kind": "report"}])
    def test_the_answer_is_what_its_documented_model_says_field_for_field(
        self, client, bank, params
    ):
        from vip.materials.api import MaterialSearchOut  # (after the API, which mounts it)

        response = client.get(LIST, params)
        assert response["Content-Type"] == "application/json; charset=utf-8"
        data = json.loads(response.content)
        # Built without the model at run time: the model must take it as it is, and
        # give it back unchanged, keys in the same order.
        model = MaterialSearchOut.model_validate(data, strict=False)
        assert json.loads(model.model_dump_json()) == data
        assert list(model.model_dump(mode="json")) == list(data)
        if data["items"]:
            assert list(model.items[0].model_dump(mode="json")) == list(data["items"][0])

    def test_the_language_of_the_answer_is_asked_for_with_lang(self, client, bank):
        data = get_json(client, LIST, q="tilannekatsaus", lang="en")

        [hit] = data["items"]
        assert hit["title"] == "School non-attendance in Finland: a situation survey"
        assert hit["url"] == f"http://testserver/en/materials/{bank.survey.pk}/"
        kinds = {value["value"]: value["label"] for value in data["facets"]["kind"]}
        assert kinds["report"] == "Report"

    def test_the_accept_language_header_decides_without_lang(self, client, bank):
        response = client.get(LIST, {"q": "tilannekatsaus"}, headers={"accept-language": "sv"})

        [hit] = response.json()["items"]
        assert hit["url"] == f"http://testserver/sv/materials/{bank.survey.pk}/"

    def test_without_a_query_it_browses_the_published_items_newest_first(self, client, bank):
        data = get_json(client, LIST)

        assert data["q"] is None
        assert [hit["id"] for hit in data["items"]] == [
            bank.swedish.pk,
            bank.brief.pk,
            bank.survey.pk,
        ]
        assert all(hit["score"] == 0 for hit in data["items"])


class TestFacetsAndFilters:
    def test_facets_count_the_matches_by_kind_theme_language_and_year(self, client, bank):
        facets = get_json(client, LIST)["facets"]

        assert set(facets) == {"kind", "theme", "language", "year", "level", "sector"}
        counts = {f["value"]: f["count"] for f in facets["kind"]}
        assert counts == {"research": 1, "info_brief": 1, "report": 1}
        assert {f["value"]: f["count"] for f in facets["theme"]} == {
            NON_ATTENDANCE: 2,
            PLACED_CHILDREN: 1,
        }
        assert {f["value"]: f["count"] for f in facets["language"]} == {"fi": 2, "sv": 1}
        assert [f["value"] for f in facets["year"]] == ["2023", "2020", "2019"]
        assert {f["value"] for f in facets["sector"]} == {"pupil-welfare"}
        assert {f["value"] for f in facets["level"]} == {"basic-education"}
        assert not any(f["selected"] for values in facets.values() for f in values)

    def test_a_selected_value_is_marked_and_other_facets_follow_the_filter(self, client, bank):
        facets = get_json(client, LIST, kind="report")["facets"]

        [report] = [f for f in facets["kind"] if f["value"] == "report"]
        assert report["selected"] is True
        assert {f["value"] for f in facets["year"]} == {"2020"}

    def test_filters_narrow_the_results_and_combine_with_the_query(self, client, bank):
        assert ids(client, kind="report") == [bank.survey.pk]
        assert ids(client, theme=PLACED_CHILDREN) == [bank.brief.pk]
        assert ids(client, language="sv") == [bank.swedish.pk]
        assert ids(client, year="2019") == [bank.swedish.pk]
        assert ids(client, sector="pupil-welfare") == [bank.survey.pk]
        assert ids(client, level="basic-education") == [bank.survey.pk]
        assert ids(client, q="koulupoissaolo", kind="info_brief") == [bank.brief.pk]
        assert ids(client, q="koulupoissaolo", language="sv") == []

    def test_a_repeated_filter_matches_any_of_its_values(self, client, bank):
        found = ids(client, kind=["report", "research"])

        assert sorted(found) == sorted([bank.survey.pk, bank.swedish.pk])


class TestPagination:
    def test_pages_follow_page_size(self, client, bank):
        first = get_json(client, LIST, page_size="2")
        second = get_json(client, LIST, page_size="2", page="2")

        assert (first["count"], first["pages"], first["page_size"]) == (3, 2, 2)
        assert [h["id"] for h in first["items"]] == [bank.swedish.pk, bank.brief.pk]
        assert [h["id"] for h in second["items"]] == [bank.survey.pk]

    @pytest.mark.parametrize(
        ("page_size", "message"),
        [
            ("0", "Must be at least 1."),
            ("-1", "Must be at least 1."),
            ("101", "Must be at most 100."),
            ("ten", "Must be a whole number."),
            ("2.5", "Must be a whole number."),
        ],
    )
    def test_page_size_is_bounded_with_the_messages_of_every_endpoint(
        self, client, bank, page_size, message
    ):
        data = get_json(client, LIST, 422, page_size=page_size)

        [error] = data["errors"]
        assert (error["field"], error["message"]) == ("page_size", message)
        groups = get_json(client, "/api/v1/groups", 422, page_size=page_size)
        assert [e["message"] for e in groups["errors"]] == [message]

    def test_a_page_size_of_a_hundred_is_allowed(self, client, bank):
        assert get_json(client, LIST, page_size="100")["page_size"] == 100

    def test_a_page_past_the_last_is_refused_as_in_the_other_lists(self, client, bank):
        data = get_json(client, LIST, 422, page_size="2", page="3")

        [error] = data["errors"]
        assert error["field"] == "page"
        assert error["message"] == "Page 3 does not exist; the last page is 2."


def page_messages(**params: Any) -> dict[str, list[str]]:
    """What the search page says about the same input (the shared parse_params)."""
    with pytest.raises(SearchInputError) as caught:
        parse_params(dict(params))
    return {name: [str(m) for m in messages] for name, messages in caught.value.errors.items()}


class TestBadInput:
    @pytest.mark.parametrize(
        ("params", "field", "message"),
        [
            ({"q": ""}, "q", "Type at least one search word."),
            ({"q": "   "}, "q", "Type at least one search word."),
            ({"q": "koulu" * 200}, "q", "The search is too long"),
            ({"kind": "poem"}, "kind", "Unknown kind “poem”."),
            ({"theme": "juggling"}, "theme", "Unknown theme “juggling”."),
            ({"language": "de"}, "language", "Unknown language “de”."),
            ({"level": "university"}, "level", "Unknown school level “university”."),
            ({"sector": "space"}, "sector", "Unknown sector “space”."),
            ({"year": "last"}, "year", "“last” is not a year of publication."),
            ({"sort": "random"}, "sort", "Unknown order “random”."),
            ({"page": "abc"}, "page", "The page must be a number"),
            ({"page": "0"}, "page", "The page must be a number"),
        ],
    )
    def test_it_answers_422_with_the_search_pages_message(
        self, client, bank, params, field, message
    ):
        data = get_json(client, LIST, 422, **params)

        assert data["status"] == 422
        assert data["title"] == "Invalid request"
        assert data["instance"] == LIST
        [error] = data["errors"]
        assert error["field"] == field
        assert message in error["message"]
        assert [error["message"]] == page_messages(**params)[field]

    def test_every_bad_parameter_is_reported(self, client, bank):
        data = get_json(client, LIST, 422, q="x" * 1000, kind="poem", page_size="1000")

        assert {e["field"] for e in data["errors"]} == {"q", "kind", "page_size"}

    def test_messages_follow_the_language(self, client, bank):
        data = get_json(client, LIST, 422, kind="poem", lang="fi")

        [error] = data["errors"]
        with translation.override("fi"):
            assert [error["message"]] == page_messages(kind="poem")["kind"]


result_link = re.compile(
    r'vip-material-list__title"><a class="govuk-link" href="(?:/[a-z]{2})?/materials/(\d+)/"'
)


class TestParityWithTheSearchPage:
    @pytest.mark.parametrize(
        "params",
        [
            {"q": "koulupoissaolo"},
            {"q": "koulu", "sort": "newest"},
            {"q": "koulupoissaoloihin", "kind": "info_brief"},
            {"theme": NON_ATTENDANCE},
            {},
            {"q": "skolfrånvaro"},
        ],
    )
    def test_the_page_and_the_api_list_the_same_items_in_the_same_order(self, client, bank, params):
        page = client.get(reverse("materials:search"), params)
        assert page.status_code == 200
        on_page = [int(pk) for pk in result_link.findall(page.content.decode())]

        assert on_page  # every case finds something, so that the comparison says something
        assert ids(client, **params) == on_page
        assert get_json(client, LIST, **params)["count"] == len(on_page)

    def test_the_page_and_the_api_refuse_the_same_input(self, client, bank):
        # The page answers 400 (a page with the form and its errors), the API 422.
        assert client.get(reverse("materials:search"), {"kind": "poem"}).status_code == 400
        assert get_json(client, LIST, 422, kind="poem")["errors"][0]["field"] == "kind"


class TestOneItem:
    def test_it_gives_everything_about_a_published_item(self, client, bank, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        item = make_material(
            kind=Material.Kind.REPORT,
            title_fi="Koulupoissaolot Suomessa 2020",
            title_sv="Skolfrånvaro i Finland 2020",
            summary_fi="Tiivistelmä **lihavoitu**.",
            body_fi="## Tulokset\n\n<script>alert(1)</script> Teksti.",
            year=2020,
            series="OPH Raportit ja selvitykset",
            number="2020:9",
            isbn="978-952-13-6782-3",
            url="https://www.oph.fi/julkaisu",
            tags=["poissaolot"],
            contributors=[
                items.Contributor(role="author", name="Maija Meikäläinen"),
                items.Contributor(role="publisher", name="Opetushallitus"),
            ],
            sectors=[Sector.objects.get(code="pupil-welfare")],
            school_levels=[SchoolLevel.objects.get(code="basic-education")],
            related_items=[bank.brief, bank.draft],
            related_events=[make_event(), make_event(publish=False, title_fi="Luonnos")],
        )
        files.add_file(
            actor=None,
            material=item,
            upload=SimpleUploadedFile("raportti.pdf", documents.pdf("Koulupoissaolot")),
            title="Koko raportti",
        )

        data = get_json(client, f"{LIST}/{item.pk}", lang="en")

        assert data["id"] == item.pk
        assert data["uid"] == str(item.uid)
        assert data["url"] == f"http://testserver/en/materials/{item.pk}/"
        assert data["kind"] == "report"
        assert data["kind_label"] == "Report"
        assert data["title"] == "Koulupoissaolot Suomessa 2020"  # no English title
        assert data["title_sv"] == "Skolfrånvaro i Finland 2020"
        fi = data["texts"]["fi"]
        assert fi["summary"] == "Tiivistelmä **lihavoitu**."
        assert "<strong>lihavoitu</strong>" in fi["summary_html"]
        assert "<script>" in fi["body"]
        assert "<script>" not in fi["body_html"]
        assert data["texts"]["sv"]["title"] == "Skolfrånvaro i Finland 2020"
        assert data["texts"]["en"]["body_html"] == ""
        assert data["themes"] == [{"code": NON_ATTENDANCE, "name": theme().name_en}]
        assert data["tags"] == ["poissaolot"]
        assert data["audiences"]["sectors"] == [{"code": "pupil-welfare", "name": "Pupil welfare"}]
        assert [s["code"] for s in data["audiences"]["school_levels"]] == ["basic-education"]
        assert [(c["role"], c["name"]) for c in data["contributors"]] == [
            ("author", "Maija Meikäläinen"),
            ("publisher", "Opetushallitus"),
        ]
        assert (data["year"], data["series"], data["number"]) == (2020, item.series, "2020:9")
        assert data["isbn"] == "978-952-13-6782-3"
        assert data["external_url"] == "https://www.oph.fi/julkaisu"
        [pdf] = data["files"]
        assert pdf["name"] == "raportti.pdf"
        assert pdf["title"] == "Koko raportti"
        assert pdf["content_type"] == "application/pdf"
        assert pdf["size"] > 0
        assert pdf["download_url"].startswith("http://testserver/en/materials/files/")
        assert [r["id"] for r in data["related_items"]] == [bank.brief.pk]
        [event] = data["related_events"]
        assert event["title"]
        assert event["url"].startswith("http://testserver/en/events/")
        assert data["citation"] == item.citation
        assert data["published_at"] is not None
        assert data["updated_at"] is not None

    def test_versions_list_the_published_original_and_translations(self, client, bank):
        translation_ = make_material(
            language="en",
            title_fi="",
            summary_fi="",
            title_en="School non-attendance in Finland",
            original=bank.survey,
        )
        make_material(
            status=Status.DRAFT,
            language="sv",
            title_fi="",
            title_sv="Skolfrånvaro",
            original=bank.survey,
        )

        data = get_json(client, f"{LIST}/{translation_.pk}", lang="fi")

        assert data["versions"] == [
            {
                "id": bank.survey.pk,
                "language": "fi",
                "title": bank.survey.title_fi,
                "original": True,
                "url": f"http://testserver/materials/{bank.survey.pk}/",
            }
        ]
        original = get_json(client, f"{LIST}/{bank.survey.pk}")
        assert [v["id"] for v in original["versions"]] == [translation_.pk]

    @pytest.mark.parametrize("which", ["draft", "archived"])
    def test_an_item_that_is_not_published_is_not_found(self, client, bank, which):
        data = get_json(client, f"{LIST}/{getattr(bank, which).pk}", 404)

        assert data["title"] == "Not found"

    def test_not_even_an_administrator_gets_a_draft_from_the_api(
        self, client, login, national_admin, bank
    ):
        get_json(login(client, national_admin), f"{LIST}/{bank.draft.pk}", 404)

    def test_a_missing_item_is_not_found(self, client, bank):
        get_json(client, f"{LIST}/999999", 404)


def test_the_schemas_are_documented(client, reference_data):
    schema = client.get("/api/v1/openapi.json").json()

    assert "/api/v1/materials" in schema["paths"]
    assert "/api/v1/materials/{material_id}" in schema["paths"]
    search = schema["paths"]["/api/v1/materials"]["get"]
    assert {"200", "401", "422", "500"} <= set(search["responses"])
    assert "400" not in search["responses"]
    assert "application/problem+json" in search["responses"]["422"]["content"]
    names = {p["name"] for p in search["parameters"]}
    assert {"q", "kind", "theme", "language", "year", "level", "sector", "sort"} <= names
    assert {"page", "page_size", "lang"} <= names
    assert "per_page" not in names
    assert list(schema["components"]["schemas"]["MaterialSearchOut"]["properties"])[:5] == [
        "count",
        "page",
        "page_size",
        "pages",
        "items",
    ]
    hit = schema["components"]["schemas"]["MaterialHitOut"]
    assert "<mark>" in hit["properties"]["snippet"]["description"]
    assert "MaterialDetailOut" in schema["components"]["schemas"]
