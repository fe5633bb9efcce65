from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from vip.materials import index


class Command(BaseCommand):
    help = (
        "Rebuild the materials search index from the published items (one transaction: "
        "searches use the old index until it is done). With --check, only say whether the "
        "index was built by the analyser now configured; with --pack, only pack the postings "
        "again (fast, nothing re-analysed: run it nightly)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Report whether the index is stale (exit status 1 if so); change nothing.",
        )
        parser.add_argument(
            "--pack",
            action="store_true",
            help="Pack each term's postings into one row again, taking in the items saved "
            "since the last pack (searches slow down slightly as those accumulate).",
        )

    def handle(self, *args: Any, check: bool, pack: bool, **options: Any) -> None:
        if check and pack:
            raise CommandError("Give --check or --pack, not both.")
        if pack:
            changed = index.changes_since_pack()
            terms = index.pack_index()
            self.stdout.write(
                f"Packed the postings of {terms} terms "
                f"({changed} items changed since the last pack)."
            )
            return
        if check:
            state = index.index_state()
            if index.is_stale():
                built = state.fingerprint if state and state.fingerprint else "never built"
                self.stdout.write(
                    f"The search index is stale ({built}); run reindex_materials to rebuild it."
                )
                raise SystemExit(1)
            assert state is not None  # not stale
            packed = (
                f"{index.changes_since_pack()} items changed since the postings were packed "
                f"at {timezone.localtime(state.packed_at):%Y-%m-%d %H:%M}."
                if state.pack and state.packed_at
                else "the postings were never packed: run reindex_materials --pack."
            )
            self.stdout.write(f"The search index is up to date ({state.fingerprint}); {packed}")
            return
        report = index.rebuild_index(actor=None)
        self.stdout.write(
            f"Indexed {report.items} published items: {report.terms} terms, "
            f"{report.postings} postings, {report.words} vocabulary words "
            f"in {report.seconds:.1f} s."
        )
