"""`liaison load-crime-priorities`: load or refresh the EU crime priorities (EMPACT cycles)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.history import history_context
from liaison.necessity.services import CrimePrioritiesDataError, crime_priorities_load


class Command(BaseCommand):
    help = (
        "Load or refresh data/reference/crime_priorities.yaml (after the reference data, whose "
        "sources it cites). Records changed or recorded in the app are reported and kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=None, help="Another file.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"] or Path(settings.REFERENCE_DATA_DIR) / "crime_priorities.yaml"
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            with history_context(correlation_id=f"load-crime-priorities-{uuid.uuid4().hex[:12]}"):
                tally = crime_priorities_load(path=path)
        except CrimePrioritiesDataError as error:
            raise CommandError(error.text()) from error
        self.stdout.write(
            tally.summary(
                what="Crime priorities",
                up_to_date="Crime priorities are up to date: nothing changed.",
            )
        )
