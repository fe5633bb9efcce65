"""Packed postings: a search reads a term's pack plus the rows of the items changed since,
and finds exactly what reading every posting row finds, before and after packing again."""

from __future__ import annotations

import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from vip.materials.index import (
    SearchParams,
    changes_since_pack,
    dense,
    index_material,
    pack_index,
    packing,
    reindex_all,
    search,
)
from vip.materials.index.catalogue import catalogue
from vip.materials.index.models import (
    SearchChange,
    SearchIndexState,
    SearchPack,
    SearchPosting,
    SearchTerm,
)
from vip.materials.models import Material
from vip.materials.tests.search_builders import item

pytestmark = pytest.mark.usefixtures("reference_data")
Status = Material.Status

QUERIES = ["poissaolo", "tuki", "koulu", "opetus", "poissaolo tuki", "sairaalaopetus"]


def ranked(q: str) -> list[tuple[str, int]]:
    return [(h.material.title, h.score) for h in search(SearchParams(q=q, per_page=50)).hits]


def results() -> dict[str, list[tuple[str, int]]]:
    return {q: ranked(q) for q in QUERIES}


def unpacked_results() -> dict[str, list[tuple[str, int]]]:
    """The same searches reading every posting row (as before any pack)."""
    pack = SearchIndexState.objects.get(pk=1).pack
    # A new token each time: the catalogue (and what it read) is built again.
    SearchIndexState.objects.filter(pk=1).update(pack="", token=uuid.uuid4().hex)
    try:
        return results()
    finally:
        SearchIndexState.objects.filter(pk=1).update(pack=pack, token=uuid.uuid4().hex)


@pytest.fixture
def bank():
    titles = [
        "Koulupoissaolot ja tuki",
        "Sairaalaopetuksen käsikirja",
        "Tuen portaat koulussa",
        "Poissaolojen seuranta",
        "Opetuksen järjestäminen",
    ]
    items = [item(title_fi=t, summary_fi=f"{t}: tiivistelmä koulun tuesta.") for t in titles]
    reindex_all()
    return items


def test_a_rebuild_packs_every_term_and_forgets_the_changes(bank):
    terms_with_postings = SearchPosting.objects.values("term_id").distinct().count()
    assert SearchPack.objects.count() == terms_with_postings > 0
    assert SearchIndexState.objects.get(pk=1).pack
    assert changes_since_pack() == 0
    pack = SearchPack.objects.first()
    ids, weights = packing.decode(pack.data)
    rows = list(
        SearchPosting.objects.filter(term_id=pack.term_id)
        .order_by("material_id")
        .values_list("material_id", "weight")
    )
    assert list(zip(ids.tolist(), weights.tolist(), strict=True)) == rows


def test_packed_and_row_by_row_searches_agree(bank):
    assert any(results().values())
    assert results() == unpacked_results()


def test_edits_since_the_pack_are_found_and_old_text_is_not(bank):
    first, second, *_rest = bank
    Material.objects.filter(pk=first.pk).update(title_fi="Luokanopettajan opas")
    index_material(first.pk)
    Material.objects.filter(pk=second.pk).update(status=Status.ARCHIVED)
    index_material(second.pk)
    fresh = item(title_fi="Poissaolo ja tuki uudessa koulussa")
    index_material(fresh.pk)
    assert set(SearchChange.objects.values_list("material_id", flat=True)) == {
        first.pk,
        second.pk,
        fresh.pk,
    }
    titles = {title for title, _score in ranked("opettaja")}
    assert "Luokanopettajan opas" in titles
    # A term that appeared after the pack has no pack of its own: found all the same.
    assert not SearchPack.objects.filter(term__text="opas").exists()
    assert {t for t, _s in ranked("opas")} == {"Luokanopettajan opas"}
    assert "Koulupoissaolot ja tuki" not in {t for t, _s in ranked("poissaolo")}
    assert "Sairaalaopetuksen käsikirja" not in {t for t, _s in ranked("sairaalaopetus")}
    assert "Poissaolo ja tuki uudessa koulussa" in {t for t, _s in ranked("poissaolo")}
    with_changes = results()
    assert with_changes == unpacked_results()
    # Packing again changes no result and forgets the changes.
    assert pack_index() > 0
    assert changes_since_pack() == 0
    assert results() == with_changes
    # A full rebuild agrees as well.
    reindex_all()
    assert results() == with_changes


def test_a_pack_committed_after_the_catalogue_was_built_loses_no_item(bank):
    first = bank[0]
    Material.objects.filter(pk=first.pk).update(title_fi="Luokanopettajan opas")
    index_material(first.pk)
    cat = catalogue([Status.PUBLISHED])
    assert cat.changed.tolist() == [first.pk]
    pack_index()  # packs the edit and empties the change list before cat reads a term
    term = SearchTerm.objects.get(text="opas")
    positions, _weights = dense._load(cat, [term.pk])[term.pk]
    assert positions.tolist() == [cat.position[first.pk]]


def test_terms_spanning_fetches_are_packed_whole(bank, monkeypatch):
    monkeypatch.setattr(packing, "FETCH", 3)
    monkeypatch.setattr(packing, "WRITE", 1)  # packs written while the cursor is open
    pack_index()
    for pack in SearchPack.objects.all():
        ids, _weights = packing.decode(pack.data)
        assert ids.tolist() == list(
            SearchPosting.objects.filter(term_id=pack.term_id)
            .order_by("material_id")
            .values_list("material_id", flat=True)
        )


def test_the_command_packs_and_reports_the_changes(bank, capsys):
    index_material(bank[0].pk)
    call_command("reindex_materials", "--check")
    assert "1 items changed since the postings were packed at" in capsys.readouterr().out
    call_command("reindex_materials", "--pack")
    assert "1 items changed since the last pack" in capsys.readouterr().out
    assert changes_since_pack() == 0


def test_check_and_pack_together_are_refused(bank):
    with pytest.raises(CommandError, match="not both"):
        call_command("reindex_materials", "--check", "--pack")
