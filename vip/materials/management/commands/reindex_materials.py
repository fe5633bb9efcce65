from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from vip.materials import index


class Command(BaseCommand):
    help = (
        "Rebuild the materials search index from the published items (one transaction: "
        "searches use the old index until it is done). With --check, only say whether the "
        "index was built by the analyser now configured."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Report whether the index is stale (exit status 1 if so); change nothing.",
        )

    def handle(self, *args: Any, check: bool, **options: Any) -> None:
        if check:
            state = index.index_state()
            if index.is_stale():
                built = state.fingerprint if state and state.fingerprint else "never built"
                self.stdout.write(
                    f"The search index is stale ({built}); run reindex_materials to rebuild it."
                )
                raise SystemExit(1)
            self.stdout.write(f"The search index is up to date ({state.fingerprint}).")  # type: ignore[union-attr]
            return
        report = index.rebuild_index(actor=None)
        self.stdout.write(
            f"Indexed {report.items} published items: {report.terms} terms, "
            f"{report.postings} postings, {report.words} vocabulary words "
            f"in {report.seconds:.1f} s."
        )
