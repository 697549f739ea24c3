"""`liaison generate-casework-scale`: bulk-insert synthetic casework to measure at scale."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from liaison.cases.scale import ScaleRefused, casework_scale_assess, casework_scale_generate


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
        parser.add_argument(
            "--assessed-share",
            type=float,
            default=0.02,
            help="Share of the exchanges made outgoing operational transfers with a synthetic "
            "assessment (derogation, self-assessment or agreement), refusals beside (0.02; 0: "
            "none).",
        )
        parser.add_argument(
            "--assess-only",
            action="store_true",
            help="Add only the assessments, to the synthetic casework already there.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        share = options["assessed_share"]
        try:
            if not options["assess_only"]:
                summary = casework_scale_generate(
                    cases=options["cases"],
                    exchanges=options["exchanges"],
                    seed=options["seed"],
                    force=options["force"],
                )
                self.stdout.write(
                    f"{summary.cases} synthetic cases and {summary.exchanges} exchanges added to "
                    f"{connection.settings_dict['NAME']} over {summary.partners} partners; the "
                    f"busiest is {summary.busiest_partner}."
                )
            if share:
                assessed = casework_scale_assess(share=share, seed=options["seed"])
                self.stdout.write(
                    f"{assessed.transfers} exchanges made operational transfers with a synthetic "
                    f"assessment ({assessed.derogations} derogations, {assessed.self_assessments} "
                    f"self-assessments, {assessed.with_basis} under an agreement); "
                    f"{assessed.refusals} refusals."
                )
        except ScaleRefused as problem:
            raise CommandError(str(problem)) from problem
