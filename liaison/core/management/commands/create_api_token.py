"""`liaison create-api-token USER`: a new API token for a user, its key printed once."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a user and print its key (shown only this once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="the user the token acts for")
        parser.add_argument("--name", default="command line", help="what the token is for")
        parser.add_argument(
            "--days",
            type=int,
            default=settings.API_TOKEN_DEFAULT_DAYS,
            help=f"how many days it lasts (default {settings.API_TOKEN_DEFAULT_DAYS}, "
            f"at most {settings.API_TOKEN_MAX_DAYS})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"There is no user named {options['username']!r}.")
        if not user.is_active:
            raise CommandError(f"The account {options['username']!r} is disabled.")
        try:
            token, key = api_token_create(user=user, name=options["name"], days=options["days"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Token for {user.get_username()}, valid until {token.expires:%Y-%m-%d}:")
        self.stdout.write(key)
        self.stdout.write(
            "Send it as the header 'Authorization: Token <key>'. It is not shown again."
        )
