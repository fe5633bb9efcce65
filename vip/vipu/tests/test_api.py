"""The public VIPU coverage under /api/v1/vipu/coverage."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone, translation

from vip.accounts.models import User
from vip.core.testing import make_organisation
from vip.network import services as network_services
from vip.network.models import Person
from vip.registry.models import Municipality, Organisation
from vip.vipu import services
from vip.vipu.models import Campaign, Nomination

URL = "/api/v1/vipu/coverage"
PROBLEM = "application/problem+json"
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
LEARNING = Nomination.Responsibility.LEARNING_SUPPORT
WELFARE = Nomination.Responsibility.PUPIL_WELFARE


def get_json(client, status: int = 200, headers=None, **params: Any) -> dict[str, Any]:
    response = client.get(URL, params, headers=headers or {})
    assert response.status_code == status, response.content
    if status >= 400:
        assert response["Content-Type"] == PROBLEM
        assert response.json()["status"] == status
    return response.json()


def make_campaign(name_fi: str = "VIPU-yhteyshenkilöt 2026", **values: Any) -> Campaign:
    values.setdefault("starts_on", TODAY - 10 * DAY)
    values.setdefault("ends_on", TODAY + 60 * DAY)
    values.setdefault("deadline", TODAY + 30 * DAY)
    return services.campaign_save(actor=None, name_fi=name_fi, **values)


def nominate(
    campaign: Campaign, organisation: Organisation, given: str, responsibility: str, language="fi"
) -> Nomination:
    actor = User.objects.get(email="admin@oph.example")
    person = network_services.person_create(
        actor=None,
        given_name=given,
        family_name="Yhteyshenkilö",
        email=f"{given.lower()}@kunta.example",
        organisation=organisation,
    )
    return services.nomination_make(
        actor=actor,
        campaign=campaign,
        municipality=organisation.municipality,
        person=person,
        responsibility=responsibility,
        language=language,
    )


def municipality(body: dict[str, Any], code: str) -> dict[str, Any]:
    return next(m for m in body["municipalities"] if m["code"] == code)


def area(body: dict[str, Any], code: str) -> dict[str, Any]:
    return next(a for a in body["areas"] if a["code"] == code)


@pytest.fixture
def campaign(tampere_provider, helsinki_provider, national_admin) -> Campaign:
    campaign = make_campaign(name_sv="VIPU-kontaktpersoner 2026", name_en="VIPU contacts 2026")
    # Tampere (Finnish) is complete; Helsinki (bilingual) has only Finnish-speaking contacts.
    nominate(campaign, tampere_provider, "Tiina", LEARNING)
    nominate(campaign, tampere_provider, "Toni", WELFARE)
    nominate(campaign, helsinki_provider, "Hanna", LEARNING)
    nominate(campaign, helsinki_provider, "Heikki", WELFARE)
    return campaign


# --- Shape -------------------------------------------------------------------------------------


def test_it_describes_the_current_campaign(client, campaign):
    body = get_json(client)

    assert body["campaign"] == {
        "id": campaign.pk,
        "name": "VIPU contacts 2026",
        "name_fi": "VIPU-yhteyshenkilöt 2026",
        "name_sv": "VIPU-kontaktpersoner 2026",
        "name_en": "VIPU contacts 2026",
        "starts_on": (TODAY - 10 * DAY).isoformat(),
        "ends_on": (TODAY + 60 * DAY).isoformat(),
        "deadline": (TODAY + 30 * DAY).isoformat(),
    }


def test_it_reports_every_municipality(client, campaign):
    body = get_json(client)

    assert len(body["municipalities"]) == 309
    assert len({m["code"] for m in body["municipalities"]}) == 309
    assert set(body["municipalities"][0]) == {
        "code",
        "name",
        "name_fi",
        "name_sv",
        "area",
        "language_status",
        "language_status_label",
        "status",
        "status_label",
        "lacking",
    }


def test_a_municipality_with_both_contacts_is_complete(client, campaign):
    tampere = municipality(get_json(client), "837")

    assert tampere == {
        "code": "837",
        "name": "Tampere",
        "name_fi": "Tampere",
        "name_sv": "Tammerfors",
        "area": "TAYS",
        "language_status": "fi",
        "language_status_label": "Finnish",
        "status": "complete",
        "status_label": "Complete",
        "lacking": [],
    }


def test_a_bilingual_municipality_without_a_swedish_contact_is_partial(client, campaign):
    helsinki = municipality(get_json(client), "091")

    assert helsinki["status"] == "partial"
    assert helsinki["language_status"] == "fi+sv"
    assert helsinki["lacking"] == ["a Swedish-speaking contact"]
    assert helsinki["area"] == "HYKS"


def test_the_swedish_contact_makes_the_bilingual_municipality_complete(
    client, campaign, helsinki_provider
):
    nominate(campaign, helsinki_provider, "Sara", LEARNING, language="sv")

    helsinki = municipality(get_json(client), "091")

    assert (helsinki["status"], helsinki["lacking"]) == ("complete", [])


def test_a_municipality_with_one_contact_lacks_the_other(client, campaign, reference_data):
    oulu = make_organisation(
        kind=Organisation.Kind.MUNICIPALITY,
        name_fi="Oulu, sivistyspalvelut",
        municipality=Municipality.objects.get(code="564"),
    )
    nominate(campaign, oulu, "Olli", WELFARE)

    row = municipality(get_json(client), "564")

    assert row["status"] == "partial"
    assert row["lacking"] == ["a contact coordinating learning support"]


def test_a_municipality_without_contacts_is_missing(client, campaign):
    espoo = municipality(get_json(client), "049")

    assert espoo["status"] == "missing"
    assert espoo["lacking"] == [
        "a contact coordinating learning support",
        "a contact for pupil welfare services",
        "a Finnish-speaking contact",
        "a Swedish-speaking contact",
    ]


def test_aland_municipalities_are_reported_as_outside(client, campaign):
    body = get_json(client)

    aland = [m for m in body["municipalities"] if m["area"] is None]
    assert len(aland) == 16
    assert {m["status"] for m in aland} == {"outside"}
    assert {tuple(m["lacking"]) for m in aland} == {()}
    mariehamn = municipality(body, "478")
    assert mariehamn["name_sv"] == "Mariehamn"
    assert mariehamn["status_label"] == "Not in the network (Åland)"


def test_areas_count_their_municipalities_by_status(client, campaign):
    body = get_json(client)

    assert [a["code"] for a in body["areas"]] == ["HYKS", "KYS", "OYS", "TAYS", "TYKS"]
    tays = area(body, "TAYS")
    assert tays == {
        "code": "TAYS",
        "name": "Inland Finland",
        "total": 52,
        "complete": 1,
        "partial": 0,
        "missing": 51,
        "shares": {
            "complete": round(1 / 52, 4),
            "partial": 0.0,
            "missing": round(51 / 52, 4),
        },
    }
    hyks = area(body, "HYKS")
    assert (hyks["complete"], hyks["partial"]) == (0, 1)
    # Åland is in no area and not counted.
    assert body["national"]["total"] == 309 - 16 == sum(a["total"] for a in body["areas"])
    assert (body["national"]["complete"], body["national"]["partial"]) == (1, 1)
    assert body["national"]["shares"]["complete"] == round(1 / 293, 4)


def test_a_replaced_contact_counts_once(client, campaign, tampere_provider):
    old = Nomination.objects.get(municipality__code="837", responsibility=LEARNING)
    person = network_services.person_create(
        actor=None, given_name="Uusi", family_name="Henkilö", organisation=tampere_provider
    )
    services.nomination_make(
        actor=User.objects.get(email="admin@oph.example"),
        campaign=campaign,
        municipality=old.municipality,
        person=person,
        responsibility=LEARNING,
        language="fi",
        replaces=old,
    )

    assert municipality(get_json(client), "837")["status"] == "complete"


# --- Choosing the campaign ---------------------------------------------------------------------


def test_an_earlier_campaign_is_chosen_by_its_id(client, campaign):
    earlier = make_campaign(
        "VIPU 2025",
        starts_on=TODAY - 400 * DAY,
        ends_on=TODAY - 300 * DAY,
        deadline=TODAY - 350 * DAY,
    )

    body = get_json(client, campaign=earlier.pk)

    assert body["campaign"]["id"] == earlier.pk
    assert body["campaign"]["name"] == "VIPU 2025"
    assert municipality(body, "837")["status"] == "missing"
    assert get_json(client)["campaign"]["id"] == campaign.pk


def test_without_any_campaign_the_answer_is_a_404_problem(client, reference_data):
    body = get_json(client, 404)

    assert body["title"] == "No contact campaign"
    assert "No VIPU contact campaign" in body["detail"]
    assert body["instance"] == URL


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"campaign": 987654}, "campaign"),
        ({"campaign": "latest"}, "campaign"),
        ({"lang": "de"}, "lang"),
    ],
)
def test_a_bad_parameter_is_refused_with_the_field_named(client, campaign, params, field):
    body = get_json(client, 422, **params)

    assert [e["field"] for e in body["errors"]] == [field]


# --- Language ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "campaign_name", "area_name", "tampere"),
    [
        ("fi", "VIPU-yhteyshenkilöt 2026", "Sisä-Suomi", "Tampere"),
        ("sv", "VIPU-kontaktpersoner 2026", "Inre Finland", "Tammerfors"),
        ("en", "VIPU contacts 2026", "Inland Finland", "Tampere"),
    ],
)
def test_names_and_labels_follow_accept_language(
    client, campaign, language, campaign_name, area_name, tampere
):
    body = get_json(client, headers={"Accept-Language": language})

    assert body["campaign"]["name"] == campaign_name
    assert area(body, "TAYS")["name"] == area_name
    row = municipality(body, "837")
    assert row["name"] == tampere
    with translation.override(language):
        assert row["status_label"] == str(_label("Complete"))
        assert municipality(body, "091")["lacking"] == [str(_label("a Swedish-speaking contact"))]


def _label(msgid: str) -> str:
    from django.utils.translation import gettext

    return gettext(msgid)


def test_the_lang_parameter_overrides_accept_language(client, campaign):
    body = get_json(client, headers={"Accept-Language": "en"}, lang="sv")

    assert body["campaign"]["name"] == "VIPU-kontaktpersoner 2026"
    assert municipality(body, "837")["name"] == "Tammerfors"


# --- No personal data; anyone may read it ------------------------------------------------------


def test_the_coverage_holds_no_personal_data(client, campaign):
    text = client.get(URL).content.decode()

    for person in Person.objects.all():
        assert person.family_name not in text
        assert person.given_name not in text
        assert person.email not in text


def test_anonymous_and_signed_in_outsiders_get_the_same_coverage(client, campaign, outsider, login):
    anonymous = get_json(client)

    login(client, outsider)
    signed_in = get_json(client)

    assert anonymous == signed_in


def test_a_bad_token_is_refused(client, campaign):
    response = client.get(URL, headers={"Authorization": "Bearer vip_nope_nope"})

    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM


# --- Query counts ------------------------------------------------------------------------------


def test_the_coverage_costs_the_same_queries_with_many_nominations(
    client, campaign, django_assert_max_num_queries
):
    person = Person.objects.first()
    assert person is not None
    Nomination.objects.bulk_create(
        Nomination(
            campaign=campaign,
            municipality=municipality_,
            person=person,
            responsibility=responsibility,
            language="fi",
        )
        for municipality_ in Municipality.objects.exclude(code__in=["837", "091"])[:200]
        for responsibility in (LEARNING, WELFARE)
    )

    # The campaign, the nominations, the areas and the municipalities.
    with django_assert_max_num_queries(4):
        body = get_json(client)

    assert sum(a["complete"] + a["partial"] for a in body["areas"]) > 150


def test_the_coverage_of_a_chosen_campaign_costs_as_few_queries(
    client, campaign, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        get_json(client, campaign=campaign.pk)


# --- The OpenAPI schema ------------------------------------------------------------------------


def test_the_schema_documents_the_coverage_endpoint(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    operation = schema["paths"][URL]["get"]
    assert {"200", "401", "404", "422"} <= set(operation["responses"])
    assert {p["name"] for p in operation["parameters"]} == {"campaign", "lang"}
    assert list(operation["responses"]["404"]["content"]) == [PROBLEM]


def test_a_repeated_coverage_request_is_answered_from_the_cache_until_data_changes(
    client, campaign, settings, django_assert_max_num_queries
):
    from django.core.cache import cache
    from django.db import transaction

    from vip.core import data_versions
    from vip.vipu.models import VIPU_DATA

    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()
    first = get_json(client)
    with django_assert_max_num_queries(1):  # only the data version is read
        assert get_json(client) == first
    with transaction.atomic():
        data_versions.bump(VIPU_DATA)
    with django_assert_max_num_queries(5):
        assert get_json(client) == first
    cache.clear()
