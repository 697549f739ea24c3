"""The shape every retention command shares: anonymise what is past its period, in one
transaction, optionally redact the history of earlier anonymisations, and say what was done
(or, with --dry-run, what would be)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction


class RetentionCommand(BaseCommand):
    """Subclasses name the two services and the sentences; the flow is this one."""

    def anonymise(self) -> list[Any]:
        raise NotImplementedError

    def redact_earlier(self) -> int:
        raise NotImplementedError

    def retention_days(self) -> int:
        raise NotImplementedError

    def nothing_to_do(self, days: int) -> str:
        raise NotImplementedError

    def done(self, count: int, days: int, verb: str) -> str:
        raise NotImplementedError

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
            count = len(self.anonymise())
            rewritten = self.redact_earlier() if options["redact_earlier"] else None
            if options["dry_run"]:
                transaction.set_rollback(True)
        if rewritten is not None:
            done_or_not = "would be redacted" if options["dry_run"] else "redacted"
            self.stdout.write(
                f"{rewritten} history entry(ies) of earlier anonymisations {done_or_not}."
            )
        days = self.retention_days()
        verb = "would be anonymised" if options["dry_run"] else "anonymised"
        self.stdout.write(self.nothing_to_do(days) if count == 0 else self.done(count, days, verb))
