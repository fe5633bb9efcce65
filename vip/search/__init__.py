"""Finnish-, Swedish- and English-aware text analysis for the materials search.

The analyser turns text into normalised terms (lemmas, compound parts, fallback stems) that
an index stores itself, so that SQLite and PostgreSQL rank identically without relying on
either database's own stemmer. Entry points live in :mod:`vip.search.analysis`.
"""
