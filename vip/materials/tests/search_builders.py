"""Builders for the search tests: published items straight into the database, the eval
corpus as items, and the in-memory reference over the same corpus."""

from __future__ import annotations

import datetime
import functools
import itertools
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from vip.materials.index import SearchParams, search
from vip.materials.models import Material, MaterialContributor, Tag
from vip.search.memory import InMemoryIndex

EVAL = Path(settings.BASE_DIR) / "bench" / "search_eval"
_clock = itertools.count(1)


def item(
    *,
    status: str = Material.Status.PUBLISHED,
    tags: list[str] = (),  # type: ignore[assignment]
    authors: list[str] = (),  # type: ignore[assignment]
    themes: list[Any] = (),  # type: ignore[assignment]
    levels: list[Any] = (),  # type: ignore[assignment]
    sectors: list[Any] = (),  # type: ignore[assignment]
    **values: Any,
) -> Material:
    """An item (published unless told), newer than every item made before it."""
    values.setdefault("kind", Material.Kind.REPORT)
    if not any(values.get(f"title_{code}") for code in ("fi", "sv", "en")):
        values["title_fi"] = "Nimetön aineisto"
    values.setdefault(
        "published_at",
        timezone.now() - datetime.timedelta(days=1000) + datetime.timedelta(minutes=next(_clock)),
    )
    material = Material.objects.create(status=status, **values)
    for name in tags:
        material.tags.add(Tag.objects.get_or_create(name=name)[0])
    for position, name in enumerate(authors):
        MaterialContributor.objects.create(
            material=material, role="author", name=name, position=position
        )
    material.themes.set(themes)
    material.school_levels.set(levels)
    material.sectors.set(sectors)
    return material


@functools.cache
def corpus() -> list[dict[str, Any]]:
    docs = json.loads((EVAL / "corpus.json").read_text(encoding="utf-8"))
    return sorted(docs, key=lambda d: d["id"])


@functools.cache
def queries() -> list[dict[str, Any]]:
    return json.loads((EVAL / "queries.json").read_text(encoding="utf-8"))["queries"]  # type: ignore[no-any-return]


def index_corpus() -> dict[int, str]:
    """The eval corpus as published items (created in id order, so that ties between
    equal scores break the same way as the reference's); item pk -> document id."""
    ids = {}
    for doc in corpus():
        lang = doc["language"]
        material = item(
            kind=doc["kind"],
            language=lang,
            year=doc.get("year"),
            **{f"title_{lang}": doc["title"], f"summary_{lang}": doc["summary"]},
            **{f"body_{lang}": doc["body"]},
        )
        ids[material.pk] = doc["id"]
    return ids


@functools.cache
def reference() -> InMemoryIndex:
    index = InMemoryIndex()
    for doc in corpus():
        fields = {"title": doc["title"], "summary": doc["summary"], "body": doc["body"]}
        index.add(doc["id"], doc["language"], fields, year=doc.get("year"))
    return index


def top(q: str, ids: dict[int, str], limit: int = 10) -> list[str]:
    results = search(SearchParams(q=q, per_page=limit))
    return [ids[hit.material.pk] for hit in results.hits]


def titles(q: str, **params: Any) -> list[str]:
    return [hit.material.title for hit in search(SearchParams(q=q, **params)).hits]
