from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from vip.demo.seeding import SCALES, Seeder


class Command(BaseCommand):
    help = "Create synthetic demo data (deterministic for a seed; a second run adds nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--no-logins", action="store_true", help="Do not print the demo logins."
        )

    def handle(self, *args: Any, scale: str, seed: int, no_logins: bool, **options: Any) -> None:
        report = Seeder(seed=seed, scale=scale).run()
        created = ", ".join(f"{kind}: {n}" for kind, n in sorted(report.created.items()))
        for note in report.notes:
            self.stdout.write(note)
        self.stdout.write(f"Demo data ({scale}, seed {seed}): created {created or 'nothing new'}.")
        if no_logins:
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo logins (passwords are new on every run):"))
        width = max(len(label) for _role, label, _email, _password in report.logins)
        for _role, label, email, password in report.logins:
            self.stdout.write(f"  {label:<{width}}  {email}  {password}")
        self.stdout.write("")
