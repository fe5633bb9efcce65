"""Who organises an event, and who sees drafts."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from vip.core.testing import make_user
from vip.events.models import Event
from vip.events.policies import event_policy, registration_policy
from vip.events.tests.builders import make_event, register
from vip.network.models import Group, Membership, Person

pytestmark = pytest.mark.django_db


def led_group(role: str):
    group = Group.objects.create(
        kind=Group.Kind.THEMATIC, name_fi="Poissaoloryhmä", term_start=datetime.date(2020, 1, 1)
    )
    user = make_user(f"{role}@ryhma.example")
    person = Person.objects.create(given_name="Ryhmän", family_name=role, user=user)
    Membership.objects.create(
        person=person, group=group, role=role, start=datetime.date(2020, 1, 1)
    )
    return group, user


@pytest.mark.parametrize("role", [Membership.Role.CHAIR, Membership.Role.SECRETARY])
def test_the_groups_chair_and_secretary_organise_its_events(reference_data, role):
    group, user = led_group(role)
    draft = make_event(publish=False, organising_group=group)
    other = make_event(publish=False)
    assert event_policy.can(user, "manage", draft)
    assert not event_policy.can(user, "manage", other)
    assert set(event_policy.visible(user, "manage")) == {draft}
    assert set(event_policy.visible(user, "view")) == {draft}


def test_an_ordinary_member_does_not_organise(reference_data):
    group, user = led_group(Membership.Role.MEMBER)
    draft = make_event(publish=False, organising_group=group)
    assert not event_policy.can(user, "manage", draft)
    assert not event_policy.can(user, "view", draft)


def test_a_coordinator_organises_their_areas_events_only(coordinator, tays, hyks):
    own = make_event(publish=False, areas=[tays])
    other = make_event(publish=False, areas=[hyks])
    national = make_event(publish=False)
    assert event_policy.can(coordinator, "manage", own)
    assert not event_policy.can(coordinator, "manage", other)
    assert not event_policy.can(coordinator, "manage", national)
    assert list(event_policy.visible(coordinator, "manage")) == [own]


def test_a_national_admin_organises_everything(national_admin):
    draft = make_event(publish=False)
    assert event_policy.can(national_admin, "manage", draft)
    assert list(event_policy.visible(national_admin, "manage")) == [draft]


def test_everyone_sees_published_and_cancelled_events_but_not_drafts(outsider):
    published = make_event()
    draft = make_event(publish=False)
    for user in (outsider, AnonymousUser()):
        assert event_policy.can(user, "view", published)
        assert not event_policy.can(user, "view", draft)
        assert not event_policy.can(user, "manage", published)
        assert set(event_policy.visible(user, "view")) == {published}
        assert not event_policy.visible(user, "manage").exists()
    assert published.status == Event.Status.PUBLISHED


def test_participant_lists_are_for_organisers(outsider, coordinator, tays):
    event = make_event(areas=[tays])
    registration = register(event)
    assert registration_policy.can(coordinator, "view", registration)
    assert list(registration_policy.visible(coordinator)) == [registration]
    assert not registration_policy.can(outsider, "view", registration)
    assert not registration_policy.visible(outsider).exists()
    assert not registration_policy.visible(AnonymousUser()).exists()
