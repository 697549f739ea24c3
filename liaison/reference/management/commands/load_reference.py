from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.history import history_context
from liaison.reference.loader import ReferenceDataError, reference_load


class Command(BaseCommand):
    help = (
        "Load the reference dataset (sources, regions, partners, instruments, liaison "
        "prosecutors' posts) into the register. Safe to run again: records already up to "
        "date are left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--directory",
            type=Path,
            default=settings.REFERENCE_DATA_DIR,
            help="Folder holding sources.yaml, regions.yaml, partners.yaml, instruments.yaml "
            "and liaison_officers.yaml (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        try:
            # The history names this run as the request behind every change it makes.
            with history_context(correlation_id=f"load-reference-{uuid.uuid4().hex[:12]}"):
                report = reference_load(directory=directory)
        except ReferenceDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.summary())
