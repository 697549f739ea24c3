"""`liaison generate-casework-scale`: bulk-insert synthetic casework to measure at scale."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from liaison.cases.scale import ScaleRefused, casework_scale_generate


class Command(BaseCommand):
    help = (
        "Add synthetic cases and exchanges (references SCALE-..., titles [SYNTHETIC]) to a "
        "database kept for scale measurements; refuses a database holding other casework "
        "unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=200_000)
        parser.add_argument("--exchanges", type=int, default=2_000_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--force", action="store_true", help="Add them even beside casework not generated."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = casework_scale_generate(
                cases=options["cases"],
                exchanges=options["exchanges"],
                seed=options["seed"],
                force=options["force"],
            )
        except ScaleRefused as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(
            f"{summary.cases} synthetic cases and {summary.exchanges} exchanges added to "
            f"{connection.settings_dict['NAME']} over {summary.partners} partners; the busiest "
            f"is {summary.busiest_partner}."
        )
