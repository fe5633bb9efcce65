"""What the public materials pages show, worked out from the models and search results.

Kept out of the templates: which language a text is in (for ``lang`` attributes),
the facet groups of the search form, the corrected query, pagination over a
search's total.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from vip.materials.index.types import FacetValue, SearchResults
from vip.materials.models import KIND_LABELS, LANGUAGE_LABELS, LANGUAGES, Material, MaterialFile

# The facets of the search form, in their order, with their legends.
FACET_LEGENDS: dict[str, Any] = {
    "kind": _("Kind"),
    "theme": _("Theme"),
    "language": _("Language"),
    "year": _("Year of publication"),
    "level": _("School level"),
    "sector": _("Audience"),
}


def page_language() -> str:
    return (get_language() or "fi")[:2]


def text_language(material: Material, field: str, page: str | None = None) -> str:
    """The language of the text ``material.<field>`` shows (the same order as the model)
    on a page in ``page`` (default: the active language)."""
    page = page or page_language()
    for code in (page, material.language, *LANGUAGES):
        if material.text_in(field, code):
            return code
    return page


def foreign_language(material: Material, field: str, page: str | None = None) -> str:
    """The text's language when it differs from the page's, for a ``lang`` attribute; else ""."""
    page = page or page_language()
    code = text_language(material, field, page)
    return "" if code == page else code


@functools.cache
def _labels(language: str) -> tuple[dict[str, str], dict[str, str]]:
    """The kind and language labels in ``language``, translated once per process."""
    with override(language):
        return (
            {value: str(label) for value, label in KIND_LABELS.items()},
            {value: str(label) for value, label in LANGUAGE_LABELS.items()},
        )


@dataclass(frozen=True, slots=True)
class Row:
    """One item of a list (theme, kind, related items)."""

    material: Material
    title_lang: str
    summary_lang: str
    kind: str
    language: str
    themes: list[Any]


def rows(materials: list[Material]) -> list[Row]:
    language = page_language()
    return [row(material, list(material.themes.all()), language) for material in materials]


def row(material: Material, themes: list[Any], page: str | None = None) -> Row:
    page = page or page_language()
    kinds, languages = _labels(page)
    return Row(
        material=material,
        title_lang=foreign_language(material, "title", page),
        summary_lang=foreign_language(material, "summary", page),
        kind=kinds.get(material.kind, material.kind),
        language=languages.get(material.language, material.language),
        themes=themes,
    )


@dataclass(frozen=True, slots=True)
class HitRow:
    """One search result: the engine's marked title and snippet, and the row's facts."""

    hit: Any
    row: Row


def hit_rows(results: SearchResults) -> list[HitRow]:
    # The themes come with the hits (from the search's catalogue, without a query).
    language = page_language()
    return [
        HitRow(hit=hit, row=row(hit.material, list(hit.themes), language)) for hit in results.hits
    ]


@dataclass(frozen=True, slots=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    id: str  # stable across updates, so that htmx keeps focus on the same checkbox


#: A facet with more values than this shows the first FACET_SHOWN and folds the rest.
FACET_FOLD_OVER = 8
FACET_SHOWN = 5


@dataclass(frozen=True, slots=True)
class FacetGroup:
    name: str
    legend: str
    options: list[FacetOption]
    errors: list[str]

    @property
    def id(self) -> str:
        # The error summary links to the group (``id_<name>``; see the search form).
        return f"id_{self.name}"

    @property
    def shown(self) -> list[FacetOption]:
        """The options always in view: the first few and every chosen one.

        A chosen option never hides in the folded part, so the checkbox a user just
        ticked there is in view after the update, and keeps the focus."""
        if len(self.options) <= FACET_FOLD_OVER:
            return self.options
        return [o for i, o in enumerate(self.options) if i < FACET_SHOWN or o.selected]

    @property
    def folded(self) -> list[FacetOption]:
        if len(self.options) <= FACET_FOLD_OVER:
            return []
        return [o for i, o in enumerate(self.options) if i >= FACET_SHOWN and not o.selected]


_UNSAFE_ID = re.compile(r"[^a-zA-Z0-9_-]+")


@functools.lru_cache(maxsize=4096)
def _facet_id(name: str, value: str) -> str:
    """A checkbox's id, stable across updates (facet values are a bounded set)."""
    return f"facet-{name}-{_UNSAFE_ID.sub('-', value)}"


def facet_groups(
    facets: dict[str, list[FacetValue]], errors: dict[str, list[str]]
) -> list[FacetGroup]:
    """The facets with values, in the form's order; a group with an error shows even if empty."""
    groups = []
    for name, legend in FACET_LEGENDS.items():
        values = facets.get(name, [])
        if not values and not errors.get(name):
            continue
        options = [
            FacetOption(
                value=str(value.value),
                label=value.label,
                count=value.count,
                selected=value.selected,
                id=_facet_id(name, str(value.value)),
            )
            for value in values
        ]
        groups.append(FacetGroup(name, str(legend), options, errors.get(name, [])))
    return groups


_WORD = re.compile(r"\w+", re.UNICODE)


def corrected_query(q: str, corrections: dict[str, str]) -> str:
    """The query with each corrected word replaced by the word searched instead."""
    if not corrections:
        return ""
    lowered = {word.lower(): replacement for word, replacement in corrections.items()}
    return _WORD.sub(lambda match: lowered.get(match.group(0).lower(), match.group(0)), q)


def search_page(results: SearchResults) -> Page[int]:
    """A page object over the search's total, for the shared pagination links."""
    paginator = Paginator(range(results.total), results.params.per_page)
    return paginator.get_page(results.params.page)


# The plural headings of the kind pages.
KIND_PLURALS: dict[str, Any] = {
    Material.Kind.MODEL: _("Models and methods"),
    Material.Kind.RESEARCH: _("Research and literature"),
    Material.Kind.MATERIAL: _("Guides and materials"),
    Material.Kind.CHECKLIST: _("Checklists and forms"),
    Material.Kind.INFO_BRIEF: _("Info briefs"),
    Material.Kind.REPORT: _("Reports"),
    Material.Kind.RECORDING: _("Recordings"),
    Material.Kind.NEWS: _("News"),
}


class _AnyValue(forms.Field):
    """A search parameter as typed: the search engine validates it, not the form."""

    def __init__(self, label: Any, widget: Any = None) -> None:
        super().__init__(label=label, required=False, widget=widget)


class MaterialSearchForm(forms.Form):
    """The search form's fields, for the shared error summary (templates/forms/error_summary.html).

    The page renders the inputs itself (facet checkboxes carry counts); this form
    only names the fields and carries the engine's errors. The search box is
    ``id_q``; a facet's fieldset is ``id_<facet>``, which the summary links to.
    Errors of the sort order and the page number (addresses typed by hand) have
    no input to link to and show in the summary alone.
    """

    q = _AnyValue(_("Search"))
    kind = _AnyValue(FACET_LEGENDS["kind"])
    theme = _AnyValue(FACET_LEGENDS["theme"])
    language = _AnyValue(FACET_LEGENDS["language"])
    year = _AnyValue(FACET_LEGENDS["year"])
    level = _AnyValue(FACET_LEGENDS["level"])
    sector = _AnyValue(FACET_LEGENDS["sector"])


def search_form(data: Any, errors: dict[str, list[str]]) -> MaterialSearchForm:
    """The form bound to the query string, with the engine's errors on their fields."""
    form = MaterialSearchForm(data)
    form.is_valid()  # every field accepts anything; the errors come from the engine
    for name, messages in errors.items():
        field = name if name in form.fields else None
        for message in messages:
            form.add_error(field, message)
    return form


@dataclass(frozen=True, slots=True)
class Version:
    material: Material
    title: str
    lang: str  # for the title's lang attribute; "" when it is the page's language
    language: str
    current: bool


def versions(material: Material, others: list[Material]) -> list[Version]:
    """The work's versions, each titled in its own language."""
    result = []
    for version in others:
        own_title = version.text_in("title", version.language)
        title = own_title or version.title
        lang = version.language if own_title else text_language(version, "title")
        result.append(
            Version(
                material=version,
                title=title,
                lang="" if lang == page_language() else lang,
                language=str(LANGUAGE_LABELS.get(version.language, version.language)),
                current=version.pk == material.pk,
            )
        )
    return result


# File types by content type, as people know them.
_FILE_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (DOCX)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (XLSX)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "PowerPoint (PPTX)"
    ),
    "application/vnd.oasis.opendocument.text": "OpenDocument (ODT)",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
}


@dataclass(frozen=True, slots=True)
class FileRow:
    file: MaterialFile
    name: str
    type: str
    size: int


def files(items: list[MaterialFile]) -> list[FileRow]:
    return [
        FileRow(
            file=item,
            name=item.title or item.original_name,
            type=_FILE_TYPES.get(item.content_type.split(";")[0].strip(), item.content_type),
            size=item.size,
        )
        for item in items
    ]
