"""Demo network: the domain's groups and people, ~80 % VIPU coverage, uneven gaps, idempotent."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.db.models import Q
from django.utils import timezone

from vip.demo.network import NetworkSeeder
from vip.demo.seeding import Seeder
from vip.network.models import (
    Decision,
    Employment,
    Group,
    Meeting,
    MeetingAttendance,
    Membership,
    Person,
    Sector,
    Theme,
)
from vip.registry.models import Area, Municipality, Organisation
from vip.vipu.models import Campaign, Nomination
from vip.vipu.selectors import Status, current_campaign, vipu_coverage

Kind = Group.Kind
Role = Membership.Role
VAATU_KINDS = {
    Organisation.Kind.VALTERI_UNIT,
    Organisation.Kind.ELMERI_SCHOOL,
    Organisation.Kind.HOSPITAL_SCHOOL,
    Organisation.Kind.STATE_REFORM_SCHOOL,
}

pytestmark = pytest.mark.usefixtures("seeded_demo")


def network_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Person,
            Employment,
            Group,
            Membership,
            Meeting,
            MeetingAttendance,
            Decision,
            Campaign,
            Nomination,
            Organisation,
        )
    }


def active(group):
    return group.memberships.active_on(timezone.localdate())


def test_it_creates_nothing_new_on_a_second_run(db):
    before = network_counts()

    report = Seeder(seed=1, scale="small").run()

    assert report.created == {}
    assert network_counts() == before


def test_it_builds_the_groups_the_domain_describes(db):
    kinds = Counter(Group.objects.values_list("kind", flat=True))
    assert kinds[Kind.STEERING] == 2
    assert kinds[Kind.THEMATIC] == Theme.objects.count() == 4
    assert kinds[Kind.EXPERT] == 4
    assert kinds[Kind.REGIONAL] == 5
    assert kinds[Kind.VAATU] == 1
    assert kinds[Kind.CORE] == 3
    regional_areas = Group.objects.filter(kind=Kind.REGIONAL).values_list("area__code", flat=True)
    assert sorted(regional_areas) == sorted(Area.objects.values_list("code", flat=True))
    assert Group.objects.filter(kind=Kind.CORE, area__isnull=True).count() == 0
    for expert in Group.objects.filter(kind=Kind.EXPERT).select_related("parent"):
        assert expert.parent.kind == Kind.THEMATIC
        assert expert.theme_id == expert.parent.theme_id
        people = active(expert)
        assert 4 <= people.count() <= 5
        assert people.filter(role=Role.CHAIR).count() == 1


def test_every_current_group_has_exactly_one_chair_today(db):
    today = timezone.localdate()
    current = Group.objects.exclude(status=Group.Status.ENDED)
    assert current.count() == 18
    for group in current:
        assert group.term_start <= today
        assert group.term_end is None or today <= group.term_end
        assert active(group).filter(role=Role.CHAIR).count() == 1, group.name_fi


def test_the_steering_group_of_2021_2022_is_history_chaired_by_okm(db):
    past = Group.objects.get(kind=Kind.STEERING, term_start=datetime.date(2021, 1, 1))
    assert past.term_end == datetime.date(2022, 12, 31)
    assert past.area is None
    assert not active(past).exists()
    chair = past.memberships.get(role=Role.CHAIR)
    assert chair.organisation.kind == Organisation.Kind.MINISTRY
    represented = set(past.memberships.values_list("organisation__kind", flat=True))
    assert {Organisation.Kind.MINISTRY, Organisation.Kind.NATIONAL_AGENCY} <= represented
    decision = Decision.objects.get(
        text="Perustetaan uusi teemaryhmä: käytöksellään oireilevat lapset ja nuoret"
    )
    assert decision.group == past
    assert decision.date == datetime.date(2021, 4, 6)
    assert decision.meeting.date == decision.date


def test_the_current_steering_group_shows_active_members_and_deputies(db):
    current = Group.objects.filter(kind=Kind.STEERING).exclude(status=Group.Status.ENDED).get()
    members = active(current)
    assert members.get(role=Role.CHAIR).organisation.kind == Organisation.Kind.MINISTRY
    assert members.filter(organisation__kind=Organisation.Kind.NATIONAL_AGENCY).exists()
    assert members.filter(role=Role.DEPUTY).count() >= 2
    # Some members have no deputy: the overview of deputies has something to show.
    without_deputy = members.filter(role=Role.MEMBER).exclude(deputies__in=members)
    assert without_deputy.exists()


def test_the_behavioural_symptoms_group_was_founded_on_6_4_2021(db):
    group = Group.objects.get(kind=Kind.THEMATIC, theme__code="behavioural-symptoms")
    assert group.founding_decision == "Johtoryhmän päätös 6.4.2021"
    assert group.term_start == datetime.date(2021, 4, 6)
    first = group.meetings.order_by("date").first()
    assert first.date == datetime.date(2021, 6, 8)
    assert first.attendances.filter(present=True).exists()
    assert group.subgroups.filter(kind=Kind.EXPERT).count() == 1


def test_regional_groups_lack_sectors_unevenly(db):
    sector_count = Sector.objects.count()
    assert sector_count == 11
    gaps = {}
    for group in Group.objects.filter(kind=Kind.REGIONAL).select_related("area"):
        filled = active(group).exclude(sector=None).values("sector").distinct().count()
        gaps[group.area.code] = sector_count - filled
        assert active(group).filter(role=Role.CHAIR).exclude(sector=None).count() == 1
    # Most but not all sectors are filled in every area, unevenly.
    assert set(gaps) == {"HYKS", "KYS", "OYS", "TAYS", "TYKS"}
    assert all(1 <= gap < sector_count // 2 for gap in gaps.values()), gaps
    assert gaps["OYS"] >= 2
    assert max(gaps.values()) >= 2
    assert len(set(gaps.values())) >= 3


def test_the_vaatu_work_group_has_four_members_with_deputies(db):
    group = Group.objects.get(kind=Kind.VAATU)
    members = active(group)
    principals = members.filter(role__in=[Role.CHAIR, Role.MEMBER])
    assert principals.count() == 4
    assert members.get(role=Role.CHAIR).organisation.kind in VAATU_KINDS
    assert all(m.organisation.kind in VAATU_KINDS for m in principals)
    deputies = members.filter(role=Role.DEPUTY)
    assert {d.principal_id for d in deputies} == {m.pk for m in principals}
    represented = set(members.values_list("organisation__kind", flat=True))
    assert {Organisation.Kind.MINISTRY, Organisation.Kind.NATIONAL_AGENCY} <= represented
    # A deputy who left keeps their row as history.
    assert group.memberships.former_on(timezone.localdate()).filter(role=Role.DEPUTY).exists()


def test_former_members_stay_as_history(db):
    today = timezone.localdate()
    former = Membership.objects.former_on(today)
    assert former.filter(group__kind=Kind.REGIONAL).count() >= 5
    assert former.filter(group__kind=Kind.THEMATIC).exists()
    # The chair of HYKS changed during the term: two chairs, never at once.
    hyks = Group.objects.get(kind=Kind.REGIONAL, area__code="HYKS")
    chairs = hyks.memberships.filter(role=Role.CHAIR).order_by("start")
    assert chairs.count() == 2
    assert chairs[0].end < chairs[1].start


def test_meetings_have_agenda_attendance_minutes_and_decisions(db):
    today = timezone.localdate()
    held = Meeting.objects.filter(date__lte=today)
    assert held.count() >= 10
    assert not held.filter(agenda="").exists()
    assert held.filter(minutes_public=True).exists()
    assert held.filter(minutes_public=False).exists()
    assert MeetingAttendance.objects.filter(present=False).exists()
    # A deputy stood in for an absent member.
    assert MeetingAttendance.objects.filter(present=True, membership__role=Role.DEPUTY).exists()
    upcoming = Meeting.objects.filter(date__gt=today)
    assert upcoming.exists()
    assert not MeetingAttendance.objects.filter(meeting__in=upcoming).exists()
    assert Decision.objects.count() >= 15
    assert Decision.objects.filter(status=Decision.Status.DONE).exists()
    assert Decision.objects.filter(status=Decision.Status.OPEN).exists()


def test_the_vipu_campaign_is_open_today_with_a_deadline_a_month_after_its_start(db):
    campaign = current_campaign()
    today = timezone.localdate()
    assert campaign.name_fi == f"VIPU-yhteyshenkilöt {campaign.starts_on.year}"
    assert campaign.name_sv
    assert campaign.name_en
    assert campaign.starts_on <= today <= campaign.ends_on
    assert 25 <= (campaign.deadline - campaign.starts_on).days <= 35
    assert "kaksikielisissä" in campaign.requirements.lower()


def test_about_80_percent_of_mainland_municipalities_are_complete_unevenly(db):
    coverage = vipu_coverage(current_campaign())
    national = coverage.national
    assert national.total == 293
    assert 0.70 * 293 <= national.complete <= 0.90 * 293
    assert national.partial > 0
    assert national.missing > 0
    shares = {area.area.code: area.complete_share for area in coverage.areas}
    assert max(shares.values()) - min(shares.values()) >= 0.15
    assert shares["HYKS"] > shares["KYS"]


def test_aland_is_outside_and_has_no_contacts(db):
    coverage = vipu_coverage(current_campaign())
    outside = [m for m in coverage.municipalities if m.status == Status.OUTSIDE]
    assert len(outside) == 16
    assert not Nomination.objects.filter(municipality__county__isnull=True).exists()


def test_some_bilingual_municipalities_lack_their_swedish_contact(db):
    campaign = current_campaign()
    coverage = vipu_coverage(campaign)
    partial = [m for m in coverage.municipalities if m.status == Status.PARTIAL]
    contacts = Counter(
        Nomination.objects.filter(
            campaign=campaign, provider__isnull=True, ended_at__isnull=True
        ).values_list("municipality__code", flat=True)
    )
    assert any("+" in m.language_status and contacts[m.code] >= 2 for m in partial)
    assert any(contacts[m.code] == 1 for m in partial)
    complete_bilingual = [
        m
        for m in coverage.municipalities
        if m.status == Status.COMPLETE and "+" in m.language_status
    ]
    assert complete_bilingual


def test_every_nominee_works_in_the_municipality_or_provider_that_named_them(db):
    nominations = Nomination.objects.select_related("municipality", "provider").prefetch_related(
        "person__employments__organisation"
    )
    for nomination in nominations:
        organisations = [e.organisation for e in nomination.person.employments.all()]
        if nomination.provider is None:
            assert any(o.municipality_id == nomination.municipality_id for o in organisations)
        else:
            assert nomination.provider in organisations


def test_one_contact_was_replaced_and_providers_name_their_own(db):
    replaced = Nomination.objects.filter(ended_at__isnull=False)
    assert replaced.count() == 1
    assert replaced.get().replaced_by.ended_at is None
    kinds = set(
        Nomination.objects.filter(provider__isnull=False).values_list("provider__kind", flat=True)
    )
    assert kinds == {Organisation.Kind.PRIVATE_PROVIDER, Organisation.Kind.TEACHER_TRAINING_SCHOOL}


def test_demo_users_have_their_own_person_records(db, seeded_demo):
    linked = dict(Person.objects.filter(user__isnull=False).values_list("user__email", "pk"))
    emails = {email for _role, _label, email, _password in seeded_demo.logins}
    assert len(linked) == 3
    assert set(linked) <= emails
    # The demo municipal administrator's municipality is incomplete and they are its contact.
    admin = Person.objects.get(user__email__startswith="kuntapaakayttaja@")
    tampere = Municipality.objects.get(code="837")
    assert Nomination.objects.filter(person=admin, municipality=tampere).exists()
    coverage = vipu_coverage(current_campaign()).by_code
    assert coverage["837"].status == Status.PARTIAL
    # The demo area coordinator serves in their area's regional group.
    coordinator = Person.objects.get(user__email__startswith="aluekoordinaattori@")
    assert coordinator.memberships.filter(
        group__kind=Kind.REGIONAL, group__area__code="TAYS"
    ).exists()


def test_people_have_synthetic_unique_names_and_work_e_mails(db):
    people = Person.objects.exclude(user__isnull=False)
    assert people.count() > 600
    emails = list(people.values_list("email", flat=True))
    assert all(email.endswith("@demo.vip.example") for email in emails)
    names = Counter(people.values_list("given_name", "family_name"))
    assert names.most_common(1)[0][1] == 1
    assert not Person.objects.filter(Q(phone="") | Q(title="")).exists()


def test_the_plan_depends_on_the_seed_only(db, seeded_demo):
    def planned_emails(seed):
        users = {}
        network = NetworkSeeder(Seeder(seed=seed, scale="small"), users)
        network.seeder._read_existing()
        network._load()
        network.plan_groups()
        network.plan_nominations()
        return [plan.email for plan in network.people.values()]

    assert planned_emails(1) == planned_emails(1)
    assert planned_emails(1) != planned_emails(2)
