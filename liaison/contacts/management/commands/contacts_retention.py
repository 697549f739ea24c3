"""`liaison contacts-retention [--dry-run]`: anonymise lapsed and withdrawn contact points
past LIAISON_CONTACT_RETENTION_DAYS, keeping their appointments and interactions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from liaison.contacts.services import (
    contact_points_anonymise,
    contact_points_history_redact_anonymised,
)


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
        parser.add_argument(
            "--redact-earlier",
            action="store_true",
            help=(
                "also remove the old values from the change history of those anonymised "
                "before anonymisation did so itself (once, after upgrading)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            done = contact_points_anonymise()
            count = len(done)
            rewritten = (
                contact_points_history_redact_anonymised() if options["redact_earlier"] else None
            )
            if options["dry_run"]:
                transaction.set_rollback(True)
        if rewritten is not None:
            done_or_not = "would be redacted" if options["dry_run"] else "redacted"
            self.stdout.write(
                f"{rewritten} history entry(ies) of earlier anonymisations {done_or_not}."
            )
        days = settings.CONTACT_RETENTION_DAYS
        verb = "would be anonymised" if options["dry_run"] else "anonymised"
        if count == 0:
            self.stdout.write(f"No contact point ended more than {days} days ago: nothing to do.")
        else:
            self.stdout.write(
                f"{count} contact point(s) that ended more than {days} days ago {verb}; "
                "their appointments and interactions are kept."
            )
