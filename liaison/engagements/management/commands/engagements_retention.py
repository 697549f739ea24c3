"""`liaison engagements-retention [--dry-run]`: anonymise the participants of engagements
that ended more than LIAISON_ENGAGEMENT_PARTICIPANT_RETENTION_DAYS ago."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from liaison.engagements.services import engagement_participants_anonymise


class Command(BaseCommand):
    help = (
        "Anonymise the participants of engagements that ended more than "
        "LIAISON_ENGAGEMENT_PARTICIPANT_RETENTION_DAYS ago: their names are removed; "
        "organisation, role and partner are kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be anonymised, change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            count = len(engagement_participants_anonymise())
            if options["dry_run"]:
                transaction.set_rollback(True)
        days = settings.ENGAGEMENT_PARTICIPANT_RETENTION_DAYS
        verb = "would be anonymised" if options["dry_run"] else "anonymised"
        if count == 0:
            self.stdout.write(
                f"No participant of an engagement that ended more than {days} days ago is "
                "left to anonymise: nothing to do."
            )
        else:
            self.stdout.write(
                f"{count} participant(s) of engagements that ended more than {days} days ago "
                f"{verb}; their organisation, role and partner are kept."
            )
