"""Who may see and name VIPU contact persons.

Campaigns and each municipality's coverage status (complete, partial, missing)
are public. The contact persons' names and contact details are kept for the
people who run the mailing lists and chase the gaps: national administrators
(every municipality), area coordinators (the municipalities of their area) and
the municipality's own administrators. The same people nominate, replace and
withdraw contacts. Network staff without one of these roles see the coverage
like everyone else, but no names.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from vip.accounts import scopes
from vip.accounts.roles import Role
from vip.registry.models import Municipality, Organisation
from vip.vipu.models import Campaign, Nomination

CONTACT_ROLES = (Role.NATIONAL_ADMIN, Role.AREA_COORDINATOR, Role.MUNICIPAL_ADMIN)
# A municipal administrator acts for the municipality when their role is on the
# municipality as education provider, not on a private provider located there.
MUNICIPAL_KINDS = (Organisation.Kind.MUNICIPALITY,)


def _municipality_filter(user: Any, prefix: str = "") -> Q:
    """A Q over Municipality (or, with ``prefix``, a relation to it) the user covers."""
    if scopes.is_national_admin(user):
        return Q()
    condition = Q(**{f"{prefix}pk__in": []})
    areas = scopes.area_ids(user, [Role.AREA_COORDINATOR])
    if areas:
        condition |= Q(**{f"{prefix}county__area_id__in": sorted(areas)})
    municipalities = scopes.municipality_ids(user, [Role.MUNICIPAL_ADMIN], MUNICIPAL_KINDS)
    if municipalities:
        condition |= Q(**{f"{prefix}pk__in": sorted(municipalities)})
    return condition


def covers_municipality(user: Any, municipality: Municipality) -> bool:
    """Whether the user looks after this municipality's contacts; no query once grants are read.

    Reads ``municipality.county`` (select it with the municipality).
    """
    if scopes.is_national_admin(user):
        return True
    if municipality.pk in scopes.municipality_ids(user, [Role.MUNICIPAL_ADMIN], MUNICIPAL_KINDS):
        return True
    county = municipality.county
    return county is not None and county.area_id in scopes.area_ids(user, [Role.AREA_COORDINATOR])


def may_handle_contacts(user: Any) -> bool:
    """Whether the user looks after the contacts of at least one municipality."""
    return (
        scopes.is_national_admin(user)
        or bool(scopes.area_ids(user, [Role.AREA_COORDINATOR]))
        or bool(scopes.municipality_ids(user, [Role.MUNICIPAL_ADMIN], MUNICIPAL_KINDS))
    )


class CampaignPolicy:
    """Campaigns are public; national administrators create and change them."""

    def can(self, user: Any, action: str, obj: Campaign | None = None) -> bool:
        if action == "view":
            return True
        if action in {"create", "change"}:
            return scopes.is_national_admin(user)
        if action == "export":
            return may_handle_contacts(user)
        return False

    def visible(self, user: Any, action: str = "view") -> QuerySet[Campaign]:
        if self.can(user, action):
            return Campaign.objects.all()
        return Campaign.objects.none()


class MunicipalityContactsPolicy:
    """Municipalities whose contact persons the user may see ("view") or name ("nominate").

    Åland's municipalities belong to no VIP area and are not asked to name
    contacts: national administrators may look at them, nobody nominates there.
    """

    def can(self, user: Any, action: str, obj: Municipality | None = None) -> bool:
        if obj is None or action not in {"view", "nominate"}:
            return False
        if action == "nominate" and obj.county_id is None:
            return False
        return covers_municipality(user, obj)

    def visible(self, user: Any, action: str = "view") -> QuerySet[Municipality]:
        if action not in {"view", "nominate"} or not may_handle_contacts(user):
            return Municipality.objects.none()
        municipalities = Municipality.objects.filter(_municipality_filter(user))
        if action == "nominate":
            municipalities = municipalities.filter(county__isnull=False)
        return municipalities

    def covered_codes(self, user: Any) -> set[str] | None:
        """Codes of the municipalities whose contacts the user may see; None means all."""
        if scopes.is_national_admin(user):
            return None
        if not may_handle_contacts(user):
            return set()
        return set(self.visible(user, "view").values_list("code", flat=True))


class NominationPolicy:
    """Nominations: seen, replaced and withdrawn by those who look after the municipality."""

    def can(self, user: Any, action: str, obj: Nomination | None = None) -> bool:
        if obj is None:
            # Without a nomination: may the user nominate for some municipality at all?
            return action == "create" and may_handle_contacts(user)
        if action == "view":
            return covers_municipality(user, obj.municipality)
        if action in {"replace", "withdraw"}:
            return obj.is_current and municipality_contacts_policy.can(
                user, "nominate", obj.municipality
            )
        return False

    def visible(self, user: Any, action: str = "view") -> QuerySet[Nomination]:
        if action not in {"view", "replace", "withdraw"} or not may_handle_contacts(user):
            return Nomination.objects.none()
        nominations = Nomination.objects.filter(_municipality_filter(user, "municipality__"))
        if action != "view":
            nominations = nominations.filter(
                ended_at__isnull=True, municipality__county__isnull=False
            )
        return nominations


campaign_policy = CampaignPolicy()
municipality_contacts_policy = MunicipalityContactsPolicy()
nomination_policy = NominationPolicy()
