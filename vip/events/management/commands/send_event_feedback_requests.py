"""Daily: mail the feedback link to the attendees of events that ended lately."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vip.events.services import feedback


class Command(BaseCommand):
    help = (
        "Mail a personal feedback link to the attendees of published events that ended "
        "within the last days, and at least "
        f"{feedback.FEEDBACK_REQUEST_DELAY.total_seconds() / 3600:g} hours ago so that "
        "attendance can be marked first; everyone is asked once, and those whose mail "
        "failed again on the next run. Run daily (cron or a systemd timer)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=feedback.FEEDBACK_REQUEST_DAYS,
            help="Events that ended at most this many days ago (default %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days < 1:
            raise CommandError("--days must be at least 1.")
        run = feedback.feedback_requests_due(days=days)
        self.stdout.write(
            self.style.SUCCESS(
                f"Feedback requested on {run.events} event(s) from {run.requests} participant(s)."
            )
        )
