"""The public registry pages: areas, municipalities and organisations."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vip.core.testing import make_organisation
from vip.registry.models import Municipality, Organisation

Kind = Organisation.Kind

AREA_LIST = reverse("registry:area_list")
MUNICIPALITY_LIST = reverse("registry:municipality_list")
ORGANISATION_LIST = reverse("registry:organisation_list")


def area_url(code: str) -> str:
    return reverse("registry:area_detail", args=[code])


def municipality_url(code: str) -> str:
    return reverse("registry:municipality_detail", args=[code])


def organisation_url(organisation: Organisation) -> str:
    return reverse("registry:organisation_detail", args=[organisation.pk])


@pytest.fixture(autouse=True)
def _in_finnish():
    # The test client runs views in this thread, and LocaleMiddleware leaves the
    # last request's language active; reverse() would then add its /sv/ or /en/.
    with translation.override(settings.LANGUAGE_CODE):
        yield


def filtered(client: Client, url: str, query: dict[str, str]) -> HttpResponse:
    """The results fragment, as the filter form fetches it with htmx."""
    response = client.get(url, query, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response


def listed_codes(response) -> list[str]:
    return [m.code for m in response.context["object_list"]]


def listed_names(response) -> list[str]:
    return [o.name_fi for o in response.context["object_list"]]


def count_queries(client: Client, url: str) -> tuple[int, HttpResponse]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


# --- Public for everyone -----------------------------------------------------------------------


@pytest.fixture
def visitor(request, client: Client, login: Callable[..., Client]) -> Client:
    """An anonymous visitor, or the outsider (signed in, no roles)."""
    if request.param == "outsider":
        login(client, request.getfixturevalue("outsider"))
    return client


@pytest.mark.parametrize("visitor", ["anonymous", "outsider"], indirect=True)
def test_the_registry_pages_are_public(visitor, tampere_school):
    # Areas, municipalities and organisations are public information: no sign-in,
    # no role, and no redirect to the sign-in page.
    provider = tampere_school.parent
    pages = {
        AREA_LIST: "Sisä-Suomi",
        area_url("TAYS"): "Tampere",
        MUNICIPALITY_LIST: "Akaa",
        municipality_url("837"): "Tampere, sivistystoimi",
        ORGANISATION_LIST: "Koivikon koulu",
        organisation_url(provider): "Koivikon koulu",
        organisation_url(tampere_school): "Tampere, sivistystoimi",
    }
    for url, text in pages.items():
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url


@pytest.mark.parametrize("visitor", ["anonymous", "outsider"], indirect=True)
def test_public_visitors_see_no_edit_buttons(visitor, tampere_provider):
    page = visitor.get(organisation_url(tampere_provider)).content.decode()
    listing = visitor.get(ORGANISATION_LIST).content.decode()

    assert reverse("registry:organisation_edit", args=[tampere_provider.pk]) not in page
    assert "Add a unit" not in page
    assert "Add an organisation" not in listing


def test_editors_see_the_edit_buttons(client, login, municipal_admin, tampere_provider):
    login(client, municipal_admin)

    page = client.get(organisation_url(tampere_provider)).content.decode()

    assert reverse("registry:organisation_edit", args=[tampere_provider.pk]) in page
    assert f"{reverse('registry:organisation_create')}?parent={tampere_provider.pk}" in page


# --- Areas -------------------------------------------------------------------------------------


def test_the_area_list_shows_the_five_areas_and_their_counties(client, reference_data):
    response = client.get(AREA_LIST)

    areas = {a.code: a.municipality_count for a in response.context["areas"]}
    assert areas == {"HYKS": 51, "KYS": 66, "OYS": 67, "TAYS": 52, "TYKS": 57}
    assert len(response.context["counties"]) == 22
    page = response.content.decode()
    assert "TAYS / Sisä-Suomi" in page
    assert "Pirkanmaan hyvinvointialue" in page


def test_the_area_detail_lists_the_areas_municipalities(client, tampere_provider):
    response = client.get(area_url("TAYS"))

    codes = {m.code for m in response.context["municipalities"]}
    assert len(codes) == 52
    assert "837" in codes
    assert "091" not in codes
    tampere = next(m for m in response.context["municipalities"] if m.code == "837")
    assert tampere.organisation_count == 1
    assert "Tampere" in response.content.decode()


def test_an_unknown_area_is_404(client, reference_data):
    assert client.get(area_url("XYZ")).status_code == 404


# --- Municipalities ----------------------------------------------------------------------------


def test_the_municipality_list_shows_all_municipalities_fifty_a_page(client, reference_data):
    response = client.get(MUNICIPALITY_LIST)

    assert response.context["page_obj"].paginator.count == 309
    assert len(response.context["object_list"]) == 50
    assert (
        ngettext("%(counter)s municipality", "%(counter)s municipalities", 309) % {"counter": 309}
        in response.content.decode()
    )


@pytest.mark.parametrize("query", ["äänekoski", "ÄÄNEKOSKI", "Äänekoski", "äänek", "992"])
def test_the_municipality_search_ignores_case_also_for_a_umlaut(client, reference_data, query):
    response = filtered(client, MUNICIPALITY_LIST, {"q": query})

    assert listed_codes(response) == ["992"]
    assert "Äänekoski" in response.content.decode()


def test_the_municipality_search_keeps_a_and_a_umlaut_apart(client, reference_data):
    response = filtered(client, MUNICIPALITY_LIST, {"q": "aanekoski"})

    assert listed_codes(response) == []
    assert _("No municipalities match the filters.") in response.content.decode()


def test_the_municipality_search_finds_swedish_names(client, reference_data):
    response = filtered(client, MUNICIPALITY_LIST, {"q": "tammerfors"})

    assert listed_codes(response) == ["837"]


def test_the_municipality_list_filters_by_area(client, reference_data):
    response = client.get(MUNICIPALITY_LIST, {"area": "TAYS"})

    assert response.context["page_obj"].paginator.count == 52
    everything = Municipality.objects.filter(county__area__code="TAYS")
    assert set(listed_codes(response)) <= set(everything.values_list("code", flat=True))
    assert (
        ngettext("%(counter)s municipality", "%(counter)s municipalities", 52) % {"counter": 52}
        in response.content.decode()
    )


def test_the_municipality_list_filters_by_county(client, reference_data):
    response = filtered(client, MUNICIPALITY_LIST, {"county": "PI"})

    assert response.context["page_obj"].paginator.count == 23
    assert "837" in listed_codes(response)
    assert "091" not in listed_codes(response)


def test_the_municipality_list_combines_search_and_area(client, reference_data):
    in_area = filtered(client, MUNICIPALITY_LIST, {"q": "tampere", "area": "TAYS"})
    elsewhere = filtered(client, MUNICIPALITY_LIST, {"q": "tampere", "area": "HYKS"})

    assert listed_codes(in_area) == ["837"]
    assert listed_codes(elsewhere) == []


def test_the_municipality_list_says_an_aland_municipality_has_no_area(client, reference_data):
    response = client.get(MUNICIPALITY_LIST, {"q": "maarianhamina"})

    page = response.content.decode()
    assert listed_codes(response) == ["478"]
    assert _("No area") in page
    assert _("None (Åland)") in page


def test_the_municipality_detail_shows_county_area_and_organisations(client, tampere_school):
    response = client.get(municipality_url("837"))

    page = response.content.decode()
    assert response.context["municipality"].code == "837"
    assert "Tammerfors" in page
    assert "Pirkanmaan hyvinvointialue" in page
    assert area_url("TAYS") in page
    # Only the top of the local tree is listed; the school is counted as its unit.
    organisations = list(response.context["organisations"])
    assert [o.name_fi for o in organisations] == ["Tampere, sivistystoimi"]
    assert organisations[0].child_count == 1


def test_the_municipality_detail_of_aland_says_it_has_no_area(client, reference_data):
    page = client.get(municipality_url("478")).content.decode()

    assert escape(_("None: Åland's municipalities belong to no VIP area.")) in page
    assert escape(_("None: Åland's municipalities belong to no wellbeing services county.")) in page


@pytest.mark.parametrize("code", ["999", "abc", "91"])
def test_an_unknown_municipality_code_is_404(client, reference_data, code):
    assert client.get(municipality_url(code)).status_code == 404


# --- Organisations -----------------------------------------------------------------------------


@pytest.fixture
def network(tampere_school, helsinki_provider) -> dict[str, Organisation]:
    helsinki_school = make_organisation(
        kind=Kind.SCHOOL,
        name_fi="Aurinkolahden peruskoulu",
        name_sv="Solviks grundskola",
        parent=helsinki_provider,
        municipality=helsinki_provider.municipality,
        school_code="09101",
    )
    valteri = make_organisation(
        kind=Kind.VALTERI_UNIT,
        name_fi="Valteri Tervaväylä",
        municipality=Municipality.objects.get(code="564"),
    )
    return {
        "tampere_provider": tampere_school.parent,
        "tampere_school": tampere_school,
        "helsinki_provider": helsinki_provider,
        "helsinki_school": helsinki_school,
        "valteri": valteri,
    }


def test_the_organisation_list_shows_every_organisation(client, network):
    response = client.get(ORGANISATION_LIST)

    assert sorted(listed_names(response)) == sorted(o.name_fi for o in network.values())
    assert (
        ngettext("%(counter)s organisation", "%(counter)s organisations", 5) % {"counter": 5}
        in response.content.decode()
    )


def test_the_organisation_list_filters_by_kind(client, network):
    response = filtered(client, ORGANISATION_LIST, {"kind": "school"})

    assert listed_names(response) == ["Aurinkolahden peruskoulu", "Koivikon koulu"]


def test_the_organisation_list_filters_by_area(client, network):
    tays = filtered(client, ORGANISATION_LIST, {"area": "TAYS"})
    oys = filtered(client, ORGANISATION_LIST, {"area": "OYS"})

    assert listed_names(tays) == ["Koivikon koulu", "Tampere, sivistystoimi"]
    assert listed_names(oys) == ["Valteri Tervaväylä"]


def test_the_organisation_list_filters_by_municipality(client, network):
    response = filtered(client, ORGANISATION_LIST, {"municipality": "091"})

    assert listed_names(response) == [
        "Aurinkolahden peruskoulu",
        "Helsinki, kasvatuksen ja koulutuksen toimiala",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("koivikon", ["Koivikon koulu"]),
        ("KOIVIKON", ["Koivikon koulu"]),
        ("solviks", ["Aurinkolahden peruskoulu"]),
        ("09101", ["Aurinkolahden peruskoulu"]),
        ("tervaväylä", ["Valteri Tervaväylä"]),
        ("TERVAVÄYLÄ", ["Valteri Tervaväylä"]),
    ],
)
def test_the_organisation_list_searches_names_and_codes(client, network, query, expected):
    response = filtered(client, ORGANISATION_LIST, {"q": query})

    assert listed_names(response) == expected


def test_the_organisation_list_combines_filters(client, network):
    response = filtered(client, ORGANISATION_LIST, {"kind": "school", "area": "HYKS", "q": "peru"})

    assert listed_names(response) == ["Aurinkolahden peruskoulu"]


def test_the_organisation_detail_lists_its_units(client, network):
    response = client.get(organisation_url(network["tampere_provider"]))

    page = response.content.decode()
    assert [c.name_fi for c in response.context["object_list"]] == ["Koivikon koulu"]
    assert organisation_url(network["tampere_school"]) in page
    assert "This organisation has no units." not in page


def test_the_organisation_detail_says_when_it_has_no_units(client, network):
    page = client.get(organisation_url(network["valteri"])).content.decode()

    assert _("This organisation has no units.") in page


def test_the_organisation_detail_has_breadcrumbs_through_its_ancestors(client, network):
    provider, school = network["tampere_provider"], network["tampere_school"]
    unit = make_organisation(kind=Kind.OTHER, name_fi="Koivikon pienluokka", parent=school)

    response = client.get(organisation_url(unit))

    crumbs = response.context["breadcrumbs"]
    assert [label for label, _url in crumbs] == [
        _("Organisations"),
        "Tampere, sivistystoimi",
        "Koivikon koulu",
        "Koivikon pienluokka",
    ]
    assert [url for _label, url in crumbs] == [
        ORGANISATION_LIST,
        organisation_url(provider),
        organisation_url(school),
        None,
    ]
    page = response.content.decode()
    assert organisation_url(provider) in page
    assert organisation_url(school) in page


def test_an_unknown_organisation_is_404(client, reference_data):
    assert client.get(reverse("registry:organisation_detail", args=[987654])).status_code == 404


# --- htmx fragments and languages --------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "query", "expected"),
    [
        (MUNICIPALITY_LIST, "q=tampere", "Tampere"),
        (ORGANISATION_LIST, "q=koivikon", "Koivikon koulu"),
    ],
)
def test_an_htmx_request_gets_only_the_results_fragment(
    client, tampere_school, url, query, expected
):
    response = client.get(f"{url}?{query}", headers={"HX-Request": "true"})

    fragment = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in fragment
    assert "<form" not in fragment
    assert fragment.lstrip().startswith('<div id="results"')
    assert expected in fragment
    assert "HX-Request" in response["Vary"]


def test_an_htmx_history_restore_gets_the_whole_page(client, reference_data):
    response = client.get(
        MUNICIPALITY_LIST, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )

    assert "<html" in response.content.decode()


def test_a_plain_request_gets_the_whole_page(client, reference_data):
    page = client.get(MUNICIPALITY_LIST).content.decode()

    assert "<html" in page
    assert 'id="results"' in page


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_pages_are_served_in_swedish_and_english(client, tampere_school, language):
    urls = [
        AREA_LIST,
        area_url("TAYS"),
        MUNICIPALITY_LIST,
        municipality_url("837"),
        ORGANISATION_LIST,
        organisation_url(tampere_school),
    ]
    for url in urls:
        response = client.get(f"/{language}{url}")
        assert response.status_code == 200, url
        assert response["Content-Language"] == language, url
        assert f'<html lang="{language}"' in response.content.decode()


def test_the_finnish_pages_have_no_language_prefix(client, reference_data):
    response = client.get(MUNICIPALITY_LIST)

    assert MUNICIPALITY_LIST == "/municipalities/"
    assert response["Content-Language"] == "fi"


def test_names_follow_the_language_of_the_page(client, tampere_provider):
    tampere, tays, provider = (
        municipality_url("837"),
        area_url("TAYS"),
        organisation_url(tampere_provider),
    )

    swedish = client.get(f"/sv{tampere}").content.decode()
    english_area = client.get(f"/en{tays}").content.decode()
    swedish_org = client.get(f"/sv{provider}").content.decode()

    assert '<h1 class="govuk-heading-xl">Tammerfors</h1>' in swedish
    assert "Inland Finland" in english_area
    assert "Tammerfors, bildningsväsendet" in swedish_org


# --- Query counts ------------------------------------------------------------------------------


def add_schools(parent: Organisation, count: int, start: int = 0) -> None:
    municipalities = list(Municipality.objects.filter(county__area__code="TAYS")[:10])
    for n in range(start, start + count):
        make_organisation(
            kind=Kind.SCHOOL,
            name_fi=f"Koulu {n:03d}",
            parent=parent,
            municipality=municipalities[n % len(municipalities)],
        )


def test_the_municipality_list_query_count_does_not_grow_with_rows(client, reference_data):
    one_row, few = count_queries(client, f"{MUNICIPALITY_LIST}?q=tampere")
    a_full_page, many = count_queries(client, f"{MUNICIPALITY_LIST}?q=a")
    one_in_area, _response = count_queries(client, f"{MUNICIPALITY_LIST}?area=TAYS&q=tampere")
    full_area_page, _response = count_queries(client, f"{MUNICIPALITY_LIST}?area=TAYS")

    assert len(few.context["object_list"]) == 1
    assert len(many.context["object_list"]) == 50
    assert one_row == a_full_page
    assert one_in_area == full_area_page


def test_the_organisation_list_query_count_does_not_grow_with_rows(client, tampere_provider):
    add_schools(tampere_provider, 5)
    few, _response = count_queries(client, ORGANISATION_LIST)
    add_schools(tampere_provider, 35, start=5)

    many, response = count_queries(client, ORGANISATION_LIST)

    assert len(response.context["object_list"]) == 41
    assert many == few


def test_the_organisation_list_query_count_for_a_signed_in_user_does_not_grow_with_rows(
    client, login, outsider, tampere_provider
):
    login(client, outsider)
    add_schools(tampere_provider, 5)
    few, _response = count_queries(client, f"{ORGANISATION_LIST}?kind=school")
    add_schools(tampere_provider, 35, start=5)

    many, response = count_queries(client, f"{ORGANISATION_LIST}?kind=school")

    assert len(response.context["object_list"]) == 40
    assert many == few


@pytest.mark.parametrize("visitor", ["anonymous", "outsider"], indirect=True)
def test_the_organisation_detail_query_count_does_not_grow_with_units(visitor, tampere_provider):
    url = organisation_url(tampere_provider)
    add_schools(tampere_provider, 5)
    few, _response = count_queries(visitor, url)
    add_schools(tampere_provider, 35, start=5)

    many, response = count_queries(visitor, url)

    assert len(response.context["object_list"]) == 40
    assert many == few


def test_the_organisation_detail_query_count_does_not_grow_with_depth(client, tampere_provider):
    chain = [tampere_provider]
    for depth in range(6):
        chain.append(make_organisation(kind=Kind.OTHER, name_fi=f"Taso {depth}", parent=chain[-1]))

    # Both have one unit, so only their depth differs.
    shallow, _response = count_queries(client, organisation_url(chain[1]))
    deep, response = count_queries(client, organisation_url(chain[-2]))

    assert len(response.context["breadcrumbs"]) == 7
    assert deep == shallow


def test_the_organisation_detail_query_count_for_an_editor_does_not_grow_with_units(
    client, login, municipal_admin, tampere_provider
):
    login(client, municipal_admin)
    url = organisation_url(tampere_provider)
    add_schools(tampere_provider, 5)
    few, _response = count_queries(client, url)
    add_schools(tampere_provider, 35, start=5)

    many, response = count_queries(client, url)

    assert response.context["can_change"] is True
    assert many == few
