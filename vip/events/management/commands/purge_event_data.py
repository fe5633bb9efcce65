from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from vip.events.services import retention


class Command(BaseCommand):
    help = (
        "Delete the answers to sensitive registration questions EVENTS_SENSITIVE_ANSWER_DAYS "
        "days after an event, and anonymise registrations "
        "EVENTS_REGISTRATION_RETENTION_MONTHS months after it (the organisation becomes its "
        "kind and the personal times their day), keeping the reach figures. "
        "Run daily; a second run changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be done; change nothing."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=retention.BATCH_SIZE,
            help=(
                "Registrations anonymised per transaction; sensitive answers are deleted "
                f"for one event per {retention.REGISTRATIONS_PER_EVENT} of these (at least "
                f"one) per transaction (default {retention.BATCH_SIZE}: "
                f"{retention.events_per_batch(retention.BATCH_SIZE)} events)."
            ),
        )

    def handle(self, *args: Any, dry_run: bool, batch_size: int, **options: Any) -> None:
        try:
            report = retention.purge_event_data(actor=None, dry_run=dry_run, batch_size=batch_size)
        except ValueError as error:
            raise CommandError(str(error)) from error
        sensitive_before = timezone.localtime(report.sensitive_before)
        anonymise_before = timezone.localtime(report.anonymise_before)
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
            delete, anonymise = "Would delete", "Would anonymise"
        else:
            delete, anonymise = "Deleted", "Anonymised"
        self.stdout.write(
            f"{delete} {report.sensitive.rows} answers to sensitive questions of "
            f"{report.sensitive.events} events that ended before {sensitive_before:%d.%m.%Y %H:%M}."
        )
        self.stdout.write(
            f"{anonymise} {report.anonymised.rows} registrations of {report.anonymised.events} "
            f"events that ended before {anonymise_before:%d.%m.%Y %H:%M}, deleting their "
            f"{report.anonymised.answers} answers."
        )
