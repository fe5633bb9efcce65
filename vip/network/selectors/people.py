"""Reads of people: the staff directory, one person's record and the registry search.

Every list is a fixed number of queries whatever its length: a person's current
employments and active memberships come in one prefetch query each.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from vip.core.models import search_key
from vip.network.models import Employment, Group, Membership, Person, Sector, employed_on_q
from vip.registry.models import Area, Organisation

if TYPE_CHECKING:
    from vip.vipu.models import Nomination

# How many hits of each kind the registry search shows before "show all".
SEARCH_LIMIT = 20
# How many organisations an organisation field offers to choose from.
ORGANISATION_CHOICE_LIMIT = 20


@dataclass(frozen=True)
class PersonFilters:
    search: str = ""
    # Matched against the names and codes of the organisations people work in now.
    organisation: str = ""
    group: Group | None = None
    sector: Sector | None = None
    area: Area | None = None


# Enough of an organisation to tell whose scope it is in (scopes.covers_organisation).
_ORGANISATION_SCOPE = "organisation__municipality__county__area"


def current_employments(day: datetime.date) -> QuerySet[Employment]:
    """Employments current on ``day``, with their organisations, by organisation name."""
    return (
        Employment.objects.filter(employed_on_q(day))
        .select_related("organisation")
        .order_by("organisation__name_fi", "id")
    )


def open_employments(person: Person, day: datetime.date) -> QuerySet[Employment]:
    """The person's employments that have not ended by ``day``: these can be ended."""
    return (
        Employment.objects.filter(person=person)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related(_ORGANISATION_SCOPE)
    )


def current_employments_prefetch(day: datetime.date) -> Prefetch:
    """People's current employments as the list ``person.current_employments`` (one query)."""
    return Prefetch("employments", queryset=current_employments(day), to_attr="current_employments")


def _with_current_posts(queryset: QuerySet[Person], day: datetime.date) -> QuerySet[Person]:
    """People with ``current_employments`` and ``active_memberships`` attached as lists."""
    return queryset.prefetch_related(
        current_employments_prefetch(day),
        Prefetch(
            "memberships",
            queryset=Membership.objects.active_on(day)
            .select_related("group", "sector")
            .order_by("group__name_fi", "role", "id"),
            to_attr="active_memberships",
        ),
    )


def person_list(
    filters: PersonFilters, queryset: QuerySet[Person], *, day: datetime.date
) -> QuerySet[Person]:
    """The people directory: ``queryset`` (from the policy) narrowed by the filters."""
    queryset = queryset.order_by("family_name", "given_name", "id")
    if filters.search:
        queryset = queryset.filter(search_text__contains=search_key(filters.search))
    employments = Employment.objects.filter(employed_on_q(day), person=OuterRef("pk"))
    memberships = Membership.objects.active_on(day).filter(person=OuterRef("pk"))
    if filters.organisation:
        queryset = queryset.filter(
            Exists(
                employments.filter(
                    organisation__search_text__contains=search_key(filters.organisation)
                )
            )
        )
    if filters.group is not None:
        queryset = queryset.filter(Exists(memberships.filter(group=filters.group)))
    if filters.sector is not None:
        queryset = queryset.filter(Exists(memberships.filter(sector=filters.sector)))
    if filters.area is not None:
        # Working in the area now, or serving in one of its groups.
        queryset = queryset.filter(
            Exists(employments.filter(organisation__municipality__county__area=filters.area))
            | Exists(memberships.filter(group__area=filters.area))
        )
    return _with_current_posts(queryset, day)


def person_record(queryset: QuerySet[Person], *, day: datetime.date) -> QuerySet[Person]:
    """One person's page: the linked user account, every employment and membership, past
    ones included."""
    return queryset.select_related("user").prefetch_related(
        Prefetch(
            "employments",
            queryset=Employment.objects.select_related(_ORGANISATION_SCOPE).order_by(
                "-start", "-id"
            ),
            to_attr="all_employments",
        ),
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related(
                "group", "sector", "organisation", "principal__person"
            ).order_by("-start", "group__name_fi", "id"),
            to_attr="all_memberships",
        ),
    )


def current_nominations(person: Person, visible: QuerySet[Nomination]) -> list[Nomination]:
    """The person's current VIPU contact nominations among those the viewer may see."""
    return list(
        visible.filter(person=person, ended_at__isnull=True)
        .select_related("municipality", "provider", "campaign")
        .order_by("municipality__name_fi", "responsibility", "id")
    )


def linked_person(user: Any) -> Person | None:
    """The person record linked to a user account, if there is one."""
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def organisation_candidates(
    text: str, organisations: QuerySet[Organisation] | None = None
) -> list[Organisation]:
    """Organisations (of ``organisations``, all by default) whose name or code contains
    ``text``, by name: a few times the choices offered, for the caller to rank."""
    key = search_key(text.strip())
    if not key:
        return []
    queryset = organisations if organisations is not None else Organisation.objects.all()
    return list(
        queryset.filter(search_text__contains=key)
        .select_related("municipality")
        .order_by("name_fi", "id")[: ORGANISATION_CHOICE_LIMIT * 5]
    )


def organisation_matches(text: str) -> list[Organisation]:
    """Organisations whose name or code contains ``text``; exact names first.

    One more than the limit is returned so that callers can tell there were more.
    """
    key = search_key(text.strip())
    candidates = organisation_candidates(text)
    exact = [o for o in candidates if key in {search_key(o.name_fi), search_key(o.name_sv)}]
    rest = [o for o in candidates if o not in exact]
    return (exact + rest)[: ORGANISATION_CHOICE_LIMIT + 1]


# --- Registry search ------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHits[T]:
    items: list[T]
    count: int

    @property
    def has_more(self) -> bool:
        return self.count > len(self.items)


@dataclass(frozen=True)
class RegistrySearchResults:
    organisations: SearchHits[Organisation]
    groups: SearchHits[Group]
    # None when the user may not search people at all.
    people: SearchHits[Person] | None

    @property
    def total(self) -> int:
        return (
            self.organisations.count + self.groups.count + (self.people.count if self.people else 0)
        )


def _hits[M: Any](queryset: QuerySet[M], limit: int) -> SearchHits[M]:
    items = list(queryset[:limit])
    # A short first page is the whole answer; only a full one needs a count.
    count = len(items) if len(items) < limit else queryset.count()
    return SearchHits(items=items, count=count)


def registry_search(
    text: str,
    *,
    organisations: QuerySet[Organisation],
    groups: QuerySet[Group],
    people: QuerySet[Person] | None,
    day: datetime.date,
    limit: int = SEARCH_LIMIT,
) -> RegistrySearchResults:
    """Organisations, groups and (when ``people`` is given) people matching ``text``.

    The querysets come from the policies, so each kind holds only what the user may see.
    """
    key = search_key(text.strip())
    organisation_hits = _hits(
        organisations.filter(search_text__contains=key)
        .select_related("municipality")
        .order_by("name_fi", "id"),
        limit,
    )
    group_hits = _hits(
        groups.filter(search_text__contains=key).select_related("area").order_by("name_fi", "id"),
        limit,
    )
    people_hits = None
    if people is not None:
        people_hits = _hits(
            _with_current_posts(
                people.filter(search_text__contains=key).order_by(
                    "family_name", "given_name", "id"
                ),
                day,
            ),
            limit,
        )
    return RegistrySearchResults(
        organisations=organisation_hits, groups=group_hits, people=people_hits
    )


def person_by_email(email: str) -> Person | None:
    """The person with this work e-mail address (stored lower-case), if any."""
    address = email.strip().lower()
    return Person.objects.filter(email=address).first() if address else None
