"""Exports of groups and memberships, and importing an exported file back."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from vip.audit.models import AuditAction, AuditEvent
from vip.network import services
from vip.network.models import Group, Membership, Person, Sector

pytestmark = pytest.mark.django_db

TERM_START = datetime.date(2021, 1, 1)
TERM_END = datetime.date(2022, 12, 31)


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def make_group(name, area=None, kind=Group.Kind.REGIONAL):
    return services.group_create(
        actor=None, kind=kind, name_fi=name, area=area, term_start=TERM_START, term_end=TERM_END
    )


def make_member(
    group, email, role="member", *, start=TERM_START, end=None, principal=None, **values
):
    person = Person.objects.filter(email=email).first() or services.person_create(
        actor=None, given_name=email.split("@")[0].title(), family_name="Testinen", email=email
    )
    return services.membership_add(
        actor=None,
        group=group,
        person=person,
        role=role,
        start=start,
        end=end,
        principal=principal,
        **values,
    )


@pytest.fixture
def network(tays, hyks, tampere_school):
    """A TAYS regional group with a chair, a member, a deputy and a former member; a HYKS
    group; a national steering group."""
    tays_group = make_group("Sisä-Suomen alueryhmä", tays)
    chair = make_member(tays_group, "chair@example.fi", "chair")
    member = make_member(
        tays_group,
        "member@example.fi",
        sector=Sector.objects.get(code="rector"),
        organisation=tampere_school,
    )
    make_member(tays_group, "deputy@example.fi", "deputy", principal=member)
    make_member(tays_group, "former@example.fi", end=datetime.date(2021, 6, 30))
    hyks_group = make_group("Etelä-Suomen alueryhmä", hyks)
    make_member(hyks_group, "hyks@example.fi")
    steering = make_group("Johtoryhmä", kind=Group.Kind.STEERING)
    make_member(steering, "okm@example.fi", "chair")
    return {"tays": tays_group, "hyks": hyks_group, "steering": steering, "chair": chair}


def test_it_exports_groups_with_chair_and_member_count(client, login, national_admin, network):
    login(client, national_admin)

    response = client.get("/en/network/export/groups.csv")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="vip-groups.csv"'
    header, *rows = csv_rows(response)
    assert header == [
        "Number",
        "Kind",
        "Name in Finnish",
        "Name in Swedish",
        "Name in English",
        "Area",
        "Theme",
        "Parent group",
        "Term starts",
        "Term ends",
        "Status",
        "Chair",
        "Members",
    ]
    by_name = {row[2]: row for row in rows}
    assert set(by_name) == {"Sisä-Suomen alueryhmä", "Etelä-Suomen alueryhmä", "Johtoryhmä"}
    tays_row = by_name["Sisä-Suomen alueryhmä"]
    assert tays_row[1] == "Regional group"
    assert tays_row[8:10] == ["2021-01-01", "2022-12-31"]
    # Counted on the day of the export: the 2021 term is over, nobody is active.
    assert tays_row[12] == "0"
    event = AuditEvent.objects.get(action=AuditAction.NETWORK_EXPORTED)
    assert event.details == {"what": "groups", "fmt": "csv", "rows": 3}


def test_it_counts_the_members_and_names_the_chair_of_today(national_admin, network):
    from vip.network.exports import group_table

    _header, rows = group_table(Group.objects.all(), today=datetime.date(2021, 3, 1))

    by_name = {row[2]: row for row in rows}
    assert by_name["Sisä-Suomen alueryhmä"][11:] == ["Chair Testinen", 4]
    assert by_name["Johtoryhmä"][11:] == ["Okm Testinen", 1]


def test_a_coordinator_exports_their_areas_groups_and_national_ones(
    client, login, coordinator, network
):
    login(client, coordinator)

    names = {row[2] for row in csv_rows(client.get("/en/network/export/groups.csv"))[1:]}

    assert names == {"Sisä-Suomen alueryhmä", "Johtoryhmä"}
    emails = {row[3] for row in csv_rows(client.get("/en/network/export/memberships.csv"))[1:]}
    assert emails == {
        "chair@example.fi",
        "member@example.fi",
        "deputy@example.fi",
        "former@example.fi",
        "okm@example.fi",
    }


def test_it_exports_memberships_as_xlsx_in_the_users_language(
    client, login, national_admin, network
):
    login(client, national_admin)

    response = client.get("/network/export/memberships.xlsx")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    header, *rows = xlsx_rows(response)
    assert header == [
        "ryhmä",
        "etunimi",
        "sukunimi",
        "sähköposti",
        "rooli",
        "varsinaisen jäsenen sähköposti",
        "sektori",
        "organisaatio",
        "kuntakoodi",
        "alkaa",
        "päättyy",
        "tila",
    ]
    by_email = {row[3]: row for row in rows}
    member = by_email["member@example.fi"]
    assert member[0] == "Sisä-Suomen alueryhmä"
    assert member[4:9] == ["jäsen", None, "Rehtori", "Koivikon koulu", "837"]
    assert member[9] == datetime.datetime(2021, 1, 1)
    assert by_email["deputy@example.fi"][4:6] == ["varajäsen", "member@example.fi"]
    assert by_email["former@example.fi"][10] == datetime.datetime(2021, 6, 30)
    assert by_email["former@example.fi"][11] == "päättynyt"
    assert AuditEvent.objects.get(action=AuditAction.NETWORK_EXPORTED).details == {
        "what": "memberships",
        "fmt": "xlsx",
        "rows": 6,
    }


def test_it_exports_with_a_flat_number_of_queries(
    client, login, national_admin, network, django_assert_max_num_queries
):
    login(client, national_admin)
    for index in range(20):
        make_member(network["hyks"], f"extra{index}@example.fi")

    with django_assert_max_num_queries(12):
        csv_rows(client.get("/en/network/export/memberships.csv"))
    with django_assert_max_num_queries(12):
        csv_rows(client.get("/en/network/export/groups.csv"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_membership_file_imports_back_unchanged(
    client, login, national_admin, network, fmt
):
    login(client, national_admin)
    exported = client.get(f"/sv/network/export/memberships.{fmt}")
    content = b"".join(exported.streaming_content) if fmt == "csv" else exported.content
    before = (Person.objects.count(), Membership.objects.count())

    response = client.post(
        "/en/network/import/",
        {"file": SimpleUploadedFile(f"memberships.{fmt}", content)},
    )

    report = response.context["report"]
    assert report.ok, report.errors
    assert report.memberships.as_dict() == {"created": 0, "updated": 0, "unchanged": 6}
    assert report.people.as_dict() == {"created": 0, "updated": 0, "unchanged": 6}
    assert (Person.objects.count(), Membership.objects.count()) == before


def test_a_group_name_shared_by_two_groups_is_exported_as_its_number(
    client, login, national_admin, network, tays
):
    twin = make_group("Sisä-Suomen alueryhmä", tays)
    make_member(twin, "twin@example.fi")
    login(client, national_admin)

    exported = b"".join(client.get("/en/network/export/memberships.csv").streaming_content)

    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))[1:]
    assert {row[0] for row in rows if row[3] == "twin@example.fi"} == {str(twin.pk)}
    response = client.post("/en/network/import/", {"file": SimpleUploadedFile("m.csv", exported)})
    assert response.context["report"].ok, response.context["report"].errors
    assert response.context["report"].memberships.unchanged == len(rows)


@pytest.mark.parametrize(
    "address",
    [
        "/en/network/export/people.csv",
        "/en/network/export/groups.pdf",
    ],
)
def test_it_answers_404_for_unknown_exports(client, login, national_admin, address):
    login(client, national_admin)

    assert client.get(address).status_code == 404


@pytest.mark.parametrize("who", ["teacher", "municipal_admin", "outsider"])
def test_others_may_not_export(client, login, request, who):
    login(client, request.getfixturevalue(who))

    assert client.get("/en/network/export/groups.csv").status_code == 404
    assert client.get("/en/network/export/memberships.xlsx").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.NETWORK_EXPORTED).exists()


def test_the_membership_table_writes_e_mails_the_person_policy_shows(teacher, network):
    from vip.network.exports import membership_table

    public = Person.objects.get(email="member@example.fi")
    services.person_update(actor=None, person=public, contact_details_public=True)

    _header, rows = membership_table(Group.objects.all(), viewer=teacher)

    # Someone without a manager's role (who cannot reach the export) would get only
    # the addresses people made public.
    assert {row[3] for row in rows} == {"member@example.fi", ""}
    assert {row[5] for row in rows} == {"member@example.fi", ""}


def test_the_export_links_name_what_they_download(client, login, national_admin):
    login(client, national_admin)

    page = client.get("/en/network/import/").content.decode()

    assert 'XLSX<span class="govuk-visually-hidden"> file of the groups</span></a>' in page
    assert 'CSV<span class="govuk-visually-hidden"> file of the memberships</span></a>' in page
