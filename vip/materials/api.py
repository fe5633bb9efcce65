"""Public endpoints of the materials bank: the search and one item.

The search takes the same parameters as the search page and runs through the same
``parse_params`` and ``search`` (vip.materials.index), so both find the same items in
the same order and refuse the same input with the same messages (the page with 400,
the API with 422 like every endpoint). It follows the API's conventions: ``page`` and
``page_size``, the list envelope ``{count, page, page_size, pages, items}`` (with the
search's own ``q``, ``sort``, ``facets`` and ``corrections`` beside it), and problem
details naming each invalid parameter. Only published items are ever answered; a draft,
an item in review or an archived one is 404 here, also to its editors (the API is the
public bank).

Highlighting: ``title_html`` and ``snippet`` are HTML fragments, escaped, in which the
words that matched the query are wrapped in ``<mark>``; they are safe to insert into a
page as they are. ``title`` is the plain text.
"""

from __future__ import annotations

import contextlib
import json
from datetime import datetime
from typing import Annotated, Any, Literal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import BaseModel, TypeAdapter
from pydantic import ValidationError as PydanticValidationError

from vip.core.api import (
    PUBLIC_ERRORS,
    Problem,
    ProblemError,
    problem_field_errors,
    public_auth,
)
from vip.core.markdown import render_markdown
from vip.core.policies import fetch_or_404
from vip.core.url_cache import reverse_one
from vip.events.api import LanguageParam
from vip.events.models import Event
from vip.materials.index import parse_params, search
from vip.materials.index.types import SearchInputError, SearchParams, SearchResults
from vip.materials.models import KIND_LABELS, LANGUAGES, Material, MaterialFile
from vip.materials.policies import MaterialPolicy
from vip.materials.selectors import public as selectors

router = Router(tags=["materials"], auth=public_auth)
policy = MaterialPolicy()

Language = Literal["fi", "sv", "en"]
# The search page shows 20 results a page; so does the API unless asked otherwise, so
# that the API's page n is the page's page n. At most API_MAX_PAGE_SIZE, as everywhere.
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = settings.API_MAX_PAGE_SIZE
JSON_CONTENT_TYPE = "application/json; charset=utf-8"  # as django-ninja's renderer


def _in_language(lang: str | None) -> contextlib.AbstractContextManager[None]:
    """``?lang=`` overrides the Accept-Language the API middleware went by (as in events)."""
    return translation.override(lang) if lang else contextlib.nullcontext()


# --- Search ----------------------------------------------------------------------------------


class MaterialSearchQuery(Schema):
    """Documented here; read by the shared ``parse_params`` so that page and API agree.

    Every parameter is taken as text and checked there: a bad value answers 422 with
    the search page's own message, never a generic type error, and every bad parameter
    is named at once.
    """

    q: str | None = Field(
        None,
        description=(
            "Search words, Finnish-aware (inflections, compounds, typos). Without it, "
            "the published items are browsed newest first. Empty or overlong: 422."
        ),
    )
    kind: list[str] = Field(
        default_factory=list,
        description="Kind of item; repeat for several (any of them): model, research, "
        "material, checklist, info_brief, report, recording, news.",
    )
    theme: list[str] = Field(
        default_factory=list, description="Theme code, e.g. school-non-attendance; repeatable."
    )
    language: list[str] = Field(
        default_factory=list, description="Language of the content: fi, sv, en; repeatable."
    )
    year: list[str] = Field(
        default_factory=list, description="Year of publication, e.g. 2020; repeatable."
    )
    level: list[str] = Field(
        default_factory=list,
        description="School level code (early-childhood-education, pre-primary-education, "
        "basic-education); repeatable.",
    )
    sector: list[str] = Field(
        default_factory=list, description="Audience sector code, e.g. pupil-welfare; repeatable."
    )
    sort: str | None = Field(None, description="relevance (the default with a query) or newest.")
    page: str | None = Field(None, description="Page number, from 1 (a whole number).")
    page_size: str | None = Field(
        None,
        description=f"Results per page, from 1 to {MAX_PAGE_SIZE} (default "
        f"{DEFAULT_PAGE_SIZE}, as on the search page); a larger value is an error.",
    )


# The answers below are plain pydantic models, not ninja Schemas: they are built from
# dicts, and a Schema's per-object hook (for reading model attributes) would run for each
# of a search's hundred-odd hits and facet values.


class FacetValueOut(BaseModel):
    value: str = Field(description="The value to pass back as the parameter of the facet.")
    label: str = Field(description="Its name in the language of the answer.")
    count: int = Field(
        description="Matching items with this value, under every other selected filter."
    )
    selected: bool = Field(description="Whether the request filtered by this value.")


class MaterialHitOut(BaseModel):
    id: int
    title: str = Field(description="Plain title in the language of the answer (or another).")
    title_html: str = Field(description="The title as HTML, matched words in <mark>.")
    title_fi: str
    title_sv: str
    title_en: str
    kind: Material.Kind
    kind_label: str
    language: Language = Field(description="Language of the content.")
    year: int | None
    themes: list[str] = Field(description="Theme codes.")
    url: str = Field(description="Absolute address of the item's page.")
    snippet: str = Field(
        description=(
            "HTML: a passage of the summary, text or a file with the matched words in "
            "<mark>, escaped otherwise. Without a query, the start of the summary."
        )
    )
    score: int = Field(description="Relevance; comparable within one answer only. 0 when browsing.")


class MaterialSearchOut(BaseModel):
    count: int = Field(description="Matching items on all pages.")
    page: int
    page_size: int
    pages: int
    items: list[MaterialHitOut] = Field(description="The results of the page, best first.")
    q: str | None = Field(description="The query as searched (trimmed); null when browsing.")
    sort: str
    facets: dict[str, list[FacetValueOut]] = Field(
        description="kind, theme, language, year, level and sector: each value with its count."
    )
    corrections: dict[str, str] = Field(
        description="Query words that matched nothing, and the word searched instead."
    )


def _hit(origin: str, hit: Any) -> dict[str, Any]:
    item: Material = hit.material
    return {
        "id": item.pk,
        "title": item.title,
        "title_html": str(hit.title_html),
        "title_fi": item.title_fi,
        "title_sv": item.title_sv,
        "title_en": item.title_en,
        "kind": item.kind,
        "kind_label": str(KIND_LABELS.get(item.kind, item.kind)),
        "language": item.language,
        "year": item.year,
        "themes": [theme.code for theme in hit.themes],
        "url": origin + item.get_absolute_url(),
        "snippet": str(hit.snippet_html),
        "score": hit.score,
    }


def _results(request: HttpRequest, results: SearchResults) -> dict[str, Any]:
    params = results.params
    # The scheme and host as build_absolute_uri gives them, worked out once (it splits
    # and re-encodes the address on every call).
    origin = request.build_absolute_uri("/").removesuffix("/")
    return {
        "count": results.total,
        "page": params.page,
        "page_size": params.per_page,
        "pages": results.pages,
        "items": [_hit(origin, hit) for hit in results.hits],
        "q": params.q,
        "sort": params.sort,
        "facets": {
            name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in values
            ]
            for name, values in results.facets.items()
        },
        "corrections": results.corrections,
    }


# Read as PageParams.page_size of the other endpoints reads it, with their messages, but
# beside the search's own parameters so that every bad parameter is named at once.
_page_size_adapter = TypeAdapter(Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)])


def _page_size(data: QueryDict, errors: dict[str, list[str]]) -> int:
    """The API's own parameter: the page shows a fixed number of results."""
    value = (data.getlist("page_size") or [""])[-1].strip()
    if not value:
        return DEFAULT_PAGE_SIZE
    try:
        return _page_size_adapter.validate_python(value)
    except PydanticValidationError as invalid:
        errors["page_size"] = [e["message"] for e in problem_field_errors(invalid.errors())]
        return DEFAULT_PAGE_SIZE


def _params(request: HttpRequest) -> SearchParams:
    """The search the query string asks for, read as the search page reads it."""

    data = request.GET.copy()
    data.pop("lang", None)  # the API's own, like page_size
    errors: dict[str, list[str]] = {}
    page_size = _page_size(data, errors)
    data.pop("page_size", None)
    try:
        params = parse_params(data, per_page=page_size)
    except SearchInputError as error:
        errors = {**error.errors, **errors}
    if errors:
        raise _invalid(errors)
    return params


def _invalid(errors: dict[str, list[str]]) -> ProblemError:
    fields = [(name, str(message)) for name, messages in errors.items() for message in messages]
    return ProblemError(422, _("Invalid request"), _("Some parameters are not valid."), fields)


@router.get(
    "/materials",
    response={200: MaterialSearchOut, **PUBLIC_ERRORS},
    summary="Search the materials bank",
    description=(
        "The search of the materials bank page: the same parameters, results and order. "
        "Repeat a filter parameter for several values (`kind=report&kind=research`): an "
        "item matches any value of one filter and every filter given. Facet counts are "
        "disjunctive (each facet is counted under all filters but its own). Bad input - "
        "an empty or overlong query, an unknown kind, theme or other facet value, a page "
        "that is not a whole number from 1 or past the last page, a page size that is not "
        f"from 1 to {MAX_PAGE_SIZE} - answers 422 naming each field, with the search "
        "page's messages (page_size's are those of every endpoint). Published items only."
    ),
)
def search_materials(
    request: HttpRequest, query: Query[MaterialSearchQuery], language: Query[LanguageParam]
) -> HttpResponse:
    with _in_language(language.lang):
        results = search(_params(request))
        if results.params.page > results.pages:
            # As the other lists (vip.core.api.paginate) answer a page past the last.
            raise _invalid(
                {
                    "page": [
                        _("Page %(page)d does not exist; the last page is %(pages)d.")
                        % {"page": results.params.page, "pages": results.pages}
                    ]
                }
            )
        body = _results(request, results)
    # Encoded here rather than validated against MaterialSearchOut on every search (a
    # hundred-odd hits and facet values each time): the answer holds plain strings,
    # numbers and booleans in the model's order, and a test holds it to the model.
    return HttpResponse(json.dumps(body, cls=DjangoJSONEncoder), content_type=JSON_CONTENT_TYPE)


# --- One item --------------------------------------------------------------------------------


class NamedOut(Schema):
    code: str
    name: str = Field(description="In the language of the answer.")


class TextOut(Schema):
    title: str
    summary: str = Field(description="Markdown source.")
    summary_html: str = Field(description="Rendered, sanitised HTML.")
    body: str = Field(description="Markdown source.")
    body_html: str = Field(description="Rendered, sanitised HTML.")


class OrganisationRefOut(Schema):
    id: int
    name: str


class ContributorOut(Schema):
    role: Literal["author", "publisher"]
    name: str = Field(description="As cited: the name written, or the organisation's name.")
    organisation: OrganisationRefOut | None = Field(
        description="The registry organisation, when the contributor is one."
    )


class AudiencesOut(Schema):
    sectors: list[NamedOut]
    school_levels: list[NamedOut]


class FileOut(Schema):
    id: int
    name: str = Field(description="The file name as uploaded.")
    title: str = Field(description="Description of the file; may be empty.")
    content_type: str = Field(description="Verified from the content, e.g. application/pdf.")
    size: int = Field(description="Bytes.")
    download_url: str = Field(description="Absolute download address.")


class VersionOut(Schema):
    id: int
    language: Language
    title: str = Field(description="In the version's own language where it has one.")
    original: bool = Field(description="Whether this version is the original of the work.")
    url: str


class RelatedItemOut(Schema):
    id: int
    title: str
    kind: Material.Kind
    language: Language
    year: int | None
    url: str


class RelatedEventOut(Schema):
    id: int
    title: str
    starts_at: datetime
    status: Event.Status = Field(description="published or cancelled.")
    url: str = Field(description="Absolute address of the event's page.")


class MaterialDetailOut(Schema):
    id: int
    uid: str = Field(description="Stable identifier, also the Atom entry id.")
    external_id: str | None = Field(description="Identifier in the system an import came from.")
    url: str = Field(description="Absolute address of the item's page.")
    kind: Material.Kind
    kind_label: str
    language: Language = Field(description="Language of the content.")
    title: str = Field(description="In the language of the answer, else the item's own.")
    title_fi: str
    title_sv: str
    title_en: str
    texts: dict[Language, TextOut] = Field(
        description="Title, summary and text in each language (empty strings where missing)."
    )
    themes: list[NamedOut]
    tags: list[str]
    audiences: AudiencesOut
    contributors: list[ContributorOut] = Field(description="Authors, then publishers, in order.")
    year: int | None
    series: str
    number: str = Field(description="Number in the series, e.g. 2020:9.")
    isbn: str
    issn: str
    external_url: str = Field(description="The item's web address elsewhere; may be empty.")
    files: list[FileOut]
    versions: list[VersionOut] = Field(
        description="The published versions of the work (original and translations), "
        "this item excluded; empty for a work in one language."
    )
    related_items: list[RelatedItemOut] = Field(description="Published related items.")
    related_events: list[RelatedEventOut] = Field(description="Public related events.")
    citation: str = Field(description="Author (year). Title. Series number. Publisher. ISBN.")
    published_at: datetime | None
    updated_at: datetime


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _texts(item: Material) -> dict[str, dict[str, str]]:
    return {
        language: {
            "title": item.text_in("title", language),
            "summary": item.text_in("summary", language),
            "summary_html": str(render_markdown(item.text_in("summary", language))),
            "body": item.text_in("body", language),
            "body_html": str(render_markdown(item.text_in("body", language))),
        }
        for language in LANGUAGES
    }


def _file(request: HttpRequest, file: MaterialFile) -> dict[str, Any]:
    return {
        "id": file.pk,
        "name": file.original_name,
        "title": file.title,
        "content_type": file.content_type,
        "size": file.size,
        "download_url": _absolute(request, file.get_absolute_url()),
    }


def _version(request: HttpRequest, version: Material) -> dict[str, Any]:
    return {
        "id": version.pk,
        "language": version.language,
        "title": version.text_in("title", version.language) or version.title,
        "original": version.original_id is None,
        "url": _absolute(request, version.get_absolute_url()),
    }


def _related_item(request: HttpRequest, item: Material) -> dict[str, Any]:
    return {
        "id": item.pk,
        "title": item.title,
        "kind": item.kind,
        "language": item.language,
        "year": item.year,
        "url": _absolute(request, item.get_absolute_url()),
    }


def _related_event(request: HttpRequest, event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "title": event.title,
        "starts_at": event.starts_at,
        "status": event.status,
        "url": _absolute(request, reverse_one("events:event_detail", event.pk)),
    }


def _contributor(contributor: Any) -> dict[str, Any]:
    organisation = contributor.organisation
    return {
        "role": contributor.role,
        "name": contributor.display_name,
        "organisation": (
            {"id": organisation.pk, "name": str(organisation)} if organisation else None
        ),
    }


def _detail(request: HttpRequest, item: Material, versions: list[Material]) -> dict[str, Any]:
    contributors = sorted(item.contributors.all(), key=lambda c: (c.role != "author", c.position))
    return {
        "id": item.pk,
        "uid": str(item.uid),
        "external_id": item.external_id,
        "url": _absolute(request, item.get_absolute_url()),
        "kind": item.kind,
        "kind_label": item.get_kind_display(),
        "language": item.language,
        "title": item.title,
        "title_fi": item.title_fi,
        "title_sv": item.title_sv,
        "title_en": item.title_en,
        "texts": _texts(item),
        "themes": [{"code": t.code, "name": t.name} for t in item.themes.all()],
        "tags": [tag.name for tag in item.tags.all()],
        "audiences": {
            "sectors": [{"code": s.code, "name": s.name} for s in item.sectors.all()],
            "school_levels": [{"code": s.code, "name": s.name} for s in item.school_levels.all()],
        },
        "contributors": [_contributor(c) for c in contributors],
        "year": item.year,
        "series": item.series,
        "number": item.number,
        "isbn": item.isbn,
        "issn": item.issn,
        "external_url": item.url,
        "files": [_file(request, f) for f in item.files.all()],
        "versions": [_version(request, v) for v in versions if v.pk != item.pk],
        "related_items": [_related_item(request, r) for r in selectors.related_items(item)],
        "related_events": [
            _related_event(request, e)
            for e in item.public_related_events  # type: ignore[attr-defined]
        ],
        "citation": item.citation,
        "published_at": item.published_at,
        "updated_at": item.updated_at,
    }


@router.get(
    "/materials/{material_id}",
    response={200: MaterialDetailOut, 404: Problem, **PUBLIC_ERRORS},
    summary="One published item, in all its languages",
    description="404 for an item that does not exist or is not published.",
)
def get_material(
    request: HttpRequest, material_id: int, language: Query[LanguageParam]
) -> dict[str, Any]:
    # Published only, editors included: the API is the public bank.
    published = selectors.published()
    item = fetch_or_404(
        policy,
        request.user,
        "view",
        queryset=selectors.material_detail(published),
        pk=material_id,
    )
    with _in_language(language.lang):
        return _detail(request, item, selectors.versions(item, published))
