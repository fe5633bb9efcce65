from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from vip.registry.models import Municipality
from vip.vipu import selectors, services
from vip.vipu.models import Campaign


class Command(BaseCommand):
    help = (
        "E-mail the municipal administrators of every municipality that has not named all "
        "its VIPU contacts, and record each reminder. Safe to run daily: a municipality "
        "reminded within --min-days is skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--campaign", type=int, default=None, help="Campaign id (default: the current one)."
        )
        parser.add_argument(
            "--min-days",
            type=int,
            default=7,
            help="Skip municipalities reminded within this many days (default 7).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be sent; send nothing."
        )

    def handle(
        self,
        *args: Any,
        campaign: int | None,
        min_days: int,
        dry_run: bool,
        **options: Any,
    ) -> None:
        if min_days < 0:
            raise CommandError("--min-days cannot be negative.")
        chosen = (
            Campaign.objects.filter(pk=campaign).first()
            if campaign is not None
            else selectors.current_campaign()
        )
        if chosen is None:
            raise CommandError(
                f"No campaign with id {campaign}." if campaign else "No campaign has been started."
            )
        if not chosen.is_open(timezone.localdate()):
            # Nominations are accepted only during the campaign; reminding outside it
            # would ask for something nobody can do.
            self.stdout.write(
                f"Campaign {chosen.pk} ({chosen.name_fi}) runs {chosen.starts_on:%d.%m.%Y}–"
                f"{chosen.ends_on:%d.%m.%Y}; no reminders sent today."
            )
            return
        report = services.send_nomination_reminders(
            actor=None,
            campaign=chosen,
            min_interval=datetime.timedelta(days=min_days),
            dry_run=dry_run,
        )
        verb = "Would send" if dry_run else "Sent"
        self.stdout.write(
            f"{verb} {report.sent} reminders for campaign {chosen.pk} ({chosen.name_fi})."
        )
        self.stdout.write(
            f"Skipped {report.skipped_recent} municipalities reminded within {min_days} days."
        )
        if report.skipped_complete:
            self.stdout.write(
                f"Skipped {report.skipped_complete} municipalities that named their last "
                "contacts meanwhile."
            )
        if report.failed:
            self.stdout.write(
                f"{len(report.failed)} reminders could not be sent (see the log); they are "
                "tried again on the next run:"
            )
            for code, email in report.failed:
                self.stdout.write(f"  {code} {email}")
        if report.without_recipient:
            names = dict(
                Municipality.objects.filter(code__in=report.without_recipient).values_list(
                    "code", "name_fi"
                )
            )
            self.stdout.write(
                f"{len(report.without_recipient)} incomplete municipalities have no "
                "municipal administrator to remind:"
            )
            for code in report.without_recipient:
                self.stdout.write(f"  {code} {names.get(code, '')}")
