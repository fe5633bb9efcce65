"""The public registry API under /api/v1/: lists, details, errors and tokens."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from vip.accounts import services as account_services
from vip.accounts.models import ApiToken, User
from vip.core.testing import make_organisation
from vip.registry.models import Municipality, Organisation

Kind = Organisation.Kind
PROBLEM = "application/problem+json"

LIST_PATHS = [
    "/api/v1/areas",
    "/api/v1/counties",
    "/api/v1/municipalities",
    "/api/v1/organisations",
]
DETAIL_PATHS = [
    "/api/v1/areas/{code}",
    "/api/v1/municipalities/{code}",
    "/api/v1/organisations/{organisation_id}",
]


def get_json(client, url: str, status: int = 200, **params: Any) -> dict[str, Any]:
    response = client.get(url, params)
    assert response.status_code == status, response.content
    return response.json()


def problem(client, url: str, status: int, **params: Any) -> dict[str, Any]:
    response = client.get(url, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    return body


def fields(body: dict[str, Any]) -> list[str]:
    return [error["field"] for error in body["errors"]]


@pytest.fixture
def network(tampere_school, helsinki_provider) -> dict[str, Organisation]:
    helsinki_school = make_organisation(
        kind=Kind.SCHOOL,
        name_fi="Aurinkolahden peruskoulu",
        name_sv="Solviks grundskola",
        name_en="Aurinkolahti comprehensive school",
        parent=helsinki_provider,
        municipality=helsinki_provider.municipality,
        school_code="09101",
        oid="1.2.246.562.10.91010",
    )
    return {
        "tampere_provider": tampere_school.parent,
        "tampere_school": tampere_school,
        "helsinki_provider": helsinki_provider,
        "helsinki_school": helsinki_school,
    }


# --- Areas and counties ------------------------------------------------------------------------


def test_it_lists_the_five_areas(client, reference_data):
    body = get_json(client, "/api/v1/areas")

    assert [a["code"] for a in body["items"]] == ["HYKS", "KYS", "OYS", "TAYS", "TYKS"]
    tays = body["items"][3]
    assert tays == {
        "code": "TAYS",
        "name": "Sisä-Suomi",
        "name_fi": "Sisä-Suomi",
        "name_sv": "Inre Finland",
        "name_en": "Inland Finland",
        "collaboration_area_code": "SISA",
    }


@pytest.mark.parametrize(
    ("lang", "name"), [("fi", "Sisä-Suomi"), ("sv", "Inre Finland"), ("en", "Inland Finland")]
)
def test_the_lang_parameter_chooses_the_name(client, reference_data, lang, name):
    listed = get_json(client, "/api/v1/areas", lang=lang)
    one = get_json(client, "/api/v1/areas/TAYS", lang=lang)

    assert listed["items"][3]["name"] == name
    assert one["name"] == name
    assert one["name_fi"] == "Sisä-Suomi"


def test_an_area_is_found_by_its_code(client, reference_data):
    assert get_json(client, "/api/v1/areas/HYKS")["name_en"] == "Southern Finland"
    assert get_json(client, "/api/v1/areas/hyks")["code"] == "HYKS"


def test_it_lists_the_22_counties(client, reference_data):
    body = get_json(client, "/api/v1/counties", page_size=100)

    assert body["count"] == 22
    helsinki = next(c for c in body["items"] if c["code"] == "HEL")
    assert helsinki == {
        "code": "HEL",
        "name": "Helsingin kaupunki",
        "name_fi": "Helsingin kaupunki",
        "name_sv": "Helsingfors stad",
        "name_en": "City of Helsinki",
        "area": "HYKS",
    }


def test_it_filters_counties_by_area(client, reference_data):
    body = get_json(client, "/api/v1/counties", area="TAYS")

    assert [c["code"] for c in body["items"]] == ["EP", "KH", "PI"]
    assert {c["area"] for c in body["items"]} == {"TAYS"}


def test_county_names_follow_lang(client, reference_data):
    body = get_json(client, "/api/v1/counties", area="TAYS", lang="sv")

    assert body["items"][2]["name"] == "Birkalands välfärdsområde"


# --- Municipalities ----------------------------------------------------------------------------


def test_it_lists_municipalities_page_by_page(client, reference_data):
    first = get_json(client, "/api/v1/municipalities")
    last = get_json(client, "/api/v1/municipalities", page=4, page_size=100)

    assert {k: first[k] for k in ("count", "page", "page_size", "pages")} == {
        "count": 309,
        "page": 1,
        "page_size": 25,
        "pages": 13,
    }
    assert len(first["items"]) == 25
    assert {k: last[k] for k in ("count", "page", "page_size", "pages")} == {
        "count": 309,
        "page": 4,
        "page_size": 100,
        "pages": 4,
    }
    assert len(last["items"]) == 9


def test_the_pages_together_hold_every_municipality_once(client, reference_data):
    codes = []
    for page in range(1, 5):
        codes += [
            m["code"]
            for m in get_json(client, "/api/v1/municipalities", page=page, page_size=100)["items"]
        ]

    assert len(codes) == 309
    assert set(codes) == set(Municipality.objects.values_list("code", flat=True))


def test_it_filters_municipalities_by_area_and_county(client, reference_data):
    in_tays = get_json(client, "/api/v1/municipalities", area="TAYS", page_size=100)
    in_pirkanmaa = get_json(client, "/api/v1/municipalities", county="PI", page_size=100)

    assert in_tays["count"] == 52
    assert {m["area"] for m in in_tays["items"]} == {"TAYS"}
    assert in_pirkanmaa["count"] == 23
    assert {m["county"] for m in in_pirkanmaa["items"]} == {"PI"}
    assert "837" in [m["code"] for m in in_pirkanmaa["items"]]


@pytest.mark.parametrize("search", ["äänekoski", "ÄÄNEKOSKI", "äänek", "992"])
def test_it_searches_municipalities_ignoring_case(client, reference_data, search):
    body = get_json(client, "/api/v1/municipalities", search=search)

    assert [m["code"] for m in body["items"]] == ["992"]


def test_an_aland_municipality_has_no_county_or_area(client, reference_data):
    body = get_json(client, "/api/v1/municipalities/478")

    assert body == {
        "code": "478",
        "name": "Maarianhamina",
        "name_fi": "Maarianhamina",
        "name_sv": "Mariehamn",
        "county": None,
        "area": None,
        "population": 11705,
    }


def test_a_municipality_name_follows_lang(client, reference_data):
    assert get_json(client, "/api/v1/municipalities/837", lang="sv")["name"] == "Tammerfors"
    assert get_json(client, "/api/v1/municipalities/837")["name"] == "Tampere"
    tampere = get_json(client, "/api/v1/municipalities", search="tampere", lang="sv")["items"][0]
    assert tampere["name"] == "Tammerfors"


# --- Organisations -----------------------------------------------------------------------------


def test_it_lists_organisations(client, network):
    body = get_json(client, "/api/v1/organisations")

    assert body["count"] == 4
    school = next(o for o in body["items"] if o["school_code"] == "83701")
    assert school == {
        "id": network["tampere_school"].pk,
        "name": "Koivikon koulu",
        "name_fi": "Koivikon koulu",
        "name_sv": "",
        "name_en": "",
        "kind": "school",
        "parent": network["tampere_provider"].pk,
        "municipality": "837",
        "area": "TAYS",
        "languages": "fi",
        "active_from": None,
        "active_to": None,
        "school_code": "83701",
        "oid": None,
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "school"}, {"Aurinkolahden peruskoulu", "Koivikon koulu"}),
        (
            {"kind": "municipality", "area": "HYKS"},
            {"Helsinki, kasvatuksen ja koulutuksen toimiala"},
        ),
        ({"municipality": "837"}, {"Koivikon koulu", "Tampere, sivistystoimi"}),
        ({"area": "TAYS"}, {"Koivikon koulu", "Tampere, sivistystoimi"}),
        ({"area": "tays"}, {"Koivikon koulu", "Tampere, sivistystoimi"}),
        ({"search": "solviks"}, {"Aurinkolahden peruskoulu"}),
        ({"search": "KOIVIKON"}, {"Koivikon koulu"}),
        ({"search": "09101"}, {"Aurinkolahden peruskoulu"}),
        ({"search": "1.2.246.562.10.91010"}, {"Aurinkolahden peruskoulu"}),
        ({"municipality": "092"}, set()),
    ],
)
def test_it_filters_organisations(client, network, params, expected):
    body = get_json(client, "/api/v1/organisations", **params)

    assert {o["name_fi"] for o in body["items"]} == expected
    assert body["count"] == len(expected)


def test_an_organisation_name_follows_lang(client, network):
    url = f"/api/v1/organisations/{network['helsinki_school'].pk}"

    assert get_json(client, url)["name"] == "Aurinkolahden peruskoulu"
    assert get_json(client, url, lang="sv")["name"] == "Solviks grundskola"
    assert get_json(client, url, lang="en")["name"] == "Aurinkolahti comprehensive school"
    # A missing translation falls back to Finnish.
    tampere = f"/api/v1/organisations/{network['tampere_school'].pk}"
    assert get_json(client, tampere, lang="sv")["name"] == "Koivikon koulu"


def test_an_organisation_detail_has_its_place_in_the_tree(client, network):
    body = get_json(client, f"/api/v1/organisations/{network['helsinki_school'].pk}")

    assert body["parent"] == network["helsinki_provider"].pk
    assert body["municipality"] == "091"
    assert body["area"] == "HYKS"
    assert body["oid"] == "1.2.246.562.10.91010"


# --- Errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", LIST_PATHS)
def test_a_page_size_over_100_is_refused_not_cut(client, reference_data, path):
    body = problem(client, path, 422, page_size=101)

    assert body["errors"][0]["field"] == "page_size"
    assert "100" in body["errors"][0]["message"]


def test_a_page_size_of_100_is_accepted(client, reference_data):
    assert len(get_json(client, "/api/v1/municipalities", page_size=100)["items"]) == 100


@pytest.mark.parametrize("params", [{"page_size": 0}, {"page": 0}, {"page": "x"}])
def test_nonsense_paging_is_refused(client, reference_data, params):
    body = problem(client, "/api/v1/areas", 422, **params)

    assert fields(body) == list(params)


def test_a_page_beyond_the_last_is_refused(client, reference_data):
    body = problem(client, "/api/v1/municipalities", 422, page=14)

    assert fields(body) == ["page"]
    assert "13" in body["detail"]


def test_an_unknown_municipality_code_is_named(client, reference_data):
    body = problem(client, "/api/v1/organisations", 422, municipality="999")

    assert fields(body) == ["municipality"]
    assert "999" in body["errors"][0]["message"]
    assert body["instance"] == "/api/v1/organisations"


@pytest.mark.parametrize(
    "path", ["/api/v1/organisations", "/api/v1/municipalities", "/api/v1/counties"]
)
def test_an_unknown_area_is_named(client, reference_data, path):
    body = problem(client, path, 422, area="XYZ")

    assert fields(body) == ["area"]
    assert "XYZ" in body["errors"][0]["message"]
    assert "TAYS" in body["errors"][0]["message"]


def test_an_unknown_county_is_named(client, reference_data):
    body = problem(client, "/api/v1/municipalities", 422, county="ZZ")

    assert fields(body) == ["county"]


@pytest.mark.parametrize("path", [*LIST_PATHS, "/api/v1/areas/TAYS"])
def test_an_unknown_language_is_refused(client, reference_data, path):
    body = problem(client, path, 422, lang="de")

    assert fields(body) == ["lang"]


def test_an_unknown_kind_is_refused(client, reference_data):
    body = problem(client, "/api/v1/organisations", 422, kind="castle")

    assert fields(body) == ["kind"]
    assert "school" in body["errors"][0]["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/areas/XYZ",
        "/api/v1/municipalities/999",
        "/api/v1/organisations/987654",
    ],
)
def test_an_unknown_object_is_a_404_problem(client, reference_data, url):
    body = problem(client, url, 404)

    assert body["instance"] == url
    assert body["errors"] == []


# --- Tokens ------------------------------------------------------------------------------------


def issue_token(user: User) -> tuple[ApiToken, str]:
    issued = account_services.api_token_create(
        user=user,
        name="Integraatio",
        scopes=[ApiToken.Scope.PROFILE_READ],
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    return issued.token, issued.plaintext


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_anonymous_callers_may_read_the_public_endpoints(client, network):
    for path in LIST_PATHS:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize(
    "token", ["not-a-token", "vip_000000000000_wrong", "vip_deadbeef_secret_extra"]
)
def test_an_invalid_token_on_a_public_endpoint_is_401(client, reference_data, token):
    response = client.get("/api/v1/areas", headers=bearer(token))

    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


def test_an_expired_token_is_401_saying_it_expired(client, outsider):
    token, plaintext = issue_token(outsider)
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    response = client.get("/api/v1/municipalities", headers=bearer(plaintext))

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "expired" in response.json()["detail"]


def test_a_revoked_token_is_401_saying_it_was_revoked(client, outsider):
    token, plaintext = issue_token(outsider)
    account_services.api_token_revoke(actor=outsider, token=token)

    response = client.get("/api/v1/organisations", headers=bearer(plaintext))

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "revoked" in response.json()["detail"]


def test_a_valid_token_works_on_the_public_endpoints(client, outsider, network):
    _token, plaintext = issue_token(outsider)

    for path in LIST_PATHS:
        assert client.get(path, headers=bearer(plaintext)).status_code == 200, path
    detail = client.get(
        f"/api/v1/organisations/{network['tampere_school'].pk}", headers=bearer(plaintext)
    )
    assert detail.status_code == 200
    assert detail.json()["school_code"] == "83701"


def test_the_token_is_checked_before_the_parameters(client, reference_data):
    response = client.get("/api/v1/areas", {"page_size": 101}, headers=bearer("vip_x_y"))

    assert response.status_code == 401


# --- The OpenAPI schema ------------------------------------------------------------------------


@pytest.fixture
def schema(client, db) -> dict[str, Any]:
    return get_json(client, "/api/v1/openapi.json")


def test_the_schema_lists_the_registry_endpoints(schema):
    assert set(LIST_PATHS + DETAIL_PATHS) <= set(schema["paths"])


@pytest.mark.parametrize("path", LIST_PATHS + DETAIL_PATHS)
def test_the_schema_declares_the_error_responses_of_each_endpoint(schema, path):
    responses = schema["paths"][path]["get"]["responses"]

    assert {"200", "401", "422"} <= set(responses)
    for status in ("401", "422"):
        assert responses[status]["content"], status
    if path in DETAIL_PATHS:
        assert "404" in responses


def test_the_schema_gives_errors_the_problem_content_type(schema):
    # The error responses really are application/problem+json; the schema must say so.
    declared = {
        (path, status): sorted(response.get("content", {}))
        for path in LIST_PATHS + DETAIL_PATHS
        for status, response in schema["paths"][path]["get"]["responses"].items()
        if status in {"401", "404", "422"}
    }

    assert declared
    assert {key: types for key, types in declared.items() if types != [PROBLEM]} == {}


@pytest.mark.parametrize("path", LIST_PATHS)
def test_the_schema_documents_the_maximum_page_size(schema, path):
    parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}

    assert parameters["page_size"]["schema"]["maximum"] == 100
    assert parameters["page_size"]["schema"]["minimum"] == 1
    assert "100" in parameters["page_size"]["description"]
    assert parameters["page"]["schema"]["minimum"] == 1
    assert parameters["lang"]["schema"]["enum"] == ["fi", "sv", "en"]


def test_the_schema_lists_the_organisation_filters(schema):
    parameters = {p["name"] for p in schema["paths"]["/api/v1/organisations"]["get"]["parameters"]}

    assert {"kind", "municipality", "area", "search", "page", "page_size", "lang"} <= parameters


def test_the_api_speaks_finnish_unless_asked_otherwise(reference_data):
    from django.test import Client

    url = "/api/v1/organisations?page_size=500"
    finnish = Client().get(url)
    swedish = Client(headers={"Accept-Language": "sv"}).get(url)
    english = Client(headers={"Accept-Language": "en-GB,en;q=0.8"}).get(url)
    assert finnish["Content-Language"] == "fi"
    assert swedish["Content-Language"] == "sv"
    assert english["Content-Language"] == "en"
    assert len({finnish.json()["title"], swedish.json()["title"], english.json()["title"]}) == 3
