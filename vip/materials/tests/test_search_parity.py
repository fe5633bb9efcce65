"""The database index ranks exactly as the reference ranking (vip.search.memory) on the
labelled evaluation set, on whichever database the suite runs on."""

from __future__ import annotations

import pytest

from vip.materials.index import reindex_all
from vip.materials.tests.search_builders import index_corpus, queries, reference, top

pytestmark = pytest.mark.django_db


def test_every_eval_query_gives_the_reference_top_ten():
    ids = index_corpus()
    report = reindex_all()
    assert report.items == len(ids)
    memory = reference()
    differing = []
    for q in queries():
        expected = [hit.id for hit in memory.search(q["query"], limit=10)]
        got = top(q["query"], ids)
        if got != expected:
            differing.append((q["id"], q["query"], expected, got))
    assert differing == []


def test_the_parity_is_not_vacuous():
    ids = index_corpus()
    reindex_all()
    assert top("sairaalaopetus", ids)[:1] == [reference().search("sairaalaopetus")[0].id]
    assert len(top("koulu", ids)) == 10
