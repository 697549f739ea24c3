"""`liaison strategy-report`: write the progress report as PDF or CSV to a file."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.csv_export import spreadsheet_safe
from liaison.core.filtersets import parse_as_of
from liaison.strategy.report import CSV_HEADER, demo_notice, report_pdf, report_rows
from liaison.strategy.selectors import current_strategy, strategy_progress


class Command(BaseCommand):
    help = "Write the strategy progress report (PDF or CSV) computed from the register."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", type=Path, help="The file to write (.pdf or .csv).")
        parser.add_argument("--as-of", help="YYYY-MM-DD, default today.")
        parser.add_argument(
            "--include-demo",
            action="store_true",
            help="Count the demo records of `liaison demo-data` (left out by default).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        if output.suffix.lower() not in (".pdf", ".csv"):
            raise CommandError("The output file must end in .pdf or .csv.")
        try:
            on = parse_as_of(options["as_of"])
        except ValueError as error:
            raise CommandError(
                f"--as-of: “{options['as_of']}” is not a date YYYY-MM-DD."
            ) from error
        strategy = current_strategy()
        if strategy is None:
            raise CommandError("No strategy is loaded: run `liaison load-strategy` first.")
        progress = strategy_progress(strategy=strategy, on=on, include_demo=options["include_demo"])
        try:
            if output.suffix.lower() == ".pdf":
                output.write_bytes(report_pdf(progress))
            else:
                with output.open("w", encoding="utf-8-sig", newline="") as handle:
                    writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
                    writer.writerow(CSV_HEADER)
                    for row in report_rows(progress):
                        writer.writerow([spreadsheet_safe(cell) for cell in row])
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from error
        self.stdout.write(f"Report of {progress.on.isoformat()} written to {output}.")
        if progress.demo_records:
            self.stdout.write(demo_notice(progress))
