"""Public read endpoints of the registry: areas, counties, municipalities, organisations."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from vip.core.api import (
    PUBLIC_ERRORS,
    PageParams,
    Problem,
    field_error,
    page_schema,
    paginate,
    public_auth,
)
from vip.core.policies import fetch_or_404
from vip.registry import selectors
from vip.registry.models import Area, County, Municipality, Organisation
from vip.registry.policies import area_policy, municipality_policy, organisation_policy

router = Router(tags=["registry"], auth=public_auth)

Language = Literal["fi", "sv", "en"]


class LanguageParam(Schema):
    lang: Language = Field("fi", description="Language of the `name` fields: fi, sv or en.")


class AreaOut(Schema):
    code: str
    name: str
    name_fi: str
    name_sv: str
    name_en: str
    collaboration_area_code: str


class CountyOut(Schema):
    code: str
    name: str
    name_fi: str
    name_sv: str
    name_en: str
    area: str | None = Field(None, description="Code of the VIP area.")


class MunicipalityOut(Schema):
    code: str
    name: str
    name_fi: str
    name_sv: str
    county: str | None = Field(None, description="Wellbeing services county code; none for Åland.")
    area: str | None = Field(None, description="VIP area code; none for Åland.")
    population: int


class OrganisationOut(Schema):
    id: int
    name: str
    name_fi: str
    name_sv: str
    name_en: str
    kind: Organisation.Kind
    parent: int | None
    municipality: str | None = Field(None, description="Municipality code.")
    area: str | None = Field(None, description="VIP area code, derived from the municipality.")
    languages: Organisation.Languages
    active_from: datetime.date | None
    active_to: datetime.date | None
    school_code: str | None
    oid: str | None


AreaPage = page_schema(AreaOut, "AreaPage")
CountyPage = page_schema(CountyOut, "CountyPage")
MunicipalityPage = page_schema(MunicipalityOut, "MunicipalityPage")
OrganisationPage = page_schema(OrganisationOut, "OrganisationPage")


def _area(area: Area) -> dict[str, Any]:
    return {
        "code": area.code,
        "name": area.name,
        "name_fi": area.name_fi,
        "name_sv": area.name_sv,
        "name_en": area.name_en,
        "collaboration_area_code": area.collaboration_area_code,
    }


def _county(county: County) -> dict[str, Any]:
    return {
        "code": county.code,
        "name": county.name,
        "name_fi": county.name_fi,
        "name_sv": county.name_sv,
        "name_en": county.name_en,
        "area": county.area.code,
    }


def _municipality(municipality: Municipality) -> dict[str, Any]:
    county = municipality.county
    return {
        "code": municipality.code,
        "name": municipality.name,
        "name_fi": municipality.name_fi,
        "name_sv": municipality.name_sv,
        "county": county.code if county else None,
        "area": county.area.code if county else None,
        "population": municipality.population,
    }


def _organisation(organisation: Organisation) -> dict[str, Any]:
    municipality = organisation.municipality
    county = municipality.county if municipality else None
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "name_fi": organisation.name_fi,
        "name_sv": organisation.name_sv,
        "name_en": organisation.name_en,
        "kind": organisation.kind,
        "parent": organisation.parent_id,
        "municipality": municipality.code if municipality else None,
        "area": county.area.code if county else None,
        "languages": organisation.languages,
        "active_from": organisation.active_from,
        "active_to": organisation.active_to,
        "school_code": organisation.school_code,
        "oid": organisation.oid,
    }


def _known_area(code: str | None) -> Area | None:
    if not code:
        return None
    area = selectors.area_by_code(code)
    if area is None:
        codes = ", ".join(selectors.area_codes())
        raise field_error(
            "area",
            _("Unknown area code “%(code)s”. Use one of: %(codes)s.")
            % {"code": code, "codes": codes},
        )
    return area


def _known_municipality(code: str | None) -> Municipality | None:
    if not code:
        return None
    municipality = selectors.municipality_by_code(code)
    if municipality is None:
        raise field_error(
            "municipality",
            _("Unknown municipality code “%(code)s”. Use a three-digit code such as 091.")
            % {"code": code},
        )
    return municipality


def _known_county(code: str | None) -> County | None:
    if not code:
        return None
    county = selectors.county_by_code(code)
    if county is None:
        raise field_error(
            "county", _("Unknown wellbeing services county code “%(code)s”.") % {"code": code}
        )
    return county


@router.get("/areas", response={200: AreaPage, **PUBLIC_ERRORS}, summary="List the VIP areas")
def list_areas(
    request: HttpRequest, page: Query[PageParams], language: Query[LanguageParam]
) -> dict[str, Any]:
    with translation.override(language.lang):
        result = paginate(area_policy.visible(request.user).order_by("code"), page)
        result["items"] = [_area(a) for a in result["items"]]
    return result


@router.get(
    "/areas/{code}",
    response={200: AreaOut, 404: Problem, **PUBLIC_ERRORS},
    summary="One VIP area",
)
def get_area(request: HttpRequest, code: str, language: Query[LanguageParam]) -> dict[str, Any]:
    area = fetch_or_404(area_policy, request.user, "view", code=code.upper())
    with translation.override(language.lang):
        return _area(area)


class CountyFilters(Schema):
    area: str | None = Field(None, description="VIP area code, e.g. HYKS.")


@router.get(
    "/counties",
    response={200: CountyPage, **PUBLIC_ERRORS},
    summary="List the wellbeing services counties (and Helsinki)",
)
def list_counties(
    request: HttpRequest,
    filters: Query[CountyFilters],
    page: Query[PageParams],
    language: Query[LanguageParam],
) -> dict[str, Any]:
    queryset = selectors.county_list().order_by("code")
    if area := _known_area(filters.area):
        queryset = queryset.filter(area=area)
    with translation.override(language.lang):
        result = paginate(queryset, page)
        result["items"] = [_county(c) for c in result["items"]]
    return result


class MunicipalityQuery(Schema):
    area: str | None = Field(None, description="VIP area code, e.g. TAYS.")
    county: str | None = Field(None, description="Wellbeing services county code, e.g. PI.")
    search: str | None = Field(None, max_length=100, description="Part of the name or code.")


@router.get(
    "/municipalities",
    response={200: MunicipalityPage, **PUBLIC_ERRORS},
    summary="List municipalities",
)
def list_municipalities(
    request: HttpRequest,
    filters: Query[MunicipalityQuery],
    page: Query[PageParams],
    language: Query[LanguageParam],
) -> dict[str, Any]:
    queryset = selectors.municipality_list(
        selectors.MunicipalityFilters(
            search=filters.search or "",
            area=_known_area(filters.area),
            county=_known_county(filters.county),
        )
    ).filter(pk__in=municipality_policy.visible(request.user).values("pk"))
    with translation.override(language.lang):
        result = paginate(queryset, page)
        result["items"] = [_municipality(m) for m in result["items"]]
    return result


@router.get(
    "/municipalities/{code}",
    response={200: MunicipalityOut, 404: Problem, **PUBLIC_ERRORS},
    summary="One municipality",
)
def get_municipality(
    request: HttpRequest, code: str, language: Query[LanguageParam]
) -> dict[str, Any]:
    municipality = fetch_or_404(
        municipality_policy,
        request.user,
        "view",
        queryset=municipality_policy.visible(request.user).select_related("county__area"),
        code=code,
    )
    with translation.override(language.lang):
        return _municipality(municipality)


class OrganisationQuery(Schema):
    kind: Organisation.Kind | None = Field(None, description="Kind of organisation.")
    municipality: str | None = Field(None, description="Municipality code, e.g. 091.")
    area: str | None = Field(None, description="VIP area code.")
    search: str | None = Field(None, max_length=100, description="Part of the name or a code.")


@router.get(
    "/organisations",
    response={200: OrganisationPage, **PUBLIC_ERRORS},
    summary="List organisations",
)
def list_organisations(
    request: HttpRequest,
    filters: Query[OrganisationQuery],
    page: Query[PageParams],
    language: Query[LanguageParam],
) -> dict[str, Any]:
    queryset = selectors.organisation_list(
        selectors.OrganisationFilters(
            search=filters.search or "",
            kind=filters.kind or "",
            municipality=_known_municipality(filters.municipality),
            area=_known_area(filters.area),
        ),
        organisation_policy.visible(request.user, "view"),
    )
    with translation.override(language.lang):
        result = paginate(queryset, page)
        result["items"] = [_organisation(o) for o in result["items"]]
    return result


@router.get(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, 404: Problem, **PUBLIC_ERRORS},
    summary="One organisation",
)
def get_organisation(
    request: HttpRequest, organisation_id: int, language: Query[LanguageParam]
) -> dict[str, Any]:
    organisation = fetch_or_404(
        organisation_policy,
        request.user,
        "view",
        queryset=selectors.organisation_detail(organisation_id),
    )
    with translation.override(language.lang):
        return _organisation(organisation)
