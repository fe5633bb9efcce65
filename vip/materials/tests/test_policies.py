"""Who sees and edits which items: MaterialPolicy's can() and visible() agree."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from vip.core.testing import make_user
from vip.materials.models import Material
from vip.materials.policies import MaterialPolicy
from vip.materials.tests.builders import (
    NON_ATTENDANCE,
    PLACED_CHILDREN,
    expert_member,
    make_material,
    theme,
)
from vip.network import services as network_services
from vip.network.models import Group, Membership

pytestmark = pytest.mark.usefixtures("reference_data")
Status = Material.Status
DAY = datetime.timedelta(days=1)
ACTIONS = ("view", "change", "transition", "manage_files")
policy = MaterialPolicy()


@pytest.fixture
def items_by_status() -> dict[str, Material]:
    """An item of the non-attendance theme in each status."""
    return {status: make_material(status=status) for status in Status.values}


def fresh(user):
    # The policy keeps the user's themes on the user object for one request.
    if getattr(user, "_vip_material_themes", None) is not None:
        del user._vip_material_themes
    return user


def assert_visible_agrees_with_can(user, items: list[Material]) -> None:
    for action in ACTIONS:
        visible = set(policy.visible(user, action).values_list("pk", flat=True))
        allowed = {item.pk for item in items if policy.can(user, action, item)}
        assert visible & {i.pk for i in items} == allowed, action


class TestOutsiders:
    @pytest.mark.parametrize("who", ["anonymous", "no roles", "teacher", "expert of another theme"])
    def test_they_see_published_items_only_and_edit_nothing(
        self, who, items_by_status, outsider, teacher
    ):
        user = {
            "anonymous": AnonymousUser(),
            "no roles": outsider,
            "teacher": teacher,
            "expert of another theme": expert_member(PLACED_CHILDREN),
        }[who]
        for status, item in items_by_status.items():
            assert policy.can(user, "view", item) is (status == Status.PUBLISHED), status
            for action in ("change", "transition", "manage_files"):
                assert not policy.can(user, action, item)
            for to in Status.values:
                assert not policy.can_move(user, item, to)
        assert set(policy.visible(user, "view")) == {items_by_status[Status.PUBLISHED]}
        assert not policy.visible(user, "change").exists()
        assert_visible_agrees_with_can(user, list(items_by_status.values()))

    def test_only_experts_and_national_admins_may_create(self, outsider, teacher, coordinator):
        for user in (AnonymousUser(), outsider, teacher, coordinator):
            assert not policy.can(user, "create")


class TestExpertMembers:
    def test_a_member_of_the_themes_expert_group_sees_and_edits_its_items(self, items_by_status):
        user = expert_member(NON_ATTENDANCE)
        assert policy.can(user, "create")
        for item in items_by_status.values():
            for action in ACTIONS:
                assert policy.can(user, action, item), (item.status, action)
        assert set(policy.visible(user, "change")) == set(items_by_status.values())
        assert_visible_agrees_with_can(user, list(items_by_status.values()))

    def test_they_may_make_only_the_moves_of_the_workflow(self, items_by_status):
        user = expert_member(NON_ATTENDANCE)
        draft = items_by_status[Status.DRAFT]
        assert policy.can_move(user, draft, Status.REVIEW)
        assert not policy.can_move(user, draft, Status.PUBLISHED)
        assert not policy.can_move(user, draft, Status.ARCHIVED)

    def test_an_item_with_one_of_several_themes_is_theirs(self):
        item = make_material(status=Status.DRAFT, themes=(PLACED_CHILDREN, NON_ATTENDANCE))
        assert policy.can(expert_member(NON_ATTENDANCE), "change", item)

    def test_an_item_of_another_theme_is_not_theirs(self):
        other = make_material(status=Status.DRAFT, themes=(PLACED_CHILDREN,))
        untagged = make_material(status=Status.DRAFT, themes=())
        user = expert_member(NON_ATTENDANCE)
        for item in (other, untagged):
            assert not policy.can(user, "view", item)
            assert not policy.can(user, "change", item)
        assert_visible_agrees_with_can(user, [other, untagged])

    def test_the_theme_of_the_parent_thematic_group_counts(self):
        today = timezone.localdate()
        term = {"term_start": today - 365 * DAY, "term_end": today + 365 * DAY}
        thematic = network_services.group_create(
            actor=None,
            kind=Group.Kind.THEMATIC,
            name_fi="Sijoitetut lapset",
            theme=theme(PLACED_CHILDREN),
            **term,
        )
        expert_group = network_services.group_create(
            actor=None,
            kind=Group.Kind.EXPERT,
            name_fi="Asiantuntijat",
            parent=thematic,
            theme=theme(PLACED_CHILDREN),
            **term,
        )
        # Groups made before expert groups had to name a theme carry only the parent's.
        Group.objects.filter(pk=expert_group.pk).update(theme=None)
        user = make_user("vanhempi@teema.example")
        person = network_services.person_create(
            actor=None, given_name="Vilja", family_name="Vanhempi", user=user
        )
        network_services.membership_add(
            actor=None,
            group=expert_group,
            person=person,
            role=Membership.Role.MEMBER,
            start=today - 10 * DAY,
        )
        item = make_material(status=Status.DRAFT, themes=(PLACED_CHILDREN,))
        assert policy.can(user, "change", item)
        assert item in policy.visible(user, "change")

    def test_a_former_member_no_longer_edits(self):
        user = expert_member(NON_ATTENDANCE)
        item = make_material(status=Status.DRAFT)
        membership = Membership.objects.get(person__user=user)
        network_services.membership_end(
            actor=None, membership=membership, end=timezone.localdate() - DAY
        )
        user = fresh(user)
        assert not policy.can(user, "change", item)
        assert not policy.can(user, "view", item)
        assert not policy.visible(user, "change").exists()
        assert not policy.can(user, "create")

    def test_a_member_of_another_kind_of_group_does_not_edit(self, items_by_status):
        today = timezone.localdate()
        group = network_services.group_create(
            actor=None,
            kind=Group.Kind.THEMATIC,
            name_fi="Teemaryhmä ilman asiantuntijoita",
            theme=theme(NON_ATTENDANCE),
            term_start=today - 365 * DAY,
            term_end=today + 365 * DAY,
        )
        user = make_user("teema@ryhma.example")
        person = network_services.person_create(
            actor=None, given_name="Teemu", family_name="Teema", user=user
        )
        network_services.membership_add(
            actor=None, group=group, person=person, role=Membership.Role.MEMBER, start=today
        )
        assert not policy.can(user, "change", items_by_status[Status.DRAFT])
        assert not policy.can(user, "create")


class TestNationalAdmins:
    def test_they_see_and_edit_everything(self, national_admin, items_by_status):
        untagged = make_material(status=Status.ARCHIVED, themes=())
        every = [*items_by_status.values(), untagged]
        assert policy.can(national_admin, "create")
        for item in every:
            for action in ACTIONS:
                assert policy.can(national_admin, action, item)
        assert set(policy.visible(national_admin, "change")) == set(every)
        assert_visible_agrees_with_can(national_admin, every)

    def test_unknown_actions_are_refused(self, national_admin, items_by_status):
        item = items_by_status[Status.PUBLISHED]
        assert not policy.can(national_admin, "delete", item)
        assert not policy.visible(national_admin, "delete").exists()
