from typing import Any

from django.core.management.base import BaseCommand

from vip.core import crypto


class Command(BaseCommand):
    help = "Print a new key for FIELD_ENCRYPTION_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(crypto.new_key())
