"""Statements written as SQL text, for the few reads that every search or page makes.

Building a statement through the ORM costs a few tenths of a millisecond; for a look-up
by key that the database answers in a twentieth of that, and that runs for every
request (the data versions of a cached page, the terms of a query word, a page of
hits), the ORM's share was most of the cost. These reads stay plain: a table, its
columns, ``IN`` over parameters. Other reads use the ORM, except the search index's own
statements (vip.materials.index), written as SQL for what they compute.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model

#: Values per statement (SQLite's older limit on parameters is 999).
CHUNK = 900


def _table(model: type[Model]) -> str:
    """The model's table name, quoted for the database."""
    return connection.ops.quote_name(model._meta.db_table)


def select_in(
    model: type[Model], columns: str, column: str, values: Sequence[Any], *, extra: str = ""
) -> list[tuple[Any, ...]]:
    """The rows of ``SELECT columns FROM model's table WHERE column IN (values) extra``.

    ``columns``, ``column`` and ``extra`` (further conditions, an ORDER BY) are SQL that
    the caller writes, never input; the values are parameters. More values than
    ``CHUNK`` take a statement per chunk, so an ORDER BY holds within each chunk only
    (callers that need one order pass sorted values and order by ``column`` first).
    """
    rows: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), CHUNK):
            chunk = list(values[start : start + CHUNK])
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT {columns} FROM {_table(model)} WHERE {column} IN ({marks}) {extra}",  # noqa: S608 - see the docstring
                chunk,
            )
            rows.extend(cursor.fetchall())
    return rows
