"""`liaison engagements-retention [--dry-run]`: anonymise the participants of engagements
that ended more than LIAISON_ENGAGEMENT_PARTICIPANT_RETENTION_DAYS ago."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from liaison.engagements.services import (
    engagement_participants_anonymise,
    engagement_participants_history_redact_anonymised,
)


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
            count = len(engagement_participants_anonymise())
            rewritten = (
                engagement_participants_history_redact_anonymised()
                if options["redact_earlier"]
                else None
            )
            if options["dry_run"]:
                transaction.set_rollback(True)
        if rewritten is not None:
            done_or_not = "would be redacted" if options["dry_run"] else "redacted"
            self.stdout.write(
                f"{rewritten} history entry(ies) of earlier anonymisations {done_or_not}."
            )
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
