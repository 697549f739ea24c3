"""`liaison load-strategy`: load or refresh the strategy's priorities and key actions."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.history import history_context
from liaison.strategy.services import StrategyDataError, strategy_load


def default_path() -> Path:
    return Path(settings.REFERENCE_DATA_DIR) / "strategy.yaml"


class Command(BaseCommand):
    help = (
        "Load or refresh the strategy (data/reference/strategy.yaml); idempotent. Records "
        "changed or recorded in the app are reported and kept, never overwritten."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=None, help="Another strategy file.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"] or default_path()
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            with history_context(correlation_id=f"load-strategy-{uuid.uuid4().hex[:12]}"):
                tally = strategy_load(path=path)
        except StrategyDataError as error:
            raise CommandError(error.text()) from error
        self.stdout.write(
            tally.summary(
                what="Strategy", up_to_date="The strategy is up to date: nothing changed."
            )
        )
