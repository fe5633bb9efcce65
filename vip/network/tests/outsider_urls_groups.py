"""This app's part of the outsider table in vip/core/tests/test_outsiders.py: group pages."""

from __future__ import annotations

import datetime
from typing import Any

from vip.core.tests.test_outsiders import OWN, POST_ONLY, PUBLIC, REFUSED  # noqa: F401

URLS: dict[str, tuple[str, str]] = {
    "network:group_list": ("/en/groups/", PUBLIC),
    "network:representation": ("/en/groups/representation/", PUBLIC),
    "network:group_detail": ("/en/groups/{group}/", PUBLIC),
    "network:group_create": ("/en/groups/new/", REFUSED),
    "network:group_edit": ("/en/groups/{group}/edit/", REFUSED),
    "network:membership_create": ("/en/groups/{group}/members/new/", REFUSED),
    "network:membership_edit": ("/en/memberships/{membership}/edit/", REFUSED),
    "network:membership_end": ("/en/memberships/{membership}/end/", REFUSED),
}


def example_objects() -> dict[str, Any]:
    """Create what the addresses need; returns the placeholders' values."""
    from vip.network import services
    from vip.network.models import Group, Membership
    from vip.registry.models import Area

    group = services.group_create(
        actor=None,
        kind=Group.Kind.REGIONAL,
        name_fi="Outsider-testin alueryhmä",
        area=Area.objects.get(code="TAYS"),
        term_start=datetime.date(2021, 1, 1),
    )
    person = services.person_create(
        actor=None, given_name="Olga", family_name="Esimerkki", email="olga.ryhmat@example.com"
    )
    membership = services.membership_add(
        actor=None,
        group=group,
        person=person,
        role=Membership.Role.MEMBER,
        start=datetime.date(2021, 1, 1),
    )
    return {"group": group.pk, "membership": membership.pk}
