"""Contacts export for mailing lists: CSV and XLSX, filtered, scoped and audited."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from vip.audit.models import AuditAction, AuditEvent
from vip.registry.models import Organisation
from vip.vipu.tests.vipu_builders import (
    LEARNING,
    WELFARE,
    make_campaign,
    nominate,
    organisation_in,
    person_in,
)

pytestmark = pytest.mark.django_db

HEADER = [
    "Name",
    "E-mail",
    "Phone",
    "Title",
    "Organisation",
    "Municipality",
    "Municipality code",
    "Area",
    "Responsibility",
    "Working language",
    "Education provider",
]


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def campaign(reference_data):
    campaign = make_campaign()
    tampere_school = organisation_in("837", name="Hervannan koulu")
    nominate(
        campaign,
        "837",
        LEARNING,
        person=person_in(
            tampere_school,
            email="tuula@tampere.example",
            given_name="Tuula",
            family_name="Tukinen",
            phone="040 555 1234",
            title="Rector",
        ),
    )
    nominate(campaign, "837", WELFARE)
    provider = organisation_in("837", Organisation.Kind.PRIVATE_PROVIDER, "Yksityiskoulu Oy")
    nominate(campaign, "837", LEARNING, provider=provider)
    nominate(campaign, "091", LEARNING, "sv")
    return campaign


def export(client, campaign, fmt="csv", **query):
    return client.get(reverse("vipu:contacts_export", args=[campaign.pk, fmt]), query)


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_it_exports_every_contact_for_a_national_admin_as_csv(
    client, login, national_admin, campaign
):
    login(client, national_admin)
    header, *rows = csv_rows(export(client, campaign))
    assert header == HEADER
    assert len(rows) == 4
    tuula = next(row for row in rows if row[0] == "Tuula Tukinen")
    assert tuula == [
        "Tuula Tukinen",
        "tuula@tampere.example",
        "040 555 1234",
        "Rector",
        "Hervannan koulu",
        "Tampere",
        "837",
        "TAYS",
        "Coordinating learning support",
        "Finnish",
        "",
    ]
    assert "Yksityiskoulu Oy" in {row[10] for row in rows}


def test_it_exports_only_the_coordinators_own_area(client, login, coordinator, campaign):
    login(client, coordinator)
    _header, *rows = csv_rows(export(client, campaign))
    assert {row[6] for row in rows} == {"837"}
    assert len(rows) == 3
    _header, *rows = csv_rows(export(client, campaign, area="HYKS"))
    assert rows == []


def test_it_exports_only_the_municipal_admins_own_municipality(
    client, login, municipal_admin, campaign
):
    login(client, municipal_admin)
    _header, *rows = csv_rows(export(client, campaign))
    assert {row[6] for row in rows} == {"837"}


@pytest.mark.parametrize(
    ("query", "codes_and_tasks"),
    [
        ({"area": "HYKS"}, {("091", "Coordinating learning support", "Swedish")}),
        ({"language": "sv"}, {("091", "Coordinating learning support", "Swedish")}),
        ({"responsibility": "pupil_welfare"}, {("837", "Pupil welfare services", "Finnish")}),
    ],
)
def test_it_filters_the_export(client, login, national_admin, campaign, query, codes_and_tasks):
    login(client, national_admin)
    _header, *rows = csv_rows(export(client, campaign, **query))
    assert {(row[6], row[8], row[9]) for row in rows} == codes_and_tasks


def test_it_exports_a_spreadsheet_that_opens(client, login, national_admin, campaign):
    login(client, national_admin)
    response = export(client, campaign, "xlsx", area="TAYS")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header == HEADER
    assert len(rows) == 3
    assert ["Tuula Tukinen", "tuula@tampere.example"] in [row[:2] for row in rows]


def test_it_audits_each_export_with_its_filters_and_row_count(
    client, login, national_admin, campaign
):
    login(client, national_admin)
    csv_rows(export(client, campaign, area="TAYS", language="fi"))
    event = AuditEvent.objects.get(action=AuditAction.CONTACTS_EXPORTED)
    assert event.actor == national_admin
    assert event.target_id == str(campaign.pk)
    assert event.area.code == "TAYS"
    assert event.details == {
        "area": "TAYS",
        "responsibility": "",
        "language": "fi",
        "format": "csv",
        "rows": 3,
    }


def test_it_refuses_an_unknown_format_or_filter(client, login, national_admin, campaign):
    login(client, national_admin)
    assert export(client, campaign, "pdf").status_code == 404
    response = export(client, campaign, area="NOWHERE")
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.CONTACTS_EXPORTED).exists()


@pytest.mark.parametrize("who", ["outsider", "teacher"])
def test_it_exports_nothing_to_users_without_a_contact_role(client, login, request, campaign, who):
    login(client, request.getfixturevalue(who))
    assert export(client, campaign).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.CONTACTS_EXPORTED).exists()


def test_it_exports_in_the_same_number_of_queries_however_many_contacts(
    client, login, national_admin, campaign, django_assert_max_num_queries
):
    login(client, national_admin)
    with django_assert_max_num_queries(12) as small:
        csv_rows(export(client, campaign))
    for code in ("179", "049", "853"):
        nominate(campaign, code, LEARNING)
        nominate(campaign, code, WELFARE)
    with django_assert_max_num_queries(len(small)):
        csv_rows(export(client, campaign))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_is_never_stored_by_a_browser_or_proxy(
    client, login, national_admin, campaign, fmt
):
    login(client, national_admin)
    response = export(client, campaign, fmt)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_it_names_municipalities_in_swedish_in_a_swedish_export(
    client, login, national_admin, campaign
):
    login(client, national_admin)
    with translation.override("sv"):
        url = reverse("vipu:contacts_export", args=[campaign.pk, "csv"])
    _header, *rows = csv_rows(client.get(url))
    assert {row[5] for row in rows} == {"Tammerfors", "Helsingfors"}
