"""`liaison demo-data [--countries 75] [--seed 2024] [--replace]`: fictitious demo contacts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.contacts.demo import (
    DEFAULT_COUNTRIES,
    DEFAULT_SEED,
    demo_data_create,
    demo_data_exists,
    demo_data_remove,
)
from liaison.core.dates import today
from liaison.partners.models import Partner


class Command(BaseCommand):
    help = (
        "Generate fictitious, clearly marked demo data (names 'Demo ...', e-mails "
        "@example.invalid): contact points, liaison officers, interactions and a "
        "contact-point meeting. The same seed gives the same data. For demonstrations and "
        "tests, never production."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--countries",
            type=int,
            default=DEFAULT_COUNTRIES,
            help=f"countries with a contact point (default {DEFAULT_COUNTRIES})",
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
        )
        parser.add_argument("--replace", action="store_true", help="remove earlier demo data first")
        parser.add_argument(
            "--cases",
            type=int,
            default=None,
            help="generate this many fictitious demo cases with their exchanges instead "
            "(casework; left out of every figure unless asked)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["cases"] is not None:
            self._cases(options)
            return
        wanted = options["countries"]
        if wanted < 1 or wanted > 240:
            raise CommandError("--countries must be between 1 and 240.")
        if not Partner.objects.exists():
            raise CommandError("The register is empty: run `liaison load-reference` first.")
        if demo_data_exists():
            if not options["replace"]:
                raise CommandError(
                    "Demo data is already there: add --replace to generate it afresh."
                )
            removed = demo_data_remove()
            self.stdout.write(f"Removed {removed} earlier demo records.")
        summary = demo_data_create(countries=wanted, seed=options["seed"], today=today())
        self.stdout.write(
            f"Demo data (fictitious, seed {options['seed']}): {summary.contact_points} contact "
            f"points in {summary.countries} countries and 2 networks, "
            f"{summary.liaison_officers} liaison officers, {summary.interactions} interactions, "
            f"{summary.meetings} contact-point meeting."
            + (
                f" {summary.partners_added} countries not in the register were added, marked "
                "as demo."
                if summary.partners_added
                else ""
            )
        )

    def _cases(self, options: dict[str, Any]) -> None:
        from liaison.cases.demo import demo_cases_create, demo_cases_exist, demo_cases_remove

        count = options["cases"]
        if count < 1 or count > 200_000:
            raise CommandError("--cases must be between 1 and 200000.")
        if not Partner.objects.exists():
            raise CommandError("The register is empty: run `liaison load-reference` first.")
        if demo_cases_exist():
            if not options["replace"]:
                raise CommandError(
                    "Demo cases are already there: add --replace to generate them afresh."
                )
            self.stdout.write(f"Removed {demo_cases_remove()} earlier demo cases.")
        made = demo_cases_create(count=count, seed=options["seed"], today=today())
        self.stdout.write(
            f"Demo caseload (fictitious, seed {options['seed']}): {made.cases} cases "
            f"(references DEMO-..., titles [DEMO]) with {made.exchanges} exchanges. They are "
            "left out of every figure unless asked for."
        )
