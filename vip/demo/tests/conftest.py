"""The seeded demo, built once per test module: seeding takes seconds."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from vip.demo.seeding import Seeder, SeedReport


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[SeedReport]:
    """The small demo (seed 1), rolled back when the module's tests are done.

    Each test still runs in a savepoint of its own (the ``db`` fixture), so what a
    test changes does not leak into the next one. The e-mails nominations send on
    commit are never sent, since nothing commits.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            report = Seeder(seed=1, scale="small").run()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    try:
        yield report
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
