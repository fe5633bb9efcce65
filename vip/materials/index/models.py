"""Tables of the materials search index: our own analysed terms, portable across databases.

- ``SearchTerm``: the term dictionary (an analysed term, how many items contain it);
- ``SearchPosting``: one row per (term, item) with an integer weight computed once at
  indexing time (fields, kinds, saturated frequency with fixed average lengths, see
  vip.search.memory.posting_weight); the (term, material, weight) index covers the query;
- ``SearchWord`` and ``SearchTrigram``: the typo vocabulary (surface words of titles,
  metadata, summaries and texts with the terms each stands for) and its trigrams;
- ``SearchPack``: each term's postings packed into one row (item ids and weights as
  arrays), written by ``reindex_materials`` and ``reindex_materials --pack``: a search
  reads one row per term instead of tens of thousands (vip.materials.index.packing);
- ``SearchChange``: the items indexed again (or unpublished) since the last pack, whose
  postings are read row by row until the next pack;
- ``SearchIndexState``: one row with the analyser fingerprint the index was built with, a
  token that changes with every change to the index (it keys per-process caches) and
  the pack's own token (empty when the postings were never packed).
"""

from __future__ import annotations

from django.db import models

#: The data version raised with every change to the index (in the index's transaction):
#: pages showing search results are keyed by it as well as by MATERIALS_DATA.
MATERIALS_INDEX = "materials-index"

TERM_MAX_LENGTH = 100
WORD_MAX_LENGTH = 60


class SearchTerm(models.Model):
    text = models.CharField(max_length=TERM_MAX_LENGTH, unique=True)
    df = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "search term"

    def __str__(self) -> str:
        return self.text


class SearchPosting(models.Model):
    # The covering index starts with the term: no index of its own.
    term = models.ForeignKey(SearchTerm, on_delete=models.CASCADE, related_name="+", db_index=False)
    material = models.ForeignKey(
        "materials.Material", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    weight = models.PositiveIntegerField()

    class Meta:
        verbose_name = "search posting"
        indexes = [
            # Covers the search: term -> (material, weight) without touching the table.
            models.Index(fields=["term", "material", "weight"], name="search_posting_cover"),
            models.Index(fields=["material"], name="search_posting_material"),
        ]

    def __str__(self) -> str:
        return f"{self.term_id}:{self.material_id}={self.weight}"


class SearchPack(models.Model):
    term = models.OneToOneField(
        SearchTerm, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    # Little-endian int64 item ids (ascending), then as many int32 weights.
    data = models.BinaryField()

    class Meta:
        verbose_name = "search postings pack"

    def __str__(self) -> str:
        return f"{self.term_id}: {len(self.data) // 12} postings"


class SearchChange(models.Model):
    # An item id, not a foreign key: listing an item needs no lock on it (the catalogue
    # drops the ids of items that are gone).
    material_id = models.BigIntegerField(primary_key=True)

    class Meta:
        verbose_name = "search change since the pack"

    def __str__(self) -> str:
        return str(self.material_id)


class SearchWord(models.Model):
    word = models.CharField(max_length=WORD_MAX_LENGTH, unique=True)
    # The index terms the word stands for, separated by spaces.
    terms = models.TextField()
    grams = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = "search vocabulary word"

    def __str__(self) -> str:
        return self.word


class SearchTrigram(models.Model):
    gram = models.CharField(max_length=3)
    word = models.ForeignKey(SearchWord, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "search trigram"
        indexes = [models.Index(fields=["gram", "word"], name="search_trigram_cover")]

    def __str__(self) -> str:
        return self.gram


class SearchIndexState(models.Model):
    fingerprint = models.CharField(max_length=200, blank=True)
    token = models.CharField(max_length=32)
    built_at = models.DateTimeField(null=True, blank=True)
    # New with every pack; empty when the postings were never packed.
    pack = models.CharField(max_length=32, blank=True)
    packed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "search index state"

    def __str__(self) -> str:
        return self.fingerprint
