from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from vip.materials import imports


class Command(BaseCommand):
    help = (
        "Import materials from a JSON Lines file (one item per line; see vip/materials/imports.py "
        "for the fields). Every line is checked first; if any is bad, nothing is written. "
        "Re-importing an external_id updates that item."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The .jsonl file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and count what would change; write nothing.",
        )
        parser.add_argument(
            "--lang",
            choices=["fi", "sv", "en"],
            help="Language of the messages (default: the site's default language).",
        )

    def handle(
        self, *args: Any, file: Path | str, dry_run: bool, lang: str | None, **options: Any
    ) -> None:
        with translation.override(lang or translation.get_language()):
            self._import(Path(file), dry_run=dry_run)

    def _import(self, path: Path, *, dry_run: bool) -> None:
        if not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": path})
        try:
            with path.open("rb") as source:
                report = imports.import_materials(source, dry_run=dry_run, name=path.name)
        except imports.ImportRejected as rejected:
            raise CommandError(self._rejection(rejected)) from None
        self.stdout.write(self.style.SUCCESS(self._summary(report)))

    def _rejection(self, rejected: imports.ImportRejected) -> str:
        shown = rejected.errors[: imports.MAX_REPORTED_ERRORS]
        lines = [
            _("Nothing was imported. Lines with errors: %(bad)d of %(lines)d.")
            % {"bad": rejected.bad_lines, "lines": rejected.lines},
            *(str(error) for error in shown),
        ]
        hidden = len(rejected.errors) - len(shown)
        if hidden:
            lines.append(_("… and %(count)d more errors.") % {"count": hidden})
        return "\n".join(lines)

    def _summary(self, report: imports.ImportReport) -> str:
        counts = {
            "lines": report.lines,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "published": report.published,
        }
        if report.dry_run:
            return (
                _(
                    "Dry run, nothing written. Items checked: %(lines)d. Would be created: "
                    "%(created)d, updated: %(updated)d (published by the import: %(published)d), "
                    "unchanged: %(unchanged)d."
                )
                % counts
            )
        return (
            _(
                "Items imported: %(lines)d. Created: %(created)d, updated: %(updated)d "
                "(published by the import: %(published)d), unchanged: %(unchanged)d."
            )
            % counts
        )
