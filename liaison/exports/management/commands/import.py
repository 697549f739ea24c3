"""`liaison import KIND FILE --user NAME [--dry-run]`: a bulk import from a CSV or XLSX file,
the same as the web's (preview, then the import kept only if every row holds)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.spreadsheet_import import CHANGE, CREATE, UNCHANGED, ImportFileError
from liaison.exports.importing import IMPORT_KINDS, import_allowed, import_file, import_kind


class Command(BaseCommand):
    help = (
        "Import rows of a CSV or XLSX file: " + ", ".join(IMPORT_KINDS) + ". Every row is "
        "checked first and every problem named by row and column; nothing is kept unless "
        "every row holds. --dry-run says what would be done and keeps nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(IMPORT_KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="who the import is recorded for")
        parser.add_argument("--dry-run", action="store_true", help="check only, keep nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} does not exist.")
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active user “{options['user']}”.")
        kind = import_kind(options["kind"])
        if not import_allowed(kind, user):
            raise CommandError(f"{user.get_username()} may not import {kind.key}.")
        try:
            report = import_file(kind=kind, path=path, user=user, dry_run=options["dry_run"])
        except ImportFileError as error:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(f"- {p}" for p in error.problems)
            ) from error
        if not report.ok:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(f"- {p}" for p in report.problem_lines())
            )
        counts = (
            f"{report.count(CREATE)} created, {report.count(CHANGE)} changed, "
            f"{report.count(UNCHANGED)} unchanged"
        )
        if options["dry_run"]:
            self.stdout.write(f"Dry run of {path.name}: would be {counts}; nothing was kept.")
        else:
            self.stdout.write(f"Imported {path.name}: {counts}.")
