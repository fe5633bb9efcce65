"""Public pages are cached for anonymous visitors, keyed by the version of their data."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from vip.core.testing import make_organisation
from vip.registry.models import Municipality, Organisation


@pytest.fixture(autouse=True)
def page_cache_on():
    cache.clear()
    with override_settings(PUBLIC_PAGE_CACHE_SECONDS=300):
        yield
    cache.clear()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_a_repeated_anonymous_request_is_served_from_the_cache(client, reference_data):
    first, _ = queries_for(client, "/municipalities/")
    again, response = queries_for(client, "/municipalities/")
    assert first > 1
    assert again == 1  # only the data version is read
    assert "Äänekoski" in client.get("/municipalities/?page=7").content.decode()
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_a_change_shows_at_once(client, reference_data):
    client.get("/organisations/")
    make_organisation(
        kind=Organisation.Kind.SCHOOL,
        name_fi="Aivan uusi koulu",
        municipality=Municipality.objects.get(code="837"),
    )
    assert "Aivan uusi koulu" in client.get("/organisations/").content.decode()


def test_languages_and_fragments_are_cached_apart(client, reference_data):
    client.get("/municipalities/")
    assert client.get("/sv/municipalities/")["Content-Language"] == "sv"
    fragment = client.get("/municipalities/", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment


def test_signed_in_users_get_fresh_pages(client, login, national_admin):
    login(client, national_admin)
    queries_for(client, "/organisations/")  # warms the cached municipality choices
    first, _ = queries_for(client, "/organisations/")
    again, response = queries_for(client, "/organisations/")
    assert again == first
    assert "Add an organisation" in response.content.decode() or "/organisations/new/" in (
        response.content.decode()
    )


def test_the_cache_can_be_turned_off(client, reference_data):
    with override_settings(PUBLIC_PAGE_CACHE_SECONDS=0):
        first, _ = queries_for(client, "/municipalities/")
        again, _ = queries_for(client, "/municipalities/")
    assert again == first


def test_a_page_keyed_by_several_kinds_of_data_changes_when_any_of_them_does(rf, db):
    from django.contrib.auth.models import AnonymousUser
    from django.db import transaction
    from django.http import HttpResponse

    from vip.core import data_versions
    from vip.core.page_cache import cache_public_page

    renders = []

    @cache_public_page("first", "second")
    def view(request):
        renders.append(1)
        return HttpResponse(f"render {len(renders)}")

    def get():
        request = rf.get("/several/")
        request.user = AnonymousUser()
        return view(request).content

    assert get() == get() == b"render 1"
    with transaction.atomic():
        data_versions.bump("second")
    assert get() == b"render 2"
    with transaction.atomic():
        data_versions.bump("first")
    assert get() == b"render 3"


def _counting_view(**options):
    from django.http import HttpResponse

    from vip.core.page_cache import cache_public_page

    renders: list[str] = []

    @cache_public_page("first", **options)
    def view(request):
        renders.append(request.get_full_path())
        return HttpResponse(f"render {len(renders)}")

    return view, renders


def _get(rf, view, address: str) -> bytes:
    from django.contrib.auth.models import AnonymousUser

    request = rf.get(address)
    request.user = AnonymousUser()
    return view(request).content


def test_a_page_with_undeclared_parameters_is_rendered_but_never_stored(rf, db):
    view, renders = _counting_view(params=("area", "page"))

    for _ in range(2):
        _get(rf, view, "/coverage/?x=1")
        _get(rf, view, "/coverage/?area=TAYS&x=1")

    assert len(renders) == 4


def test_a_page_is_keyed_by_its_declared_parameters_in_any_order(rf, db):
    view, renders = _counting_view(params=("area", "page"))

    first = _get(rf, view, "/coverage/?area=TAYS&page=2")
    again = _get(rf, view, "/coverage/?page=2&area=TAYS")
    other = _get(rf, view, "/coverage/?area=HYKS&page=2")
    plain = _get(rf, view, "/coverage/")

    assert first == again == b"render 1"
    assert other == b"render 2"
    assert plain == b"render 3"
    assert len(renders) == 3


def test_a_page_that_declares_no_parameters_stores_no_page_with_a_long_query(rf, db):
    from vip.core.page_cache import MAX_QUERY_LENGTH

    view, renders = _counting_view()

    assert _get(rf, view, "/list/?q=a") == _get(rf, view, "/list/?q=a") == b"render 1"
    long_query = "/list/?q=" + "a" * MAX_QUERY_LENGTH
    _get(rf, view, long_query)
    _get(rf, view, long_query)

    assert len(renders) == 3
