"""Exports of groups and memberships as CSV or XLSX tables, headed in the user's language.

The membership export uses the import's columns, so that the file can be edited
and imported back: importing it unchanged changes nothing.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from vip.accounts import scopes
from vip.accounts.roles import Role
from vip.audit import audit
from vip.audit.models import AuditAction
from vip.network.imports import COLUMNS_BY_KEY, current_language, role_word, status_word
from vip.network.models import Group, Membership, Person, active_on_q
from vip.network.policies import person_policy

if TYPE_CHECKING:
    from vip.accounts.models import User

EXPORTS = ("groups", "memberships")
FORMATS = ("csv", "xlsx")
MEMBERSHIP_COLUMNS = (
    "group",
    "given_name",
    "family_name",
    "email",
    "role",
    "deputy_for_email",
    "sector",
    "organisation",
    "municipality_code",
    "start",
    "end",
    "status",
)

Table = tuple[list[str], list[list[Any]]]


def exportable_groups(user: User) -> QuerySet[Group]:
    """National administrators export every group; coordinators their areas' and national ones."""
    if scopes.is_national_admin(user):
        return Group.objects.all()
    areas = scopes.area_ids(user, [Role.AREA_COORDINATOR])
    return Group.objects.filter(Q(area_id__in=areas) | Q(area__isnull=True))


def group_table(groups: QuerySet[Group], today: datetime.date | None = None) -> Table:
    today = today or timezone.localdate()
    active = active_on_q(today, prefix="memberships__")
    chair = (
        Membership.objects.filter(group=OuterRef("pk"), role=Membership.Role.CHAIR)
        .active_on(today)
        .order_by("start")
        .annotate(full_name=Concat("person__given_name", Value(" "), "person__family_name"))
        .values("full_name")[:1]
    )
    rows = (
        groups.select_related("area", "theme", "parent")
        .annotate(
            chair_name=Subquery(chair),
            member_count=Count("memberships__person", filter=active, distinct=True),
        )
        .order_by("kind", "name_fi", "id")
    )
    header = [
        _("Number"),
        _("Kind"),
        _("Name in Finnish"),
        _("Name in Swedish"),
        _("Name in English"),
        _("Area"),
        _("Theme"),
        _("Parent group"),
        _("Term starts"),
        _("Term ends"),
        _("Status"),
        _("Chair"),
        _("Members"),
    ]
    statuses = dict(Group.Status.choices)
    table = [
        [
            group.pk,
            group.kind_label,
            group.name_fi,
            group.name_sv,
            group.name_en,
            group.area.name if group.area else _("National"),
            group.theme.name if group.theme else "",
            group.parent.name if group.parent else "",
            group.term_start,
            group.term_end,
            str(statuses.get(group.status, group.status)),
            group.chair_name or "",
            group.member_count,
        ]
        for group in rows
    ]
    return header, table


def membership_table(
    groups: QuerySet[Group], *, viewer: User, today: datetime.date | None = None
) -> Table:
    """Every membership of the groups, current and former, in the import's columns.

    E-mail addresses are written where the person policy shows ``viewer`` the
    person's contact details (for the administrators and coordinators who may
    export: everyone's).
    """
    today = today or timezone.localdate()

    def email_of(person: Person) -> str:
        return person.email if person_policy.shows_contact_details(viewer, person) else ""

    language = current_language()
    memberships = (
        Membership.objects.filter(group__in=groups)
        .select_related(
            "person", "group", "principal__person", "sector", "organisation__municipality"
        )
        .order_by(
            "group__kind",
            "group__name_fi",
            "group_id",
            "start",
            "person__family_name",
            "person__given_name",
            "id",
        )
    )
    # The import finds a group by its Finnish name; a name that several groups
    # share is written as the group's number instead.
    names = Counter(name.casefold() for name in Group.objects.values_list("name_fi", flat=True))
    header = [COLUMNS_BY_KEY[key].header(language) for key in MEMBERSHIP_COLUMNS]
    table = []
    for membership in memberships:
        group, person, organisation = membership.group, membership.person, membership.organisation
        municipality = organisation.municipality if organisation else None
        if membership.end is not None and membership.end < today:
            status = "former"
        elif membership.start > today:
            status = "upcoming"
        else:
            status = "active"
        table.append(
            [
                group.pk if names[group.name_fi.casefold()] > 1 else group.name_fi,
                person.given_name,
                person.family_name,
                email_of(person),
                role_word(membership.role, language),
                email_of(membership.principal.person) if membership.principal else "",
                membership.sector.name if membership.sector else "",
                organisation.name_fi if organisation else "",
                municipality.code if municipality else "",
                membership.start,
                membership.end,
                status_word(status, language),
            ]
        )
    return header, table


def export_table(*, actor: User, what: str, fmt: str) -> Table:
    """The rows of one export; the export is audited with its size."""
    groups = exportable_groups(actor)
    if what == "groups":
        header, rows = group_table(groups)
    else:
        header, rows = membership_table(groups, viewer=actor)
    with transaction.atomic():
        audit.record(
            AuditAction.NETWORK_EXPORTED,
            actor=actor,
            target_type="network.group" if what == "groups" else "network.membership",
            details={"what": what, "fmt": fmt, "rows": len(rows)},
        )
    return header, rows
