"""`liaison strategy-snapshot`: store today's progress of every key action (run monthly)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.dates import today
from liaison.strategy.models import Strategy
from liaison.strategy.selectors import current_strategy
from liaison.strategy.services import snapshot_take


class Command(BaseCommand):
    help = "Store the progress of every key action on a date (default today); once per day."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--strategy", help="The strategy's key (default: the current one).")
        parser.add_argument("--date", help="YYYY-MM-DD, default today.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = datetime.date.fromisoformat(options["date"]) if options["date"] else today()
        except ValueError as error:
            raise CommandError(f"--date: “{options['date']}” is not a date YYYY-MM-DD.") from error
        if options["strategy"]:
            strategy = Strategy.objects.filter(key=options["strategy"]).first()
            if strategy is None:
                raise CommandError(f"No strategy has the key “{options['strategy']}”.")
        else:
            strategy = current_strategy()
            if strategy is None:
                raise CommandError("No strategy is loaded: run `liaison load-strategy` first.")
        created, updated = snapshot_take(strategy=strategy, on=on)
        self.stdout.write(
            f"Snapshot of {on.isoformat()}: {created} key actions recorded, {updated} replaced."
        )
