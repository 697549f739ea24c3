"""`liaison load-casework`: create the published casework examples that are missing."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.cases.services import CaseworkDataError, casework_load
from liaison.core.history import history_context


class Command(BaseCommand):
    help = (
        "Create the cases, action days and JITs of data/reference/casework.yaml that are not "
        "recorded yet (by reference or key). Never changes or deletes a record."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=None, help="Another file.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"] or Path(settings.REFERENCE_DATA_DIR) / "casework.yaml"
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            with history_context(correlation_id=f"load-casework-{uuid.uuid4().hex[:12]}"):
                counts = casework_load(path=path)
        except CaseworkDataError as error:
            raise CommandError(
                "Nothing was loaded:\n" + "\n".join(f"- {p}" for p in error.problems)
            ) from error
        if counts["created"] == 0:
            self.stdout.write(
                f"Casework examples are all recorded ({counts['present']}): nothing created."
            )
        else:
            self.stdout.write(
                f"Casework examples: {counts['created']} created, "
                f"{counts['present']} already recorded (left as they are)."
            )
