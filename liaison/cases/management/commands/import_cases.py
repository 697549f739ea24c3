"""`liaison import-cases FILE.csv|FILE.xlsx --user NAME`: cases and exchanges from a CMS export."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.cases.importing import ImportProblems, cases_import
from liaison.cases.models import Case
from liaison.core.history import history_context
from liaison.core.permissions import ADD, user_can


class Command(BaseCommand):
    help = (
        "Import cases and exchanges from a CSV or XLSX file (one row each, column 'record' "
        "saying which). The whole file is checked first, every problem named by row and column; "
        "nothing is kept unless every row is right. Exchanges pass the transfer gate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", required=True, help="the case officer the import is recorded for"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active user “{options['user']}”.")
        if not user_can(user, ADD, Case):
            raise CommandError(f"{user.get_username()} may not record cases (a case officer may).")
        try:
            with history_context(
                actor=user, correlation_id=f"import-cases-{uuid.uuid4().hex[:12]}"
            ):
                summary = cases_import(path=path, user=user)
        except ImportProblems as error:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(f"- {p}" for p in error.problems)
            ) from error
        self.stdout.write(
            f"Imported {summary.cases} cases and {summary.exchanges} exchanges from {path.name}."
        )
