"""`liaison load-engagements`: load or refresh the projects and engagements of the seeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.engagements.services import engagements_load
from liaison.strategy.services import StrategyDataError


class Command(BaseCommand):
    help = (
        "Load or refresh data/reference/engagements.yaml (after the reference data and strategy)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=None, help="Another file.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"] or Path(settings.REFERENCE_DATA_DIR) / "engagements.yaml"
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            counts = engagements_load(path=path)
        except StrategyDataError as error:
            raise CommandError(
                "Nothing was loaded:\n" + "\n".join(f"- {p}" for p in error.problems)
            ) from error
        if counts["created"] == 0 and counts["updated"] == 0:
            self.stdout.write("Engagements and projects are up to date: nothing changed.")
        else:
            self.stdout.write(
                f"Engagements and projects loaded: {counts['created']} created, "
                f"{counts['updated']} updated, {counts['unchanged']} unchanged."
            )
