"""The registry search: organisations, groups and, for network staff, people from one box."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from vip.core.testing import make_organisation
from vip.network import services
from vip.network.models import Group, Person
from vip.network.selectors.people import SEARCH_LIMIT
from vip.registry.models import Municipality, Organisation

Kind = Organisation.Kind
SEARCH = "/en/search/"
LAST_YEAR = timezone.localdate() - datetime.timedelta(days=365)


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def aanekoski(reference_data: None) -> dict[str, Any]:
    """An organisation, a group and a person whose names start with Ää, and their a-twins."""
    municipality = Municipality.objects.get(code="992")
    school = make_organisation(
        kind=Kind.SCHOOL, name_fi="Äänekosken yhtenäiskoulu", municipality=municipality
    )
    make_organisation(kind=Kind.SCHOOL, name_fi="Aanekosken koulu", municipality=municipality)
    group = services.group_create(
        actor=None, kind=Group.Kind.OTHER, name_fi="Äänekosken verkosto", term_start=LAST_YEAR
    )
    person = services.person_create(
        actor=None,
        organisation=school,
        employment_start=LAST_YEAR,
        given_name="Äli",
        family_name="Äänekoskinen",
        email="ali@aanekoski.example",
    )
    return {"school": school, "group": group, "person": person}


def search(client, text: str, **headers: str):
    response = client.get(SEARCH, {"q": text}, headers=headers)
    assert response.status_code == 200
    return response


def test_it_shows_only_the_search_box_without_a_query(client, reference_data):
    response = search(client, "")
    assert response.context["results"] is None
    assert 'name="q"' in response.content.decode()


def test_it_finds_organisations_and_groups_for_anyone(client, aanekoski):
    results = search(client, "ÄÄNEKOSKEN").context["results"]
    assert [o.name for o in results.organisations.items] == ["Äänekosken yhtenäiskoulu"]
    assert [g.name for g in results.groups.items] == ["Äänekosken verkosto"]


def test_it_keeps_a_umlaut_distinct_from_a(client, aanekoski):
    results = search(client, "aanekosken").context["results"]
    assert [o.name for o in results.organisations.items] == ["Aanekosken koulu"]
    assert results.groups.count == 0


def test_it_shows_no_people_to_anonymous_visitors_or_outsiders(client, login, outsider, aanekoski):
    response = search(client, "äänekoskinen")
    assert response.context["results"].people is None
    content = response.content.decode()
    assert "Äänekoskinen" not in content
    assert "ali@aanekoski.example" not in content
    login(client, outsider)
    response = search(client, "äänekoskinen")
    assert response.context["results"].people is None
    assert "Äänekoskinen" not in response.content.decode()


def test_it_finds_people_for_network_staff(client, login, teacher, aanekoski):
    login(client, teacher)
    response = search(client, "äänekoskinen")
    people = response.context["results"].people
    assert [p.full_name for p in people.items] == ["Äli Äänekoskinen"]
    content = response.content.decode()
    assert aanekoski["person"].get_absolute_url() in content
    # The person's current employer is shown with the name.
    assert "Äänekosken yhtenäiskoulu" in content


def test_it_caps_each_list_and_links_to_the_full_list(client, login, teacher, reference_data):
    municipality = Municipality.objects.get(code="837")
    for index in range(SEARCH_LIMIT + 3):
        make_organisation(kind=Kind.SCHOOL, name_fi=f"Hakukoulu {index}", municipality=municipality)
        services.person_create(actor=None, given_name="Haku", family_name=f"Henkilö{index}")
    services.group_create(
        actor=None, kind=Group.Kind.OTHER, name_fi="Hakuryhmä", term_start=LAST_YEAR
    )
    login(client, teacher)
    response = search(client, "haku")
    results = response.context["results"]
    assert len(results.organisations.items) == SEARCH_LIMIT
    assert results.organisations.count == SEARCH_LIMIT + 3
    assert len(results.people.items) == SEARCH_LIMIT
    assert results.people.count == SEARCH_LIMIT + 3
    assert results.groups.count == 1
    content = response.content.decode()
    assert "/en/organisations/?q=haku" in content
    assert "/en/people/?q=haku" in content
    # A short list is complete: no link to show more.
    assert "/en/groups/?q=haku" not in content
    assert f"Show all {SEARCH_LIMIT + 3} organisations" in content


def test_it_says_when_nothing_matches(client, reference_data):
    response = search(client, "xyzzy-ei-löydy")
    assert "Nothing matches “xyzzy-ei-löydy”." in response.content.decode()


def test_it_answers_htmx_with_the_results_only(client, aanekoski):
    response = search(client, "äänekosken", HX_Request="true")
    content = response.content.decode()
    assert 'id="results"' in content
    assert "<html" not in content


def test_the_search_takes_the_same_queries_for_many_hits(
    client, login, teacher, reference_data, django_assert_max_num_queries
):
    municipality = Municipality.objects.get(code="837")
    login(client, teacher)

    def add(count: int, start: int) -> None:
        for index in range(start, start + count):
            school = make_organisation(
                kind=Kind.SCHOOL, name_fi=f"Laskukoulu {index}", municipality=municipality
            )
            services.person_create(
                actor=None,
                organisation=school,
                given_name="Lasku",
                family_name=f"Henkilö{index}",
            )
            services.group_create(
                actor=None,
                kind=Group.Kind.OTHER,
                name_fi=f"Laskuryhmä {index}",
                term_start=LAST_YEAR,
            )

    add(2, 0)
    with CaptureQueriesContext(connection) as few:
        search(client, "lasku")
    add(SEARCH_LIMIT + 1, 2)
    with django_assert_max_num_queries(len(few) + 3):
        # A full list needs its count; a short one does not (one query per kind).
        response = search(client, "lasku")
    assert response.context["results"].people.count == SEARCH_LIMIT + 3
    assert Person.objects.count() == SEARCH_LIMIT + 3
