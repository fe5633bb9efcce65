"""Builders for materials tests: items, themes and expert-group editors with little typing."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

from vip.accounts.models import User
from vip.core.testing import make_user
from vip.materials.models import Material
from vip.materials.services import items
from vip.network import services as network_services
from vip.network.models import Group, Membership, Theme

DAY = datetime.timedelta(days=1)
NON_ATTENDANCE = "school-non-attendance"
PLACED_CHILDREN = "children-placed-outside-home"
_numbers = itertools.count(1)


def theme(code: str = NON_ATTENDANCE) -> Theme:
    return Theme.objects.get(code=code)


def make_material(
    *,
    status: str = Material.Status.PUBLISHED,
    themes: tuple[str, ...] = (NON_ATTENDANCE,),
    **values: Any,
) -> Material:
    """An item (published unless told otherwise) about school non-attendance."""
    values.setdefault("kind", Material.Kind.MATERIAL)
    values.setdefault("title_fi", f"Koulupoissaolojen tukimateriaali {next(_numbers)}")
    values.setdefault("summary_fi", "Opas poissaolojen seurantaan ja varhaiseen tukeen.")
    values.setdefault("year", 2024)
    values.setdefault("themes", [theme(code) for code in themes])
    return items.material_create(actor=None, data=items.MaterialData(**values), status=status)


def expert_member(theme_code: str = NON_ATTENDANCE, email: str | None = None) -> User:
    """A user who is an active member of the expert group of ``theme_code``."""
    number = next(_numbers)
    user = make_user(
        email or f"asiantuntija{number}@koulu.example", "Asta", f"Asiantuntija{number}"
    )
    today = timezone.localdate()
    term = {"term_start": today - 365 * DAY, "term_end": today + 730 * DAY}
    thematic = network_services.group_create(
        actor=None,
        kind=Group.Kind.THEMATIC,
        name_fi=f"Teemaryhmä {number}",
        theme=theme(theme_code),
        **term,
    )
    group = network_services.group_create(
        actor=None,
        kind=Group.Kind.EXPERT,
        name_fi=f"Asiantuntijaryhmä {number}",
        parent=thematic,
        theme=theme(theme_code),
        **term,
    )
    person = network_services.person_create(
        actor=None, given_name="Asta", family_name=f"Asiantuntija{number}", user=user
    )
    network_services.membership_add(
        actor=None, group=group, person=person, role=Membership.Role.MEMBER, start=today - 30 * DAY
    )
    return user


def editing_data(
    *, contributors: list[dict[str, str]] | None = None, total: int = 2, **values: Any
) -> dict[str, Any]:
    """What the item form (materials:create, materials:edit) posts: a Finnish report of
    the non-attendance theme, with ``values`` on top and ``contributors`` as its rows
    (``total`` rows in all, the rest left empty)."""
    data: dict[str, Any] = {
        "kind": Material.Kind.REPORT,
        "language": "fi",
        "title_fi": "Koulupoissaolot Suomessa",
        "summary_fi": "Selvitys koulupoissaoloista.",
        "themes": [theme().pk],
        "contributor-TOTAL_FORMS": str(max(total, len(contributors or []))),
        "contributor-INITIAL_FORMS": "0",
        "contributor-MIN_NUM_FORMS": "0",
        "contributor-MAX_NUM_FORMS": "30",
    }
    for index, row in enumerate(contributors or []):
        for name, value in row.items():
            data[f"contributor-{index}-{name}"] = value
    data.update(values)
    return data
