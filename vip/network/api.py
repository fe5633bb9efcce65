"""Network endpoints: the public groups with their members, and the people directory.

* ``/groups`` and ``/groups/{id}`` are public: the names, organisations and
  roles of official group members are public information; a member's work
  e-mail and phone appear only when the person has made them public.
* ``/people`` and ``/people/{id}`` need a session or a token with the
  ``people:read`` scope and show only the people ``person_policy`` lets the
  caller see: network staff see everyone, anyone else at most their own record.
  Work e-mail and phone follow ``person_policy.shows_contact_details``: public
  ones, one's own, and everyone's for national admins and area coordinators.

Names and labels follow the language of the request (``Accept-Language``,
Finnish by default) unless ``lang`` names one; ``name_fi``/``name_sv``/``name_en``
are always given. Every list costs the same number of queries however many
rows it holds.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from typing import Any, Literal

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from vip.accounts.models import ApiToken
from vip.core.api import (
    PRIVATE_ERRORS,
    PUBLIC_ERRORS,
    PageParams,
    Problem,
    field_error,
    page_schema,
    paginate,
    private_auth,
    public_auth,
    require_scope,
)
from vip.core.markdown import render_markdown
from vip.core.models import search_key
from vip.core.policies import fetch_or_404
from vip.network.models import (
    Group,
    Membership,
    Person,
    Theme,
    active_on_q,
    member_sort_key,
)
from vip.network.policies import group_policy, person_policy
from vip.network.selectors.groups import group_detail
from vip.network.selectors.people import current_employments, current_employments_prefetch
from vip.network.selectors.reference import theme_by_code, theme_codes
from vip.registry.models import Area
from vip.registry.selectors import area_by_code, area_codes, organisation_by_pk

router = Router(tags=["network"], auth=public_auth)

Language = Literal["fi", "sv", "en"]


class LanguageParam(Schema):
    lang: Language | None = Field(
        None,
        description=(
            "Language of `name`, `description` and the labels: fi, sv or en. "
            "Without it the Accept-Language header decides (Finnish by default)."
        ),
    )


@contextlib.contextmanager
def _language(params: LanguageParam) -> Iterator[None]:
    if params.lang:
        with translation.override(params.lang):
            yield
    else:
        yield


def _today() -> datetime.date:
    return timezone.localdate()


def _page_url(obj: Group) -> str:
    """The absolute address of the object's page in the active language."""
    return f"{settings.SITE_URL}{obj.get_absolute_url()}"


# --- Schemas --------------------------------------------------------------------------------


class Ref(Schema):
    id: int
    name: str


class SectorOut(Schema):
    code: str
    name: str


class GroupOut(Schema):
    id: int
    kind: Group.Kind
    kind_label: str
    name: str
    name_fi: str
    name_sv: str
    name_en: str
    area: str | None = Field(None, description="VIP area code; none for a national group.")
    theme: str | None = Field(None, description="Theme code, for thematic and expert groups.")
    parent: int | None = Field(None, description="Id of the group this one belongs to.")
    term_start: datetime.date
    term_end: datetime.date | None
    status: Group.Status
    status_label: str
    url: str = Field(description="Absolute address of the group's page.")
    member_count: int = Field(description="People serving in the group today, in any role.")


class MemberPersonOut(Schema):
    id: int
    given_name: str
    family_name: str
    email: str | None = Field(
        None, description="Work e-mail, only if the person has made contact details public."
    )
    phone: str | None = Field(
        None, description="Work phone, only if the person has made contact details public."
    )


class MemberOut(Schema):
    id: int = Field(description="Id of the membership.")
    person: MemberPersonOut
    role: Membership.Role
    role_label: str
    sector: SectorOut | None
    organisation: Ref | None = Field(None, description="The organisation represented.")
    start: datetime.date
    end: datetime.date | None
    deputy_for: int | None = Field(
        None, description="For a deputy member: the id of the membership they stand in for."
    )


class GroupDetailOut(GroupOut):
    description: str = Field(
        description=("Description as Markdown, in the chosen language (Finnish if not translated).")
    )
    description_html: str = Field(
        description=(
            "The same description rendered to sanitised HTML: no scripts, styles or raw "
            "HTML from the source; only http, https and mailto links."
        )
    )
    description_fi: str
    description_sv: str
    description_en: str
    founding_decision: str
    members: list[MemberOut] = Field(
        description="Current members, chair first, in role order and then by name."
    )


class EmploymentOut(Schema):
    organisation: Ref
    start: datetime.date | None
    end: datetime.date | None


class PersonMembershipOut(Schema):
    id: int = Field(description="Id of the membership.")
    group: Ref
    role: Membership.Role
    role_label: str
    start: datetime.date
    end: datetime.date | None


class PersonOut(Schema):
    id: int
    given_name: str
    family_name: str
    title: str
    languages: list[Language]
    email: str | None = Field(
        None, description="Work e-mail, if the caller may see the person's contact details."
    )
    phone: str | None = Field(
        None, description="Work phone, if the caller may see the person's contact details."
    )
    employments: list[EmploymentOut] = Field(description="Current employments.")
    memberships: list[PersonMembershipOut] = Field(description="Memberships active today.")


GroupPage = page_schema(GroupOut, "GroupPage")
PersonPage = page_schema(PersonOut, "PersonPage")


# --- Filters --------------------------------------------------------------------------------


class GroupFilters(Schema):
    kind: Group.Kind | None = Field(None, description="Kind of group.")
    area: str | None = Field(None, description="VIP area code, e.g. TAYS.")
    theme: str | None = Field(None, description="Theme code.")
    q: str | None = Field(None, max_length=100, description="Part of a name in any language.")


class PersonFilters(Schema):
    q: str | None = Field(
        None, max_length=100, description="Part of the name, e-mail address or title."
    )
    organisation: int | None = Field(None, description="Id of an organisation they work for.")
    group: int | None = Field(None, description="Id of a group they serve in today.")
    area: str | None = Field(
        None,
        description="VIP area code: people working in the area or serving in its groups.",
    )


def _known_area(code: str | None) -> Area | None:
    if not code:
        return None
    area = area_by_code(code)
    if area is None:
        codes = ", ".join(area_codes())
        raise field_error(
            "area",
            _("Unknown area code “%(code)s”. Use one of: %(codes)s.")
            % {"code": code, "codes": codes},
        )
    return area


def _known_theme(code: str | None) -> Theme | None:
    if not code:
        return None
    theme = theme_by_code(code)
    if theme is None:
        codes = ", ".join(theme_codes())
        raise field_error(
            "theme",
            _("Unknown theme code “%(code)s”. Use one of: %(codes)s.")
            % {"code": code, "codes": codes},
        )
    return theme


def _known_organisation(pk: int | None) -> int | None:
    if pk is not None and organisation_by_pk(pk) is None:
        raise field_error(
            "organisation", _("There is no organisation with id %(id)d.") % {"id": pk}
        )
    return pk


def _known_group(pk: int | None) -> int | None:
    if pk is not None and not group_detail(pk).exists():
        raise field_error("group", _("There is no group with id %(id)d.") % {"id": pk})
    return pk


# --- Reads ----------------------------------------------------------------------------------


def _groups(user: Any, filters: GroupFilters) -> QuerySet[Group]:
    """The groups matching the filters with today's member count; one query."""
    queryset = group_policy.visible(user, "view").select_related("area", "theme")
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if area := _known_area(filters.area):
        queryset = queryset.filter(area=area)
    if theme := _known_theme(filters.theme):
        queryset = queryset.filter(theme=theme)
    if filters.q:
        queryset = queryset.filter(search_text__contains=search_key(filters.q))
    return queryset.annotate(
        member_count=Count(
            "memberships__person",
            filter=active_on_q(_today(), "memberships__"),
            distinct=True,
        )
    ).order_by("kind", "name_fi", "id")


def _current_members(group: Group) -> list[Membership]:
    """The group's memberships active today, in role order; one query."""
    members = list(
        Membership.objects.active_on(_today())
        .filter(group=group)
        .select_related("person", "sector", "organisation")
    )
    members.sort(key=member_sort_key)
    return members


def _people(user: Any, filters: PersonFilters) -> QuerySet[Person]:
    """The people the user may list, filtered, with their current posts."""
    today = _today()
    queryset = person_policy.visible(user, "list")
    if filters.q:
        queryset = queryset.filter(search_text__contains=search_key(filters.q))
    if organisation_id := _known_organisation(filters.organisation):
        queryset = queryset.filter(
            pk__in=current_employments(today)
            .filter(organisation_id=organisation_id)
            .values("person_id")
        )
    if group_id := _known_group(filters.group):
        queryset = queryset.filter(
            pk__in=Membership.objects.active_on(today).filter(group_id=group_id).values("person_id")
        )
    if area := _known_area(filters.area):
        queryset = queryset.filter(
            Q(
                pk__in=current_employments(today)
                .filter(organisation__municipality__county__area=area)
                .values("person_id")
            )
            | Q(
                pk__in=Membership.objects.active_on(today)
                .filter(group__area=area)
                .values("person_id")
            )
        )
    return _with_current_posts(queryset)


def _with_current_posts(queryset: QuerySet[Person]) -> QuerySet[Person]:
    """Ordered by name, with current employments and memberships; two more queries."""
    today = _today()
    return queryset.order_by("family_name", "given_name", "id").prefetch_related(
        current_employments_prefetch(today),
        Prefetch(
            "memberships",
            queryset=Membership.objects.active_on(today)
            .select_related("group")
            .order_by("group__name_fi", "role", "id"),
            to_attr="active_memberships",
        ),
    )


# --- Presenters -----------------------------------------------------------------------------


def _group(group: Group, member_count: int) -> dict[str, Any]:
    return {
        "id": group.pk,
        "kind": group.kind,
        "kind_label": group.kind_label,
        "name": group.name,
        "name_fi": group.name_fi,
        "name_sv": group.name_sv,
        "name_en": group.name_en,
        "area": group.area.code if group.area else None,
        "theme": group.theme.code if group.theme else None,
        "parent": group.parent_id,
        "term_start": group.term_start,
        "term_end": group.term_end,
        "status": group.status,
        "status_label": group.get_status_display(),
        "url": _page_url(group),
        "member_count": member_count,
    }


def _member(membership: Membership) -> dict[str, Any]:
    person = membership.person
    public = person.contact_details_public
    return {
        "id": membership.pk,
        "person": {
            "id": person.pk,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "email": (person.email or None) if public else None,
            "phone": (person.phone or None) if public else None,
        },
        "role": membership.role,
        "role_label": membership.role_label,
        "sector": (
            {"code": membership.sector.code, "name": membership.sector.name}
            if membership.sector
            else None
        ),
        "organisation": (
            {"id": membership.organisation.pk, "name": membership.organisation.name}
            if membership.organisation
            else None
        ),
        "start": membership.start,
        "end": membership.end,
        "deputy_for": membership.principal_id,
    }


def _person(user: Any, person: Person) -> dict[str, Any]:
    shows_contact = person_policy.shows_contact_details(user, person)
    return {
        "id": person.pk,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "title": person.title,
        "languages": person.language_list,
        "email": (person.email or None) if shows_contact else None,
        "phone": (person.phone or None) if shows_contact else None,
        "employments": [
            {
                "organisation": {"id": e.organisation.pk, "name": e.organisation.name},
                "start": e.start,
                "end": e.end,
            }
            for e in person.current_employments  # type: ignore[attr-defined]
        ],
        "memberships": [
            {
                "id": m.pk,
                "group": {"id": m.group.pk, "name": m.group.name},
                "role": m.role,
                "role_label": m.role_label,
                "start": m.start,
                "end": m.end,
            }
            for m in person.active_memberships  # type: ignore[attr-defined]
        ],
    }


# --- Groups ---------------------------------------------------------------------------------


@router.get(
    "/groups",
    response={200: GroupPage, **PUBLIC_ERRORS},
    summary="List the network's groups",
)
def list_groups(
    request: HttpRequest,
    filters: Query[GroupFilters],
    page: Query[PageParams],
    language: Query[LanguageParam],
) -> dict[str, Any]:
    with _language(language):
        result = paginate(_groups(request.user, filters), page)
        result["items"] = [_group(g, g.member_count) for g in result["items"]]
    return result


@router.get(
    "/groups/{group_id}",
    response={200: GroupDetailOut, 404: Problem, **PUBLIC_ERRORS},
    summary="One group with its current members",
)
def get_group(
    request: HttpRequest, group_id: int, language: Query[LanguageParam]
) -> dict[str, Any]:
    group = fetch_or_404(
        group_policy,
        request.user,
        "view",
        queryset=group_policy.visible(request.user, "view").select_related("area", "theme"),
        pk=group_id,
    )
    members = _current_members(group)
    with _language(language):
        description = group.description
        return {
            **_group(group, len({m.person_id for m in members})),
            "description": description,
            "description_html": str(render_markdown(description)),
            "description_fi": group.description_fi,
            "description_sv": group.description_sv,
            "description_en": group.description_en,
            "founding_decision": group.founding_decision,
            "members": [_member(m) for m in members],
        }


# --- People ---------------------------------------------------------------------------------


@router.get(
    "/people",
    response={200: PersonPage, **PRIVATE_ERRORS},
    auth=private_auth,
    summary="List the people of the network you may see",
    description=(
        "Network staff (anyone holding a role) see everyone; other signed-in users see "
        "only their own record. E-mail and phone are given when the person has made them "
        "public, for one's own record, and to national administrators and area coordinators."
    ),
)
def list_people(
    request: HttpRequest,
    filters: Query[PersonFilters],
    page: Query[PageParams],
    language: Query[LanguageParam],
) -> dict[str, Any]:
    require_scope(request, ApiToken.Scope.PEOPLE_READ)
    with _language(language):
        result = paginate(_people(request.user, filters), page)
        result["items"] = [_person(request.user, p) for p in result["items"]]
    return result


@router.get(
    "/people/{person_id}",
    response={200: PersonOut, 404: Problem, **PRIVATE_ERRORS},
    auth=private_auth,
    summary="One person",
)
def get_person(
    request: HttpRequest, person_id: int, language: Query[LanguageParam]
) -> dict[str, Any]:
    require_scope(request, ApiToken.Scope.PEOPLE_READ)
    person = fetch_or_404(
        person_policy,
        request.user,
        "view",
        queryset=_with_current_posts(person_policy.visible(request.user, "view")),
        pk=person_id,
    )
    with _language(language):
        return _person(request.user, person)
