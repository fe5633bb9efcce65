from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vip.registry import services


class Command(BaseCommand):
    help = "Load the VIP areas, wellbeing services counties and municipalities (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=services.MUNICIPALITIES_CSV,
            help="Municipality CSV (default: the copy shipped in vip/registry/data/).",
        )

    def handle(self, *args: Any, file: Path | str, **options: Any) -> None:
        file = Path(file)  # call_command() passes the option as given
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        try:
            report = services.load_reference_data(actor=None, path=file)
        except services.ReferenceDataError as error:
            raise CommandError("Nothing was loaded:\n" + "\n".join(error.errors)) from error
        if report.changed_anything:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Reference data loaded: created {report.created}, updated {report.updated}."
                )
            )
        else:
            self.stdout.write("Reference data already up to date; nothing changed.")
