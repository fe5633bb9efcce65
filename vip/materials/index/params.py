"""Reading a search from request parameters: the page and the API use this one function."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from vip.core import raw
from vip.materials.index.types import SORTS, SearchInputError, SearchParams
from vip.materials.models import Material, SchoolLevel
from vip.network.models import Sector, Theme
from vip.search.text import tokenise

MAX_QUERY = 200
MAX_PAGE = 500
MIN_YEAR, MAX_YEAR = 1900, 2100


def _number(value: str) -> int | None:
    """``value`` as an int if it is 1-4 ASCII digits ("²".isdigit() holds, int("²") fails)."""
    return int(value) if re.fullmatch(r"[0-9]{1,4}", value) else None


def _values(data: Any, name: str) -> list[str]:
    """Every value of ``name``: a QueryDict's list, a dict's str or list; blanks dropped
    (an empty select or checkbox group sends nothing useful)."""
    if hasattr(data, "getlist"):
        raw = data.getlist(name)
    else:
        value = data.get(name) if isinstance(data, Mapping) else None
        raw = [] if value is None else value if isinstance(value, list | tuple) else [value]
    out: list[str] = []
    for value in raw:
        for piece in str(value).split(","):
            piece = piece.strip()
            if piece and piece not in out:
                out.append(piece)
    return out


def _has(data: Any, name: str) -> bool:
    return name in data


def _query(data: Any, errors: dict[str, list[str]]) -> str | None:
    if not _has(data, "q"):
        return None
    raw = data.getlist("q") if hasattr(data, "getlist") else data.get("q")
    if isinstance(raw, list | tuple):
        raw = raw[-1] if raw else ""
    text = str(raw or "").strip()
    if len(text) > MAX_QUERY:
        errors["q"] = [
            _("The search is too long: use at most %(max)d characters (now %(length)d).")
            % {"max": MAX_QUERY, "length": len(text)}
        ]
        return None
    if not tokenise(text):
        if any(name != "q" for name in data):
            # A form always sends its search box: left blank beside chosen filters (or
            # another parameter), it means browsing those filters.
            return None
        errors["q"] = [_("Type at least one search word.")]
        return None
    return text


def _known(
    data: Any, name: str, allowed: set[str], message: str, errors: dict[str, list[str]]
) -> tuple[str, ...]:
    values = _values(data, name)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        errors[name] = [message % {"value": v} for v in unknown]
    return tuple(v for v in values if v in allowed)


def _years(data: Any, errors: dict[str, list[str]]) -> tuple[int, ...]:
    years: list[int] = []
    for value in _values(data, "year"):
        year = _number(value)
        if year is not None and MIN_YEAR <= year <= MAX_YEAR:
            years.append(year)
        else:
            errors.setdefault("year", []).append(
                _("“%(value)s” is not a year of publication.") % {"value": value}
            )
    return tuple(years)


def _single(data: Any, name: str) -> str | None:
    values = _values(data, name)
    return values[-1] if values else None


def _page(data: Any, errors: dict[str, list[str]]) -> int:
    value = _single(data, "page")
    if value is None:
        return 1
    page = _number(value)
    if page is None or not 1 <= page <= MAX_PAGE:
        errors["page"] = [_("The page must be a number from 1 to %(max)d.") % {"max": MAX_PAGE}]
        return 1
    return page


def _codes(model: type[Theme] | type[Sector] | type[SchoolLevel], values: list[str]) -> set[str]:
    if not values:
        return set()
    return {code for (code,) in raw.select_in(model, "code", "code", values)}


def parse_params(data: Any, *, per_page: int = 20) -> SearchParams:
    """A validated search from a QueryDict or a dict of strings or lists of strings.

    Raises SearchInputError with translated messages per parameter name.
    """
    errors: dict[str, list[str]] = {}
    q = _query(data, errors)
    kind = _known(data, "kind", set(Material.Kind.values), _("Unknown kind “%(value)s”."), errors)
    language = _known(
        data,
        "language",
        set(Material.Language.values),
        _("Unknown language “%(value)s”."),
        errors,
    )
    theme = _known(
        data,
        "theme",
        _codes(Theme, _values(data, "theme")),
        _("Unknown theme “%(value)s”."),
        errors,
    )
    level = _known(
        data,
        "level",
        _codes(SchoolLevel, _values(data, "level")),
        _("Unknown school level “%(value)s”."),
        errors,
    )
    sector = _known(
        data,
        "sector",
        _codes(Sector, _values(data, "sector")),
        _("Unknown sector “%(value)s”."),
        errors,
    )
    year = _years(data, errors)
    sort = _single(data, "sort") or "relevance"
    if sort not in SORTS:
        errors["sort"] = [_("Unknown order “%(value)s”.") % {"value": sort}]
    page = _page(data, errors)
    if errors:
        raise SearchInputError(errors)
    return SearchParams(
        q=q,
        kind=kind,
        theme=theme,
        language=language,
        year=year,
        level=level,
        sector=sector,
        sort=sort,
        page=page,
        per_page=per_page,
    )
