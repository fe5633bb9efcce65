from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction

from vip.accounts import services
from vip.accounts.models import User
from vip.accounts.roles import Role


class Command(BaseCommand):
    help = (
        "Create the first national administrator of a new installation and print a link "
        "for choosing the password."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--given-name", required=True)
        parser.add_argument("--family-name", required=True)
        parser.add_argument(
            "--language", default="fi", choices=[c for c, _ in User.Language.choices]
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not a valid e-mail address: {email}") from error
        if User.objects.filter(email=email).exists():
            raise CommandError(f"A user with the address {email} already exists.")
        with transaction.atomic():
            user = services.user_create(
                actor=None,
                email=email,
                given_name=options["given_name"],
                family_name=options["family_name"],
                language=options["language"],
            )
            services.role_grant(actor=None, user=user, role=Role.NATIONAL_ADMIN)
        self.stdout.write(self.style.SUCCESS(f"National administrator {email} created."))
        self.stdout.write(f"Choose the password within seven days: {services.invitation_url(user)}")
