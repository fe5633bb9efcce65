"""The network API under /api/v1/: public groups with their members, and the people directory."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone, translation

from vip.accounts import services as account_services
from vip.accounts.models import ApiToken, User
from vip.network import services
from vip.network.models import Group, Membership, Person, Sector, Theme
from vip.registry.models import Area, Organisation

PROBLEM = "application/problem+json"
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
Role = Membership.Role


def get_json(client, url: str, status: int = 200, headers=None, **params: Any) -> dict[str, Any]:
    response = client.get(url, params, headers=headers or {})
    assert response.status_code == status, response.content
    if status >= 400:
        assert response["Content-Type"] == PROBLEM
        assert response.json()["status"] == status
    return response.json()


def fields(body: dict[str, Any]) -> list[str]:
    return [error["field"] for error in body["errors"]]


def names(body: dict[str, Any]) -> list[str]:
    return [item["name_fi"] for item in body["items"]]


def make_person(given: str, family: str, organisation: Organisation | None = None, **values: Any):
    return services.person_create(
        actor=None, given_name=given, family_name=family, organisation=organisation, **values
    )


def make_group(kind: str, name_fi: str, **values: Any) -> Group:
    values.setdefault("term_start", TODAY - 365 * DAY)
    values.setdefault("term_end", TODAY + 730 * DAY)
    return services.group_create(actor=None, kind=kind, name_fi=name_fi, **values)


def add_member(group: Group, person: Person, role: str = Role.MEMBER, **values: Any) -> Membership:
    values.setdefault("start", TODAY - 30 * DAY)
    return services.membership_add(actor=None, group=group, person=person, role=role, **values)


@dataclass
class Network:
    steering: Group
    thematic: Group
    expert: Group
    regional: Group
    chair: Person
    member: Person
    deputy: Person
    regional_member: Person
    chair_membership: Membership
    member_membership: Membership
    deputy_membership: Membership
    regional_membership: Membership


@pytest.fixture
def network(tampere_school: Organisation, tays: Area) -> Network:
    theme = Theme.objects.get(code="school-non-attendance")
    steering = make_group(
        Group.Kind.STEERING,
        "Ohjausryhmä",
        name_sv="Styrgruppen",
        name_en="Steering group of the network",
        description_fi="Ohjaa **verkostoa**.\n\n<script>alert(1)</script>",
        description_sv="Styr **nätverket**.",
        founding_decision="OKM:n päätös 6.4.2021",
    )
    thematic = make_group(
        Group.Kind.THEMATIC,
        "Koulua käymättömät",
        name_sv="Elever som inte går i skolan",
        theme=theme,
    )
    expert = make_group(
        Group.Kind.EXPERT, "Poissaolojen asiantuntijat", parent=thematic, theme=theme
    )
    regional = make_group(Group.Kind.REGIONAL, "Sisä-Suomen alueryhmä", area=tays)

    chair = make_person(
        "Anna",
        "Aaltonen",
        email="anna.aaltonen@okm.example",
        phone="+358 40 111 1111",
        title="Neuvos",
        contact_details_public=True,
    )
    member = make_person(
        "Bertta",
        "Berg",
        email="bertta.berg@oph.example",
        phone="+358 40 222 2222",
        languages="fi,sv",
    )
    deputy = make_person("Cecilia", "Carlsson", email="cecilia@oph.example")
    regional_member = make_person(
        "Eino", "Esko", tampere_school, email="eino.esko@tampere.example", title="Rehtori"
    )
    chair_membership = add_member(steering, chair, Role.CHAIR)
    member_membership = add_member(steering, member)
    deputy_membership = add_member(steering, deputy, Role.DEPUTY, principal=member_membership)
    # A former member and a future one are not current members.
    former = make_person("Daniel", "Dahl")
    gone = add_member(steering, former, start=TODAY - 60 * DAY)
    services.membership_end(actor=None, membership=gone, end=TODAY - DAY)
    add_member(steering, make_person("Fanni", "Frost"), start=TODAY + 10 * DAY)
    regional_membership = add_member(
        regional,
        regional_member,
        sector=Sector.objects.get(code="rector"),
        organisation=tampere_school,
    )
    add_member(expert, regional_member)
    return Network(
        steering=steering,
        thematic=thematic,
        expert=expert,
        regional=regional,
        chair=chair,
        member=member,
        deputy=deputy,
        regional_member=regional_member,
        chair_membership=chair_membership,
        member_membership=member_membership,
        deputy_membership=deputy_membership,
        regional_membership=regional_membership,
    )


def issue_token(user: User, *scopes: str) -> str:
    issued = account_services.api_token_create(
        user=user,
        name="Integraatio",
        scopes=list(scopes or [ApiToken.Scope.PEOPLE_READ]),
        expires_on=TODAY + 30 * DAY,
    )
    return issued.plaintext


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# --- Groups: list ------------------------------------------------------------------------------


def test_it_lists_groups_with_their_public_fields(client, network):
    body = get_json(client, "/api/v1/groups")

    assert {k: body[k] for k in ("count", "page", "page_size", "pages")} == {
        "count": 4,
        "page": 1,
        "page_size": 25,
        "pages": 1,
    }
    steering = next(g for g in body["items"] if g["id"] == network.steering.pk)
    assert steering == {
        "id": network.steering.pk,
        "kind": "steering",
        "kind_label": "Steering group",
        "name": "Steering group of the network",
        "name_fi": "Ohjausryhmä",
        "name_sv": "Styrgruppen",
        "name_en": "Steering group of the network",
        "area": None,
        "theme": None,
        "parent": None,
        "term_start": (TODAY - 365 * DAY).isoformat(),
        "term_end": (TODAY + 730 * DAY).isoformat(),
        "status": "active",
        "status_label": "Active",
        "url": f"{settings.SITE_URL}/en/groups/{network.steering.pk}/",
        # The chair, the member and the deputy; not the former or the future member.
        "member_count": 3,
    }


def test_a_listed_group_names_its_area_theme_and_parent(client, network):
    items = {g["id"]: g for g in get_json(client, "/api/v1/groups")["items"]}

    assert items[network.regional.pk]["area"] == "TAYS"
    assert items[network.regional.pk]["member_count"] == 1
    assert items[network.expert.pk]["theme"] == "school-non-attendance"
    assert items[network.expert.pk]["parent"] == network.thematic.pk
    assert items[network.thematic.pk]["member_count"] == 0


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "regional"}, ["Sisä-Suomen alueryhmä"]),
        ({"area": "TAYS"}, ["Sisä-Suomen alueryhmä"]),
        ({"area": "tays"}, ["Sisä-Suomen alueryhmä"]),
        ({"area": "HYKS"}, []),
        (
            {"theme": "school-non-attendance"},
            ["Poissaolojen asiantuntijat", "Koulua käymättömät"],
        ),
        ({"theme": "school-non-attendance", "kind": "expert"}, ["Poissaolojen asiantuntijat"]),
        ({"q": "OHJAUS"}, ["Ohjausryhmä"]),
        ({"q": "styrgrupp"}, ["Ohjausryhmä"]),
        ({"q": "6.4.2021"}, ["Ohjausryhmä"]),
        ({"q": "nothing like it"}, []),
    ],
)
def test_it_filters_groups(client, network, params, expected):
    body = get_json(client, "/api/v1/groups", **params)

    assert names(body) == expected
    assert body["count"] == len(expected)


def test_groups_come_page_by_page(client, network):
    first = get_json(client, "/api/v1/groups", page_size=3)
    second = get_json(client, "/api/v1/groups", page_size=3, page=2)

    assert (first["count"], first["pages"], len(first["items"])) == (4, 2, 3)
    assert (second["page"], len(second["items"])) == (2, 1)
    assert len({g["id"] for g in first["items"] + second["items"]}) == 4


@pytest.mark.parametrize(
    ("params", "field", "named"),
    [
        ({"area": "XYZ"}, "area", "TAYS"),
        ({"theme": "knitting"}, "theme", "school-non-attendance"),
        ({"kind": "choir"}, "kind", "steering"),
        ({"page_size": 101}, "page_size", "100"),
        ({"page": 3}, "page", ""),
        ({"lang": "de"}, "lang", "fi"),
    ],
)
def test_bad_group_filters_are_refused_with_the_field_named(client, network, params, field, named):
    body = get_json(client, "/api/v1/groups", 422, **params)

    assert fields(body) == [field]
    assert named in body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("language", "name", "path"),
    [
        ("fi", "Ohjausryhmä", "/groups/"),
        ("sv", "Styrgruppen", "/sv/groups/"),
        ("en", "Steering group of the network", "/en/groups/"),
    ],
)
def test_group_names_labels_and_links_follow_accept_language(client, network, language, name, path):
    headers = {"Accept-Language": language}
    listed = get_json(client, "/api/v1/groups", headers=headers, kind="steering")["items"][0]
    one = get_json(client, f"/api/v1/groups/{network.steering.pk}", headers=headers)

    with translation.override(language):
        kind_label = str(Group.Kind.STEERING.label)
        chair_label = str(Role.CHAIR.label)
    for group in (listed, one):
        assert group["name"] == name
        assert group["name_fi"] == "Ohjausryhmä"
        assert group["kind_label"] == kind_label
        assert group["url"] == f"{settings.SITE_URL}{path}{network.steering.pk}/"
    assert one["members"][0]["role_label"] == chair_label


def test_the_lang_parameter_overrides_accept_language(client, network):
    body = get_json(client, "/api/v1/groups", lang="sv", kind="steering")

    assert body["items"][0]["name"] == "Styrgruppen"
    assert body["items"][0]["url"].endswith(f"/sv/groups/{network.steering.pk}/")


def test_a_missing_translation_falls_back_to_finnish(client, network):
    body = get_json(client, "/api/v1/groups", headers={"Accept-Language": "sv"}, kind="regional")

    assert body["items"][0]["name"] == "Sisä-Suomen alueryhmä"


# --- Groups: detail ----------------------------------------------------------------------------


def test_a_group_lists_its_current_members_chair_first(client, network):
    body = get_json(client, f"/api/v1/groups/{network.steering.pk}")

    assert [(m["person"]["family_name"], m["role"]) for m in body["members"]] == [
        ("Aaltonen", "chair"),
        ("Berg", "member"),
        ("Carlsson", "deputy"),
    ]
    assert body["member_count"] == 3
    assert body["founding_decision"] == "OKM:n päätös 6.4.2021"
    chair = body["members"][0]
    assert chair == {
        "id": network.chair_membership.pk,
        "person": {
            "id": network.chair.pk,
            "given_name": "Anna",
            "family_name": "Aaltonen",
            "email": "anna.aaltonen@okm.example",
            "phone": "+358 40 111 1111",
        },
        "role": "chair",
        "role_label": "Chair",
        "sector": None,
        "organisation": None,
        "start": (TODAY - 30 * DAY).isoformat(),
        "end": (TODAY + 730 * DAY).isoformat(),
        "deputy_for": None,
    }


def test_members_come_in_the_same_role_order_as_on_the_group_page(client, network):
    group = network.steering
    # Added in the reverse of the listed order, and a name that sorts first.
    add_member(group, make_person("Sara", "Aho"), Role.SECRETARY)
    add_member(group, make_person("Pekka", "Aho"), Role.PERMANENT_EXPERT)
    add_member(group, make_person("Veera", "Öhman"), Role.VICE_CHAIR)

    members = get_json(client, f"/api/v1/groups/{group.pk}")["members"]
    page = client.get(group.get_absolute_url()).context["current_rows"]

    assert [m["role"] for m in members] == [
        "chair",
        "vice_chair",
        "member",
        "deputy",
        "expert",
        "secretary",
    ]
    full_names = [f"{m['person']['given_name']} {m['person']['family_name']}" for m in members]
    assert full_names == [row.name for row in page]


def test_a_deputy_names_the_membership_they_stand_in_for(client, network):
    members = get_json(client, f"/api/v1/groups/{network.steering.pk}")["members"]

    deputy = next(m for m in members if m["role"] == "deputy")
    assert deputy["deputy_for"] == network.member_membership.pk
    assert deputy["id"] == network.deputy_membership.pk
    assert deputy["role_label"] == "Deputy member"


def test_a_member_shows_sector_and_organisation_represented(client, network, tampere_school):
    body = get_json(client, f"/api/v1/groups/{network.regional.pk}")

    (member,) = body["members"]
    assert member["sector"] == {"code": "rector", "name": "Rector"}
    assert member["organisation"] == {"id": tampere_school.pk, "name": "Koivikon koulu"}
    assert body["area"] == "TAYS"


def test_sector_names_follow_accept_language(client, network):
    body = get_json(
        client, f"/api/v1/groups/{network.regional.pk}", headers={"Accept-Language": "sv"}
    )

    assert body["members"][0]["sector"]["name"] == "Rektor"


def test_contact_details_are_shown_only_when_the_person_made_them_public(client, network):
    members = get_json(client, f"/api/v1/groups/{network.steering.pk}")["members"]
    by_name = {m["person"]["family_name"]: m["person"] for m in members}

    assert by_name["Aaltonen"]["email"] == "anna.aaltonen@okm.example"
    assert by_name["Berg"]["email"] is None
    assert by_name["Berg"]["phone"] is None
    assert by_name["Carlsson"]["email"] is None


def test_the_group_detail_holds_no_private_fields(client, network, outsider):
    services.person_update(actor=None, person=network.member, user=outsider)

    response = client.get(f"/api/v1/groups/{network.steering.pk}")

    text = response.content.decode()
    assert "bertta.berg@oph.example" not in text
    assert "222 2222" not in text
    assert outsider.email not in text
    assert "user" not in response.json()["members"][1]["person"]
    assert set(response.json()["members"][1]["person"]) == {
        "id",
        "given_name",
        "family_name",
        "email",
        "phone",
    }


def test_even_network_staff_get_only_public_contact_details_from_the_public_endpoint(
    client, network, national_admin, login
):
    login(client, national_admin)

    members = get_json(client, f"/api/v1/groups/{network.steering.pk}")["members"]

    assert [m["person"]["email"] for m in members] == ["anna.aaltonen@okm.example", None, None]


def test_the_description_comes_as_markdown_and_as_sanitised_html(client, network):
    body = get_json(client, f"/api/v1/groups/{network.steering.pk}", lang="fi")

    assert body["description"].startswith("Ohjaa **verkostoa**.")
    assert "<strong>verkostoa</strong>" in body["description_html"]
    assert "<script" not in body["description_html"]
    assert body["description_sv"] == "Styr **nätverket**."
    swedish = get_json(client, f"/api/v1/groups/{network.steering.pk}", lang="sv")
    assert swedish["description"] == "Styr **nätverket**."
    # No English description: the Finnish one stands in.
    english = get_json(client, f"/api/v1/groups/{network.steering.pk}")
    assert english["description"].startswith("Ohjaa")
    assert english["description_en"] == ""


def test_a_group_without_members_has_an_empty_list(client, network):
    body = get_json(client, f"/api/v1/groups/{network.thematic.pk}")

    assert body["members"] == []
    assert body["member_count"] == 0
    assert body["theme"] == "school-non-attendance"


@pytest.mark.parametrize("url", ["/api/v1/groups/987654", "/api/v1/groups/x"])
def test_an_unknown_group_is_a_404_or_422_problem(client, network, url):
    response = client.get(url)

    assert response["Content-Type"] == PROBLEM
    assert response.status_code == (404 if url.endswith("987654") else 422)
    if response.status_code == 404:
        assert response.json()["title"] == "Not found"
        assert response.json()["instance"] == url


# --- Groups: who may read them -----------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/groups", "/api/v1/groups/{id}"])
def test_anyone_reads_the_group_endpoints_alike(client, network, outsider, login, path):
    url = path.format(id=network.steering.pk)
    anonymous = get_json(client, url)

    login(client, outsider)
    signed_in = get_json(client, url)

    assert anonymous == signed_in


def test_a_bad_token_is_refused_even_on_the_public_group_endpoints(client, network):
    response = client.get("/api/v1/groups", headers=bearer("vip_nope_nope"))

    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM


def test_a_valid_token_of_any_scope_reads_the_groups(client, network, outsider):
    token = issue_token(outsider, ApiToken.Scope.PROFILE_READ)

    assert get_json(client, "/api/v1/groups", headers=bearer(token))["count"] == 4


# --- Groups: query counts ----------------------------------------------------------------------


def bulk_members(group: Group, count: int, organisation: Organisation | None = None) -> None:
    people = Person.objects.bulk_create(
        Person(given_name=f"Etu{i}", family_name=f"Suku{i:03}", email=f"p{i}.{group.pk}@x.example")
        for i in range(count)
    )
    sectors = list(Sector.objects.all())
    Membership.objects.bulk_create(
        Membership(
            group=group,
            person=person,
            role=Role.MEMBER,
            start=TODAY - 10 * DAY,
            sector=sectors[i % len(sectors)],
            organisation=organisation,
        )
        for i, person in enumerate(people)
    )


def test_the_group_list_costs_the_same_queries_for_many_groups(
    client, network, tampere_school, django_assert_max_num_queries
):
    for i in range(30):
        group = make_group(Group.Kind.OTHER, f"Muu ryhmä {i:02}")
        bulk_members(group, 3, tampere_school)

    with django_assert_max_num_queries(3):
        body = get_json(client, "/api/v1/groups", page_size=100, area="", theme="")

    assert body["count"] == 34


def test_a_group_with_many_members_costs_the_same_queries(
    client, network, tampere_school, django_assert_max_num_queries
):
    bulk_members(network.regional, 80, tampere_school)

    with django_assert_max_num_queries(2):
        body = get_json(client, f"/api/v1/groups/{network.regional.pk}")

    assert len(body["members"]) == 81
    assert body["member_count"] == 81


# --- People ------------------------------------------------------------------------------------


def test_anonymous_callers_get_401_from_the_people_endpoints(client, network):
    for url in ("/api/v1/people", f"/api/v1/people/{network.chair.pk}"):
        response = client.get(url)

        assert response.status_code == 401, url
        assert response["Content-Type"] == PROBLEM
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert response.json()["title"] == "Authentication required"


def test_a_signed_in_outsider_sees_nobody(client, network, outsider, login):
    login(client, outsider)

    body = get_json(client, "/api/v1/people")

    assert body["count"] == 0
    assert body["items"] == []
    get_json(client, f"/api/v1/people/{network.chair.pk}", 404)


def test_an_outsider_sees_only_their_own_person_record(client, network, outsider, login):
    services.person_update(actor=None, person=network.member, user=outsider)
    login(client, outsider)

    body = get_json(client, "/api/v1/people")

    assert [p["id"] for p in body["items"]] == [network.member.pk]
    # Their own contact details, although not public.
    assert body["items"][0]["email"] == "bertta.berg@oph.example"
    assert get_json(client, f"/api/v1/people/{network.member.pk}")["family_name"] == "Berg"
    get_json(client, f"/api/v1/people/{network.chair.pk}", 404)


def test_network_staff_list_everyone_but_only_public_contact_details(
    client, network, teacher, login
):
    login(client, teacher)

    body = get_json(client, "/api/v1/people")

    assert [p["family_name"] for p in body["items"]] == [
        "Aaltonen",
        "Berg",
        "Carlsson",
        "Dahl",
        "Esko",
        "Frost",
    ]
    berg = body["items"][1]
    assert berg == {
        "id": network.member.pk,
        "given_name": "Bertta",
        "family_name": "Berg",
        "title": "",
        "languages": ["fi", "sv"],
        "email": None,
        "phone": None,
        "employments": [],
        "memberships": [
            {
                "id": network.member_membership.pk,
                "group": {"id": network.steering.pk, "name": "Steering group of the network"},
                "role": "member",
                "role_label": "Member",
                "start": (TODAY - 30 * DAY).isoformat(),
                "end": (TODAY + 730 * DAY).isoformat(),
            }
        ],
    }


def test_staff_get_only_contact_details_made_public(client, network, teacher, login):
    login(client, teacher)

    body = get_json(client, "/api/v1/people")
    one = get_json(client, f"/api/v1/people/{network.member.pk}")

    contact = {p["family_name"]: (p["email"], p["phone"]) for p in body["items"]}
    assert contact["Aaltonen"] == ("anna.aaltonen@okm.example", "+358 40 111 1111")
    assert contact["Berg"] == (None, None)
    assert contact["Carlsson"] == (None, None)
    assert (one["email"], one["phone"]) == (None, None)


@pytest.mark.parametrize("name", ["national_admin", "coordinator"])
def test_admins_and_coordinators_get_every_persons_contact_details(
    request, client, network, login, name
):
    login(client, request.getfixturevalue(name))

    one = get_json(client, f"/api/v1/people/{network.member.pk}")

    assert (one["email"], one["phone"]) == ("bertta.berg@oph.example", "+358 40 222 2222")


def test_a_person_shows_current_employments_and_active_memberships_only(
    client, network, coordinator, login, tampere_school, helsinki_provider
):
    old = services.employment_add(
        actor=None, person=network.regional_member, organisation=helsinki_provider
    )
    services.employment_end(actor=None, employment=old, end=TODAY - DAY)
    login(client, coordinator)

    body = get_json(client, f"/api/v1/people/{network.regional_member.pk}")

    assert body["employments"] == [
        {
            "organisation": {"id": tampere_school.pk, "name": "Koivikon koulu"},
            "start": None,
            "end": None,
        }
    ]
    assert sorted(m["group"]["id"] for m in body["memberships"]) == sorted(
        [network.regional.pk, network.expert.pk]
    )
    assert body["title"] == "Rehtori"
    former = get_json(client, "/api/v1/people", q="dahl")["items"][0]
    assert former["memberships"] == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "AALTO"}, ["Aaltonen"]),
        ({"q": "cecilia@oph"}, ["Carlsson"]),
        ({"q": "rehtori"}, ["Esko"]),
        ({"group": "steering"}, ["Aaltonen", "Berg", "Carlsson"]),
        ({"group": "regional"}, ["Esko"]),
        ({"organisation": "school"}, ["Esko"]),
        ({"area": "TAYS"}, ["Esko"]),
        ({"area": "HYKS"}, []),
        ({"group": "steering", "q": "berg"}, ["Berg"]),
    ],
)
def test_it_filters_people(
    client, network, national_admin, login, tampere_school, params, expected
):
    ids = {
        "steering": network.steering.pk,
        "regional": network.regional.pk,
        "school": tampere_school.pk,
    }
    login(client, national_admin)

    body = get_json(client, "/api/v1/people", **{k: ids.get(v, v) for k, v in params.items()})

    assert [p["family_name"] for p in body["items"]] == expected


def test_the_area_filter_also_finds_members_of_the_area_groups(
    client, network, national_admin, login
):
    add_member(network.regional, network.chair, Role.CHAIR)
    login(client, national_admin)

    body = get_json(client, "/api/v1/people", area="tays")

    assert [p["family_name"] for p in body["items"]] == ["Aaltonen", "Esko"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"area": "XYZ"}, "area"),
        ({"organisation": 987654}, "organisation"),
        ({"group": 987654}, "group"),
        ({"group": "x"}, "group"),
        ({"page_size": 500}, "page_size"),
    ],
)
def test_bad_people_filters_are_refused(client, network, national_admin, login, params, field):
    login(client, national_admin)

    body = get_json(client, "/api/v1/people", 422, **params)

    assert fields(body) == [field]


def test_people_come_page_by_page(client, network, national_admin, login):
    login(client, national_admin)

    first = get_json(client, "/api/v1/people", page_size=4)
    second = get_json(client, "/api/v1/people", page_size=4, page=2)

    assert (first["count"], first["pages"], len(first["items"])) == (6, 2, 4)
    assert [p["family_name"] for p in second["items"]] == ["Esko", "Frost"]


def test_group_names_of_a_person_follow_accept_language(client, network, national_admin, login):
    login(client, national_admin)

    body = get_json(client, f"/api/v1/people/{network.chair.pk}", headers={"Accept-Language": "sv"})

    assert body["memberships"][0]["group"]["name"] == "Styrgruppen"
    with translation.override("sv"):
        assert body["memberships"][0]["role_label"] == str(Role.CHAIR.label)


def test_an_unknown_person_is_a_404_problem(client, network, national_admin, login):
    login(client, national_admin)

    body = get_json(client, "/api/v1/people/987654", 404)

    assert body["instance"] == "/api/v1/people/987654"


# --- People with an API token ------------------------------------------------------------------


def test_a_token_with_the_people_scope_reads_the_directory(client, network, teacher, coordinator):
    token = issue_token(teacher)

    body = get_json(client, "/api/v1/people", headers=bearer(token), q="berg")
    one = get_json(client, f"/api/v1/people/{network.member.pk}", headers=bearer(token))

    assert [p["family_name"] for p in body["items"]] == ["Berg"]
    assert body["items"][0]["email"] is None  # a teacher's token: not made public
    assert one["phone"] is None
    managing = bearer(issue_token(coordinator))
    assert get_json(client, f"/api/v1/people/{network.member.pk}", headers=managing)["phone"] == (
        "+358 40 222 2222"
    )


def test_a_token_without_the_people_scope_is_403(client, network, teacher):
    token = issue_token(teacher, ApiToken.Scope.PROFILE_READ)

    for url in ("/api/v1/people", f"/api/v1/people/{network.member.pk}"):
        body = get_json(client, url, 403, headers=bearer(token))

        assert body["title"] == "Insufficient scope"
        assert "people:read" in body["detail"]


def test_an_outsiders_token_sees_nobody(client, network, outsider):
    token = issue_token(outsider)

    assert get_json(client, "/api/v1/people", headers=bearer(token))["count"] == 0
    get_json(client, f"/api/v1/people/{network.chair.pk}", 404, headers=bearer(token))


def test_an_expired_token_is_401_on_the_people_endpoint(client, network, teacher):
    token = issue_token(teacher)
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    response = client.get("/api/v1/people", headers=bearer(token))

    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_the_people_list_costs_the_same_queries_for_many_people(
    client, network, teacher, tampere_school, django_assert_max_num_queries
):
    bulk_members(network.regional, 60, tampere_school)
    token = issue_token(teacher)

    # The token lookup and its last-used mark, the grants, the count, the page,
    # and one query each for the employments and the memberships.
    with django_assert_max_num_queries(8):
        body = get_json(client, "/api/v1/people", headers=bearer(token), page_size=100, area="TAYS")

    assert body["count"] == 61
    assert all(p["memberships"] for p in body["items"])


# --- The OpenAPI schema ------------------------------------------------------------------------


def test_the_schema_documents_the_network_endpoints(client, db):
    schema = get_json(client, "/api/v1/openapi.json")

    for path in ("/api/v1/groups", "/api/v1/people"):
        parameters = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert {"page", "page_size", "lang", "q", "area"} <= parameters
    for path in ("/api/v1/groups/{group_id}", "/api/v1/people/{person_id}"):
        assert "404" in schema["paths"][path]["get"]["responses"]
    assert "403" in schema["paths"]["/api/v1/people"]["get"]["responses"]
    detail = schema["components"]["schemas"]["GroupDetailOut"]["properties"]
    assert "sanitised HTML" in detail["description_html"]["description"]
