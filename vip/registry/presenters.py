"""Rows of the registry's list tables, prepared in Python.

A table row resolved in the template engine costs a lookup per variable and
filter; fifty rows of them were most of a list page's rendering time. Building
each row once here, with its links and formatted numbers, keeps the templates
plain and the pages fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vip.registry.models import Municipality, Organisation

if TYPE_CHECKING:
    from vip.network.models import Group, Membership, Sector


@dataclass(frozen=True, slots=True)
class MunicipalityRow:
    url: str
    name: str
    other_name: str
    other_language: str
    code: str
    county: str
    area_code: str
    area_url: str
    population: str


def municipality_rows(municipalities: Iterable[Municipality]) -> list[MunicipalityRow]:
    swedish = (get_language() or "fi").startswith("sv")
    no_county = _("None (Åland)")
    rows = []
    for municipality in municipalities:
        county = municipality.county
        area = county.area if county else None
        other = municipality.name_fi if swedish else municipality.name_sv
        rows.append(
            MunicipalityRow(
                url=municipality.get_absolute_url(),
                name=municipality.name,
                other_name=other if municipality.name_fi != municipality.name_sv else "",
                other_language="fi" if swedish else "sv",
                code=municipality.code,
                county=str(county) if county else no_county,
                area_code=area.code if area else "",
                area_url=area.get_absolute_url() if area else "",
                population=number_format(municipality.population, force_grouping=True),
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    url: str
    name: str
    parent: str
    kind: str
    municipality: str
    area_code: str
    child_count: int | None


def organisation_rows(organisations: Iterable[Organisation]) -> list[OrganisationRow]:
    rows = []
    for organisation in organisations:
        municipality = organisation.municipality
        county = municipality.county if municipality else None
        rows.append(
            OrganisationRow(
                url=organisation.get_absolute_url(),
                name=organisation.name,
                parent=organisation.parent.name if organisation.parent else "",
                kind=organisation.kind_label,
                municipality=municipality.name if municipality else "–",
                area_code=county.area.code if county else "–",
                child_count=getattr(organisation, "child_count", None),
            )
        )
    return rows


@dataclass(frozen=True)
class RegionalGroupSummary:
    """An area's regional group with what it lacks today."""

    group: Group
    gaps: list[Sector]
    without_deputy: list[Membership]
