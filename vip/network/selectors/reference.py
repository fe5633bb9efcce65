"""Reads of the network's reference rows (themes, sectors), shared by pages, feeds and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, ForeignObjectRel, ManyToManyRel, Model

from vip.network.models import Sector, Theme

# What refers to a theme or a sector, by the reverse relation's name; the page that
# lists them shows one count for each, in this order.
THEME_USES = ("groups", "events", "materials")
SECTOR_USES = ("memberships", "registrations", "events", "materials")


def theme_by_code(code: str) -> Theme | None:
    """The theme with this code, in any letter case."""
    return Theme.objects.filter(code=code.strip().lower()).first()


def theme_codes() -> list[str]:
    return list(Theme.objects.values_list("code", flat=True))


def sector_by_code(code: str) -> Sector | None:
    return Sector.objects.filter(code=code.strip().lower()).first()


@dataclass(frozen=True)
class UsageRow[R: Model]:
    """A theme or sector with how many rows of each kind in ``*_USES`` refer to it."""

    row: R
    counts: tuple[int, ...]

    @property
    def in_use(self) -> bool:
        return any(self.counts)


def _uses_by_row(model: type[Model], relation: str) -> dict[int, int]:
    """How many rows of the reverse relation ``relation`` point at each row of ``model``:
    one grouped query, over the join table for a many-to-many relation."""
    rel = model._meta.get_field(relation)
    assert isinstance(rel, ForeignObjectRel)
    if isinstance(rel, ManyToManyRel):
        through = rel.through
        assert through is not None
        column = rel.field.m2m_reverse_field_name()
        rows = through._default_manager.values(column)
    else:
        column = rel.field.name
        rows = rel.related_model._default_manager.filter(**{f"{column}__isnull": False}).values(
            column
        )
    counted = rows.order_by().annotate(uses=Count("pk")).values_list(column, "uses")
    return dict(counted)


def _with_usage[R: (Theme, Sector)](
    model: type[R], relations: tuple[str, ...]
) -> list[UsageRow[R]]:
    counts = [_uses_by_row(model, relation) for relation in relations]
    return [
        UsageRow(row, tuple(by_row.get(row.pk, 0) for by_row in counts))
        for row in model._default_manager.order_by("position", "code")
    ]


def themes_with_usage() -> list[UsageRow[Theme]]:
    """Every theme in list order with its numbers of groups, events and materials."""
    return _with_usage(Theme, THEME_USES)


def sectors_with_usage() -> list[UsageRow[Sector]]:
    """Every sector in list order with its numbers of memberships, event registrations,
    events (as audience) and materials (as audience)."""
    return _with_usage(Sector, SECTOR_USES)
