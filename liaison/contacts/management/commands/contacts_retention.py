"""`liaison contacts-retention [--dry-run]`: anonymise lapsed and withdrawn contact points
past LIAISON_CONTACT_RETENTION_DAYS, keeping their appointments and interactions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from liaison.contacts.services import contact_points_anonymise


class Command(BaseCommand):
    help = (
        "Anonymise contact points that lapsed or were withdrawn more than "
        "LIAISON_CONTACT_RETENTION_DAYS ago: name, e-mail and telephone are removed; the "
        "appointment history and interactions are kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be anonymised, change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            done = contact_points_anonymise()
            count = len(done)
            if options["dry_run"]:
                transaction.set_rollback(True)
        days = settings.CONTACT_RETENTION_DAYS
        verb = "would be anonymised" if options["dry_run"] else "anonymised"
        if count == 0:
            self.stdout.write(f"No contact point ended more than {days} days ago: nothing to do.")
        else:
            self.stdout.write(
                f"{count} contact point(s) that ended more than {days} days ago {verb}; "
                "their appointments and interactions are kept."
            )
