"""Bad input is answered in the user's language: a sample of each kind of refusal, read in
Finnish and Swedish (the other tests read the English source texts).

`make lint` checks that every text has its Finnish and Swedish translation; these tests
show that the translations reach the user through pages, the API and feeds.
"""

from __future__ import annotations

import datetime
import html

import pytest

from vip.events.models import Registration
from vip.events.tests.builders import make_event, register
from vip.network import services as network_services
from vip.network.models import Group, Membership
from vip.registry.models import Organisation

pytestmark = pytest.mark.usefixtures("reference_data")


def text(response) -> str:
    return html.unescape(response.content.decode())


def at(language: str, path: str) -> str:
    """The address of a page in a language: Finnish at /, Swedish at /sv/."""
    return path if language == "fi" else f"/{language}{path}"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Tilastokeskuksen koulukoodissa on tasan viisi numeroa, esim. 03456."),
        ("sv", "Statistikcentralens skolkod består av exakt fem siffror, t.ex. 03456."),
    ],
)
def test_a_malformed_school_code(client, login, national_admin, language, message):
    login(client, national_admin)
    before = Organisation.objects.count()

    response = client.post(
        at(language, "/organisations/new/"),
        {
            "name_fi": "Virhekoulu",
            "kind": "school",
            "municipality": "837",
            "languages": "fi",
            "school_code": "12a45",
        },
    )

    assert response.status_code == 200
    assert message in text(response)
    assert Organisation.objects.count() == before


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Tällä sähköpostiosoitteella on jo ilmoittauduttu tähän tapahtumaan."),
        ("sv", "Den här e-postadressen är redan anmäld till evenemanget."),
    ],
)
def test_a_second_registration_with_the_same_address(client, language, message):
    event = make_event()
    register(event, email="maija@koulu.example")

    response = client.post(
        at(language, f"/events/{event.pk}/register/"),
        {
            "given_name": "Maija",
            "family_name": "Meikäläinen",
            "email": "maija@koulu.example",
            "organisation_text": "Tammelan koulu",
            "municipality": "837",
            "language": language,
            "consent": "on",
        },
    )

    assert response.status_code == 200
    assert message in text(response)
    assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Anna Aalto on jo puheenjohtaja 1.1.2024 alkaen."),
        ("sv", "Anna Aalto är redan ordförande från och med 1.1.2024; en grupp har en ordförande."),
    ],
)
def test_a_second_chair(client, login, coordinator, tays, language, message):
    group = network_services.group_create(
        actor=None,
        kind=Group.Kind.REGIONAL,
        name_fi="Sisä-Suomen alueryhmä",
        area=tays,
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2025, 12, 31),
    )
    anna = network_services.person_create(actor=None, given_name="Anna", family_name="Aalto")
    bertil = network_services.person_create(actor=None, given_name="Bertil", family_name="Berg")
    network_services.membership_add(
        actor=None,
        group=group,
        person=anna,
        role=Membership.Role.CHAIR,
        start=datetime.date(2024, 1, 1),
        end=None,
    )
    login(client, coordinator)

    response = client.post(
        at(language, f"/groups/{group.pk}/members/new/"),
        {
            "person_name": "Bertil Berg",
            "role": Membership.Role.CHAIR,
            "principal": "",
            "sector": "",
            "organisation_name": "",
            "start": "2024-06-01",
            "end": "",
        },
    )

    assert response.status_code == 200
    assert message in text(response)
    assert not group.memberships.filter(person=bertil).exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Haku on liian pitkä: käytä enintään 200 merkkiä (nyt 999)."),
        ("sv", "Sökningen är för lång: använd högst 200 tecken (nu 999)."),
    ],
)
def test_an_overlong_search_on_the_page_and_in_the_api(client, language, message):
    query = "poissaolo " * 100

    page = client.get(at(language, "/materials/"), {"q": query})
    api = client.get("/api/v1/materials", {"q": query}, headers={"accept-language": language})

    assert message in text(page)
    assert message in str(api.json())


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Käytä jotakin seuraavista: fi, sv, en."),
        ("sv", "Använd något av följande: fi, sv, en."),
    ],
)
def test_an_unknown_feed_filter(client, language, message):
    response = client.get(at(language, "/events/feed.ics"), {"language": "de"})

    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_an_oversized_api_page(client, language):
    response = client.get(
        "/api/v1/municipalities", {"page_size": 101}, headers={"accept-language": language}
    )

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "page_size"
    assert "100" in error["message"]
    assert "at most" not in error["message"]
