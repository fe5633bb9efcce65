"""Who may see and change people, groups, meetings and decisions.

Groups, their members' names, organisations and roles, meeting dates, agendas
and decisions are public information. Signed-in network staff (anyone holding
a role) may use the people directory. A person's work e-mail and phone are
shown to everyone when the person has made them public; otherwise only to the
person themselves, national administrators and area coordinators.

National administrators manage everything. Area coordinators manage their
area's groups, and the records of people who work in the area now or serve in
one of its groups now. A person edits their own contact details. Only national
administrators add and rename themes and sectors.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from vip.accounts import scopes
from vip.accounts.roles import Role
from vip.network.models import (
    Decision,
    Employment,
    Group,
    Meeting,
    MeetingAttachment,
    Membership,
    Person,
    Sector,
    Theme,
    active_on_q,
    employed_on_q,
)

MANAGER_ROLES = (Role.NATIONAL_ADMIN, Role.AREA_COORDINATOR)


def is_network_staff(user: Any) -> bool:
    """Anyone holding an active role works in the network and may use its directory."""
    return scopes.has_role(user)


def _manages_area(user: Any, area_id: int | None) -> bool:
    if scopes.is_national_admin(user):
        return True
    return area_id is not None and area_id in scopes.area_ids(user, [Role.AREA_COORDINATOR])


class GroupPolicy:
    def can(self, user: Any, action: str, obj: Group | None = None) -> bool:
        if action == "view":
            return True
        if action == "create":
            # Without a group: may the user create any group at all?
            return scopes.is_national_admin(user) or bool(
                scopes.area_ids(user, [Role.AREA_COORDINATOR])
            )
        if action in {"change", "manage"}:
            return obj is not None and _manages_area(user, obj.area_id)
        if action == "export":
            return scopes.has_role(user, *MANAGER_ROLES)
        return False

    def visible(self, user: Any, action: str = "view") -> QuerySet[Group]:
        if action == "view":
            return Group.objects.all()
        if action in {"change", "manage"}:
            if scopes.is_national_admin(user):
                return Group.objects.all()
            return Group.objects.filter(area_id__in=scopes.area_ids(user, [Role.AREA_COORDINATOR]))
        return Group.objects.none()

    def creatable_area_ids(self, user: Any) -> set[int] | None:
        """Areas the user may create groups in; None means any, national included."""
        if scopes.is_national_admin(user):
            return None
        return scopes.area_ids(user, [Role.AREA_COORDINATOR])


class PersonPolicy:
    def can(self, user: Any, action: str, obj: Person | None = None) -> bool:
        if action in {"view", "list"}:
            return is_network_staff(user) or (
                obj is not None and user.is_authenticated and obj.user_id == user.pk
            )
        if action == "create":
            return scopes.has_role(user, *MANAGER_ROLES)
        if action == "change":
            return obj is not None and self.visible(user, "change").filter(pk=obj.pk).exists()
        if action == "change_contact":
            return self.is_self(user, obj) or self.can(user, "change", obj)
        if action == "import":
            return scopes.has_role(user, *MANAGER_ROLES)
        return False

    @staticmethod
    def is_self(user: Any, obj: Person | None) -> bool:
        return obj is not None and user.is_authenticated and obj.user_id == user.pk

    def visible(self, user: Any, action: str = "view") -> QuerySet[Person]:
        if action in {"view", "list"}:
            if is_network_staff(user):
                return Person.objects.all()
            if user.is_authenticated:
                return Person.objects.filter(user=user)
            return Person.objects.none()
        if action == "change":
            if scopes.is_national_admin(user):
                return Person.objects.all()
            areas = scopes.area_ids(user, [Role.AREA_COORDINATOR])
            if not areas:
                return Person.objects.none()
            # People employed in the area now, or serving in one of its groups now:
            # a past post or membership gives no coordinator a hold on the record.
            today = timezone.localdate()
            employed = Employment.objects.filter(
                employed_on_q(today),
                person=OuterRef("pk"),
                organisation__municipality__county__area_id__in=areas,
            )
            serving = Membership.objects.filter(
                active_on_q(today), person=OuterRef("pk"), group__area_id__in=areas
            )
            return Person.objects.filter(Exists(employed) | Exists(serving))
        return Person.objects.none()

    def shows_contact_details(self, user: Any, person: Person) -> bool:
        """The person's choice, or the viewer is the person, a national admin or a coordinator."""
        return (
            person.contact_details_public
            or self.is_self(user, person)
            or scopes.has_role(user, *MANAGER_ROLES)
        )


class MeetingPolicy:
    def can(self, user: Any, action: str, obj: Meeting | None = None) -> bool:
        if action == "view":
            return True
        if action == "view_minutes":
            return obj is not None and (
                obj.minutes_public or _manages_area(user, obj.group.area_id)
            )
        if action == "change":
            return obj is not None and _manages_area(user, obj.group.area_id)
        return False

    def visible(self, user: Any, action: str = "view") -> QuerySet[Meeting]:
        if action == "view":
            return Meeting.objects.all()
        if action == "change":
            return Meeting.objects.filter(group__in=group_policy.visible(user, "manage"))
        return Meeting.objects.none()


class AttachmentPolicy:
    def can(self, user: Any, action: str, obj: MeetingAttachment | None = None) -> bool:
        if action == "view":
            return obj is not None and (
                obj.public or _manages_area(user, obj.meeting.group.area_id)
            )
        return False

    def visible(self, user: Any, action: str = "view") -> QuerySet[MeetingAttachment]:
        if action != "view":
            return MeetingAttachment.objects.none()
        managed = group_policy.visible(user, "manage")
        return MeetingAttachment.objects.filter(Q(public=True) | Q(meeting__group__in=managed))


class DecisionPolicy:
    def can(self, user: Any, action: str, obj: Decision | None = None) -> bool:
        if action == "view":
            return True
        if action == "change":
            return obj is not None and _manages_area(user, obj.group.area_id)
        return False

    def visible(self, user: Any, action: str = "view") -> QuerySet[Decision]:
        if action == "view":
            return Decision.objects.all()
        if action == "change":
            return Decision.objects.filter(group__in=group_policy.visible(user, "manage"))
        return Decision.objects.none()


class ReferenceRowPolicy[M: (Theme, Sector)]:
    """Themes and sectors: their names are public; only national administrators add or
    rename them (the steering group decides on new themes, not an area)."""

    def __init__(self, model: type[M]) -> None:
        self.model: type[M] = model

    def can(self, user: Any, action: str, obj: M | None = None) -> bool:
        if action == "view":
            return True
        if action in {"list", "create", "change"}:
            return scopes.is_national_admin(user)
        return False

    def visible(self, user: Any, action: str = "view") -> QuerySet[M]:
        if action == "view" or (action == "change" and scopes.is_national_admin(user)):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


group_policy = GroupPolicy()
person_policy = PersonPolicy()
meeting_policy = MeetingPolicy()
attachment_policy = AttachmentPolicy()
decision_policy = DecisionPolicy()
theme_policy = ReferenceRowPolicy(Theme)
sector_policy = ReferenceRowPolicy(Sector)
