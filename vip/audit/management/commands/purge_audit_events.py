from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vip.audit.retention import purge_audit_events


class Command(BaseCommand):
    help = "Delete audit events older than AUDIT_RETENTION_DAYS (default five years). Run daily."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than-days", type=int, default=None)

    def handle(self, *args: Any, older_than_days: int | None, **options: Any) -> None:
        try:
            deleted = purge_audit_events(older_than_days=older_than_days)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Deleted {deleted} audit events past their retention period.")
