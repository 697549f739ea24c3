"""`liaison necessity-report FILE.pdf|FILE.csv`: the necessity ranking (or a saved analysis,
exactly as saved) as a file, from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.csv_export import spreadsheet_safe
from liaison.necessity.engine import Weights
from liaison.necessity.forms import NecessityParametersForm
from liaison.necessity.models import SavedAnalysis
from liaison.necessity.report import CSV_HEADER, ranking_pdf, ranking_rows
from liaison.necessity.selectors import necessity_ranking


class Command(BaseCommand):
    help = (
        "Write the operational-necessity ranking as PDF or CSV (by the file's extension). "
        "Weights may be given as --weight NAME=VALUE (volume, seriousness, operations, "
        "structural, other_crime, min_exchanges, structural_min, agreement_score)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="FILE.pdf or FILE.csv")
        parser.add_argument("--as-of", default="", help="Last day of the window (YYYY-MM-DD).")
        parser.add_argument("--window", default="", help="Years counted (1 to 10; 3).")
        parser.add_argument(
            "--compare-on",
            default="",
            metavar="YYYY-MM-DD",
            help="The day the strategy comparison ranks the partners as of (its adoption).",
        )
        parser.add_argument(
            "--weight", action="append", default=[], metavar="NAME=VALUE", help="A weight."
        )
        parser.add_argument(
            "--include-demo", action="store_true", help="Count the fictitious demo records."
        )
        parser.add_argument(
            "--analysis", type=int, default=None, help="Write this saved analysis, as saved."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        kind = path.suffix.lower()
        if kind not in (".pdf", ".csv"):
            raise CommandError("Give a file name ending in .pdf or .csv.")
        if not path.absolute().parent.is_dir():
            raise CommandError(f"Cannot write {path}: the folder {path.parent} does not exist.")
        if options["analysis"] is not None:
            analysis = SavedAnalysis.objects.filter(pk=options["analysis"]).first()
            if analysis is None:
                raise CommandError(f"There is no saved analysis {options['analysis']}.")
            ranking, title = analysis.result, f"Operational necessity: saved analysis {analysis.pk}"
        else:
            ranking, title = self._ranking(options), "Operational necessity"
        if kind == ".pdf":
            path.write_bytes(ranking_pdf(ranking, title=title))
        else:
            import csv

            with path.open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out, quoting=csv.QUOTE_ALL)
                writer.writerow(CSV_HEADER)
                for row in ranking_rows(ranking):
                    writer.writerow([spreadsheet_safe(value) for value in row])
        top = ", ".join(
            f"{row['rank']}. {row['code']} ({row['recommendation_text']})"
            for row in ranking["ranked"][:5]
        )
        self.stdout.write(
            f"Wrote {path} ({ranking['start']} to {ranking['end']}). Top: {top or '-'}"
        )

    def _ranking(self, options: dict[str, Any]) -> dict[str, Any]:
        weights = dict(
            (name.strip(), value.strip())
            for name, _, value in (item.partition("=") for item in options["weight"])
        )
        # Only weights: the window, the date and the demo records have their own options.
        unknown = sorted(set(weights) - set(Weights.names()))
        data: dict[str, Any] = {
            **weights,
            "as_of": options["as_of"],
            "window": options["window"],
            "compare_on": options["compare_on"],
        }
        form = NecessityParametersForm(data)
        if unknown:
            raise CommandError(f"Unknown weight: {', '.join(unknown)}.")
        if options["include_demo"]:
            data["include_demo"] = "on"
            form = NecessityParametersForm(data)
        if not form.is_valid():
            raise CommandError(
                "; ".join(
                    f"--{name.replace('_', '-')}: {' '.join(errors)}"
                    for name, errors in form.errors.items()
                )
            )
        return necessity_ranking(params=form.parameters())
