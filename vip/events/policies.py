"""Who may see and organise events.

Published and cancelled events are public. Drafts, participant lists and the
organiser tools belong to the organisers: national administrators, the active
chair and secretary of the organising group (through their person record), and
area coordinators for events in their area (an event of one of their areas, or
organised by one of their area's groups).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from vip.accounts import scopes
from vip.accounts.roles import Role
from vip.events.models import Event, Registration
from vip.network.models import Membership

ORGANISER_ROLES = (Membership.Role.CHAIR, Membership.Role.SECRETARY)
PUBLIC_STATUSES = (Event.Status.PUBLISHED, Event.Status.CANCELLED)


def led_group_ids(user: Any) -> set[int]:
    """Groups the user chairs or is secretary of today; read once per request."""
    if not user.is_authenticated:
        return set()
    cached: set[int] | None = getattr(user, "_vip_led_groups", None)
    if cached is None:
        cached = set(
            Membership.objects.active_on(timezone.localdate())
            .filter(person__user=user, role__in=ORGANISER_ROLES)
            .values_list("group_id", flat=True)
        )
        user._vip_led_groups = cached
    return cached


def organiser_q(user: Any, prefix: str = "") -> Q:
    """A Q over Event (or what ``prefix`` leads to) for the events the user organises."""
    if scopes.is_national_admin(user):
        return Q()
    condition = Q(pk__in=[])
    groups = led_group_ids(user)
    if groups:
        condition |= Q(**{f"{prefix}organising_group_id__in": groups})
    areas = scopes.area_ids(user, [Role.AREA_COORDINATOR])
    if areas:
        in_area = Event.objects.filter(areas__in=areas).values("pk")
        condition |= Q(**{f"{prefix}pk__in": in_area}) | Q(
            **{f"{prefix}organising_group__area_id__in": areas}
        )
    return condition


class EventPolicy:
    def can(self, user: Any, action: str, obj: Event | None = None) -> bool:
        if action == "view":
            return obj is not None and (obj.status in PUBLIC_STATUSES or self.organises(user, obj))
        if action == "register":
            return obj is not None and obj.status == Event.Status.PUBLISHED
        if action == "create":
            return (
                scopes.is_national_admin(user)
                or bool(scopes.area_ids(user, [Role.AREA_COORDINATOR]))
                or bool(led_group_ids(user))
            )
        if action in {"change", "manage"}:
            return obj is not None and self.organises(user, obj)
        return False

    def organises(self, user: Any, event: Event) -> bool:
        if not user.is_authenticated:
            return False
        if scopes.is_national_admin(user):
            return True
        if event.organising_group_id is not None and event.organising_group_id in led_group_ids(
            user
        ):
            return True
        areas = scopes.area_ids(user, [Role.AREA_COORDINATOR])
        if not areas:
            return False
        group = event.organising_group
        if group is not None and group.area_id is not None and group.area_id in areas:
            return True
        return event.areas.filter(pk__in=areas).exists()

    def visible(self, user: Any, action: str = "view") -> QuerySet[Event]:
        if action == "view":
            if scopes.is_national_admin(user):
                # organiser_q is an empty Q for them, which an OR would drop.
                return Event.objects.all()
            public = Q(status__in=PUBLIC_STATUSES)
            if not user.is_authenticated:
                return Event.objects.filter(public)
            return Event.objects.filter(public | organiser_q(user))
        if action == "register":
            return Event.objects.filter(status=Event.Status.PUBLISHED)
        if action in {"change", "manage"}:
            if not user.is_authenticated:
                return Event.objects.none()
            return Event.objects.filter(organiser_q(user))
        return Event.objects.none()


class RegistrationPolicy:
    """Participant lists are for the organisers of the event only."""

    def can(self, user: Any, action: str, obj: Registration | None = None) -> bool:
        if action in {"view", "remove", "promote"}:
            return obj is not None and event_policy.organises(user, obj.event)
        return False

    def visible(self, user: Any, action: str = "view") -> QuerySet[Registration]:
        if action in {"view", "remove", "promote"} and user.is_authenticated:
            return Registration.objects.filter(organiser_q(user, prefix="event__"))
        return Registration.objects.none()


event_policy = EventPolicy()
registration_policy = RegistrationPolicy()
