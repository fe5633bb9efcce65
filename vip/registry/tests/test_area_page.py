"""An area's page shows its regional group, what the group lacks, and its VIPU coverage."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from vip.network import services as network
from vip.network.models import Group, Membership, Sector
from vip.vipu import services as vipu

pytestmark = pytest.mark.django_db


@pytest.fixture
def regional_group(tays, tampere_provider):
    today = timezone.localdate()
    group = network.group_create(
        actor=None,
        kind=Group.Kind.REGIONAL,
        name_fi="TAYS-alueen alueryhmä",
        area=tays,
        term_start=today - datetime.timedelta(days=100),
    )
    chair = network.person_create(
        actor=None, given_name="Aino", family_name="Alanko", organisation=tampere_provider
    )
    network.membership_add(
        actor=None,
        group=group,
        person=chair,
        role=Membership.Role.CHAIR,
        start=group.term_start,
        sector=Sector.objects.get(code="rector"),
    )
    return group


def test_it_shows_the_regional_group_its_missing_sectors_and_members_without_deputy(
    client, regional_group
):
    page = client.get("/en/areas/TAYS/").content.decode()

    assert "TAYS-alueen alueryhmä" in page
    assert "Sectors without a member" in page
    assert "Pupil welfare" in page  # one of the ten sectors nobody represents
    assert "Area Vaatu chair" in page
    assert "Aino Alanko (Chair)" in page  # the chair has no deputy


def test_it_shows_the_areas_contact_coverage_with_its_map(
    client, regional_group, tampere_provider, national_admin
):
    today = timezone.localdate()
    campaign = vipu.campaign_save(
        actor=None,
        name_fi="VIPU 2026",
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=60),
        deadline=today + datetime.timedelta(days=20),
    )
    contact = network.person_create(
        actor=None,
        given_name="Ville",
        family_name="Virta",
        email="ville.virta@tampere.example",
        organisation=tampere_provider,
    )
    vipu.nomination_make(
        actor=national_admin,
        campaign=campaign,
        municipality=tampere_provider.municipality,
        person=contact,
        responsibility="learning_support",
        language="fi",
    )

    page = client.get("/en/areas/TAYS/").content.decode()

    assert "VIPU contact persons" in page
    assert "<svg" in page
    assert "Tampere" in page
    # Contact persons' names are not shown on the public area page.
    assert "Ville Virta" not in page


def test_the_page_says_so_when_no_campaign_or_group_exists(client, reference_data):
    page = client.get("/en/areas/OYS/").content.decode()

    assert "The area has no regional group in the registry yet." in page
    assert "No contact campaign has been opened yet." in page


def test_the_page_takes_a_constant_number_of_queries(
    client, regional_group, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        assert client.get("/en/areas/TAYS/").status_code == 200


def test_it_says_every_sector_is_represented_without_counting_them(
    client, regional_group, tampere_provider
):
    for number, sector in enumerate(Sector.objects.exclude(code="rector")):
        member = network.person_create(
            actor=None,
            given_name=f"Jäsen{number}",
            family_name="Edustaja",
            organisation=tampere_provider,
        )
        network.membership_add(
            actor=None,
            group=regional_group,
            person=member,
            role=Membership.Role.MEMBER,
            start=regional_group.term_start,
            sector=sector,
        )

    page = client.get("/en/areas/TAYS/").content.decode()

    # The number of sectors is data: the page must not state one.
    assert "Every sector is represented." in page
    assert "eleven" not in page
