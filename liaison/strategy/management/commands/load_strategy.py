"""`liaison load-strategy`: load or refresh the strategy's priorities and key actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.strategy.services import StrategyDataError, strategy_load


def default_path() -> Path:
    return Path(settings.REFERENCE_DATA_DIR) / "strategy.yaml"


class Command(BaseCommand):
    help = "Load or refresh the strategy (data/reference/strategy.yaml); idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=None, help="Another strategy file.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"] or default_path()
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            counts = strategy_load(path=path)
        except StrategyDataError as error:
            raise CommandError(
                "Nothing was loaded:\n" + "\n".join(f"- {p}" for p in error.problems)
            ) from error
        if counts["created"] == 0 and counts["updated"] == 0:
            self.stdout.write("The strategy is up to date: nothing changed.")
        else:
            self.stdout.write(
                f"Strategy loaded: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged."
            )
