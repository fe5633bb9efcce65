"""Representation: which sectors a regional group lacks, and which members lack a deputy."""

from __future__ import annotations

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from vip.network import services
from vip.network.models import Group, Membership, Person, Sector
from vip.network.selectors.groups import (
    members_without_deputy,
    national_representation,
    representation_gaps,
)
from vip.registry.models import Area

Kind = Group.Kind
Role = Membership.Role
TODAY = timezone.localdate()
LAST_YEAR = TODAY - datetime.timedelta(days=365)
YESTERDAY = TODAY - datetime.timedelta(days=1)
TOMORROW = TODAY + datetime.timedelta(days=1)
OVERVIEW_URL = "/en/groups/representation/"


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def make_group(kind: str, name: str, area: Area | None = None) -> Group:
    return services.group_create(
        actor=None, kind=kind, name_fi=name, name_en=name, area=area, term_start=LAST_YEAR
    )


def make_person(given: str, family: str) -> Person:
    return services.person_create(actor=None, given_name=given, family_name=family)


def add(group, person, role=Role.MEMBER, sector=None, start=LAST_YEAR, **extra) -> Membership:
    return services.membership_add(
        actor=None,
        group=group,
        person=person,
        role=role,
        sector=Sector.objects.get(code=sector) if sector else None,
        start=start,
        **extra,
    )


def sector_codes(sectors) -> list[str]:
    return [sector.code for sector in sectors]


ALL_SECTORS = [
    "rector",
    "education-administration",
    "vaatu-chair",
    "early-childhood",
    "lape-ot-centre",
    "specialised-health-care",
    "pupil-welfare",
    "university-research",
    "teacher-education",
    "child-protection",
    "avi",
]


def test_there_are_eleven_sectors(reference_data):
    assert sector_codes(Sector.objects.all()) == ALL_SECTORS


@pytest.fixture
def tays_group(tays):
    return make_group(Kind.REGIONAL, "TAYS regional group", tays)


@pytest.fixture
def hyks_group(hyks):
    return make_group(Kind.REGIONAL, "HYKS regional group", hyks)


# --- Gaps of one group ----------------------------------------------------------------------


def test_the_gaps_are_exactly_the_sectors_without_a_serving_member(tays_group, hyks_group):
    add(tays_group, make_person("Rea", "Rehtori"), sector="rector")
    add(tays_group, make_person("Olli", "Oppilashuolto"), Role.CHAIR, sector="pupil-welfare")
    add(tays_group, make_person("Aino", "Avi"), Role.SECRETARY, sector="avi")
    # Not serving today: ended yesterday, starting tomorrow, or in another area's group.
    add(tays_group, make_person("Ex", "Lastensuojelu"), sector="child-protection", end=YESTERDAY)
    add(
        tays_group, make_person("Uusi", "Varhaiskasvatus"), sector="early-childhood", start=TOMORROW
    )
    add(hyks_group, make_person("Toinen", "Alue"), sector="teacher-education")

    gaps = representation_gaps(tays_group, TODAY)

    assert sector_codes(gaps) == [
        code for code in ALL_SECTORS if code not in {"rector", "pupil-welfare", "avi"}
    ]


def test_a_group_without_members_lacks_every_sector(tays_group):
    assert sector_codes(representation_gaps(tays_group, TODAY)) == ALL_SECTORS


def test_a_group_with_every_sector_has_no_gaps(tays_group):
    for number, code in enumerate(ALL_SECTORS):
        add(tays_group, make_person("Member", f"Number{number}"), sector=code)

    assert representation_gaps(tays_group, TODAY) == []


def test_gaps_take_one_query(tays_group, django_assert_num_queries):
    add(tays_group, make_person("Rea", "Rehtori"), sector="rector")

    with django_assert_num_queries(1):
        representation_gaps(tays_group, TODAY)


def test_a_regional_group_page_lists_its_gaps(client, tays_group):
    for number, code in enumerate(ALL_SECTORS[:-2]):
        add(tays_group, make_person("Member", f"Number{number}"), sector=code)

    page = html.unescape(client.get(tays_group.get_absolute_url()).content.decode())

    assert "Representation gaps" in page
    assert "2 of the sectors the regional group should represent have no member today:" in page
    gaps = page.split('id="representation-gaps"')[1].split("</ul>")[0]
    assert "<li>Child protection</li>" in gaps
    assert "<li>Regional state administrative agency (AVI)</li>" in gaps
    assert "Rector" not in gaps


def test_other_groups_do_not_show_representation_gaps(client, reference_data):
    group = make_group(Kind.STEERING, "Steering group")

    page = client.get(group.get_absolute_url()).content.decode()

    assert "Representation gaps" not in page


# --- Members without a deputy ---------------------------------------------------------------


def test_members_without_a_deputy_are_those_no_deputy_serves_for(tays_group):
    covered = add(tays_group, make_person("Anna", "Katettu"), Role.CHAIR)
    add(tays_group, make_person("Ville", "Varajäsen"), Role.DEPUTY, principal=covered)
    alone = add(tays_group, make_person("Bertil", "Yksin"))
    left = add(tays_group, make_person("Cecilia", "Lähtenyt"), Role.VICE_CHAIR)
    add(
        tays_group,
        make_person("Ex", "Varajäsen"),
        Role.DEPUTY,
        principal=left,
        end=YESTERDAY,
    )
    add(tays_group, make_person("Sihteeri", "Sihteeri"), Role.SECRETARY)
    add(tays_group, make_person("Former", "Member"), end=YESTERDAY)

    without = members_without_deputy(tays_group, TODAY)

    assert without == [left, alone]


def test_the_vaatu_work_group_always_shows_members_without_a_deputy(client, reference_data):
    vaatu = make_group(Kind.VAATU, "Vaatu work group")
    add(vaatu, make_person("Valteri", "Edustaja"), Role.CHAIR)

    page = html.unescape(client.get(vaatu.get_absolute_url()).content.decode())

    assert "Members without a deputy" in page
    listed = page.split('id="members-without-deputy"')[1].split("</ul>")[0]
    assert "Valteri Edustaja (Chair)" in listed


def test_a_group_that_uses_deputies_shows_members_without_one(client, reference_data):
    group = make_group(Kind.OTHER, "Some group")
    principal = add(group, make_person("Anna", "Aalto"))
    add(group, make_person("Ville", "Varajäsen"), Role.DEPUTY, principal=principal)
    add(group, make_person("Bertil", "Berg"))

    page = html.unescape(client.get(group.get_absolute_url()).content.decode())

    listed = page.split('id="members-without-deputy"')[1].split("</ul>")[0]
    assert "Bertil Berg" in listed
    assert "Anna Aalto" not in listed


def test_a_group_without_deputies_does_not_show_the_section(client, reference_data):
    group = make_group(Kind.STEERING, "Steering group")
    add(group, make_person("Anna", "Aalto"))

    page = client.get(group.get_absolute_url()).content.decode()

    assert "Members without a deputy" not in page


# --- The national overview ------------------------------------------------------------------


def test_the_national_table_counts_people_by_area_and_sector(tays_group, hyks_group, tays, hyks):
    add(tays_group, make_person("A", "One"), sector="rector")
    add(tays_group, make_person("B", "Two"), sector="rector")
    add(tays_group, make_person("C", "Three"), sector="avi")
    add(tays_group, make_person("D", "Former"), sector="avi", end=YESTERDAY)
    add(hyks_group, make_person("E", "Four"), sector="rector")
    # Core groups and members without a sector are not counted.
    add(make_group(Kind.CORE, "Core", tays), make_person("F", "Core"), sector="rector")
    add(tays_group, make_person("G", "Nosector"))
    rector = Sector.objects.get(code="rector")
    avi = Sector.objects.get(code="avi")

    table = national_representation(TODAY)

    assert [area.code for area in table.areas] == ["HYKS", "KYS", "OYS", "TAYS", "TYKS"]
    assert table.count(tays, rector) == 2
    assert table.count(tays, avi) == 1
    assert table.count(hyks, rector) == 1
    assert table.count(hyks, avi) == 0
    rector_row = next(row for row in table.rows if row.sector == rector)
    assert rector_row.total == 3
    assert rector_row.gap_count == 3  # KYS, OYS and TYKS
    summaries = {summary.area.code: summary for summary in table.area_summaries}
    assert summaries["TAYS"].total == 3
    assert summaries["TAYS"].gap_count == 9
    assert summaries["TAYS"].groups == [tays_group]
    assert summaries["KYS"].gap_count == 11
    assert table.total == 4


def test_the_national_table_takes_four_queries(tays_group, django_assert_num_queries):
    add(tays_group, make_person("A", "One"), sector="rector")

    with django_assert_num_queries(4):
        national_representation(TODAY)


def test_the_overview_page_marks_gaps_in_words(client, tays_group):
    add(tays_group, make_person("A", "One"), sector="rector")

    page = html.unescape(client.get(OVERVIEW_URL).content.decode())

    table = page.split('id="representation-table"')[1].split("</table>")[0]
    rector_row = table.split('<th scope="row" class="govuk-table__header">Rector</th>')[1]
    rector_row = rector_row.split("</tr>")[0]
    assert rector_row.count("0 gap</strong>") == 4
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in rector_row
    assert "Sectors without a member" in table
    assert "<caption" in table


def test_the_overview_lists_members_without_a_deputy_per_group(client, tays_group):
    vaatu = make_group(Kind.VAATU, "Vaatu work group")
    principal = add(vaatu, make_person("Anna", "Aalto"), Role.CHAIR)
    add(vaatu, make_person("Ville", "Varajäsen"), Role.DEPUTY, principal=principal)
    add(vaatu, make_person("Bertil", "Berg"))
    add(tays_group, make_person("Cecilia", "Carlsson"), sector="rector")
    make_group(Kind.STEERING, "Steering group")

    response = client.get(OVERVIEW_URL)

    rows = {
        group.name: [m.person.full_name for m in members]
        for group, members in response.context["deputy_rows"]
    }
    assert rows == {
        "TAYS regional group": ["Cecilia Carlsson"],
        "Vaatu work group": ["Bertil Berg"],
    }
    assert "Cecilia Carlsson (Member, Rector)" in html.unescape(response.content.decode())


def test_the_overview_takes_as_many_queries_for_many_groups_as_for_few(
    client, tays, hyks, django_assert_max_num_queries
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(OVERVIEW_URL).status_code == 200
        return len(captured)

    first = make_group(Kind.REGIONAL, "First", tays)
    add(first, make_person("Only", "One"), sector="rector")
    few = queries()
    for number, area in enumerate([tays, hyks] * 3):
        group = make_group(
            Kind.REGIONAL if number % 2 else Kind.VAATU,
            f"Group {number}",
            area if number % 2 else None,
        )
        for index, code in enumerate(ALL_SECTORS[:4]):
            add(group, make_person("Member", f"N{number}-{index}"), sector=code)

    assert queries() == few
    with django_assert_max_num_queries(few):
        client.get(OVERVIEW_URL)
