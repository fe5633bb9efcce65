"""Who may see and name VIPU contact persons.

Campaigns and each municipality's coverage status (complete, partial, missing)
are public. The contact persons' names and contact details are kept for the
people who run the mailing lists and chase the gaps: national administrators
(every municipality), area coordinators (the municipalities of their area) and
the municipality's own administrators. The same people nominate, replace and
withdraw contacts. A municipal administrator whose role is on a private
provider or a teacher-training school sees and names that provider's contacts
only, not the municipality's. Network staff without one of these roles see the
coverage like everyone else, but no names. A nominee sees their own nominations on
their person page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from vip.accounts import scopes
from vip.accounts.roles import Role
from vip.registry.models import Municipality, Organisation
from vip.vipu.models import Campaign, Nomination
from vip.vipu.selectors import PROVIDER_KINDS

# A municipal administrator acts for the municipality when their role is on the
# municipality as education provider, not on a private provider located there.
MUNICIPAL_KINDS = (Organisation.Kind.MUNICIPALITY,)
# ... and for a provider that names its own contacts when their role is on it.


def provider_grants(user: Any) -> dict[int, int]:
    """Provider id -> its municipality's id, for each provider the user administers."""
    return {
        grant.organisation_id: grant.municipality_id
        for grant in scopes.active_grants(user)
        if grant.role == Role.MUNICIPAL_ADMIN
        and grant.organisation_kind in PROVIDER_KINDS
        and grant.organisation_id
        and grant.municipality_id
    }


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
    A provider's administrator reaches the municipality of their provider, where
    ``provider_scope`` limits them to that provider's contacts.
    """

    def can(self, user: Any, action: str, obj: Municipality | None = None) -> bool:
        if obj is None or action not in {"view", "nominate"}:
            return False
        if action == "nominate" and obj.county_id is None:
            return False
        return covers_municipality(user, obj) or obj.pk in provider_grants(user).values()

    def provider_scope(self, user: Any, municipality: Municipality) -> set[int] | None:
        """None when the user handles all the municipality's contacts; otherwise the ids of
        the providers whose contacts alone they handle there."""
        if covers_municipality(user, municipality):
            return None
        return {
            provider
            for provider, municipality_id in provider_grants(user).items()
            if municipality_id == municipality.pk
        }

    def visible(self, user: Any, action: str = "view") -> QuerySet[Municipality]:
        if action not in {"view", "nominate"}:
            return Municipality.objects.none()
        condition = _municipality_filter(user) if may_handle_contacts(user) else None
        providers = set(provider_grants(user).values())
        if condition is None and not providers:
            return Municipality.objects.none()
        if condition is None:
            condition = Q(pk__in=sorted(providers))
        elif providers and condition:  # an empty Q (national) already covers everything
            condition |= Q(pk__in=sorted(providers))
        municipalities = Municipality.objects.filter(condition)
        if action == "nominate":
            municipalities = municipalities.filter(county__isnull=False)
        return municipalities

    def covered_codes(self, user: Any) -> set[str] | None:
        """Codes of the municipalities whose contacts the user may see; None means all."""
        if scopes.is_national_admin(user):
            return None
        if not may_handle_contacts(user) and not provider_grants(user):
            return set()
        return set(self.visible(user, "view").values_list("code", flat=True))


class NominationPolicy:
    """Nominations: seen (``view``), replaced and withdrawn by those who look after the
    municipality, and a provider's nominations also by the provider's administrators.
    ``view_with_own`` is ``view`` plus the user's own nominations: what a person page
    shows (the contact lists and their exports stay ``view``)."""

    def can(self, user: Any, action: str, obj: Nomination | None = None) -> bool:
        if obj is None:
            # Without a nomination: may the user nominate for some municipality at all?
            return action == "create" and (may_handle_contacts(user) or bool(provider_grants(user)))
        handles = covers_municipality(user, obj.municipality) or (
            obj.provider_id is not None and obj.provider_id in provider_grants(user)
        )
        if action == "view":
            return handles
        if action == "view_with_own":
            return handles or _is_nominee(user, obj)
        if action in {"replace", "withdraw"}:
            return obj.is_current and obj.municipality.county_id is not None and handles
        return False

    def visible(self, user: Any, action: str = "view") -> QuerySet[Nomination]:
        if action not in {"view", "view_with_own", "replace", "withdraw"}:
            return Nomination.objects.none()
        own = (
            Q(person__user_id=user.pk)
            if action == "view_with_own" and user.is_authenticated
            else None
        )
        condition = (
            _municipality_filter(user, "municipality__") if may_handle_contacts(user) else None
        )
        providers = set(provider_grants(user))
        if condition is None and not providers and own is None:
            return Nomination.objects.none()
        if condition is None:
            condition = Q(provider_id__in=sorted(providers)) if providers else Q(pk__in=[])
        elif providers and condition:  # an empty Q (national) already covers everything
            condition |= Q(provider_id__in=sorted(providers))
        if own is not None and condition:
            condition |= own
        nominations = Nomination.objects.filter(condition)
        if action in {"replace", "withdraw"}:
            nominations = nominations.filter(
                ended_at__isnull=True, municipality__county__isnull=False
            )
        return nominations


def _is_nominee(user: Any, nomination: Nomination) -> bool:
    return bool(user.is_authenticated) and nomination.person.user_id == user.pk


campaign_policy = CampaignPolicy()
municipality_contacts_policy = MunicipalityContactsPolicy()
nomination_policy = NominationPolicy()
