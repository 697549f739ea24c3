from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.reference.loader import ReferenceDataError, reference_load


class Command(BaseCommand):
    help = (
        "Load the reference dataset (partners, regions, instruments, sources) into the "
        "register. Safe to run again: records already up to date are left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--directory",
            type=Path,
            default=settings.REFERENCE_DATA_DIR,
            help="Folder holding sources.yaml, regions.yaml, partners.yaml and instruments.yaml "
            "(default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        try:
            report = reference_load(directory=directory)
        except ReferenceDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.summary())
