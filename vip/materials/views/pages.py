"""Public pages of the materials bank: search and browse, an item, a theme, a kind, the feed.

Pages are cached for anonymous visitors, keyed by the data versions of what they
show: every change to an item raises MATERIALS_DATA (the services do it), theme and
sector names are NETWORK_DATA, the related events of an item page EVENTS_DATA and
organisations (authors, publishers) REGISTRY_DATA. Signed-in users always get fresh
pages (editors see drafts, status banners and edit links). The search page works as
a plain GET form; with htmx, its results region (facets with counts, sort, results)
is replaced as the filters change.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from vip.core.htmx import is_htmx, render_page_or_partial
from vip.core.page_cache import cache_public_page
from vip.core.pagination import paginate
from vip.core.policies import fetch_or_404
from vip.events.models import EVENTS_DATA
from vip.materials import presenters
from vip.materials.index import parse_params, published_count, search
from vip.materials.index.models import MATERIALS_INDEX
from vip.materials.index.types import FACETS, SearchInputError, SearchParams, SearchResults
from vip.materials.models import KIND_LABELS, LANGUAGE_LABELS, MATERIALS_DATA, Material
from vip.materials.policies import MaterialPolicy
from vip.materials.selectors import public as selectors
from vip.network.models import NETWORK_DATA
from vip.network.selectors.reference import theme_by_code
from vip.registry.models import REGISTRY_DATA

PER_PAGE = 20
#: Entries of the news feed.
FEED_ENTRIES = 50
#: What the lists show: items and their themes.
LIST_DATA = (MATERIALS_DATA, NETWORK_DATA)
#: An item page also shows related events and organisations (authors, publishers).
DETAIL_DATA = (MATERIALS_DATA, NETWORK_DATA, EVENTS_DATA, REGISTRY_DATA)
#: The search also shows the index, written after the item's commit (MATERIALS_INDEX).
SEARCH_DATA = (*LIST_DATA, MATERIALS_INDEX)
SEARCH_PARAMS = ("q", "sort", "page", *FACETS)

policy = MaterialPolicy()


def _bank_crumb() -> tuple[str, str]:
    return (_("Materials bank"), reverse("materials:search"))


# --- Search and browse --------------------------------------------------------------------


def _run_search(request: HttpRequest) -> tuple[SearchResults, dict[str, list[str]]]:
    """The search the query string asks for; on bad input, the errors and the facets of
    the search without the bad parameters (so the form keeps the valid choices)."""
    data = request.GET.copy()
    try:
        return search(parse_params(data)), {}
    except SearchInputError as error:
        for name in error.errors:
            data.pop(name, None)
        try:
            fallback = parse_params(data)
        except SearchInputError:
            fallback = SearchParams()
        return search(fallback), error.errors


@require_safe
@cache_public_page(*SEARCH_DATA, params=SEARCH_PARAMS)
def material_search(request: HttpRequest) -> HttpResponse:
    results, errors = _run_search(request)
    # The form only carries the engine's errors to the page (the search box and the error
    # summary); without errors the page has none to show and builds none.
    form = presenters.search_form(request.GET, errors) if errors else None
    params = results.params
    browsing = not errors and params.q is None
    filtered = not errors and any(getattr(params, name) for name in FACETS)
    # The front page of the bank (no query, no filters) offers browsing by theme and kind.
    front = browsing and not filtered and params.page == 1
    page_obj = presenters.search_page(results)
    browse_themes: list[selectors.BrowseEntry] = []
    browse_kinds: list[selectors.BrowseEntry] = []
    if front:
        # Unfiltered, the facets count every published item: the page browses by them.
        counts = {name: {v.value: v.count for v in vs} for name, vs in results.facets.items()}
        browse_themes = selectors.themes_to_browse(counts.get("theme", {}))
        browse_kinds = selectors.kinds_to_browse(counts.get("kind", {}))
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    context: dict[str, Any] = {
        "form": form,
        "errors": errors,
        "results": results,
        "q": request.GET.get("q", "") if errors else (params.q or ""),
        "sort": params.sort,
        "browsing": browsing,
        "filtered": filtered,
        "hits": [] if errors else presenters.hit_rows(results),
        "total": 0 if errors else results.total,
        "facet_groups": presenters.facet_groups(results.facets, errors),
        "correction": presenters.corrected_query(params.q or "", results.corrections),
        "themes_to_browse": browse_themes,
        "kinds_to_browse": browse_kinds,
        "page_obj": page_obj,
        "page_query": f"{encoded}&" if encoded else "",
        "is_htmx": is_htmx(request),
        "breadcrumbs": [(_("Materials bank"), None)],
    }
    response = render_page_or_partial(request, "materials/search.html", "results", context)
    # htmx does not swap error answers: the fragment carries its errors with 200.
    if errors and not is_htmx(request):
        response.status_code = 400
    return response


# --- An item ---------------------------------------------------------------------------------


@require_safe
@cache_public_page(*DETAIL_DATA, params=())
def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visible = policy.visible(request.user, "view")
    material = fetch_or_404(
        policy, request.user, "view", queryset=selectors.material_detail(visible), pk=pk
    )
    is_editor = policy.can(request.user, "change", material)
    context = {
        "material": material,
        "is_editor": is_editor,
        "is_brief": material.kind == Material.Kind.INFO_BRIEF,
        "kind_label": KIND_LABELS.get(material.kind, material.kind),
        "language_label": LANGUAGE_LABELS.get(material.language, material.language),
        "title_lang": presenters.foreign_language(material, "title"),
        "summary_lang": presenters.foreign_language(material, "summary"),
        "body_lang": presenters.foreign_language(material, "body"),
        "authors": material.contributors_of("author"),
        "publishers": material.contributors_of("publisher"),
        "versions": presenters.versions(material, selectors.versions(material, visible)),
        "files": presenters.files(list(material.files.all())),
        "related": presenters.rows(selectors.related_items(material)),
        "events": material.public_related_events,  # type: ignore[attr-defined]
        "breadcrumbs": [_bank_crumb(), (material.title, None)],
    }
    return render(request, "materials/detail.html", context)


# --- Theme and kind pages --------------------------------------------------------------------


def _listing(
    request: HttpRequest, materials: Any, heading: str, search_filter: tuple[str, str], intro: str
) -> HttpResponse:
    name, value = search_filter
    page = paginate(request, materials, PER_PAGE, count=published_count(name, value))
    context = {
        "heading": heading,
        "intro": intro,
        "rows": presenters.rows(list(page["object_list"])),
        "count": page["page_obj"].paginator.count,
        "filter_name": name,
        "filter_value": value,
        "breadcrumbs": [_bank_crumb(), (heading, None)],
        **page,
    }
    return render(request, "materials/listing.html", context)


@require_safe
@cache_public_page(*LIST_DATA, params=("page",))
def theme_detail(request: HttpRequest, code: str) -> HttpResponse:
    theme = theme_by_code(code)
    if theme is None:
        raise Http404
    return _listing(
        request,
        selectors.theme_materials(theme),
        theme.name,
        ("theme", theme.code),
        _("Materials of the theme, newest first."),
    )


@require_safe
@cache_public_page(*LIST_DATA, params=("page",))
def kind_detail(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in Material.Kind.values:
        raise Http404
    return _listing(
        request,
        selectors.kind_materials(kind),
        str(presenters.KIND_PLURALS[kind]),
        ("kind", kind),
        _("Materials of this kind, newest first."),
    )


# --- The feed --------------------------------------------------------------------------------


@require_safe
@cache_public_page(*LIST_DATA, params=())
def news_feed(request: HttpRequest) -> HttpResponse:
    """The newest published items, newest first, in the address's language."""
    feed = Atom1Feed(
        title=_("New in the VIP network's materials bank"),
        link=settings.SITE_URL + reverse("materials:search"),
        description=_("Models, research, guides, info briefs, reports and recordings."),
        feed_url=settings.SITE_URL + reverse("materials:feed"),
        language=(get_language() or "fi")[:2],
    )
    for material in selectors.newest_published(FEED_ENTRIES):
        authors = material.contributors_of("author") or material.contributors_of("publisher")
        feed.add_item(
            title=material.title,
            link=settings.SITE_URL + material.get_absolute_url(),
            # The Atom summary is HTML: the plain-text summary is escaped.
            description=escape(material.summary),
            unique_id=f"urn:uuid:{material.uid}",
            pubdate=material.published_at or material.created_at,
            updateddate=material.updated_at,
            author_name=", ".join(author.display_name for author in authors) or None,
            categories=[
                str(KIND_LABELS.get(material.kind, material.kind)),
                *(theme.name for theme in material.themes.all()),
            ],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
