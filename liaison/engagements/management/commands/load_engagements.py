"""`liaison load-engagements`: load or refresh the projects and engagements of the seeds."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.history import history_context
from liaison.engagements.services import EngagementsDataError, engagements_load


class Command(BaseCommand):
    help = (
        "Load or refresh data/reference/engagements.yaml (after the reference data and strategy). "
        "Records changed or recorded in the app are reported and kept, never overwritten."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=None, help="Another file.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"] or Path(settings.REFERENCE_DATA_DIR) / "engagements.yaml"
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            with history_context(correlation_id=f"load-engagements-{uuid.uuid4().hex[:12]}"):
                tally = engagements_load(path=path)
        except EngagementsDataError as error:
            raise CommandError(error.text()) from error
        self.stdout.write(
            tally.summary(
                what="Engagements and projects",
                up_to_date="Engagements and projects are up to date: nothing changed.",
            )
        )
