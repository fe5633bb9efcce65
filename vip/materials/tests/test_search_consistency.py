"""The search index stays consistent with the items: writers one at a time, cached pages
keyed by the index, a failed indexing not breaking the edit, the per-process memo bounded."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection, connections, transaction
from django.test import override_settings
from django.utils import translation

from vip.core import data_versions
from vip.materials.index import (
    SearchParams,
    engine,
    highlight,
    index_material,
    indexing,
    reindex_all,
    schedule_index,
    search,
)
from vip.materials.index.catalogue import cached, catalogue
from vip.materials.index.models import MATERIALS_INDEX, SearchIndexState, SearchPosting, SearchTerm
from vip.materials.models import MATERIALS_DATA, Material
from vip.materials.tests.search_builders import item
from vip.network.models import NETWORK_DATA, Theme

pytestmark = pytest.mark.usefixtures("reference_data")
Status = Material.Status


def hit_titles(**params) -> list[str]:
    return [h.material.title for h in search(SearchParams(**params)).hits]


# --- writers ------------------------------------------------------------------------------


def test_indexing_one_item_creates_the_state_and_raises_the_index_version():
    material = item(title_fi="Poissaolot")
    assert not SearchIndexState.objects.exists()
    before = data_versions.current(MATERIALS_INDEX)
    index_material(material.pk)
    assert SearchIndexState.objects.count() == 1
    assert data_versions.current(MATERIALS_INDEX) != before
    before = data_versions.current(MATERIALS_INDEX)
    reindex_all()
    assert data_versions.current(MATERIALS_INDEX) != before
    assert SearchIndexState.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are real on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_writers_leave_true_document_frequencies():
    # Without the state lock each writer counts the postings without the others'
    # uncommitted ones, and the term frequencies come out too low.
    items = [
        item(title_fi=f"Poissaolot ja sairaalaopetus {n}", tags=["seuranta"]) for n in range(12)
    ]
    start = threading.Barrier(len(items) + 1)
    failures: list[BaseException] = []

    def write(pk: int | None) -> None:
        try:
            start.wait()
            index_material(pk) if pk is not None else reindex_all()
        except BaseException as error:  # reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(m.pk,)) for m in items]
    threads.append(threading.Thread(target=write, args=(None,)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert SearchIndexState.objects.count() == 1
    for term in SearchTerm.objects.filter(df__gt=0):
        assert term.df == SearchPosting.objects.filter(term=term).count(), term.text
    assert search(SearchParams(q="poissaolot")).total == len(items)
    assert search(SearchParams(q="seuranta")).total == len(items)


# --- the page cache -------------------------------------------------------------------------


@pytest.fixture
def page_cache_on():
    cache.clear()
    with override_settings(PUBLIC_PAGE_CACHE_SECONDS=300):
        yield
    cache.clear()


def test_a_search_page_cached_before_the_index_was_written_is_not_served_after(
    client, page_cache_on
):
    reindex_all()
    url = "/en/materials/?q=sairaalaopetus"
    # A service publishes: it raises MATERIALS_DATA in its transaction, the index is
    # written after the commit. A visitor asks in between: nothing found yet.
    with transaction.atomic():
        material = item(title_fi="Sairaalaopetus")
        data_versions.bump(MATERIALS_DATA)
    assert "Sairaalaopetus" not in client.get(url).content.decode()
    index_material(material.pk)
    assert f'href="/en/materials/{material.pk}/"' in client.get(url).content.decode()


# --- a failed indexing after the commit ----------------------------------------------------


def test_a_failure_to_index_is_logged_and_the_other_callbacks_still_run(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    material = item(title_fi="Poissaolot")
    ran = []

    def broken(*args, **kwargs):
        raise RuntimeError("analyser out of order")

    monkeypatch.setattr(indexing, "analyse_fields", broken)
    with (
        caplog.at_level(logging.ERROR, logger=indexing.__name__),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        schedule_index(material.pk)
        transaction.on_commit(lambda: ran.append("next"))
    assert ran == ["next"]
    assert f"Indexing material {material.pk} failed" in caplog.text


# --- the catalogue ---------------------------------------------------------------------------


@translation.override("fi")
def test_facet_labels_follow_a_renamed_theme():
    theme = Theme.objects.order_by("position").first()
    item(title_fi="Poissaolot", themes=[theme])
    reindex_all()
    assert search(SearchParams(q="poissaolot")).facets["theme"][0].label == theme.name_fi
    with transaction.atomic():
        Theme.objects.filter(pk=theme.pk).update(name_fi="Uusi nimi")
        data_versions.bump(NETWORK_DATA)
    assert search(SearchParams(q="poissaolot")).facets["theme"][0].label == "Uusi nimi"


def test_threads_asking_for_a_new_catalogue_build_it_once():
    key = ("token-of-this-test", "0.0", "published")
    start = threading.Barrier(4)
    built: list[object] = []
    found: list[object] = []

    def build():
        time.sleep(0.05)  # long enough for the others to arrive meanwhile
        built.append(object())
        return built[-1]

    def ask() -> None:
        start.wait()
        found.append(cached(key, build))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1
    assert found == built * 4


# --- the memo and deep pages -------------------------------------------------------------------


@pytest.fixture
def many(reference_data):
    """Nine items matching "poissaolot", every other a model."""
    for n in range(9):
        words = " ".join(["poissaolot"] * (1 + n % 4))
        kind = Material.Kind.MODEL if n % 2 else Material.Kind.REPORT
        item(title_fi=f"Kohde {n}", summary_fi=words, kind=kind, year=2015 + n)
    reindex_all()


def every_page(**params) -> list[tuple[str, int]]:
    out = []
    page = 1
    while True:
        results = search(SearchParams(q="poissaolot", per_page=2, page=page, **params))
        out += [(h.material.title, h.score) for h in results.hits]
        if page >= results.pages:
            return out
        page += 1


@pytest.mark.usefixtures("many")
@pytest.mark.parametrize(
    "params", [{}, {"kind": ("model",)}, {"sort": "newest"}, {"sort": "newest", "kind": ("model",)}]
)
def test_pages_beyond_the_memoised_rows_rank_and_score_as_the_full_list(monkeypatch, params):
    full = every_page(**params)
    assert len(full) == (4 if params.get("kind") else 9)
    catalogue([Status.PUBLISHED]).matches.clear()
    monkeypatch.setattr(engine, "TOP", 3)
    assert every_page(**params) == full


@pytest.mark.usefixtures("many")
def test_the_memo_is_bounded_by_its_rows(monkeypatch):
    monkeypatch.setattr(engine, "TOP", 3)
    monkeypatch.setattr(engine, "MEMO_ROWS", 7)
    memo = catalogue([Status.PUBLISHED]).matches
    memo.clear()
    for q in ("poissaolot", "kohde", "kohde poissaolot"):  # three rankings, 3 rows each
        search(SearchParams(q=q))
    assert len(memo) == 2  # the oldest made room
    assert sum(len(m.positions) for m in memo.values()) <= 7
    assert [[w.text for w in m.routes] for m in memo.values()] == [
        ["kohde"],
        ["kohde", "poissaolot"],
    ]
    assert all(len(m.positions) == 3 for m in memo.values())


def calls_of(monkeypatch, owner: object, name: str) -> list[tuple[Any, ...]]:
    """The arguments of each call of ``owner.name`` from now on (the calls go through)."""
    calls: list[tuple[Any, ...]] = []
    real = getattr(owner, name)
    monkeypatch.setattr(owner, name, lambda *args: calls.append(args) or real(*args))
    return calls


@pytest.mark.usefixtures("many")
def test_inflected_forms_of_a_query_share_one_ranking_and_keep_their_own_terms(monkeypatch):
    memo = catalogue([Status.PUBLISHED]).matches
    memo.clear()
    ranked = calls_of(monkeypatch, engine, "_ranked")
    forms = [search(SearchParams(q=q)) for q in ("poissaolot", "poissaoloja", "poissaolo")]
    assert len(ranked) == 1
    assert len(memo) == 1
    assert len({tuple((h.material.pk, h.score) for h in r.hits) for r in forms}) == 1
    assert all(r.total == 9 for r in forms)
    assert all("<mark>" in h.snippet_html for r in forms for h in r.hits)
    # Two misspellings corrected to the same word share a ranking; each query says
    # what it corrected, and the correct spelling corrects nothing.
    typos = [search(SearchParams(q=q)) for q in ("poissalot", "poisaolot")]
    assert len(ranked) == 2
    assert [t.corrections for t in typos] == [
        {"poissalot": "poissaolot"},
        {"poisaolot": "poissaolot"},
    ]
    assert all(t.total == 9 for t in typos)
    assert search(SearchParams(q="poissaolot")).corrections == {}


@pytest.mark.usefixtures("many")
def test_marked_titles_and_snippets_are_made_once_per_item_and_terms_and_bounded(monkeypatch):
    memo = catalogue([Status.PUBLISHED]).snippets
    memo.clear()
    calls = calls_of(monkeypatch, highlight, "for_items")
    first = search(SearchParams(q="poissaolot", per_page=4))
    again = search(SearchParams(q="poissaoloja", per_page=4))  # the same terms
    models = search(SearchParams(q="poissaolot", per_page=4, kind=("model",)))
    assert [h.snippet_html for h in again.hits] == [h.snippet_html for h in first.hits]
    assert "<mark>poissaolot</mark>" in first.hits[0].snippet_html
    shown = {h.material.pk for r in (first, models) for h in r.hits}
    made = [item.pk for items, *_rest in calls for item in items]
    assert sorted(made) == sorted(shown)  # each item once, however often shown
    with translation.override("sv"):  # another language shows other texts: made anew
        search(SearchParams(q="poissaolot", per_page=4))
    assert sum(len(items) for items, *_rest in calls) == len(shown) + 4
    monkeypatch.setattr(engine, "SNIPPET_MEMO", 3)
    search(SearchParams(q="kohde", per_page=4))
    assert len(memo) == 3


def test_a_query_word_is_looked_up_once_per_index_and_the_word_memo_is_bounded(monkeypatch):
    item(title_fi="Raportti poissaoloista")
    reindex_all()
    looked_up: list[str] = []
    real = engine.corrections
    monkeypatch.setattr(engine, "corrections", lambda w: looked_up.append(w) or real(w))
    assert hit_titles(q="poissalot") == ["Raportti poissaoloista"]  # a typo, corrected
    assert hit_titles(q="poissalot raportti") == ["Raportti poissaoloista"]
    assert looked_up.count("poissalot") == 1
    monkeypatch.setattr(engine, "ROUTE_MEMO", 2)
    for q in ("koulu", "tuki", "opetus"):
        search(SearchParams(q=q))
    assert len(catalogue([Status.PUBLISHED]).routes) == 2
    # A change to the index starts a new catalogue, and the word is looked up again.
    reindex_all()
    hit_titles(q="poissalot")
    assert looked_up.count("poissalot") == 2


# --- only published items ---------------------------------------------------------------------


def test_an_item_unpublished_since_the_catalogue_was_built_is_not_shown():
    kept = item(title_fi="Poissaolot A")
    gone = item(title_fi="Poissaolot B")
    reindex_all()
    assert set(hit_titles(q="poissaolot")) == {"Poissaolot A", "Poissaolot B"}
    # As in the moment between the status change and its version raise.
    Material.objects.filter(pk=gone.pk).update(status=Status.DRAFT)
    assert hit_titles(q="poissaolot") == [kept.title]
