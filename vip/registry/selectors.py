"""Reads of the registry. Every list is one query whatever its length."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from vip.core.models import search_key
from vip.registry.models import Area, County, Municipality, Organisation


@dataclass(frozen=True)
class MunicipalityFilters:
    search: str = ""
    area: Area | None = None
    county: County | None = None


@dataclass(frozen=True)
class OrganisationFilters:
    search: str = ""
    kind: str = ""
    municipality: Municipality | None = None
    area: Area | None = None


def area_list() -> QuerySet[Area]:
    return Area.objects.annotate(
        municipality_count=Count("counties__municipalities", distinct=True),
        population=Sum("counties__municipalities__population"),
    ).order_by("code")


def county_list() -> QuerySet[County]:
    return County.objects.select_related("area").annotate(
        municipality_count=Count("municipalities")
    )


def area_municipalities(area: Area) -> QuerySet[Municipality]:
    return (
        Municipality.objects.filter(county__area=area)
        .select_related("county")
        .annotate(organisation_count=Count("organisations"))
        .order_by("name_fi")
    )


def municipality_list(filters: MunicipalityFilters) -> QuerySet[Municipality]:
    queryset = Municipality.objects.select_related("county__area").order_by("name_fi")
    if filters.search:
        queryset = queryset.filter(search_text__contains=search_key(filters.search))
    if filters.area is not None:
        queryset = queryset.filter(county__area=filters.area)
    if filters.county is not None:
        queryset = queryset.filter(county=filters.county)
    return queryset


def municipality_organisations(municipality: Municipality) -> QuerySet[Organisation]:
    """The municipality's organisations at the top of their local tree."""
    return (
        Organisation.objects.filter(municipality=municipality)
        .filter(Q(parent__isnull=True) | ~Q(parent__municipality=municipality))
        .annotate(child_count=Count("children"))
        .order_by("kind", "name_fi", "id")
    )


def organisation_list(
    filters: OrganisationFilters, queryset: QuerySet[Organisation] | None = None
) -> QuerySet[Organisation]:
    queryset = queryset if queryset is not None else Organisation.objects.all()
    queryset = queryset.select_related("municipality__county__area", "parent").order_by(
        "name_fi", "id"
    )
    if filters.search:
        queryset = queryset.filter(search_text__contains=search_key(filters.search))
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.municipality is not None:
        queryset = queryset.filter(municipality=filters.municipality)
    if filters.area is not None:
        queryset = queryset.filter(municipality__county__area=filters.area)
    return queryset


def organisation_children(organisation: Organisation) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(parent=organisation)
        .select_related("municipality__county__area", "parent")
        .annotate(child_count=Count("children"))
        .order_by("kind", "name_fi", "id")
    )


def organisation_ancestors(organisation: Organisation) -> list[Organisation]:
    ids = organisation.ancestor_ids
    if not ids:
        return []
    by_id = Organisation.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def organisation_detail(pk: int) -> QuerySet[Organisation]:
    return Organisation.objects.select_related("municipality__county__area", "parent").filter(pk=pk)


def organisation_by_pk(pk: int) -> Organisation | None:
    return Organisation.objects.filter(pk=pk).first()


def area_by_code(code: str) -> Area | None:
    return Area.objects.filter(code=code.upper()).first()


def county_by_code(code: str) -> County | None:
    return County.objects.filter(code=code.upper()).first()


def municipality_by_code(code: str) -> Municipality | None:
    return Municipality.objects.filter(code=code).first()


def area_codes() -> list[str]:
    return list(Area.objects.order_by("code").values_list("code", flat=True))
