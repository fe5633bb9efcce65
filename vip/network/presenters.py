"""Rows of the group pages' tables, prepared in Python.

As in the registry, each row is built once here with its links and formatted
dates, so the templates stay plain and a long member list renders fast.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vip.network.models import Group, Membership, Person
from vip.network.selectors.groups import GroupMembers, GroupSection


def short_date(value: datetime.date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def date_range(start: datetime.date | None, end: datetime.date | None) -> str:
    if start is None and end is None:
        return ""
    return f"{short_date(start) or '…'}–{short_date(end)}"


def section_title(kind: str) -> str:
    titles: dict[str, str] = {
        Group.Kind.STEERING: _("Steering group"),
        Group.Kind.THEMATIC: _("Thematic groups and their expert groups"),
        Group.Kind.EXPERT: _("Expert groups"),
        Group.Kind.REGIONAL: _("Regional groups"),
        Group.Kind.VAATU: _("Vaatu work group"),
        Group.Kind.CORE: _("Regional core groups"),
        Group.Kind.OTHER: _("Other groups"),
    }
    return str(titles.get(kind, kind))


@dataclass(frozen=True, slots=True)
class GroupRow:
    url: str
    name: str
    kind: str
    is_subgroup: bool
    parent_name: str
    area: str
    theme: str
    chair: str
    term: str
    member_count: int
    status: str


@dataclass(frozen=True, slots=True)
class GroupSectionView:
    title: str
    rows: list[GroupRow]


def group_section_views(sections: Iterable[GroupSection]) -> list[GroupSectionView]:
    national = _("National")
    status_labels = dict(Group.Status.choices)
    views = []
    for section in sections:
        rows = []
        for group, is_subgroup in section.entries:
            chairs = getattr(group, "current_chairs", [])
            rows.append(
                GroupRow(
                    url=group.get_absolute_url(),
                    name=group.name,
                    kind=group.kind_label,
                    is_subgroup=is_subgroup,
                    parent_name=group.parent.name if group.parent else "",
                    area=group.area.code if group.area else str(national),
                    theme=group.theme.name if group.theme else "",
                    chair=", ".join(c.person.full_name for c in chairs),
                    term=date_range(group.term_start, group.term_end),
                    member_count=getattr(group, "member_count", 0),
                    status=str(status_labels.get(group.status, group.status)),
                )
            )
        views.append(GroupSectionView(title=section_title(section.kind), rows=rows))
    return views


@dataclass(frozen=True, slots=True)
class MemberRow:
    pk: int
    name: str
    person_url: str
    role: str
    is_chair: bool
    is_vice_chair: bool
    deputy_for: str
    deputies: str
    sector: str
    organisation: str
    organisation_url: str
    dates: str
    start: str
    end: str
    email: str
    phone: str


def member_rows(
    memberships: Iterable[Membership],
    members: GroupMembers,
    *,
    shows_contact: Callable[[Person], bool],
    links_people: bool,
) -> list[MemberRow]:
    rows = []
    for membership in memberships:
        person = membership.person
        contact = shows_contact(person)
        principal = membership.principal if membership.principal_id else None
        deputies = members.deputies_of.get(membership.pk, [])
        rows.append(
            MemberRow(
                pk=membership.pk,
                name=person.full_name,
                person_url=person.get_absolute_url() if links_people else "",
                role=membership.role_label,
                is_chair=membership.role == Membership.Role.CHAIR,
                is_vice_chair=membership.role == Membership.Role.VICE_CHAIR,
                deputy_for=principal.person.full_name if principal is not None else "",
                deputies=", ".join(d.person.full_name for d in deputies),
                sector=membership.sector.name if membership.sector else "",
                organisation=membership.organisation.name if membership.organisation else "",
                organisation_url=(
                    membership.organisation.get_absolute_url() if membership.organisation else ""
                ),
                dates=date_range(membership.start, membership.end),
                start=short_date(membership.start),
                end=short_date(membership.end),
                email=person.email if contact else "",
                phone=person.phone if contact else "",
            )
        )
    return rows


def membership_choice_label(membership: Membership) -> str:
    return _("%(name)s, %(role)s (%(dates)s)") % {
        "name": membership.person.full_name,
        "role": membership.role_label,
        "dates": date_range(membership.start, membership.end),
    }
