"""`liaison generate-scale-data --size small|agency|large [--seed N] [--force]`."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from liaison.reference.scale import ScaleDataError, scale_data_generate, scale_sizes


class Command(BaseCommand):
    help = (
        "Fill this (separate, scratch) database with synthetic, clearly marked records at a "
        "large agency's scale, to measure Liaison against. Written in bulk: never on a "
        "production register."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=list(scale_sizes()), default="small")
        parser.add_argument("--seed", type=int, default=13, help="random seed (default 13)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="write even if the database holds records that are not synthetic",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        name = connection.settings_dict.get("NAME")
        self.stdout.write(f"Generating {options['size']} synthetic data into {name}...")
        try:
            counts = scale_data_generate(
                size=options["size"], seed=options["seed"], force=options["force"]
            )
        except ScaleDataError as error:
            raise CommandError(str(error)) from error
        for kind, count in counts.items():
            self.stdout.write(f"  {kind}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic data (seed {options['seed']}) written in "
                f"{time.monotonic() - started:.0f} s."
            )
        )
